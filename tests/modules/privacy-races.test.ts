import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { certificateDesk } from '../support/certificate-desk.js';
import { ASK_FOR_HELP, RECORD_FOLLOW_UP } from '../support/followup.js';
import { postGig, verifiedEmployer } from '../support/gigs.js';
import { ACCEPT_OFFER, assertHiringInvariants, testClock } from '../support/hiring.js';
import { adminToken, registerWorker } from '../support/people.js';
import { workerWithHistory } from '../support/privacy.js';
import { refusalOf, rows } from '../support/training-enrolments.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const RACERS = 8;
const ERASE = 'mutation { deleteMyAccount(password: "worker-pass-1") }';
const APPLY = 'mutation ($g: ID!) { applyToGig(gigId: $g) { id } }';
const DECIDE = 'mutation ($a: ID!) { decideApplication(applicationId: $a, accept: true) { status } }';
const SAVE = 'mutation ($n: String!, $s: GigSearch!) { saveSearch(name: $n, search: $s) { id } }';
const AVAILABILITY = 'mutation ($w: [AvailabilityInput!]!) { setAvailability(windows: $w) { id } }';
const CREATE_CREW = 'mutation ($n: String!) { createCrew(name: $n) { id } }';
const INVITE = 'mutation ($c: ID!, $w: ID!) { inviteToCrew(crewId: $c, workerId: $w) { id } }';
const JOIN = 'mutation ($c: ID!) { joinCrew(crewId: $c) { id } }';
const ROSTER = 'mutation ($w: ID!) { addToRoster(workerId: $w) { id } }';
const SMS_OFFERS = 'mutation { setSmsOffers(enabled: true) { id } }';
const WISHES = 'mutation ($s: [ID!]!) { setMyTrainingWishes(skillCodes: $s) { skill { code } } }';
const NOTE = (workerId: string, i: number) => ({
  i: { workerId, channel: 'CALL', outcome: 'CONSIDERING', note: `电话回访${i}：家里困难，想找活` },
});

type Answer = { errors?: { extensions?: Record<string, unknown> }[] };
type Write = () => Promise<Answer>;

/**
 * The erasure and the writes together, the writes one every STAGGER_MS from the erasure's start:
 * some arrive while its password is checked, some while its transaction runs, some just after it
 * (an erasure takes some 40 ms here). The erasure's answer is the last.
 */
const STAGGER_MS = 5;
function race(writes: Write[], erase: Write): Promise<Answer[]> {
  const later = (ms: number, run: Write) => new Promise<void>((resolve) => setTimeout(resolve, ms)).then(run);
  return Promise.all([...writes.map((write, i) => later(i * STAGGER_MS, write)), erase()]);
}

/**
 * Requests of an erased person (or about them) racing their erasure (PIPL art. 47): each is
 * decided wholly before it (and then undone by it) or after it (and then refused), never in
 * between. None loses a deadlock to the erasure (an INTERNAL_SERVER_ERROR), and no row written by
 * one outlives the erasure: no application, hire, saved search, wish, request for help, note,
 * availability or crew membership.
 * Two ways: the writes spread over the erasure (race: a hire or a deadlock decided midway), and
 * the writes sent while the erasure, all done, waits to commit (whileErasing: what lands after it).
 * Where the erasure already keeps a write out, the second way is not repeated: an accept or an
 * employer's decision sent then finds its offer or application withdrawn, a row the erasure holds.
 */
