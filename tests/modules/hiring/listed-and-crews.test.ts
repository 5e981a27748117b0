import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { gigInput, postGig, verifiedEmployer } from '../../support/gigs.js';
import { assertHiringInvariants, offerRows, seedWorkers } from '../../support/hiring.js';
import { registerWorker } from '../../support/people.js';
import { connectSocket, waitFor } from '../../support/sockets.js';

const HOUR = 3_600_000;
const APPLY = 'mutation ($g: ID!) { applyToGig(gigId: $g) { id status gig { id } worker { id } } }';
const DECIDE = `mutation ($a: ID!, $yes: Boolean!) {
  decideApplication(applicationId: $a, accept: $yes) { id status }
}`;

type Applied = { applyToGig: { id: string; status: string } };

describe('listed gigs: applications', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { OFFER_SWEEP_MS: '60000' } });
  });
  afterAll(() => t.close());

  it('takes one application per worker, and accepting hires under the offer rules', async () => {
    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, { headcount: 1 });
    const [a, b] = await seedWorkers(t, 2);
    if (!a || !b) throw new Error('no workers');

    const applied = await t.gql<Applied>(APPLY, { g: gig.id }, a.token);
    expect(applied.data?.applyToGig.status).toBe('APPLIED');
    const twice = await t.gql(APPLY, { g: gig.id }, a.token);
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'gigId' });
    const second = await t.gql<Applied>(APPLY, { g: gig.id }, b.token);

    const listed = await t.gql<{ gigApplications: { status: string; worker: { id: string } }[] }>(
      'query ($g: ID!) { gigApplications(gigId: $g) { status worker { id } } }',
      { g: gig.id },
      employer.token,
    );
    expect(listed.data?.gigApplications.map((x) => x.worker.id)).toEqual([a.id, b.id]);

    const accepted = await t.gql(DECIDE, { a: applied.data?.applyToGig.id, yes: true }, employer.token);
    expect(accepted.data).toMatchObject({ decideApplication: { status: 'ACCEPTED' } });
    // Accepting again is the same answer; the seat is gone for the second applicant.
    const again = await t.gql(DECIDE, { a: applied.data?.applyToGig.id, yes: true }, employer.token);
    expect(again.data).toMatchObject({ decideApplication: { status: 'ACCEPTED' } });
    const full = await t.gql(DECIDE, { a: second.data?.applyToGig.id, yes: true }, employer.token);
    expect(full.errors?.[0]?.extensions?.code).toBe('GIG_FILLED');
    const rejected = await t.gql(DECIDE, { a: second.data?.applyToGig.id, yes: false }, employer.token);
    expect(rejected.data).toMatchObject({ decideApplication: { status: 'REJECTED' } });

    const hires = await t.gql<{ myEngagements: Record<string, unknown>[] }>(
      `{ myEngagements { status origin gig { id status filled } worker { id }
          contract { terms hash workerAcceptedAt } payment { amountFen dueAt paidAt overdue } } }`,
      {},
      a.token,
    );
    const [hire] = hires.data?.myEngagements ?? [];
    expect(hire).toMatchObject({
      status: 'CONFIRMED',
      origin: 'LOCAL',
      gig: { id: gig.id, status: 'FILLED', filled: 1 },
      worker: { id: a.id },
      payment: { amountFen: 20_000, paidAt: null, overdue: false },
    });
    const contract = hire?.contract as { terms: string; hash: string };
    expect(contract.terms).toContain('钢结构厂房电焊工');
    expect(contract.terms).toContain('200.00 元');
    expect(contract.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses an application that overlaps a hire the worker already holds', async () => {
    const employer = await verifiedEmployer(t);
    const [worker] = await seedWorkers(t, 1);
    if (!worker) throw new Error('no worker');
    const first = await postGig(t, employer.token, { headcount: 2 });
    const applied = await t.gql<Applied>(APPLY, { g: first.id }, worker.token);
    await t.gql(DECIDE, { a: applied.data?.applyToGig.id, yes: true }, employer.token);
    const base = gigInput();
    const overlapping = await postGig(t, employer.token, {
      startsAt: new Date(new Date(base.startsAt).getTime() + 4 * HOUR).toISOString(),
      endsAt: new Date(new Date(base.endsAt).getTime() + 4 * HOUR).toISOString(),
    });
    const refused = await t.gql(APPLY, { g: overlapping.id }, worker.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('SCHEDULE_CONFLICT');
  });

  it('classes a hire by where the worker comes from', async () => {
    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, { headcount: 2 });
    // 任城区 is another county of 济宁市; 兰山区 is in another city (临沂市).
    const neighbour = await registerWorker(t, { homeRegionCode: '370811' });
    const farAway = await registerWorker(t, { homeRegionCode: '371302' });
    const origins: string[] = [];
    for (const worker of [neighbour, farAway]) {
      const applied = await t.gql<Applied>(APPLY, { g: gig.id }, worker.token);
      await t.gql(DECIDE, { a: applied.data?.applyToGig.id, yes: true }, employer.token);
      const hires = await t.gql<{ myEngagements: { origin: string }[] }>(
        '{ myEngagements { origin } }',
        {},
        worker.token,
      );
      origins.push(hires.data?.myEngagements[0]?.origin ?? 'none');
    }
    expect(origins).toEqual(['OUT_OF_COUNTY', 'OUT_OF_CITY']);
  });
});

