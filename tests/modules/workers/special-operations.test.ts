import { sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { type CertificateDesk, certificateDesk } from '../../support/certificate-desk.js';
import { postGig, verifiedEmployer } from '../../support/gigs.js';
import { offerRows, type SeededWorker, seedWorkers, testClock } from '../../support/hiring.js';
import { connectSocket } from '../../support/sockets.js';

const ENV = { OFFER_FAN_OUT: '10', OFFER_SWEEP_MS: '60000', GIG_SWEEP_MS: '3600000' };
const APPLY = 'mutation ($g: ID!) { applyToGig(gigId: $g) { id } }';
const ACCEPT = 'mutation ($o: ID!) { acceptOffer(offerId: $o) { id } }';

type Row = Record<string, unknown>;

/**
 * Special operations (特种作业, docs/skills.md): a gig in such a trade is offered to and hires only
 * holders of a valid 特种作业操作证, through every door, checked in the tables after each attempt.
 */
describe('special-operation gigs and the 特种作业操作证', () => {
  const clock = testClock();
  let t: TestApp;
  let baseUrl: string;
  let desk: CertificateDesk;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp({ env: ENV, clock });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    desk = await certificateDesk(t, clock);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t?.close();
  });

  const rows = async (query: ReturnType<typeof sql>) => (await t.app.db.execute(query)) as unknown as Row[];

  /** Offers each socket received (the `offer` event, acked). */
  async function listen(workers: SeededWorker[]) {
    const received = new Map<string, string[]>();
    for (const worker of workers) {
      const socket = await connectSocket(baseUrl, { token: worker.token });
      sockets.push(socket);
      received.set(worker.id, []);
      socket.on('offer', (payload: { gigId: string }, ack?: () => void) => {
        received.get(worker.id)?.push(payload.gigId);
        ack?.();
      });
    }
    return received;
  }

  it('offers a welding gig only to holders of a valid 特种作业操作证; nobody else can apply or accept, by API or socket', async () => {
    const workers = await seedWorkers(t, 2, {
      skills: [{ code: 'welder', level: 3 }],
      spreadKm: 1,
      operationCertificate: false,
    });
    const [holder, uncertified] = workers;
    if (!holder || !uncertified) throw new Error('no workers');
    await desk.operationCertificate(holder, 'welder', desk.dayAfter(365));
    const received = await listen(workers);

    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, {
      instant: true,
      headcount: 2,
      skills: ['welder'],
      ...desk.gigDay(2),
    });
    await t.app.services.hiring.drain();
    const offers = await offerRows(t, gig.id);
    expect(offers.map((o) => o.worker_id)).toEqual([holder.id]);
    await expect.poll(() => received.get(holder.id)).toEqual([gig.id]);
    expect(received.get(uncertified.id)).toEqual([]);

    const shown = await t.gql<{ gig: { requiresOperationCertificate: boolean } }>(
      'query ($g: ID!) { gig(id: $g) { requiresOperationCertificate } }',
      { g: gig.id },
    );
    expect(shown.data?.gig.requiresOperationCertificate).toBe(true);
    const page = await t.app.inject({ method: 'GET', url: `/g/${gig.id}` });
    expect(page.body).toContain('需持特种作业操作证');

    // Listed or instant, the uncertified welder cannot apply …
    const applied = await t.gql(APPLY, { g: gig.id }, uncertified.token);
    expect(applied.errors?.[0]?.extensions?.code).toBe('CERTIFICATE_REQUIRED');
    expect(applied.errors?.[0]?.message).toContain('特种作业操作证');
    expect(await rows(sql`select id from applications where gig_id = ${gig.id}`)).toHaveLength(0);

    // … nor accept an offer that reached them anyway (one sent before the rule, copied here).
    const [forged] = await rows(sql`
      insert into offers (gig_id, worker_id, wave, tier, distance_km, shown_distance_km, sent_at, expires_at)
      select gig_id, ${uncertified.id}, wave, tier, distance_km, shown_distance_km, sent_at, expires_at
      from offers where gig_id = ${gig.id} and worker_id = ${holder.id} returning id`);
    const accepted = await t.gql(ACCEPT, { o: forged?.id }, uncertified.token);
    expect(accepted.errors?.[0]?.extensions?.code).toBe('CERTIFICATE_REQUIRED');
    const [socket] = sockets.slice(-1);
    const reply = (await socket?.timeout(10_000).emitWithAck('offer:accept', { offerId: forged?.id })) as {
      ok: boolean;
      error?: { code: string };
    };
    expect(reply).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_REQUIRED' } });
    expect(await rows(sql`select id from engagements where gig_id = ${gig.id}`)).toHaveLength(0);
    expect(await rows(sql`select status from offers where id = ${forged?.id}`)).toEqual([
      { status: 'PENDING' },
    ]);

    // The holder accepts over the socket and is hired.
    const holderSocket = sockets[sockets.length - 2];
    const hired = (await holderSocket
      ?.timeout(10_000)
      .emitWithAck('offer:accept', { offerId: offers[0]?.id })) as {
      ok: boolean;
    };
    expect(hired.ok).toBe(true);
    expect(await rows(sql`select worker_id from engagements where gig_id = ${gig.id}`)).toEqual([
      { worker_id: holder.id },
    ]);
  });

  it('offers work at height to a crew only with a holder in it, and hires only the members who hold one', async () => {
    const place = { near: { lat: 35.83, lng: 116.11 }, spreadKm: 1 };
    const [leader, holder, uncertified] = await seedWorkers(t, 3, {
      ...place,
      skills: [{ code: 'scaffolder', level: 3 }],
      operationCertificate: false,
    });
    const [loneLeader, loneMember] = await seedWorkers(t, 2, {
      ...place,
      skills: [{ code: 'scaffolder', level: 4 }],
      operationCertificate: false,
    });
    if (!leader || !holder || !uncertified || !loneLeader || !loneMember) throw new Error('no workers');
    await desk.operationCertificate(holder, 'scaffolder', desk.dayAfter(100));

    async function crewOf(lead: SeededWorker, members: SeededWorker[]) {
      const created = await t.gql<{ createCrew: { id: string } }>(
        'mutation { createCrew(name: "杨营镇架子班") { id } }',
        {},
        lead.token,
      );
      const crewId = created.data?.createCrew.id;
      for (const member of members) {
        await t.gql(
          'mutation ($c: ID!, $w: ID!) { inviteToCrew(crewId: $c, workerId: $w) { id } }',
          { c: crewId, w: member.id },
          lead.token,
        );
        const joined = await t.gql(
          'mutation ($c: ID!) { joinCrew(crewId: $c) { id } }',
          { c: crewId },
          member.token,
        );
        expect(joined.errors).toBeUndefined();
      }
      return crewId as string;
    }
    const crew = await crewOf(leader, [holder, uncertified]);
    const lone = await crewOf(loneLeader, [loneMember]);

    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, { skills: ['scaffolder'], headcount: 2, ...desk.gigDay(4) });
    const OFFER = 'mutation ($g: ID!, $c: ID!) { offerGigToCrew(gigId: $g, crewId: $c) { id } }';
    const refused = await t.gql(OFFER, { g: gig.id, c: lone }, employer.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('CERTIFICATE_REQUIRED');
    expect(await rows(sql`select id from offers where gig_id = ${gig.id}`)).toHaveLength(0);

    const offered = await t.gql<{ offerGigToCrew: { id: string } }>(
      OFFER,
      { g: gig.id, c: crew },
      employer.token,
    );
    expect(offered.errors).toBeUndefined();
    const ACCEPT_CREW =
      'mutation ($o: ID!, $m: [ID!]!) { acceptCrewOffer(offerId: $o, memberIds: $m) { worker { id } } }';
    const offerId = offered.data?.offerGigToCrew.id;
    const both = await t.gql(ACCEPT_CREW, { o: offerId, m: [holder.id, uncertified.id] }, leader.token);
    expect(both.errors?.[0]?.extensions).toMatchObject({
      code: 'CERTIFICATE_REQUIRED',
      workerId: uncertified.id,
    });
    expect(await rows(sql`select id from engagements where gig_id = ${gig.id}`)).toHaveLength(0);
    const one = await t.gql<{ acceptCrewOffer: { worker: { id: string } }[] }>(
      ACCEPT_CREW,
      { o: offerId, m: [holder.id] },
      leader.token,
    );
    expect(one.data?.acceptCrewOffer).toEqual([{ worker: { id: holder.id } }]);
  });
});
