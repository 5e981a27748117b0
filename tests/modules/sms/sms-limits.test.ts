import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevSmsGateway, DevSmsMessage } from '../../../src/modules/sms/sms.gateway.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { postGig, verifiedEmployer } from '../../support/gigs.js';
import { ACCEPT_OFFER, seedWorkers, testClock } from '../../support/hiring.js';
import { adminToken, operatorToken, uniquePhone, workerInput } from '../../support/people.js';
import {
  offerOf,
  replyBySms,
  seedSmsWorkers,
  settle,
  shanghai,
  smsRows,
  textsTo,
} from '../../support/sms.js';
import { connectSocket, waitFor } from '../../support/sockets.js';

const ENV = { OFFER_SWEEP_MS: '60000' };

const gigOn = (days: number, skill: string, extra: Record<string, unknown> = {}) => ({
  instant: true,
  headcount: 1,
  skills: [skill],
  address: '梁山县馆驿镇中心街18号',
  startsAt: shanghai(days, '08:00').toISOString(),
  endsAt: shanghai(days, '17:00').toISOString(),
  ...extra,
});

describe('quiet hours', () => {
  // 22:30 in Asia/Shanghai: inside the default quiet hours, 21:00 to 07:00.
  const clock = testClock(shanghai(1, '22:30'));
  let t: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp({ env: ENV, clock });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('keeps the SMS back at night, says so on the offer, and still sends the offer to the app', async () => {
    const [worker] = await seedSmsWorkers(t, 1, { skills: [{ code: 'welder', level: 3 }] });
    if (!worker) throw new Error('no worker');
    const socket = await connectSocket(baseUrl, { token: worker.token });
    try {
      const employer = await verifiedEmployer(t);
      const pushed = waitFor<{ offerId: string }>(socket, 'offer');
      const gig = await postGig(t, employer.token, gigOn(3, 'welder'));
      await settle(t);
      const offer = await offerOf(t, gig.id, worker.id);
      expect((await pushed).offerId).toBe(offer?.id);
      expect(offer).toMatchObject({ status: 'PENDING', sms_status: 'SUPPRESSED_QUIET_HOURS' });
      expect(textsTo(t, worker.phone)).toEqual([]);
      expect(await smsRows(t, worker.id)).toEqual([
        expect.objectContaining({
          direction: 'OUT',
          status: 'SUPPRESSED',
          reason: 'QUIET_HOURS',
          offer_id: offer?.id,
        }),
      ]);
      const seen = await t.gql<{ myOffers: { smsStatus: string }[] }>(
        '{ myOffers(status: PENDING) { smsStatus } }',
        {},
        worker.token,
      );
      expect(seen.data?.myOffers).toEqual([{ smsStatus: 'SUPPRESSED_QUIET_HOURS' }]);
      // A text the worker sends at night is answered at once; the offer they never got by SMS is not theirs to answer by SMS.
      expect(await replyBySms(t, worker.phone, '1')).toMatchObject({
        outcome: 'NO_PENDING_OFFER',
        reply: '【零工】没有待回复的活。如有疑问请到零工驿站',
      });
    } finally {
      socket.disconnect();
    }
  });
});

