import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gigs } from '../../../src/db/schema/index.js';
import { marketDay } from '../../../src/time.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { gigInput, POST_GIG, postGig, verifiedEmployer } from '../../support/gigs.js';
import { adminToken, registerEmployer, registerWorker } from '../../support/people.js';
import { connectSocket, waitFor } from '../../support/sockets.js';

const HOUR = 3_600_000;
type Errors = {
  message: string;
  extensions?: { code?: string; field?: string; problems?: { field: string }[]; [k: string]: unknown };
}[];

let t: TestApp;
let employer: Awaited<ReturnType<typeof verifiedEmployer>>;
let minimumFen: number;

beforeAll(async () => {
  t = await createTestApp();
  employer = await verifiedEmployer(t);
  const { data } = await t.gql<{ region: { minHourlyWageFen: number } }>(
    '{ region(code: "370832") { minHourlyWageFen } }',
  );
  minimumFen = data?.region.minHourlyWageFen as number;
});
afterAll(() => t?.close());

async function postErrors(overrides: Record<string, unknown>, token = employer.token): Promise<Errors> {
  const { data, errors } = await t.gql(POST_GIG, { input: gigInput(overrides) }, token);
  expect(data?.postGig ?? null).toBeNull();
  return (errors ?? []) as Errors;
}

const gigCount = async () => (await t.app.db.select({ n: count() }).from(gigs))[0]?.n ?? 0;

describe('posting a gig', () => {
  it('posts an OPEN gig with its trades, place and hourly-equivalent pay', async () => {
    expect(minimumFen).toBeGreaterThan(1000);
    const gig = await postGig(t, employer.token);
    expect(gig).toMatchObject({
      status: 'OPEN',
      filled: 0,
      headcount: 3,
      payUnit: 'DAY',
      hourlyFen: Math.floor(20_000 / 9),
      employer: { id: employer.id },
      skills: [{ code: 'welder', name: '焊工' }],
      region: { code: '370832', name: '梁山县' },
    });
  });

  it('refuses an employer the bureau has not verified', async () => {
    const unverified = await registerEmployer(t);
    const [error] = await postErrors({}, unverified.token);
    expect(error?.extensions?.code).toBe('EMPLOYER_NOT_VERIFIED');
    expect(error?.message).toContain('还没有通过审核');
  });

  it('refuses a worker', async () => {
    const worker = await registerWorker(t);
    const [error] = await postErrors({}, worker.token);
    expect(error?.extensions?.code).toBe('FORBIDDEN');
  });

  it('reports every wrong field at once and writes nothing', async () => {
    const before = await gigCount();
    const [error] = await postErrors({
      title: '焊',
      headcount: 0,
      startsAt: new Date(Date.now() - HOUR).toISOString(),
      regionCode: '999999',
      location: { lat: 116.1, lng: 35.8 },
      skills: ['no-such-trade'],
      payDueDays: 90,
    });
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = error?.extensions?.problems?.map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'title',
        'headcount',
        'startsAt',
        'regionCode',
        'location',
        'skills',
        'payDueDays',
      ]),
    );
    expect(await gigCount()).toBe(before);
  });

  it.each([
    [{ headcount: 501 }, 'headcount'],
    // An end before the start (gigInput starts at 00:00 UTC a day and a half ahead, whatever the hour).
    [{ endsAt: new Date(new Date(gigInput().startsAt).getTime() - HOUR).toISOString() }, 'endsAt'],
    [{ startsAt: new Date(Date.now() + 100 * 24 * HOUR).toISOString() }, 'startsAt'],
    [{ regionCode: '370800' }, 'regionCode'],
    [{ address: '梁山' }, 'address'],
    [{ payFen: 0 }, 'payFen'],
    [{ searchRadiusKm: 500 }, 'searchRadiusKm'],
  ])('names the field when %j is wrong', async (overrides, field) => {
    const [error] = await postErrors(overrides);
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('lets a gig span several days when it says its hours per day', async () => {
    const start = new Date(gigInput().startsAt);
    const week = { endsAt: new Date(start.getTime() + 6 * 24 * HOUR + 9 * HOUR).toISOString() };
    const [missing] = await postErrors({ ...week, payUnit: 'DAY' });
    expect(missing?.extensions?.field).toBe('hoursPerDay');
    const gig = await postGig(t, employer.token, {
      ...week,
      payUnit: 'DAY',
      payFen: 25_000,
      hoursPerDay: 10,
    });
    expect(gig.hourlyFen).toBe(2500);
  });
});

