import { sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { postGig, verifiedEmployer } from '../support/gigs.js';
import { ACCEPT_OFFER, assertHiringInvariants, offerRows, seedWorkers } from '../support/hiring.js';
import { connectSocket } from '../support/sockets.js';

type Answer = { engagementId: string } | { code: string };
type AcceptReply =
  | { ok: true; data: { engagementId: string } }
  | { ok: false; error: { code: string; message: string } };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A worker whose accept won must never be told the gig is full: a phone that retries (a lost
 * answer, a double tap) and hears "full" may keep a hired worker at home. Every repeat, however it
 * is timed against the winning transaction, over GraphQL or the socket, answers the same hire.
 */
describe('a repeated accept by the winner', () => {
  let t: TestApp;
  let baseUrl: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    // 200 accepts of one worker in a second: the socket's accepts now count against the same
    // minute as the mutations (tests/integrity/guards.test.ts), so the limit is lifted here.
    t = await createTestApp({
      env: { OFFER_FAN_OUT: '40', OFFER_SWEEP_MS: '60000', MUTATION_RATE_LIMIT: '100000' },
    });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t.close();
  });

  async function offeredGig(count: number, skill: string, headcount: number) {
    const workers = await seedWorkers(t, count, { skills: [{ code: skill, level: 3 }] });
    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, { instant: true, headcount, skills: [skill] });
    await t.app.services.hiring.drain();
    const rows = await offerRows(t, gig.id);
    return { workers, gig, byWorker: new Map(rows.map((r) => [r.worker_id, r.id])) };
  }

  async function overGraphQL(offerId: string, token: string): Promise<Answer> {
    const answer = await t.gql<{ acceptOffer: { id: string } }>(ACCEPT_OFFER, { id: offerId }, token);
    const engagementId = answer.data?.acceptOffer.id;
    if (engagementId) return { engagementId };
    return { code: answer.errors?.[0]?.extensions?.code ?? 'NO_CODE' };
  }

  async function overSocket(socket: Socket, offerId: string): Promise<Answer> {
    const reply = (await socket.timeout(20_000).emitWithAck('offer:accept', { offerId })) as AcceptReply;
    return reply.ok ? { engagementId: reply.data.engagementId } : { code: reply.error.code };
  }

  /** `repeats` accepts of one offer, every other one over the socket, each 0–10 ms after the last began. */
  async function repeatedAccepts(offerId: string, token: string, repeats: number): Promise<Answer[]> {
    const socket = await connectSocket(baseUrl, { token });
    sockets.push(socket);
    const answers: Promise<Answer>[] = [];
    for (let i = 0; i < repeats; i++) {
      answers.push(i % 2 === 0 ? overGraphQL(offerId, token) : overSocket(socket, offerId));
      if (i % 8 === 7) await pause(Math.floor(Math.random() * 11));
    }
    return Promise.all(answers);
  }

  async function engagementsOf(gigId: string, workerId: string) {
    return (await t.app.db.execute(
      sql`select id from engagements where gig_id = ${gigId} and worker_id = ${workerId}`,
    )) as unknown as { id: string }[];
  }

  it('answers 200 racing repeats, over GraphQL and the socket, with the same hire', async () => {
    const { workers, gig, byWorker } = await offeredGig(3, 'plasterer', 1);
    const [winner] = workers;
    if (!winner) throw new Error('no worker seeded');
    const answers = await repeatedAccepts(byWorker.get(winner.id) as string, winner.token, 200);

    const [hire, ...more] = await engagementsOf(gig.id, winner.id);
    expect(more).toHaveLength(0);
    expect(answers.filter((a) => !('engagementId' in a))).toEqual([]);
    expect(new Set(answers.map((a) => ('engagementId' in a ? a.engagementId : a.code)))).toEqual(
      new Set([hire?.id]),
    );
    expect(await assertHiringInvariants(t)).toEqual({ oversold: 0, doubleBooked: 0 });
  }, 60_000);

  it('answers every repeat of each winner with its hire while 60 other workers race the same gig', async () => {
    const { workers, gig, byWorker } = await offeredGig(62, 'tile_setter', 2);
    const [first, second, ...others] = workers;
    if (!first || !second) throw new Error('no workers seeded');
    const crowd = others.map(async (w, i) => {
      await pause(i % 11);
      return overGraphQL(byWorker.get(w.id) as string, w.token);
    });
    const [firstAnswers, secondAnswers, crowdAnswers] = await Promise.all([
      repeatedAccepts(byWorker.get(first.id) as string, first.token, 200),
      repeatedAccepts(byWorker.get(second.id) as string, second.token, 200),
      Promise.all(crowd),
    ]);

    const hires = (await t.app.db.execute(
      sql`select id, worker_id from engagements where gig_id = ${gig.id}`,
    )) as unknown as { id: string; worker_id: string }[];
    expect(hires).toHaveLength(2);
    const hireOf = new Map(hires.map((h) => [h.worker_id, h.id]));
    for (const [worker, answers] of [
      [first, firstAnswers],
      [second, secondAnswers],
    ] as const) {
      const won = hireOf.get(worker.id);
      const seen = new Set(answers.map((a) => ('engagementId' in a ? a.engagementId : a.code)));
      // A worker who lost may be told so, but never both: every answer is the hire, or every one a refusal.
      if (won) expect(seen).toEqual(new Set([won]));
      else expect([...seen].every((s) => s === 'GIG_FILLED' || s === 'OFFER_NOT_PENDING')).toBe(true);
    }
    others.forEach((w, i) => {
      const answer = crowdAnswers[i];
      const won = hireOf.get(w.id);
      expect(answer).toEqual(
        won ? { engagementId: won } : expect.objectContaining({ code: expect.any(String) }),
      );
    });
    expect(await assertHiringInvariants(t)).toEqual({ oversold: 0, doubleBooked: 0 });
  }, 90_000);

  it("answers a crew leader's 50 racing repeats of a crew accept with the same hires", async () => {
    const [leader, ...members] = await seedWorkers(t, 3, { skills: [{ code: 'welder', level: 3 }] });
    if (!leader) throw new Error('no worker seeded');
    const created = await t.gql<{ createCrew: { id: string } }>(
      'mutation { createCrew(name: "韩垓镇焊工班") { id } }',
      {},
      leader.token,
    );
    const crewId = created.data?.createCrew.id as string;
    for (const member of members) {
      await t.gql(
        'mutation ($c: ID!, $w: ID!) { inviteToCrew(crewId: $c, workerId: $w) { id } }',
        { c: crewId, w: member.id },
        leader.token,
      );
      await t.gql('mutation ($c: ID!) { joinCrew(crewId: $c) { id } }', { c: crewId }, member.token);
    }
    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, { headcount: 2 });
    const offered = await t.gql<{ offerGigToCrew: { id: string } }>(
      'mutation ($g: ID!, $c: ID!) { offerGigToCrew(gigId: $g, crewId: $c) { id } }',
      { g: gig.id, c: crewId },
      employer.token,
    );
    const going = members.map((m) => m.id);
    const answers = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        await pause(i % 11);
        const answer = await t.gql<{ acceptCrewOffer: { id: string }[] }>(
          'mutation ($o: ID!, $m: [ID!]!) { acceptCrewOffer(offerId: $o, memberIds: $m) { id } }',
          { o: offered.data?.offerGigToCrew.id, m: going },
          leader.token,
        );
        return (
          answer.data?.acceptCrewOffer
            .map((e) => e.id)
            .sort()
            .join() ?? answer.errors?.[0]?.extensions?.code
        );
      }),
    );
    const hires = (await t.app.db.execute(
      sql`select id from engagements where gig_id = ${gig.id} order by id`,
    )) as unknown as { id: string }[];
    expect(hires).toHaveLength(2);
    expect(new Set(answers)).toEqual(
      new Set([
        hires
          .map((h) => h.id)
          .sort()
          .join(),
      ]),
    );
  }, 60_000);
});