describe('the daily cap, failures and who may choose SMS', () => {
  const clock = testClock(shanghai(1, '09:00'));
  let t: TestApp;
  let failing: TestApp;
  // Offers cannot be sent; the code of the employer's registration gets through (kept as the
  // development gateway keeps it, where the test reads it).
  const outbox: DevSmsMessage[] = [];
  const refusingGateway: DevSmsGateway = {
    provider: 'dev',
    locales: ['zh-CN'],
    outbox,
    send: async (to, content) => {
      if (content.template !== 'CODE') throw new Error('SMS provider unreachable');
      outbox.push({ ...content, to, providerMessageId: `code-${outbox.length}` });
      return { providerMessageId: `code-${outbox.length}` };
    },
  };

  beforeAll(async () => {
    [t, failing] = await Promise.all([
      createTestApp({ env: ENV, clock }),
      createTestApp({ env: ENV, clock, smsGateway: refusingGateway }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([t?.close(), failing?.close()]);
  });

  it('texts at most 10 offers a day to a worker: the 11th is kept back, and the next day counts afresh', async () => {
    const [worker] = await seedSmsWorkers(t, 1, { skills: [{ code: 'forklift_operator', level: 3 }] });
    if (!worker) throw new Error('no worker');
    const employer = await verifiedEmployer(t);
    const statuses: (string | null | undefined)[] = [];
    for (let i = 0; i < 11; i++) {
      const gig = await postGig(
        t,
        employer.token,
        gigOn(3, 'forklift_operator', { title: `仓库叉车搬运${i + 1}号` }),
      );
      await settle(t);
      statuses.push((await offerOf(t, gig.id, worker.id))?.sms_status);
    }
    expect(statuses).toEqual([...Array(10).fill('SENT'), 'SUPPRESSED_DAILY_CAP']);
    expect(textsTo(t, worker.phone)).toHaveLength(10);
    const rows = await smsRows(t, worker.id);
    expect(rows.filter((r) => r.reason === 'DAILY_CAP')).toHaveLength(1);

    // Answers to the worker's own texts are not offers and never capped.
    expect((await replyBySms(t, worker.phone, '?')).reply).toMatch(/^【零工】回复1接受/);

    clock.advance(24 * 3_600_000);
    const tomorrow = await postGig(
      t,
      employer.token,
      gigOn(4, 'forklift_operator', { title: '仓库叉车搬运次日' }),
    );
    await settle(t);
    expect((await offerOf(t, tomorrow.id, worker.id))?.sms_status).toBe('SENT');
  });

  it('records a gateway failure on the message and the offer, and the wave goes on', async () => {
    const [worker] = await seedSmsWorkers(failing, 1, { skills: [{ code: 'welder', level: 3 }] });
    if (!worker) throw new Error('no worker');
    const employer = await verifiedEmployer(failing);
    const gig = await postGig(failing, employer.token, gigOn(3, 'welder'));
    await settle(failing);
    const offer = await offerOf(failing, gig.id, worker.id);
    expect(offer).toMatchObject({ status: 'PENDING', sms_status: 'FAILED' });
    expect(await smsRows(failing, worker.id)).toEqual([
      expect.objectContaining({ status: 'FAILED', error: 'SMS provider unreachable', offer_id: offer?.id }),
    ]);
    // The offer itself is whole: the worker takes it in the app.
    const accepted = await failing.gql(ACCEPT_OFFER, { id: offer?.id }, worker.token);
    expect(accepted.errors).toBeUndefined();
    const scrape = await failing.app.inject({ method: 'GET', url: '/metrics' });
    expect(scrape.body).toContain('lingong_sms_messages_total{direction="out",status="FAILED"} 1');
  });

  it('lets a station operator choose SMS for a walk-in worker they registered, and no other operator', async () => {
    const admin = await adminToken(t);
    const station = await t.gql<{ createStation: { id: string } }>(
      'mutation ($i: CreateStationInput!) { createStation(input: $i) { id } }',
      {
        i: {
          name: '馆驿镇零工驿站',
          regionCode: '370832',
          location: { lat: 35.81, lng: 116.1 },
          address: '梁山县馆驿镇政府西50米',
        },
      },
      admin,
    );
    const operator = await operatorToken(t);
    const { data: me } = await t.gql<{ me: { id: string } }>('{ me { id } }', {}, operator);
    await t.gql(
      'mutation ($s: ID!, $a: ID!) { assignStationOperator(stationId: $s, accountId: $a) { id } }',
      { s: station.data?.createStation.id, a: me?.me.id },
      admin,
    );
    const walkIn = async (phone: string | null) => {
      const registered = await t.gql<{ registerWalkInWorker: { id: string } }>(
        'mutation ($i: RegisterWorkerInput!) { registerWalkInWorker(input: $i) { id } }',
        {
          i: {
            ...workerInput({ name: '王大叔', skills: [{ code: 'harvest_picking', level: 3 }] }),
            phone,
            password: null,
          },
        },
        operator,
      );
      const id = registered.data?.registerWalkInWorker.id;
      if (!id) throw new Error(`registerWalkInWorker failed: ${JSON.stringify(registered.errors)}`);
      return id;
    };
    const phone = uniquePhone();
    const withPhone = await walkIn(phone);
    const withoutPhone = await walkIn(null);
    const SET =
      'mutation ($w: ID, $on: Boolean!) { setSmsOffers(workerId: $w, enabled: $on) { id smsOffers } }';

    const chosen = await t.gql(SET, { w: withPhone, on: true }, operator);
    expect(chosen).toEqual({ data: { setSmsOffers: { id: withPhone, smsOffers: true } } });
    const other = await operatorToken(t);
    const foreign = await t.gql(SET, { w: withPhone, on: false }, other);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unnamed = await t.gql(SET, { on: true }, operator);
    expect(unnamed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'workerId' });
    const noPhone = await t.gql(SET, { w: withoutPhone, on: true }, operator);
    expect(noPhone.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'enabled' });
    expect(noPhone.errors?.[0]?.message).toBe(
      '这个工人的账号没有手机号，没法用短信派活。请先给工人登记手机号。',
    );

    // Who sees the choice: the worker's own operator and admins; another operator does not.
    const READ = 'query ($w: ID!) { worker(id: $w) { smsOffers } }';
    expect((await t.gql(READ, { w: withPhone }, operator)).data).toEqual({ worker: { smsOffers: true } });
    expect((await t.gql(READ, { w: withPhone }, admin)).data).toEqual({ worker: { smsOffers: true } });
    expect((await t.gql(READ, { w: withPhone }, other)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // The walk-in worker is offered a gig by SMS and takes it by replying from their own phone.
    const now = t.app.clock.now();
    await t.app.services.workers.setAvailability(withPhone, [
      { startsAt: now, endsAt: new Date(now.getTime() + 5 * 86_400_000) },
    ]);
    await t.app.outbox.drain();
    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, gigOn(5, 'harvest_picking', { title: '苹果园采摘' }));
    await settle(t);
    expect(textsTo(t, phone)).toHaveLength(1);
    expect(await replyBySms(t, phone, '1')).toMatchObject({ outcome: 'HIRED' });
    const [hire] = (await t.app.db.execute(
      sql`select worker_id, acted_by_account_id from engagements where gig_id = ${gig.id}`,
    )) as unknown as Record<string, unknown>[];
    expect(hire).toEqual({ worker_id: withPhone, acted_by_account_id: null });
  });

  it('refuses SMS to a worker whose account has no mobile number', async () => {
    const [worker] = await seedWorkers(t, 1);
    if (!worker) throw new Error('no worker');
    const refused = await t.gql('mutation { setSmsOffers(enabled: true) { smsOffers } }', {}, worker.token);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'enabled' });
    const off = await t.gql('mutation { setSmsOffers(enabled: false) { smsOffers } }', {}, worker.token);
    expect(off.data).toEqual({ setSmsOffers: { smsOffers: false } });
  });
});