describe('the minimum wage', () => {
  it('refuses 5 yuan a day, naming the minimum and the computed rate', async () => {
    const [error] = await postErrors({ payFen: 500, payUnit: 'DAY' });
    expect(error?.extensions).toMatchObject({
      code: 'BELOW_MINIMUM_WAGE',
      minimumHourlyFen: minimumFen,
      hourlyFen: Math.floor(500 / 9),
    });
    expect(error?.message).toContain(`${(minimumFen / 100).toFixed(2)} 元`);
    expect(error?.message).toContain('0.55 元');
  });

  it('holds each pay unit against the minimum as an hourly rate', async () => {
    const start = new Date(gigInput().startsAt);
    const threeDays = new Date(start.getTime() + 2 * 24 * HOUR + 8 * HOUR).toISOString();
    const cases: [Record<string, unknown>, number][] = [
      [{ payUnit: 'HOUR', payFen: minimumFen }, minimumFen],
      [{ payUnit: 'DAY', payFen: minimumFen * 9 }, minimumFen],
      [{ payUnit: 'TOTAL', payFen: minimumFen * 24, endsAt: threeDays, hoursPerDay: 8 }, minimumFen],
      [
        { payUnit: 'PIECE', payFen: 50, piecesPerHour: Math.ceil(minimumFen / 50) },
        50 * Math.ceil(minimumFen / 50),
      ],
    ];
    for (const [overrides, hourly] of cases) {
      expect((await postGig(t, employer.token, overrides)).hourlyFen).toBe(hourly);
    }
    const below: Record<string, unknown>[] = [
      { payUnit: 'HOUR', payFen: minimumFen - 1 },
      { payUnit: 'DAY', payFen: minimumFen * 9 - 9 },
      { payUnit: 'TOTAL', payFen: minimumFen * 24 - 24, endsAt: threeDays, hoursPerDay: 8 },
      { payUnit: 'PIECE', payFen: 50, piecesPerHour: Math.floor((minimumFen - 1) / 50) },
    ];
    for (const overrides of below) {
      const [error] = await postErrors(overrides);
      expect(error?.extensions?.code, JSON.stringify(overrides)).toBe('BELOW_MINIMUM_WAGE');
    }
  });

  it('asks piece pay for its pieces per hour', async () => {
    const [error] = await postErrors({ payUnit: 'PIECE', payFen: 50 });
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'piecesPerHour' });
  });

  it('uses the minimum in force on the day of the work', async () => {
    const raiseFrom = marketDay(new Date(Date.now() + 4 * 24 * HOUR));
    const { errors } = await t.gql(
      'mutation ($f: String) { setMinimumWage(regionCode: "370832", hourlyFen: 9000, effectiveFrom: $f) { code } }',
      { f: raiseFrom },
      await adminToken(t),
    );
    expect(errors).toBeUndefined();
    await postGig(t, employer.token); // before the raise: 22.22 元 an hour is enough
    const later = new Date(Date.now() + 6 * 24 * HOUR);
    const [error] = await postErrors({
      startsAt: later.toISOString(),
      endsAt: new Date(later.getTime() + 9 * HOUR).toISOString(),
    });
    expect(error?.extensions).toMatchObject({ code: 'BELOW_MINIMUM_WAGE', minimumHourlyFen: 9000 });
  });
});