describe('crews (劳务班组)', () => {
  let t: TestApp;
  let baseUrl: string;
  beforeAll(async () => {
    t = await createTestApp({ env: { OFFER_SWEEP_MS: '60000' } });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  const CREATE = 'mutation { createCrew(name: "韩垓镇焊工班") { id leader { id } members { id } } }';
  const INVITE =
    'mutation ($c: ID!, $w: ID!) { inviteToCrew(crewId: $c, workerId: $w) { id invited { id } } }';
  const JOIN = 'mutation ($c: ID!) { joinCrew(crewId: $c) { id members { id } } }';

  async function crewOf(size: number) {
    const [leader, ...members] = await seedWorkers(t, size);
    if (!leader) throw new Error('no workers');
    const created = await t.gql<{ createCrew: { id: string } }>(CREATE, {}, leader.token);
    const crewId = created.data?.createCrew.id as string;
    for (const member of members) {
      await t.gql(INVITE, { c: crewId, w: member.id }, leader.token);
      const joined = await t.gql(JOIN, { c: crewId }, member.token);
      expect(joined.errors).toBeUndefined();
    }
    return { crewId, leader, members };
  }

  it('lets only invited workers join, of their own accord', async () => {
    const [leader, stranger] = await seedWorkers(t, 2);
    const created = await t.gql<{ createCrew: { id: string; members: { id: string }[] } }>(
      CREATE,
      {},
      leader?.token,
    );
    const crewId = created.data?.createCrew.id;
    expect(created.data?.createCrew.members).toEqual([{ id: leader?.id }]);
    const uninvited = await t.gql(JOIN, { c: crewId }, stranger?.token);
    expect(uninvited.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'crewId' });
    const invited = await t.gql<{ inviteToCrew: { invited: { id: string }[] } }>(
      INVITE,
      { c: crewId, w: stranger?.id },
      leader?.token,
    );
    expect(invited.data?.inviteToCrew.invited).toEqual([{ id: stranger?.id }]);
    // Only the leader invites.
    const byMember = await t.gql(INVITE, { c: crewId, w: leader?.id }, stranger?.token);
    expect(byMember.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const joined = await t.gql<{ joinCrew: { members: { id: string }[] } }>(
      JOIN,
      { c: crewId },
      stranger?.token,
    );
    expect(joined.data?.joinCrew.members.map((m) => m.id).sort()).toEqual([leader?.id, stranger?.id].sort());
    const left = await t.gql('mutation ($c: ID!) { leaveCrew(crewId: $c) }', { c: crewId }, stranger?.token);
    expect(left.data).toEqual({ leaveCrew: true });
  });

  it('gives each member the leader names a hire of their own, never past headcount', async () => {
    const { crewId, leader, members } = await crewOf(4);
    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, { headcount: 3 });
    const leaderSocket = await connectSocket(baseUrl, { token: leader.token });
    const arrived = waitFor<{ offerId: string; crewId: string }>(leaderSocket, 'offer');
    const offered = await t.gql<{ offerGigToCrew: { id: string; tier: string; crew: { id: string } } }>(
      'mutation ($g: ID!, $c: ID!) { offerGigToCrew(gigId: $g, crewId: $c) { id tier crew { id } } }',
      { g: gig.id, c: crewId },
      employer.token,
    );
    expect(offered.data?.offerGigToCrew).toMatchObject({ tier: 'CREW', crew: { id: crewId } });
    const offerId = offered.data?.offerGigToCrew.id;
    expect(await arrived).toMatchObject({ offerId, crewId });

    const ACCEPT =
      'mutation ($o: ID!, $m: [ID!]!) { acceptCrewOffer(offerId: $o, memberIds: $m) { id worker { id } } }';
    const everyone = [leader.id, ...members.map((m) => m.id)];
    const tooMany = await t.gql(ACCEPT, { o: offerId, m: everyone }, leader.token);
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'GIG_FILLED', seatsLeft: 3 });
    const stranger = (await seedWorkers(t, 1))[0];
    const outsider = await t.gql(ACCEPT, { o: offerId, m: [stranger?.id] }, leader.token);
    expect(outsider.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberIds' });

    const going = everyone.slice(0, 3);
    const accepted = await t.gql<{ acceptCrewOffer: { worker: { id: string } }[] }>(
      ACCEPT,
      { o: offerId, m: going },
      leader.token,
    );
    expect(accepted.data?.acceptCrewOffer.map((e) => e.worker.id).sort()).toEqual([...going].sort());
    const [row] = await offerRows(t, gig.id);
    expect(row?.status).toBe('ACCEPTED');
    expect(await assertHiringInvariants(t)).toEqual({ oversold: 0, doubleBooked: 0 });
    leaderSocket.disconnect();
  });

  it('takes no one if a named member is booked at that time', async () => {
    const { crewId, leader, members } = await crewOf(3);
    const employer = await verifiedEmployer(t);
    const busy = members[0];
    if (!busy) throw new Error('no member');
    const elsewhere = await postGig(t, employer.token, { headcount: 1 });
    const applied = await t.gql<Applied>(APPLY, { g: elsewhere.id }, busy.token);
    await t.gql(DECIDE, { a: applied.data?.applyToGig.id, yes: true }, employer.token);

    const gig = await postGig(t, employer.token, { headcount: 5 });
    const offered = await t.gql<{ offerGigToCrew: { id: string } }>(
      'mutation ($g: ID!, $c: ID!) { offerGigToCrew(gigId: $g, crewId: $c) { id } }',
      { g: gig.id, c: crewId },
      employer.token,
    );
    const refused = await t.gql(
      'mutation ($o: ID!, $m: [ID!]!) { acceptCrewOffer(offerId: $o, memberIds: $m) { id } }',
      { o: offered.data?.offerGigToCrew.id, m: [leader.id, busy.id] },
      leader.token,
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'SCHEDULE_CONFLICT', workerId: busy.id });
    const after = await t.gql<{ gig: { filled: number } }>('query ($g: ID!) { gig(id: $g) { filled } }', {
      g: gig.id,
    });
    expect(after.data?.gig.filled).toBe(0); // nobody taken: the whole acceptance rolled back
  });
});