describe('writes racing an erasure', () => {
  const clock = testClock();
  let t: TestApp;
  let employer: { token: string };

  beforeAll(async () => {
    // Room in the pool for the paused erasure, the test's lock and every write waiting at once.
    t = await createTestApp({
      clock,
      env: {
        OFFER_SWEEP_MS: '60000',
        DATABASE_POOL_SIZE: '40',
        // workerWithHistory's hire comes by SMS, at any hour.
        SMS_QUIET_START: '00:00',
        SMS_QUIET_END: '00:00',
      },
    });
    employer = await verifiedEmployer(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Listed gigs on days of their own (loading, a trade anyone may take), `from` days ahead. */
  async function gigsAhead(from: number, count = RACERS): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const start = new Date(clock.now().getTime() + (from + i) * DAY);
      start.setUTCHours(0, 0, 0, 0);
      const gig = await postGig(t, employer.token, {
        headcount: 2,
        skills: ['loading_unloading'],
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 8 * HOUR).toISOString(),
      });
      ids.push(gig.id);
    }
    return ids;
  }

  /** The queries of the database's sessions waiting on a lock (a row's, a table's, an advisory key). */
  async function lockWaiters(): Promise<string[]> {
    const waiting = await rows(
      t,
      sql`select query from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`,
    );
    return waiting.map((row) => String(row.query));
  }

  async function until(check: () => Promise<boolean>, what: string) {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /**
   * The writes sent while the erasure has erased everything but not yet committed: the test holds
   * the audit log's table lock, so the erasure stops at its last statement (the audit row). Once
   * every write has answered or waits on a lock, the test lets go and the erasure commits. A write
   * the erasure did not keep out lands after it. The erasure's answer is the last.
   */
  async function whileErasing(token: string, writes: Write[]): Promise<Answer[]> {
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let held = () => {};
    const holding = new Promise<void>((resolve) => {
      held = resolve;
    });
    const pause = t.app.db.transaction(async (tx) => {
      await tx.execute(sql`lock table audit_log in share row exclusive mode`);
      held();
      await released;
    });
    await holding;
    let erasing: Promise<Answer> = Promise.resolve({});
    let answers: Promise<Answer>[] = [];
    try {
      erasing = t.gql(ERASE, {}, token);
      await until(
        async () => (await lockWaiters()).some((query) => query.startsWith('insert into "audit_log"')),
        'the erasure to reach its audit row',
      );
      let settled = 0;
      answers = writes.map((write) =>
        write().finally(() => {
          settled += 1;
        }),
      );
      // Every write answered, or waiting (the erasure waits too: one more waiter).
      await until(
        async () => settled + (await lockWaiters()).length - 1 >= writes.length,
        'the writes to answer or wait',
      );
    } finally {
      release();
      await pause;
    }
    return Promise.all([...answers, erasing]);
  }

  /** Every answer but the erasure's (the last) is a success or one of the refusals named. */
  function expectDecided(answers: Answer[], refusals: string[]) {
    expect(answers.at(-1)?.errors).toBeUndefined();
    const codes = answers.slice(0, -1).flatMap((answer) => (answer.errors ? [refusalOf(answer).code] : []));
    for (const code of codes) expect(refusals).toContain(code);
  }

  const count = async (query: ReturnType<typeof sql>) => ((await rows(t, query))[0]?.n as number) ?? 0;
  const applied = (workerId: string) =>
    count(
      sql`select count(*)::int as n from applications where worker_id = ${workerId} and status = 'APPLIED'`,
    );
  const hired = (workerId: string) =>
    count(
      sql`select count(*)::int as n from engagements where worker_id = ${workerId} and status = 'CONFIRMED'`,
    );
  const searches = (workerId: string) =>
    count(sql`select count(*)::int as n from saved_searches where worker_id = ${workerId}`);
  const wishes = (workerId: string) =>
    count(sql`select count(*)::int as n from training_wishes where worker_id = ${workerId}`);
  const asks = (workerId: string) =>
    count(sql`select count(*)::int as n from help_requests where worker_id = ${workerId}`);
  const notes = (workerId: string) =>
    count(
      sql`select count(*)::int as n from follow_up_contacts where worker_id = ${workerId} and note is not null`,
    );

  const lists = [['welder'], ['electrician'], ['welder', 'electrician'], ['electrician', 'welder']];
  const wishLists = (token: string) =>
    Array.from({ length: RACERS }, (_, i) => () => t.gql(WISHES, { s: lists[i % lists.length] }, token));

  it('leaves an erased person no hire when their employer accepts their applications as they erase', async () => {
    const racer = await registerWorker(t);
    const gigIds = await gigsAhead(40);
    const applicationIds: string[] = [];
    for (const g of gigIds) {
      const answer = await t.gql<{ applyToGig: { id: string } }>(APPLY, { g }, racer.token);
      expect(answer.errors).toBeUndefined();
      applicationIds.push(answer.data?.applyToGig.id ?? '');
    }
    const answers = await race(
      applicationIds.map((a) => () => t.gql(DECIDE, { a }, employer.token)),
      () => t.gql(ERASE, {}, racer.token),
    );
    // Decided after the erasure, an application is no longer waiting (withdrawn with the person).
    expectDecided(answers, ['BAD_USER_INPUT', 'NOT_FOUND']);
    expect(await hired(racer.id)).toBe(0);
    expect(await assertHiringInvariants(t)).toEqual({ oversold: 0, doubleBooked: 0 });
  });

  it('leaves an erased person no hire when they accept offers as they erase', async () => {
    const racer = await registerWorker(t);
    const gigIds = await gigsAhead(60);
    const now = clock.now();
    // Offers as a wave sends them (the racer, a welder, is offered none of these loading gigs).
    const offers = await rows(
      t,
      sql`insert into offers (gig_id, worker_id, wave, tier, distance_km, sent_at, expires_at)
          select g, ${racer.id}, 1, 'MATCH', 3, ${now.toISOString()}::timestamptz,
                 ${new Date(now.getTime() + HOUR).toISOString()}::timestamptz
          from unnest(${sql.raw(`array[${gigIds.map((g) => `'${g}'`).join(',')}]`)}::uuid[]) as g
          returning id`,
    );
    expect(offers).toHaveLength(RACERS);
    const answers = await race(
      offers.map((offer) => () => t.gql(ACCEPT_OFFER, { id: offer.id }, racer.token)),
      () => t.gql(ERASE, {}, racer.token),
    );
    expectDecided(answers, ['OFFER_NOT_PENDING', 'NOT_FOUND', 'UNAUTHENTICATED']);
    expect(await hired(racer.id)).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from offers where worker_id = ${racer.id} and status = 'PENDING'`,
      ),
    ).toBe(0);
    expect(await assertHiringInvariants(t)).toEqual({ oversold: 0, doubleBooked: 0 });
  });

  it('hires nobody on an offer a wave wrote after the erasure', async () => {
    const late = await registerWorker(t);
    const [gigId] = await gigsAhead(90, 1);
    expect((await t.gql(ERASE, {}, late.token)).errors).toBeUndefined();
    // What a wave that read the person as a candidate before the erasure committed writes after it
    // ("texts the person no offer of a gig posted as they erase", below): their offer, pending.
    const now = clock.now();
    const [offer] = await rows(
      t,
      sql`insert into offers (gig_id, worker_id, wave, tier, distance_km, sent_at, expires_at)
          values (${gigId}, ${late.id}, 1, 'MATCH', 3, ${now.toISOString()}::timestamptz,
                  ${new Date(now.getTime() + HOUR).toISOString()}::timestamptz)
          returning id`,
    );
    // Their token ended with the erasure; a station operator's acceptOffer for a walk-in of theirs
    // (one who had a phone, set a password and erased) reaches the same service.
    await expect(t.app.services.hiring.acceptOffer(late.id, String(offer?.id), null)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await hired(late.id)).toBe(0);
    expect(await assertHiringInvariants(t)).toEqual({ oversold: 0, doubleBooked: 0 });
  });

  it('leaves an erased person no training wishes, and loses no deadlock, when their lists race the erasure', async () => {
    const racer = await registerWorker(t);
    // The racer holds a list already: a change deletes rows the erasure deletes too.
    expect((await t.gql(WISHES, { s: ['welder'] }, racer.token)).errors).toBeUndefined();
    expectDecided(await race(wishLists(racer.token), () => t.gql(ERASE, {}, racer.token)), [
      'NOT_FOUND',
      'UNAUTHENTICATED',
    ]);
    expect(await wishes(racer.id)).toBe(0);
  });

  describe('sent while the erasure commits', () => {
    it('writes no application', async () => {
      const late = await registerWorker(t);
      const gigIds = await gigsAhead(20);
      const answers = await whileErasing(
        late.token,
        gigIds.map((g) => () => t.gql(APPLY, { g }, late.token)),
      );
      expectDecided(answers, ['NOT_FOUND', 'UNAUTHENTICATED']);
      expect(await applied(late.id)).toBe(0);
    });

    it('writes no saved search', async () => {
      const late = await registerWorker(t);
      const saves = Array.from(
        { length: RACERS },
        (_, i) => () => t.gql(SAVE, { n: `电焊${i}`, s: { q: '电焊' } }, late.token),
      );
      expectDecided(await whileErasing(late.token, saves), ['NOT_FOUND', 'UNAUTHENTICATED']);
      expect(await searches(late.id)).toBe(0);
    });

    it('writes no training wishes', async () => {
      const late = await registerWorker(t);
      expect((await t.gql(WISHES, { s: ['welder'] }, late.token)).errors).toBeUndefined();
      expectDecided(await whileErasing(late.token, wishLists(late.token)), ['NOT_FOUND', 'UNAUTHENTICATED']);
      expect(await wishes(late.id)).toBe(0);
    });

    it('writes no request for help', async () => {
      const late = await registerWorker(t);
      const askings = Array.from(
        { length: RACERS },
        () => () => t.gql(ASK_FOR_HELP, { n: '家里困难，想找活' }, late.token),
      );
      expectDecided(await whileErasing(late.token, askings), ['NOT_FOUND', 'UNAUTHENTICATED']);
      expect(await asks(late.id)).toBe(0);
    });

    it("writes no admin's contact note about the person", async () => {
      const admin = await adminToken(t);
      const late = await registerWorker(t);
      const records = Array.from(
        { length: RACERS },
        (_, i) => () => t.gql(RECORD_FOLLOW_UP, NOTE(late.id, i), admin),
      );
      expectDecided(await whileErasing(late.token, records), ['NOT_FOUND']);
      expect(await notes(late.id)).toBe(0);
    });

    it('writes no availability', async () => {
      const late = await registerWorker(t);
      const now = clock.now().getTime();
      const sets = Array.from({ length: RACERS }, (_, i) => () => {
        const startsAt = new Date(now + i * DAY);
        const w = [
          { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + DAY).toISOString() },
        ];
        return t.gql(AVAILABILITY, { w }, late.token);
      });
      expectDecided(await whileErasing(late.token, sets), ['NOT_FOUND', 'UNAUTHENTICATED']);
      expect(
        await count(sql`select count(*)::int as n from worker_availability where worker_id = ${late.id}`),
      ).toBe(0);
    });

    /** A leader's crews, the first with `invitee` invited. */
    async function crewsOf(leader: { token: string }, invitee?: { id: string }) {
      const crewIds: string[] = [];
      for (let i = 0; i < 4; i++) {
        const crew = await t.gql<{ createCrew: { id: string } }>(
          CREATE_CREW,
          { n: `张家班${i}` },
          leader.token,
        );
        crewIds.push(crew.data?.createCrew.id ?? '');
      }
      if (invitee) {
        const invited = await t.gql(INVITE, { c: crewIds[0], w: invitee.id }, leader.token);
        expect(invited.errors).toBeUndefined();
      }
      return crewIds;
    }

    it('puts the person back in no crew they were invited to', async () => {
      const leader = await registerWorker(t);
      const joiner = await registerWorker(t);
      const [joined] = await crewsOf(leader, joiner);
      const joins = Array.from({ length: 3 }, () => () => t.gql(JOIN, { c: joined }, joiner.token));
      expectDecided(await whileErasing(joiner.token, joins), ['NOT_FOUND', 'UNAUTHENTICATED']);
      expect(await rows(t, sql`select status from crew_members where worker_id = ${joiner.id}`)).toEqual([
        { status: 'LEFT' },
      ]);
    });

    it("writes no leader's invitation of the person", async () => {
      const leader = await registerWorker(t);
      const invited = await registerWorker(t);
      const crewIds = await crewsOf(leader);
      const invites = crewIds.map((c) => () => t.gql(INVITE, { c, w: invited.id }, leader.token));
      expectDecided(await whileErasing(invited.token, invites), ['NOT_FOUND']);
      expect(
        await count(
          sql`select count(*)::int as n from crew_members where worker_id = ${invited.id} and status <> 'LEFT'`,
        ),
      ).toBe(0);
    });

    it("writes no operator's certificate of the person, then or afterwards", async () => {
      const desk = await certificateDesk(t, clock);
      const late = await registerWorker(
        t,
        { skills: [{ code: 'bricklayer', level: 2 }] },
        { operationCertificate: false },
      );
      const seen = (i: number) => ({
        workerId: late.id,
        skillCode: 'bricklayer',
        kind: 'SKILL_LEVEL',
        level: 4,
        number: `S3708322024${late.id.slice(0, 4)}${i}`,
        issuer: '梁山县职业技能鉴定所',
        issuedOn: desk.dayAfter(-100),
      });
      const records = Array.from({ length: 3 }, (_, i) => () => desk.record(seen(i)));
      expectDecided(await whileErasing(late.token, records), ['NOT_FOUND']);
      // Nor once the erasure is long done: the number and issuer would name the person again.
      expect(refusalOf(await desk.record(seen(3))).code).toBe('NOT_FOUND');
      const certified = sql`select count(*)::int as n from worker_certificates where worker_id = ${late.id}`;
      expect(await count(certified)).toBe(0);
      const skills = sql`select count(*)::int as n from worker_skills where worker_id = ${late.id}`;
      expect(await count(skills)).toBe(0);
    });

    it('texts the person no offer of a gig posted as they erase', async () => {
      const late = await registerWorker(t);
      const from = clock.now().getTime();
      const w = [{ startsAt: new Date(from).toISOString(), endsAt: new Date(from + 20 * DAY).toISOString() }];
      expect((await t.gql(AVAILABILITY, { w }, late.token)).errors).toBeUndefined();
      expect((await t.gql(SMS_OFFERS, {}, late.token)).errors).toBeUndefined();
      await t.app.outbox.drain();
      const boss = await verifiedEmployer(t);
      // An instant welding gig nearby: its first wave offers it to the person, by SMS too.
      const post = async (): Promise<Answer> => {
        await postGig(t, boss.token, { instant: true, headcount: 1 });
        await t.app.services.hiring.drain();
        return {};
      };
      expectDecided(await whileErasing(late.token, [post]), []);
      await t.app.services.hiring.drain();
      // No message row holds their number or a text to them again.
      const texts = sql`select count(*)::int as n from sms_messages where worker_id = ${late.id}
                          and (phone is not null or body <> '已注销')`;
      expect(await count(texts)).toBe(0);
    });

    // Last: the worker's history moves the clock on a few days.
    it("writes no employer's roster place for the person, then or afterwards", async () => {
      const { worker, employer: theirs } = await workerWithHistory(t, clock, 'fruit_tree_pruning');
      const remove = 'mutation ($w: ID!) { removeFromRoster(workerId: $w) }';
      expect((await t.gql(remove, { w: worker.id }, theirs.token)).errors).toBeUndefined();
      const add = () => t.gql(ROSTER, { w: worker.id }, theirs.token);
      const placed = sql`select count(*)::int as n from employer_roster where worker_id = ${worker.id}`;
      expectDecided(await whileErasing(worker.token, [add, add, add]), ['NOT_FOUND']);
      expect(await count(placed)).toBe(0);
      expect(refusalOf(await add()).code).toBe('NOT_FOUND');
      expect(await count(placed)).toBe(0);
    });
  });
});