describe('the daily cap counts offers, not answers', () => {
  const clock = testClock(shanghai(1, '09:00'));
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { ...ENV, SMS_DAILY_CAP: '3' }, clock });
  });
  afterAll(() => t?.close());

  it('texts the third offer of the day after two replies of 2 were answered, and holds back the fourth', async () => {
    const [worker] = await seedSmsWorkers(t, 1, { skills: [{ code: 'forklift_operator', level: 3 }] });
    if (!worker) throw new Error('no worker');
    const employer = await verifiedEmployer(t);
    const statuses: (string | null | undefined)[] = [];
    for (let i = 0; i < 4; i++) {
      const gig = await postGig(
        t,
        employer.token,
        gigOn(3, 'forklift_operator', { title: `叉车装卸${i + 1}号` }),
      );
      await settle(t);
      statuses.push((await offerOf(t, gig.id, worker.id))?.sms_status);
      // The worker says no to the first two by SMS; each reply is answered by a text.
      if (i < 2) expect((await replyBySms(t, worker.phone, '2')).reply).toBeTruthy();
    }
    expect(statuses).toEqual(['SENT', 'SENT', 'SENT', 'SUPPRESSED_DAILY_CAP']);
    const rows = await smsRows(t, worker.id);
    // Three offer texts and two answers went out; the fourth offer's text was held back.
    expect(rows.filter((r) => r.direction === 'OUT' && r.status !== 'SUPPRESSED')).toHaveLength(5);
  });
});
