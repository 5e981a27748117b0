import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { type CertificateDesk, certificateDesk } from '../../support/certificate-desk.js';
import { postGig, verifiedEmployer } from '../../support/gigs.js';
import { hireFor, testClock } from '../../support/hiring.js';
import { adminToken, registerWorker } from '../../support/people.js';
import { insertCourse, insertWishes, trainingProvider } from '../../support/training-shortage.js';

const HOUR = 3_600_000;
// The timers run by hand: nothing sweeps while the market is built.
const ENV = { OFFER_SWEEP_MS: '60000', WORK_SWEEP_MS: '3600000', GIG_SWEEP_MS: '3600000' };
/** 2026-11-02 08:30 in China Standard Time: the first day of the report's week. */
const DAY_ONE = Date.parse('2026-11-02T08:30:00+08:00');
const RENCHENG = {
  regionCode: '370811',
  address: '任城区建设路1号',
  location: { lat: 35.414, lng: 116.595 },
};
const WEEK = { from: '2026-11-02', to: '2026-11-08' };

const REPORT = `query ($r: ID!, $from: String!, $to: String!) {
  shortageReport(regionCode: $r, from: $from, to: $to) {
    from to
    rows { region { code name } skill { code name } seatsPosted seatsUnfilled medianHoursToFill
      workersAvailable workersMatching certifiedHolders trainingWishes courseSeatsComing shortageIndex rank }
  }
}`;

type Row = {
  region: { code: string; name: string };
  skill: { code: string; name: string };
  seatsPosted: number;
  seatsUnfilled: number;
  medianHoursToFill: number | null;
  workersAvailable: number;
  workersMatching: number;
  certifiedHolders: number;
  trainingWishes: number;
  courseSeatsComing: number;
  shortageIndex: number;
  rank: number;
};

/** A gig's window on a market day, 08:00–17:00. */
const on = (day: string) => ({
  startsAt: new Date(`${day}T08:00:00+08:00`).toISOString(),
  endsAt: new Date(`${day}T17:00:00+08:00`).toISOString(),
});

