import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { burst, count, expectAnswered, sql, TAPS } from '../support/double-tap.js';
import { postGig, verifiedEmployer } from '../support/gigs.js';
import { seedWorkers, testClock } from '../support/hiring.js';

/** Long enough for a slow shared machine, far shorter than the test's limit: a hang fails, not stalls. */
const LIMIT_MS = 30_000;

/** What the database's sessions are doing, on a connection of its own (for a hang's message). */
async function sessions(url: string): Promise<string> {
  const own = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await own`select state, wait_event_type, wait_event, left(query, 100) as query
      from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
    return JSON.stringify(rows, null, 1);
  } finally {
    await own.end();
  }
}

async function within<T>(ms: number, what: string, work: Promise<T>, url?: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(async () => {
      const seen = url ? await sessions(url).catch(String) : '';
      reject(new Error(`${what}: no answer in ${ms} ms (a hang); the database's sessions: ${seen}`));
    }, ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Bursts of the same mutation on a node whose pool has only two connections, with the detector
 * OFF (DB_TX_GUARD=0): what is tested is the real behaviour. A request path that holds a
 * transaction and waits for a second pooled connection hangs here for ever (the outbox's three
 * dispatchers built their documents on the pool inside their claim: applications fed them, and
 * each held one connection waiting for another), so each step has a time limit.
 */
describe('bursts on a pool of two connections', () => {
  const clock = testClock();
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: {
        DATABASE_POOL_SIZE: '2',
        DB_TX_GUARD: process.env.TEST_DB_TX_GUARD ?? '0',
        MUTATION_RATE_LIMIT: '100000',
        OFFER_SWEEP_MS: '60000',
        WORK_SWEEP_MS: '3600000',
      },
    });
  });
  afterAll(() => t?.close());

  const outboxEmpty = async () => {
    while ((await count(t, sql`select count(*) as n from outbox`)) > 0) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('answers bursts of applyToGig and decideApplication from several workers, and the outbox drains', {
    timeout: 4 * LIMIT_MS,
  }, async () => {
    const employer = await within(LIMIT_MS, 'an employer', verifiedEmployer(t), t.databaseUrl);
    const workers = await within(
      LIMIT_MS,
      'workers',
      seedWorkers(t, 4, { skills: [{ code: 'loading_unloading', level: 2 }] }),
      t.databaseUrl,
    );
    const gigs = await within(
      LIMIT_MS,
      'postGig',
      Promise.all(
        [0, 1].map(() => postGig(t, employer.token, { skills: ['loading_unloading'], headcount: 4 })),
      ),
      t.databaseUrl,
    );
    // Every worker taps 报名 on every gig TAPS times, all at once: 48 requests on two connections.
    const applied = await within(
      LIMIT_MS,
      'applyToGig bursts',
      Promise.all(
        workers.flatMap((worker) =>
          gigs.map((gig) =>
            burst(TAPS, () =>
              t.gql<{ applyToGig: { id: string } }>(
                'mutation ($g: ID!) { applyToGig(gigId: $g) { id status } }',
                { g: gig.id },
                worker.token,
              ),
            ),
          ),
        ),
      ),
      t.databaseUrl,
    );
    for (const answers of applied) expect(expectAnswered(answers).filter((o) => o === 'OK')).toHaveLength(1);
    for (const gig of gigs) {
      expect(await count(t, sql`select count(*) as n from applications where gig_id = ${gig.id}`)).toBe(
        workers.length,
      );
    }
    // The employer taps 录用 on the first gig's applications, each TAPS times, all at once.
    const ids = applied
      .filter((_, i) => i % gigs.length === 0)
      .map((answers) => answers.find((a) => a.data?.applyToGig)?.data?.applyToGig.id);
    const decided = await within(
      LIMIT_MS,
      'decideApplication bursts',
      Promise.all(
        ids.map((id) =>
          burst(TAPS, () =>
            t.gql(
              'mutation ($a: ID!) { decideApplication(applicationId: $a, accept: true) { id status } }',
              { a: id },
              employer.token,
            ),
          ),
        ),
      ),
      t.databaseUrl,
    );
    for (const answers of decided) expectAnswered(answers);
    const first = gigs[0]?.id;
    expect(await count(t, sql`select count(*) as n from engagements where gig_id = ${first}`)).toBe(
      workers.length,
    );
    expect(await count(t, sql`select filled as n from gigs where id = ${first}`)).toBe(workers.length);
    // Every change reached the search indexes: no dispatcher is stuck holding a connection.
    await within(LIMIT_MS, 'the outbox draining', outboxEmpty(), t.databaseUrl);
  });
});