describe('no exclusion by age or gender', () => {
  it('refuses 限45岁以下男性, quoting the phrase and pointing to olderFriendly', async () => {
    const [error] = await postErrors({ description: '招焊工3名，限45岁以下男性，日结。' });
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'description' });
    expect(error?.message).toContain('“限45岁以下');
    expect(error?.message).toContain('olderFriendly');
  });

  it('refuses a gender limit in the title', async () => {
    const [error] = await postErrors({ title: '仅招女工 包装车间' });
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
    expect(error?.message).toContain('仅招女工');
  });

  it('lets ordinary text through', async () => {
    const gig = await postGig(t, employer.token, {
      description: '工作时间8小时，搬运45公斤以下的货物，男女不限，欢迎50岁以上大龄工友。',
      olderFriendly: true,
    });
    expect(gig.status).toBe('OPEN');
  });
});

describe('cancelling and the clock', () => {
  it('cancels with a reason, tells the employer live, and cannot cancel twice', async () => {
    const url = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const socket = await connectSocket(url, { token: employer.token });
    try {
      const gig = await postGig(t, employer.token);
      const update = waitFor<{ gigId: string; status: string }>(socket, 'gig:updated');
      const cancel =
        'mutation ($id: ID!, $r: String!) { cancelGig(gigId: $id, reason: $r) { status cancelReason } }';
      const { data } = await t.gql(cancel, { id: gig.id, r: '钢材未到货，改期' }, employer.token);
      expect(data).toEqual({ cancelGig: { status: 'CANCELLED', cancelReason: '钢材未到货，改期' } });
      expect(await update).toMatchObject({ gigId: gig.id, status: 'CANCELLED', filled: 0, headcount: 3 });
      const again = await t.gql(cancel, { id: gig.id, r: '再取消' }, employer.token);
      expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', status: 'CANCELLED' });
      const blank = await t.gql(
        cancel,
        { id: (await postGig(t, employer.token)).id, r: ' ' },
        employer.token,
      );
      expect(blank.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    } finally {
      socket.disconnect();
    }
  });

  it("will not let an employer cancel another employer's gig", async () => {
    const gig = await postGig(t, employer.token);
    const other = await verifiedEmployer(t);
    const { errors } = await t.gql(
      'mutation ($id: ID!) { cancelGig(gigId: $id, reason: "不是我的") { id } }',
      { id: gig.id },
      other.token,
    );
    expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const { data } = await t.gql<{ gig: { status: string } }>(
      'query ($id: ID!) { gig(id: $id) { status } }',
      {
        id: gig.id,
      },
    );
    expect(data?.gig.status).toBe('OPEN');
  });

  it('lists only the caller’s own gigs in myGigs', async () => {
    const other = await verifiedEmployer(t);
    const mine = await postGig(t, other.token);
    const { data } = await t.gql<{ myGigs: { id: string }[] }>('{ myGigs { id } }', {}, other.token);
    expect(data?.myGigs.map((g) => g.id)).toEqual([mine.id]);
  });
});

describe('status by the clock', () => {
  it('expires a gig whose start passed with nobody hired, and completes nothing that never ran', async () => {
    let now = new Date();
    const clocked = await createTestApp({ clock: { now: () => now } });
    try {
      const boss = await verifiedEmployer(clocked);
      const gig = await postGig(clocked, boss.token);
      expect(await clocked.app.services.gigs.advanceByTime()).toBe(0);
      now = new Date(now.getTime() + 40 * HOUR);
      expect(await clocked.app.services.gigs.advanceByTime()).toBe(1);
      now = new Date(now.getTime() + 40 * HOUR);
      expect(await clocked.app.services.gigs.advanceByTime()).toBe(0);
      const { data } = await clocked.gql<{ gig: { status: string } }>(
        'query ($id: ID!) { gig(id: $id) { status } }',
        {
          id: gig.id,
        },
      );
      expect(data?.gig.status).toBe('EXPIRED');
    } finally {
      await clocked.close();
    }
  });
});