describe('the shortage report (急需紧缺) over a built market', () => {
  const clock = testClock(new Date(Date.parse('2026-11-01T09:00:00+08:00')));
  const at = (ms: number) => clock.advance(ms - clock.now().getTime());
  let t: TestApp;
  let admin: string;
  let employerToken: string;
  let desk: CertificateDesk;

  async function worker(skill: string, overrides: Record<string, unknown> = {}, available = true) {
    const w = await registerWorker(
      t,
      { skills: [{ code: skill, level: 3 }], ...overrides },
      { operationCertificate: false },
    );
    if (available) {
      const set = await t.gql(
        'mutation ($w: [AvailabilityInput!]!) { setAvailability(windows: $w) { id } }',
        { w: [{ startsAt: '2026-11-03T00:00:00+08:00', endsAt: '2026-11-08T00:00:00+08:00' }] },
        w.token,
      );
      if (set.errors) throw new Error(`setAvailability failed: ${JSON.stringify(set.errors)}`);
    }
    return { ...w, name: '张三' };
  }

  beforeAll(async () => {
    t = await createTestApp({ env: ENV, clock });
    admin = await adminToken(t);
    desk = await certificateDesk(t, clock);
    const employer = await verifiedEmployer(t);
    employerToken = employer.token;

    // The day before the week: a welding gig posted then is not the week's demand.
    await postGig(t, employerToken, { ...on('2026-11-02'), headcount: 9 });

    // 梁山县 (370832), day one 08:30: welding wanted in numbers, loading and plastering well supplied.
    at(DAY_ONE);
    const w1 = await postGig(t, employerToken, { ...on('2026-11-03'), headcount: 5 });
    await postGig(t, employerToken, { ...on('2026-11-04'), headcount: 4 });
    const w3 = await postGig(t, employerToken, { ...on('2026-11-05'), headcount: 1 });
    const w4 = await postGig(t, employerToken, { ...on('2026-11-06'), headcount: 6 });
    // Not started when the report is read: posted, but not yet judged filled or not.
    await postGig(t, employerToken, { ...on('2026-11-10'), headcount: 2 });
    const loading = {
      skills: ['loading_unloading'],
      title: '物流园装卸工',
      description: '货车装卸，按天结算。',
    };
    const l1 = await postGig(t, employerToken, { ...on('2026-11-03'), ...loading, headcount: 2 });
    const l2 = await postGig(t, employerToken, { ...on('2026-11-04'), ...loading, headcount: 1 });
    const plaster = { skills: ['plasterer'], title: '住宅抹灰工', description: '室内墙面抹灰，包午饭。' };
    const p1 = await postGig(t, employerToken, { ...on('2026-11-03'), ...plaster, headcount: 1 });
    // 任城区 (370811): loading left wholly unfilled, one welding seat filled at once.
    const r1 = await postGig(t, employerToken, { ...on('2026-11-03'), ...RENCHENG, headcount: 1 });
    await postGig(t, employerToken, { ...on('2026-11-03'), ...RENCHENG, ...loading, headcount: 4 });

    // The people. Welders of 梁山县: A qualified and free; B free without a 特种作业操作证; C
    // certified at a level but not free; D lives at 任城区 (residence) though registered at 梁山县.
    const weldA = await worker('welder');
    const weldB = await worker('welder');
    const weldC = await worker('welder', {}, false);
    const weldD = await worker('welder', { residenceRegionCode: '370811', location: RENCHENG.location });
    const loaders = [];
    for (let i = 0; i < 6; i++) loaders.push(await worker('loading_unloading'));
    const plasterers = [];
    for (let i = 0; i < 3; i++) plasterers.push(await worker('plasterer'));
    for (const welder of [weldA, weldD])
      await desk.operationCertificate(welder, 'welder', desk.dayAfter(700));
    const levelCertificate = (w: { id: string }, skillCode: string, number: string) =>
      desk.record({
        workerId: w.id,
        skillCode,
        kind: 'SKILL_LEVEL',
        level: 3,
        number,
        issuer: '梁山县职业技能鉴定所',
        issuedOn: desk.dayAfter(-100),
      });
    for (const [w, skill, number] of [
      [weldC, 'welder', 'S370832202600001'],
      [plasterers[0], 'plasterer', 'S370832202600002'],
    ] as const) {
      const recorded = await levelCertificate(w as { id: string }, skill, number);
      if (recorded.errors)
        throw new Error(`recordWorkerCertificate failed: ${JSON.stringify(recorded.errors)}`);
    }
    const [loader0, loader1, loader2, loader3, loader4, loader5] = loaders;
    const [plasterer0, plasterer1] = plasterers;
    if (!loader0 || !loader1 || !loader2 || !loader3 || !loader4 || !loader5 || !plasterer0 || !plasterer1) {
      throw new Error('no workers');
    }

    // Fills: loading within the hour or two, plastering in three hours, welding slowly or never.
    at(DAY_ONE + HOUR);
    await hireFor(t, employerToken, loader0, l1.id);
    await hireFor(t, employerToken, loader1, l1.id);
    await hireFor(t, employerToken, weldD, r1.id);
    const cancelled = await t.gql(
      'mutation ($g: ID!) { cancelGig(gigId: $g, reason: "工期推迟") { status } }',
      { g: w4.id },
      employerToken,
    );
    if (cancelled.errors) throw new Error(`cancelGig failed: ${JSON.stringify(cancelled.errors)}`);
    at(DAY_ONE + 2 * HOUR);
    await hireFor(t, employerToken, loader2, l2.id);
    await hireFor(t, employerToken, weldA, w1.id);
    at(DAY_ONE + 3 * HOUR);
    await hireFor(t, employerToken, plasterer0, p1.id);
    at(DAY_ONE + 40 * HOUR);
    await hireFor(t, employerToken, weldA, w3.id);

    // Who would learn welding, and the courses coming (the other parts' tables, written directly).
    await insertWishes(t, [weldB.id, loader3.id, loader4.id, plasterer1.id, weldD.id], 'welder');
    await insertWishes(t, [loader5.id], 'plasterer');
    // A welder of 梁山县 who would learn welding too, then erased their account: counted nowhere.
    const erased = await worker('welder');
    await insertWishes(t, [erased.id], 'welder');
    const gone = await t.gql('mutation { deleteMyAccount(password: "worker-pass-1") }', {}, erased.token);
    if (gone.errors) throw new Error(`deleteMyAccount failed: ${JSON.stringify(gone.errors)}`);
    const provider = await trainingProvider(t);
    await insertCourse(t, provider, {
      skillCode: 'welder',
      regionCode: '370832',
      startsOn: '2026-11-10',
      seats: 30,
      enrolled: 5,
    });
    // Started before the period, cancelled, or elsewhere: no relief for 梁山县's welding.
    await insertCourse(t, provider, {
      skillCode: 'welder',
      regionCode: '370832',
      startsOn: '2026-10-20',
      seats: 20,
    });
    await insertCourse(t, provider, {
      skillCode: 'welder',
      regionCode: '370832',
      startsOn: '2026-11-12',
      seats: 40,
      status: 'CANCELLED',
    });
    await insertCourse(t, provider, {
      skillCode: 'welder',
      regionCode: '370811',
      startsOn: '2026-11-05',
      seats: 10,
    });

    // The report is read mid-week: every gig but the one of 11-10 has started.
    at(Date.parse('2026-11-06T12:00:00+08:00'));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  async function report(regionCode: string, range = WEEK, token = admin) {
    return t.gql<{ shortageReport: { from: string; to: string; rows: Row[] } }>(
      REPORT,
      { r: regionCode, ...range },
      token,
    );
  }
  const figures = (row: Row | undefined) =>
    row && {
      county: row.region.code,
      trade: row.skill.code,
      rank: row.rank,
      index: row.shortageIndex,
      posted: row.seatsPosted,
      unfilled: row.seatsUnfilled,
      hours: row.medianHoursToFill,
      available: row.workersAvailable,
      matching: row.workersMatching,
      certified: row.certifiedHolders,
      wishes: row.trainingWishes,
      courseSeats: row.courseSeatsComing,
    };

  it('ranks welding first at 梁山县 with the figures of the market, and 任城区 by its own', async () => {
    const { data, errors } = await report('370800');
    expect(errors).toBeUndefined();
    expect(data?.shortageReport).toMatchObject(WEEK);
    const rows = (data?.shortageReport.rows ?? []).map(figures);
    // 梁山县 welding: 5 + 4 + 1 + 2 seats (the gig posted the day before and the one called off
    // before it began are not counted); 4 + 4 left unfilled of the 10 judged; one gig filled, in 40
    // hours. Free welders: A and B (C has no window, D lives at 任城区); qualified: A alone.
    // Certified at a level: C. Wishes: four of 梁山县. Course seats coming: 30 − 5.
    // Index: 100 × (0.40 × 8/10 + 0.25 × 16/17 + 0.35 × 12/14 − 0.20 × 25/37) = 72.0.
    expect(rows).toEqual([
      {
        county: '370811',
        trade: 'loading_unloading',
        rank: 1,
        // 0.40 × 1 + 0.25 × 1 (nothing filled) + 0.35 × 4/5
        index: 93,
        posted: 4,
        unfilled: 4,
        hours: null,
        available: 0,
        matching: 0,
        certified: 0,
        wishes: 0,
        courseSeats: 0,
      },
      {
        county: '370811',
        trade: 'welder',
        rank: 2,
        // 0.25 × 1/2 + 0.35 × 1/3 − 0.20 × 10/11
        index: 6,
        posted: 1,
        unfilled: 0,
        hours: 1,
        available: 1,
        matching: 1,
        certified: 0,
        wishes: 1,
        courseSeats: 10,
      },
      {
        county: '370832',
        trade: 'welder',
        rank: 1,
        index: 72,
        posted: 12,
        unfilled: 8,
        hours: 40,
        available: 2,
        matching: 1,
        certified: 1,
        wishes: 4,
        courseSeats: 25,
      },
      {
        county: '370832',
        trade: 'plasterer',
        rank: 2,
        // 0.25 × (3 / 2.5) / (1 + 3 / 2.5) + 0.35 × 1/5: the county's median is of 1, 2, 3 and 40 hours
        index: 20.6,
        posted: 1,
        unfilled: 0,
        hours: 3,
        available: 3,
        matching: 3,
        certified: 1,
        wishes: 1,
        courseSeats: 0,
      },
      {
        county: '370832',
        trade: 'loading_unloading',
        rank: 3,
        // 0.25 × 0.6/1.6 (median 1.5 hours) + 0.35 × 3/10
        index: 19.9,
        posted: 3,
        unfilled: 0,
        hours: 1.5,
        available: 6,
        matching: 6,
        certified: 0,
        wishes: 0,
        courseSeats: 0,
      },
    ]);
    expect(data?.shortageReport.rows[2]?.skill.name).toBe('焊工');

    // The county alone gives its own rows, the same figures.
    const county = await report('370832');
    expect(county.data?.shortageReport.rows.map(figures)).toEqual(rows.slice(2));
  });

  it('refuses bad input naming every field at once, and anyone but an admin', async () => {
    const fieldsOf = (answer: Awaited<ReturnType<typeof report>>) => {
      const [error] = answer.errors ?? [];
      expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
      return (error?.extensions?.problems ?? []).map((p) => p.field);
    };
    expect(fieldsOf(await report('abc', { from: '2026-02-30', to: '2026-11-08' }))).toEqual([
      'regionCode',
      'from',
    ]);
    expect(fieldsOf(await report('999999', { from: '2026-11-08', to: '2026-11-02' }))).toEqual([
      'regionCode',
      'to',
    ]);
    const tooLong = await report('370832', { from: '2025-11-01', to: '2026-11-08' });
    expect(fieldsOf(tooLong)).toEqual(['to']);
    expect(tooLong.errors?.[0]?.message).toContain('366');
    // A year of 366 days is allowed.
    expect((await report('370832', { from: '2025-11-08', to: '2026-11-08' })).errors).toBeUndefined();
    const english = await t.gql(REPORT, { r: '370832', from: '11/02/2026', to: '2026-11-08' }, admin, {
      'accept-language': 'en',
    });
    expect(english.errors?.[0]?.message).toBe('from must be a date written YYYY-MM-DD, e.g. 2026-03-01.');

    const refused = await report('370832', WEEK, employerToken);
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('exports the same rows as CSV for an admin, with a BOM and Chinese headers first', async () => {
    const url = `/training/shortage.csv?regionCode=370800&from=${WEEK.from}&to=${WEEK.to}`;
    const response = await t.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="lingong-shortage-370800-${WEEK.from}-${WEEK.to}.csv"`,
    );
    expect(response.body.startsWith('\uFEFF地区代码 region_code,县（区） county,工种代码 skill_code')).toBe(
      true,
    );
    const [header, ...lines] = response.body.slice(1).trim().split('\r\n');
    expect(header?.split(',')).toHaveLength(14);
    const { data } = await report('370800');
    const expected = (data?.shortageReport.rows ?? []).map((r) =>
      [
        r.region.code,
        r.region.name,
        r.skill.code,
        r.skill.name,
        r.rank,
        r.shortageIndex.toFixed(1),
        r.seatsPosted,
        r.seatsUnfilled,
        r.medianHoursToFill ?? '',
        r.workersAvailable,
        r.workersMatching,
        r.certifiedHolders,
        r.trainingWishes,
        r.courseSeatsComing,
      ].join(','),
    );
    expect(expected).toHaveLength(5);
    expect(lines).toEqual(expected);
    expect(lines[2]).toMatch(/^370832,梁山县,welder,焊工,1,72\.0,12,8,40,2,1,1,4,25$/);

    const bad = await t.app.inject({
      method: 'GET',
      url: '/training/shortage.csv?regionCode=370800&from=2026-11-09&to=2026-11-08',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const forbidden = await t.app.inject({
      method: 'GET',
      url,
      headers: { authorization: `Bearer ${employerToken}` },
    });
    expect(forbidden.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url });
    expect(anonymous.statusCode).toBe(401);
  });
});
