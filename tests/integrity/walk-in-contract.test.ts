import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { count, expectAnswered, one, sql } from '../support/double-tap.js';
import { type StaffedStation, staffedStation } from '../support/followup.js';
import { LIANGSHAN, postGig, verifiedEmployer } from '../support/gigs.js';
import { hireThroughApplication, seedWorkers, testClock } from '../support/hiring.js';
import { adminToken, registerWalkIn } from '../support/people.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const ACCEPT = `mutation ($e: ID!) {
  acceptContract(engagementId: $e) { id contract { hash terms verified workerAcceptedAt employerAcceptedAt } }
}`;

type Contract = {
  hash: string;
  terms: string;
  verified: boolean;
  workerAcceptedAt: string | null;
  employerAcceptedAt: string | null;
};
type Accepted = { acceptContract: { id: string; contract: Contract } };

/**
 * A walk-in worker's electronic contract, acknowledged on the worker's side by the station operator
 * who serves them (docs/work-and-wages.md): recorded as ACTED_FOR_WALK_IN, refused to an operator of
 * another station or for a worker who registered themselves, once however often it is tapped, and
 * the contract still says only what was agreed.
 */
describe("a walk-in's contract, acknowledged at the station", () => {
  const clock = testClock();
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: { MUTATION_RATE_LIMIT: '100000', OFFER_SWEEP_MS: '60000', WORK_SWEEP_MS: '3600000' },
    });
  });
  afterAll(() => t.close());

  let stations = 0;
  const station = () =>
    staffedStation(t, { name: `黑虎庙镇${++stations}`, location: LIANGSHAN, serviceRadiusKm: 20 });

  /** A walk-in registered at `desk`, applied for by its operator and hired: the hire's id. */
  async function walkInHire(
    desk: StaffedStation,
    employerToken: string,
  ): Promise<{ hire: string; walkIn: string }> {
    const walkIn = await registerWalkIn(t, desk.operator, '李大伯', '1961-03-12');
    const start = new Date(clock.now().getTime() + 2 * DAY);
    start.setUTCHours(0, 0, 0, 0);
    const gig = await postGig(t, employerToken, {
      skills: ['loading_unloading'],
      headcount: 1,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 8 * HOUR).toISOString(),
    });
    const applied = await t.gql<{ applyToGig: { id: string } }>(
      'mutation ($g: ID!, $w: ID) { applyToGig(gigId: $g, workerId: $w) { id } }',
      { g: gig.id, w: walkIn },
      desk.operator,
    );
    const decided = await t.gql(
      'mutation ($a: ID!) { decideApplication(applicationId: $a, accept: true) { status } }',
      { a: applied.data?.applyToGig.id },
      employerToken,
    );
    expect(expectAnswered([applied, decided])).toEqual(['OK', 'OK']);
    const { id } = await one<{ id: string }>(t, sql`select id from engagements where gig_id = ${gig.id}`);
    return { hire: id, walkIn };
  }

  const contractRow = (hire: string) =>
    one<{
      contract_hash: string;
      contract_text: string;
      worker_accepted_at: string | null;
      employer_accepted_at: string | null;
    }>(
      t,
      sql`select contract_hash, contract_text, worker_accepted_at, employer_accepted_at
        from engagements where id = ${hire}`,
    );

  const actedFor = (hire: string) =>
    t.app.db.execute(sql`
      select actor_account_id, actor_role, details->>'step' as step, details->>'workerId' as worker,
        details->>'contractHash' as hash
      from audit_log where action = 'ACTED_FOR_WALK_IN' and subject_id = ${hire} order by id`) as unknown as Promise<
      Record<string, string>[]
    >;

  it("lets the walk-in's operator acknowledge the worker's side, recorded as acting for them, the contract unchanged", async () => {
    const desk = await station();
    const employer = await verifiedEmployer(t);
    const { hire, walkIn } = await walkInHire(desk, employer.token);
    const before = await contractRow(hire);
    expect(before.worker_accepted_at).toBeNull();

    const answer = await t.gql<Accepted>(ACCEPT, { e: hire }, desk.operator);
    expect(expectAnswered([answer])).toEqual(['OK']);
    const contract = answer.data?.acceptContract.contract as Contract;
    expect(contract.workerAcceptedAt).not.toBeNull();
    expect(contract.employerAcceptedAt).toBeNull();
    // What was agreed, and only that: the same text and hash, still verifying.
    expect(contract).toMatchObject({
      hash: before.contract_hash,
      terms: before.contract_text,
      verified: true,
    });
    const after = await contractRow(hire);
    expect(after).toMatchObject({ contract_hash: before.contract_hash, contract_text: before.contract_text });
    expect(after.worker_accepted_at).not.toBeNull();
    expect(await actedFor(hire)).toEqual([
      {
        actor_account_id: desk.operatorId,
        actor_role: 'STATION_OPERATOR',
        step: 'acceptContract',
        worker: walkIn,
        hash: before.contract_hash,
      },
    ]);

    // The employer's side is its own, as before: acknowledged by the employer, recorded as nothing more.
    clock.advance(60_000);
    const employerSide = await t.gql<Accepted>(ACCEPT, { e: hire }, employer.token);
    expect(expectAnswered([employerSide])).toEqual(['OK']);
    expect(employerSide.data?.acceptContract.contract).toMatchObject({
      workerAcceptedAt: contract.workerAcceptedAt,
      hash: before.contract_hash,
      verified: true,
    });
    expect(employerSide.data?.acceptContract.contract.employerAcceptedAt).not.toBeNull();
    expect(await actedFor(hire)).toHaveLength(1);
  });

  it('refuses an operator of another station NOT_FOUND, and writes nothing', async () => {
    const desk = await station();
    const other = await station();
    const employer = await verifiedEmployer(t);
    const { hire } = await walkInHire(desk, employer.token);
    const before = await one<Record<string, unknown>>(t, sql`select * from engagements where id = ${hire}`);

    expect(expectAnswered([await t.gql(ACCEPT, { e: hire }, other.operator)])).toEqual(['NOT_FOUND']);
    expect(await one<Record<string, unknown>>(t, sql`select * from engagements where id = ${hire}`)).toEqual(
      before,
    );
    expect(await actedFor(hire)).toEqual([]);
    // The walk-in's own operator may, so the refusal was of the stranger, not of the step.
    expect(expectAnswered([await t.gql(ACCEPT, { e: hire }, desk.operator)])).toEqual(['OK']);
  });

  it('refuses an operator the hire of a worker who registered themselves NOT_FOUND, and writes nothing', async () => {
    const desk = await station();
    const employer = await verifiedEmployer(t);
    const [own] = await seedWorkers(t, 1, { skills: [{ code: 'loading_unloading', level: 2 }] });
    if (!own) throw new Error('no worker');
    const hire = await hireThroughApplication(t, employer.token, own, 2);
    // The operator's own walk-in is acknowledged, so the operator may take this step at all.
    const { hire: walkInsHire } = await walkInHire(desk, employer.token);
    const answers = [
      await t.gql(ACCEPT, { e: hire }, desk.operator),
      await t.gql(ACCEPT, { e: walkInsHire }, desk.operator),
    ];
    expect(expectAnswered(answers)).toEqual(['NOT_FOUND', 'OK']);
    expect((await contractRow(hire)).worker_accepted_at).toBeNull();
    expect(await actedFor(hire)).toEqual([]);
  });

  it('gives one acceptance and one audit entry for ten taps at once', async () => {
    const desk = await station();
    const employer = await verifiedEmployer(t);
    const { hire } = await walkInHire(desk, employer.token);
    const taps = await Promise.all(
      Array.from({ length: 10 }, () => t.gql<Accepted>(ACCEPT, { e: hire }, desk.operator)),
    );
    expect(expectAnswered(taps)).toEqual(Array(10).fill('OK'));
    const at = new Set(taps.map((tap) => tap.data?.acceptContract.contract.workerAcceptedAt));
    expect(at.size).toBe(1);
    const stored = (await contractRow(hire)).worker_accepted_at;
    expect(new Date(String([...at][0])).getTime()).toBe(new Date(String(stored)).getTime());
    expect(await actedFor(hire)).toHaveLength(1);
    expect(
      await count(
        t,
        sql`select count(*) as n from audit_log where subject_id = ${hire} and action = 'ACTED_FOR_WALK_IN'`,
      ),
    ).toBe(1);
  });

  it("records the operator acting for a walk-in, never the worker's own acknowledgement", async () => {
    const desk = await station();
    const employer = await verifiedEmployer(t);
    const [own] = await seedWorkers(t, 1, { skills: [{ code: 'loading_unloading', level: 2 }] });
    if (!own) throw new Error('no worker');
    const ownHire = await hireThroughApplication(t, employer.token, own, 2);
    const { hire: walkInsHire } = await walkInHire(desk, employer.token);
    const answers = [
      await t.gql(ACCEPT, { e: ownHire }, own.token),
      await t.gql(ACCEPT, { e: ownHire }, own.token),
      await t.gql(ACCEPT, { e: walkInsHire }, desk.operator),
    ];
    expect(expectAnswered(answers)).toEqual(['OK', 'OK', 'OK']);
    expect((await contractRow(ownHire)).worker_accepted_at).not.toBeNull();
    expect(await actedFor(ownHire)).toEqual([]);
    expect(await actedFor(walkInsHire)).toHaveLength(1);
  });
  const OPEN_DISPUTE = `mutation ($e: ID!, $r: String!) {
    openDispute(engagementId: $e, reason: $r, kind: WORK) { id status } }`;
  const ADD_NOTE = 'mutation ($d: ID!, $n: String!) { addDisputeNote(disputeId: $d, note: $n) { id } }';
  const disputeRows = (hire: string) =>
    t.app.db.execute(sql`
      select d.opened_by_role, d.opened_by_account_id, d.kind, d.status,
        (select count(*)::int from dispute_notes n where n.dispute_id = d.id) as notes
      from disputes d where d.engagement_id = ${hire}`) as unknown as Promise<Record<string, unknown>[]>;

  /** The walk-in's hire, its start passed: the employer marks the worker who came a no-show. */
  async function falseNoShow(desk: StaffedStation) {
    const employer = await verifiedEmployer(t);
    const { hire, walkIn } = await walkInHire(desk, employer.token);
    const { starts } = await one<{ starts: string }>(
      t,
      sql`select starts_at as starts from engagements where id = ${hire}`,
    );
    clock.advance(new Date(starts).getTime() + 2 * HOUR - clock.now().getTime());
    const marked = await t.gql(
      'mutation ($e: ID!) { markNoShow(engagementId: $e) { status } }',
      { e: hire },
      employer.token,
    );
    expect(expectAnswered([marked])).toEqual(['OK']);
    return { hire, walkIn, employer };
  }

  it("lets the walk-in's operator complain for them, recorded as acting for them, and the bureau then settles the hours", async () => {
    const desk = await station();
    const other = await station();
    const admin = await adminToken(t);
    const { hire, walkIn } = await falseNoShow(desk);

    // An operator of another station is told there is no such hire, and nothing is written.
    const stranger = await t.gql(OPEN_DISPUTE, { e: hire, r: '他那天一直在干活' }, other.operator);
    expect(expectAnswered([stranger])).toEqual(['NOT_FOUND']);
    expect(await disputeRows(hire)).toEqual([]);

    const opened = await t.gql<{ openDispute: { id: string; status: string } }>(
      OPEN_DISPUTE,
      { e: hire, r: '李大伯那天一直在干活，工友可以作证' },
      desk.operator,
    );
    expect(expectAnswered([opened])).toEqual(['OK']);
    const disputeId = opened.data?.openDispute.id as string;
    expect(await disputeRows(hire)).toEqual([
      {
        opened_by_role: 'WORKER',
        opened_by_account_id: desk.operatorId,
        kind: 'WORK',
        status: 'OPEN',
        notes: 0,
      },
    ]);

    const noted = await t.gql(ADD_NOTE, { d: disputeId, n: '驿站核实：当天在工地登记过' }, desk.operator);
    const strangerNote = await t.gql(ADD_NOTE, { d: disputeId, n: '我也来说两句这件事' }, other.operator);
    expect(expectAnswered([noted, strangerNote])).toEqual(['OK', 'NOT_FOUND']);
    const [note] = (await t.app.db.execute(
      sql`select author_role, author_account_id from dispute_notes where dispute_id = ${disputeId}`,
    )) as unknown as Record<string, string>[];
    expect(note).toEqual({ author_role: 'WORKER', author_account_id: desk.operatorId });

    const steps = (await actedFor(hire)).map((row) => [row.step, row.actor_account_id, row.worker]);
    expect(steps).toEqual([
      ['openDispute', desk.operatorId, walkIn],
      ['addDisputeNote', desk.operatorId, walkIn],
    ]);

    // The operator follows it up for the walk-in, who has no phone: their hires and disputes by name;
    // another station's operator reads neither.
    const MINE = `query ($w: ID) { myEngagements(workerId: $w) { id status } myDisputes(workerId: $w) { id openedBy } }`;
    const mine = await t.gql<{
      myEngagements: { id: string; status: string }[];
      myDisputes: { id: string; openedBy: string }[];
    }>(MINE, { w: walkIn }, desk.operator);
    expect(mine.data).toEqual({
      myEngagements: [{ id: hire, status: 'NO_SHOW' }],
      myDisputes: [{ id: disputeId, openedBy: 'WORKER' }],
    });
    const theirs = await t.gql(MINE, { w: walkIn }, other.operator);
    expect(theirs.data ?? null).toBeNull();
    expect(theirs.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unnamed = await t.gql(MINE, {}, desk.operator);
    expect(unnamed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'workerId' });

    // The complaint is the worker's side's, so the bureau may correct the employer's no-show.
    const settled = await t.gql<{ settleAttendance: { status: string; payment: { amountFen: number } } }>(
      `mutation ($e: ID!) { settleAttendance(engagementId: $e, workedHours: 8, note: "工友作证他整天在场")
        { status payment { amountFen } } }`,
      { e: hire },
      admin,
    );
    expect(expectAnswered([settled])).toEqual(['OK']);
    expect(settled.data?.settleAttendance.status).toBe('COMPLETED');
    expect(settled.data?.settleAttendance.payment.amountFen).toBeGreaterThan(0);
  });

  it('refuses an operator a complaint on the hire of a worker who registered themselves, and writes nothing', async () => {
    const desk = await station();
    const employer = await verifiedEmployer(t);
    const [own] = await seedWorkers(t, 1, { skills: [{ code: 'loading_unloading', level: 2 }] });
    if (!own) throw new Error('no worker');
    const hire = await hireThroughApplication(t, employer.token, own, 2);
    const refused = await t.gql(OPEN_DISPUTE, { e: hire, r: '替他投诉这件事情' }, desk.operator);
    expect(expectAnswered([refused])).toEqual(['NOT_FOUND']);
    expect(await disputeRows(hire)).toEqual([]);
    // The worker's own complaint is theirs, with no entry of anyone acting for them.
    const own_ = await t.gql(OPEN_DISPUTE, { e: hire, r: '我自己来投诉这件事' }, own.token);
    expect(expectAnswered([own_])).toEqual(['OK']);
    expect(await disputeRows(hire)).toMatchObject([
      { opened_by_role: 'WORKER', opened_by_account_id: own.accountId },
    ]);
    expect(await actedFor(hire)).toEqual([]);
  });
});
