import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { burst, count, expectAnswered, sql, TAPS } from '../support/double-tap.js';
import { postGig, verifiedEmployer } from '../support/gigs.js';
import { hireThroughApplication, offerRows, seedWorkers } from '../support/hiring.js';

/**
 * The worker's other buttons pressed several times at once: offers declined, searches saved, crews
 * formed, favourites kept. Each press is answered (never INTERNAL_SERVER_ERROR) and the tables
 * hold what one press, or the same presses one after another, would have left.
 */
describe('double taps on offers, saved searches, crews and rosters', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      env: { MUTATION_RATE_LIMIT: '100000', OFFER_SWEEP_MS: '60000', OFFER_FAN_OUT: '40' },
    });
  });
  afterAll(() => t.close());

  const gql = <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    token: string,
  ) => t.gql<T>(query, variables, token);

  it('declines an offer once', async () => {
    const [worker] = await seedWorkers(t, 1, { skills: [{ code: 'bricklayer', level: 3 }] });
    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, { instant: true, headcount: 1, skills: ['bricklayer'] });
    await t.app.services.hiring.drain();
    const offer = (await offerRows(t, gig.id)).find((o) => o.worker_id === worker?.id);
    if (!offer || !worker) throw new Error('no offer');
    const answers = await burst(TAPS, () =>
      gql('mutation ($o: ID!) { declineOffer(offerId: $o) { id status } }', { o: offer.id }, worker.token),
    );
    expectAnswered(answers);
    expect(
      await count(t, sql`select count(*) as n from offers where id = ${offer.id} and status = 'DECLINED'`),
    ).toBe(1);
  });

  it('keeps a worker at 20 saved searches when the 20th is saved several times at once', async () => {
    const [worker] = await seedWorkers(t, 1);
    if (!worker) throw new Error('no worker');
    const SAVE = 'mutation ($n: String!, $s: GigSearch!) { saveSearch(name: $n, search: $s) { id } }';
    for (let i = 0; i < 19; i++) {
      const saved = await gql(SAVE, { n: `搜索${i}`, s: { q: '电焊' } }, worker.token);
      expect(saved.errors).toBeUndefined();
    }
    const answers = await burst(8, () => gql(SAVE, { n: '第二十个', s: { q: '电焊' } }, worker.token));
    const said = expectAnswered(answers);
    expect(said.filter((o) => o === 'OK')).toHaveLength(1);
    expect(said.filter((o) => o !== 'OK')).toEqual(Array(7).fill('BAD_USER_INPUT:name'));
    expect(await count(t, sql`select count(*) as n from saved_searches where worker_id = ${worker.id}`)).toBe(
      20,
    );

    const [id] = (await t.app.db.execute(
      sql`select id from saved_searches where worker_id = ${worker.id} limit 1`,
    )) as unknown as { id: string }[];
    const deletes = await burst(TAPS, () =>
      gql('mutation ($i: ID!) { deleteSavedSearch(id: $i) }', { i: id?.id }, worker.token),
    );
    expect(expectAnswered(deletes).filter((o) => o === 'OK')).toHaveLength(1);
    expect(await count(t, sql`select count(*) as n from saved_searches where worker_id = ${worker.id}`)).toBe(
      19,
    );
  });

  it('invites, joins and leaves a crew once however often each taps', async () => {
    const [leader, member] = await seedWorkers(t, 2);
    if (!leader || !member) throw new Error('no workers');
    const created = await gql<{ createCrew: { id: string } }>(
      'mutation { createCrew(name: "韩垓镇焊工班") { id } }',
      {},
      leader.token,
    );
    const crewId = created.data?.createCrew.id;
    const invites = await burst(TAPS, () =>
      gql(
        'mutation ($c: ID!, $w: ID!) { inviteToCrew(crewId: $c, workerId: $w) { id } }',
        { c: crewId, w: member.id },
        leader.token,
      ),
    );
    expectAnswered(invites);
    const joins = await burst(TAPS, () =>
      gql('mutation ($c: ID!) { joinCrew(crewId: $c) { id members { id } } }', { c: crewId }, member.token),
    );
    expect(expectAnswered(joins)).toEqual(Array(TAPS).fill('OK'));
    expect(
      await count(
        t,
        sql`select count(*) as n from crew_members where crew_id = ${crewId} and worker_id = ${member.id} and status = 'MEMBER'`,
      ),
    ).toBe(1);

    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, { headcount: 2 });
    const offers = await burst(TAPS, () =>
      gql(
        'mutation ($g: ID!, $c: ID!) { offerGigToCrew(gigId: $g, crewId: $c) { id status } }',
        { g: gig.id, c: crewId },
        employer.token,
      ),
    );
    expectAnswered(offers);
    expect(
      await count(t, sql`select count(*) as n from offers where gig_id = ${gig.id} and crew_id = ${crewId}`),
    ).toBe(1);

    const leaves = await burst(TAPS, () =>
      gql('mutation ($c: ID!) { leaveCrew(crewId: $c) }', { c: crewId }, member.token),
    );
    expectAnswered(leaves);
    expect(
      await count(
        t,
        sql`select count(*) as n from crew_members where crew_id = ${crewId} and worker_id = ${member.id} and status = 'LEFT'`,
      ),
    ).toBe(1);
  });

  it('puts a worker on the roster once and takes them off once', async () => {
    const employer = await verifiedEmployer(t);
    const [worker] = await seedWorkers(t, 1, { skills: [{ code: 'loading_unloading', level: 2 }] });
    if (!worker) throw new Error('no worker');
    await hireThroughApplication(t, employer.token, worker, 2);
    const adds = await burst(TAPS, () =>
      gql('mutation ($w: ID!) { addToRoster(workerId: $w) { id } }', { w: worker.id }, employer.token),
    );
    expect(expectAnswered(adds)).toEqual(Array(TAPS).fill('OK'));
    expect(
      await count(t, sql`select count(*) as n from employer_roster where worker_id = ${worker.id}`),
    ).toBe(1);
    const removes = await burst(TAPS, () =>
      gql('mutation ($w: ID!) { removeFromRoster(workerId: $w) }', { w: worker.id }, employer.token),
    );
    expectAnswered(removes);
    expect(
      await count(t, sql`select count(*) as n from employer_roster where worker_id = ${worker.id}`),
    ).toBe(0);
  });

  it('turns SMS offers on once', async () => {
    const [worker] = await seedWorkers(t, 1);
    if (!worker) throw new Error('no worker');
    await t.app.db.execute(sql`update accounts set phone = '13812340000' where id = ${worker.accountId}`);
    const answers = await burst(TAPS, () =>
      gql('mutation { setSmsOffers(enabled: true) { id } }', {}, worker.token),
    );
    expect(expectAnswered(answers)).toEqual(Array(TAPS).fill('OK'));
  });
});
