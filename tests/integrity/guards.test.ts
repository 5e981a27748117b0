import { sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { postGig, verifiedEmployer } from '../support/gigs.js';
import { ACCEPT_OFFER, hireThroughApplication, offerRows, seedWorkers } from '../support/hiring.js';
import { registerWorker } from '../support/people.js';
import { connectSocket } from '../support/sockets.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** The mutation limit of this file's app: a minute's changes per account, over any door. */
const LIMIT = 10;

type AcceptReply =
  | { ok: true; data: { engagementId: string } }
  | { ok: false; error: { code: string; message: string } };

/**
 * One set of guards for every door: the socket's `offer:accept` makes hires just as the
 * `acceptOffer` mutation does, so an attacker with a socket must meet the same rate limit, the
 * same input checks and the same answers. Tried through a real socket, then the tables read.
 */
describe('the socket accept has the API guards', () => {
  let t: TestApp;
  let baseUrl: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp({
      env: { OFFER_FAN_OUT: '40', OFFER_SWEEP_MS: '60000', MUTATION_RATE_LIMIT: String(LIMIT) },
    });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t.close();
  });

  async function socketOf(token: string) {
    const socket = await connectSocket(baseUrl, { token });
    sockets.push(socket);
    return socket;
  }
  const accept = (socket: Socket, payload: unknown) =>
    socket.timeout(20_000).emitWithAck('offer:accept', payload) as Promise<AcceptReply>;
  const hiresOf = async (workerId: string) =>
    (
      (await t.app.db.execute(
        sql`select id from engagements where worker_id = ${workerId} and status = 'CONFIRMED'`,
      )) as unknown as { id: string }[]
    ).map((row) => row.id);

  /** A worker with one pending instant offer on each of `days` gigs, a day apart. */
  async function workerWithOffers(skill: string, days: number) {
    const [worker] = await seedWorkers(t, 1, { skills: [{ code: skill, level: 3 }] });
    if (!worker) throw new Error('no worker seeded');
    // Each gig from its own employer: an employer's posts count against its own minute.
    const offers: string[] = [];
    for (let day = 1; day <= days; day++) {
      const employer = await verifiedEmployer(t);
      const start = new Date(t.app.clock.now().getTime() + day * DAY);
      start.setUTCHours(0, 0, 0, 0);
      const gig = await postGig(t, employer.token, {
        instant: true,
        headcount: 1,
        skills: [skill],
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 8 * HOUR).toISOString(),
      });
      await t.app.services.hiring.drain();
      const offer = (await offerRows(t, gig.id)).find((row) => row.worker_id === worker.id);
      if (!offer) throw new Error(`no offer of gig ${gig.id} to the worker`);
      offers.push(offer.id);
    }
    return { worker, offers };
  }

  it('refuses a burst of 200 accepts past the mutation limit with RATE_LIMITED, and hires nothing past it', async () => {
    const { worker, offers } = await workerWithOffers('scaffolder', 3);
    const [first, second, third] = offers;
    const socket = await socketOf(worker.token);
    // The first 100 accept the first offer (one hire, the rest its repeats); the other offers come
    // after the limit: without it, they would be three hires.
    const payloads = [
      ...Array.from({ length: 100 }, () => ({ offerId: first })),
      ...Array.from({ length: 50 }, () => ({ offerId: second })),
      ...Array.from({ length: 50 }, () => ({ offerId: third })),
    ];
    const answers = await Promise.all(payloads.map((payload) => accept(socket, payload)));

    const limited = answers.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED');
    expect(answers.length - limited.length).toBe(LIMIT);
    expect(limited).toHaveLength(200 - LIMIT);
    expect(limited[0]).toMatchObject({ error: { message: expect.stringMatching(/每分钟最多 10 次/) } });
    const hired = new Set(answers.flatMap((a) => (a.ok ? [a.data.engagementId] : [])));
    expect(hired.size).toBe(1);
    expect(await hiresOf(worker.id)).toEqual([...hired]);
    const rows = (await t.app.db.execute(
      sql`select status from offers where id in (${second}, ${third})`,
    )) as unknown as { status: string }[];
    expect(rows.map((row) => row.status)).toEqual(['PENDING', 'PENDING']);

    // One counter for every door: the account's GraphQL mutations are refused too.
    const overGraphQL = await t.gql(ACCEPT_OFFER, { id: second }, worker.token);
    expect(overGraphQL.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(await hiresOf(worker.id)).toEqual([...hired]);
  });

  it('answers a bad offerId with BAD_USER_INPUT naming offerId, as the mutation does, and changes nothing', async () => {
    const { worker, offers } = await workerWithOffers('bricklayer', 1);
    const socket = await socketOf(worker.token);
    // 2 + 2 + 4 accepts: under this file's limit of 10 for the worker's minute.
    for (const offerId of ['not-a-uuid', "1' or '1'='1"]) {
      const overSocket = await accept(socket, { offerId });
      const overGraphQL = await t.gql(ACCEPT_OFFER, { id: offerId }, worker.token);
      // The same code, words and data (extensions) as the mutation's answer.
      expect(overSocket).toEqual({
        ok: false,
        error: { message: overGraphQL.errors?.[0]?.message, ...overGraphQL.errors?.[0]?.extensions },
      });
      expect(overGraphQL.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'offerId' });
      expect(overSocket.ok === false && overSocket.error.message).toMatch(/offerId/);
    }
    for (const payload of [{}, { offerId: 42 }, null, 'offer']) {
      const refused = await accept(socket, payload);
      expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_USER_INPUT' } });
      expect(refused.ok === false && refused.error.message).toMatch(/offerId/);
    }
    expect(await hiresOf(worker.id)).toEqual([]);
    const [row] = (await t.app.db.execute(
      sql`select status from offers where id = ${offers[0]}`,
    )) as unknown as { status: string }[];
    expect(row?.status).toBe('PENDING');
  });

  it('answers an offer that is not the worker’s with the mutation’s code and words', async () => {
    const { offers } = await workerWithOffers('plumber', 1);
    const [stranger] = await seedWorkers(t, 1, { skills: [{ code: 'plumber', level: 3 }] });
    if (!stranger) throw new Error('no worker seeded');
    const socket = await socketOf(stranger.token);
    for (const offerId of [offers[0], '00000000-0000-4000-8000-000000000000']) {
      const overSocket = await accept(socket, { offerId });
      const overGraphQL = await t.gql(ACCEPT_OFFER, { id: offerId }, stranger.token);
      expect(overSocket.ok).toBe(false);
      expect(overSocket).toEqual({
        ok: false,
        error: { message: overGraphQL.errors?.[0]?.message, ...overGraphQL.errors?.[0]?.extensions },
      });
    }
    expect(await hiresOf(stranger.id)).toEqual([]);
  });
});

/**
 * A dispute note refused to someone who is not a party must say nothing about the dispute: not
 * which hire it is about (another party's id), nor whether it is resolved.
 */
describe('a refused dispute note', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { MUTATION_RATE_LIMIT: '1000' } });
  });
  afterAll(() => t?.close());

  const NOTE = 'mutation ($d: ID!, $n: String!) { addDisputeNote(disputeId: $d, note: $n) { id } }';

  it('names only the dispute id the caller sent, whether the dispute is open or not', async () => {
    const employer = await verifiedEmployer(t);
    const [worker] = await seedWorkers(t, 1);
    if (!worker) throw new Error('no worker seeded');
    const engagementId = await hireThroughApplication(t, employer.token, worker, 2);
    const opened = await t.gql<{ openDispute: { id: string } }>(
      'mutation ($e: ID!) { openDispute(engagementId: $e, reason: "工钱没有按约定结算") { id } }',
      { e: engagementId },
      worker.token,
    );
    const disputeId = opened.data?.openDispute.id as string;
    expect(disputeId).toBeTruthy();

    const outsiders = [await registerWorker(t), await verifiedEmployer(t)];
    const notesBefore = await t.app
      .sql`select count(*)::int as n from dispute_notes where dispute_id = ${disputeId}`;
    const answers = [];
    for (const outsider of outsiders) {
      const refused = await t.gql(NOTE, { d: disputeId, n: '我来说两句，这件事我知道' }, outsider.token);
      answers.push(refused.errors?.[0]);
      expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(JSON.stringify(refused.errors)).not.toContain(engagementId);
      expect(refused.errors?.[0]?.message).toContain(disputeId);
    }
    // A dispute that does not exist is answered the same way: nothing tells them apart.
    const none = '00000000-0000-4000-8000-000000000001';
    const missing = await t.gql(NOTE, { d: none, n: '我来说两句，这件事我知道' }, outsiders[0]?.token);
    expect(missing.errors?.[0]?.message).toBe(answers[0]?.message.replace(disputeId, none));
    const notesAfter = await t.app
      .sql`select count(*)::int as n from dispute_notes where dispute_id = ${disputeId}`;
    expect(notesAfter).toEqual(notesBefore);

    // The party still adds a note.
    const own = await t.gql(NOTE, { d: disputeId, n: '补充：老板说下周再给' }, worker.token);
    expect(own.errors).toBeUndefined();
  });
});
