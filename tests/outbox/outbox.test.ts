import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/db/client.js';
import { createOutboxDispatcher } from '../../src/outbox/dispatcher.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { registerWorker } from '../support/people.js';
import { freePort } from '../support/ports.js';

type WorkerDocument = { id: string; skills: string[]; regionCodes: string[]; _geo: { lat: number } };

async function indexedIds(t: TestApp): Promise<string[]> {
  const { results } = await t.app.meili.index('workers').getDocuments({ limit: 1000, fields: ['id'] });
  return results.map((d) => d.id as string);
}

// Registrations only: a fixture's 特种作业操作证 would add outbox rows of its own and wait for them
// (tests/support/certificates.ts), and these tests count and hold the rows themselves.
const NO_CERTIFICATE = { operationCertificate: false };

async function pendingRows(t: TestApp): Promise<number> {
  const [row] = await t.app.sql`select count(*)::int as n from outbox`;
  return row?.n as number;
}

describe('outbox to the workers index', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  // How fast is measured by bench/, not here: this says that it arrives, and what it holds.
  it('puts a registered worker into the workers index on its own, without private data', async () => {
    const worker = await registerWorker(t, {}, NO_CERTIFICATE);
    const started = Date.now();
    let document: WorkerDocument | undefined;
    while (!document && Date.now() - started < 15_000) {
      document = await t.app.meili
        .index<WorkerDocument>('workers')
        .getDocument(worker.id)
        .catch(() => undefined);
      if (!document) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(document?.skills).toEqual(['welder']);
    expect(document?.regionCodes).toEqual(['370832', '370800', '370000']);
    expect(JSON.stringify(document)).not.toMatch(/idNumber|phone|"1[3-9][0-9]{9}"/);
  });
});

describe('a dispatcher that dies mid-batch', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The app's own dispatcher is stopped (no polling, and commits' notices do not wake it), so
    // the test's dispatchers do the work.
    t = await createTestApp();
    await t.app.outbox.stop();
  });
  afterAll(() => t?.close());

  it('is replayed by the next one, and the index holds every worker exactly once', async () => {
    const workers = [];
    for (let i = 0; i < 30; i++) workers.push(await registerWorker(t, {}, NO_CERTIFICATE));
    expect(await pendingRows(t)).toBe(30);

    // Its own connection, cut after Meilisearch applied the second batch and before the rows are
    // deleted: what PostgreSQL sees when the process is killed at that moment.
    // Named, so the cut reaches this connection only: never a transaction of this app's timers
    // (or of another test file's app), which would be a different test.
    const doomed = createDatabase(t.databaseUrl, { max: 1, applicationName: 'lingong-doomed-dispatcher' });
    let batches = 0;
    const first = createOutboxDispatcher({
      db: doomed.db,
      search: t.app.meili,
      builders: { workers: t.app.services.documents.workers },
      log: t.app.log,
      pollMs: 50,
      batchSize: 10,
      afterSend: async () => {
        batches += 1;
        if (batches === 2) {
          await t.app
            .sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'lingong-doomed-dispatcher' and state = 'idle in transaction'`;
          // Let the client see its connection close before the dispatcher writes again: a write
          // queued as the socket closes hits a postgres.js bug (porsager/postgres#1154) that throws
          // where nothing can catch it. What is tested is the outbox, not that race.
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      },
    });
    await expect(first.drain()).rejects.toThrow();
    await doomed.sql.end({ timeout: 1 }).catch(() => {});
    expect(await pendingRows(t)).toBe(20);

    const second = createOutboxDispatcher({
      db: t.app.db,
      search: t.app.meili,
      builders: { workers: t.app.services.documents.workers },
      log: t.app.log,
      pollMs: 50,
      batchSize: 10,
    });
    await second.drain();
    expect(await pendingRows(t)).toBe(0);
    const ids = await indexedIds(t);
    expect(ids).toHaveLength(30);
    expect(new Set(ids)).toEqual(new Set(workers.map((w) => w.id)));
  });

  it('shares the work safely when two nodes dispatch at once', async () => {
    const before = (await indexedIds(t)).length;
    for (let i = 0; i < 20; i++) await registerWorker(t, {}, NO_CERTIFICATE);
    const node = () =>
      createOutboxDispatcher({
        db: t.app.db,
        search: t.app.meili,
        builders: { workers: t.app.services.documents.workers },
        log: t.app.log,
        pollMs: 50,
        batchSize: 3,
      });
    await Promise.all([node().drain(), node().drain()]);
    expect(await pendingRows(t)).toBe(0);
    expect(await indexedIds(t)).toHaveLength(before + 20);
  });
});

describe('while Meilisearch is unreachable', () => {
  it('keeps registrations, and the index catches up once a node can reach it', async () => {
    const down = await createTestApp({ env: { MEILI_URL: `http://127.0.0.1:${await freePort()}` } });
    try {
      const worker = await registerWorker(down, {}, NO_CERTIFICATE);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await pendingRows(down)).toBe(1);

      const up = await createTestApp({ sameDatabaseAs: down });
      try {
        await up.app.outbox.drain();
        expect(await pendingRows(down)).toBe(0);
        expect(await indexedIds(up)).toEqual([worker.id]);
      } finally {
        await up.close();
      }
    } finally {
      await down.close();
    }
  });
});

describe('the outbox notice', () => {
  // The poll is a minute here, so only a notice, or the listener's reconnection, can dispatch.
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { OUTBOX_POLL_MS: '60000' } });
  });
  afterAll(() => t?.close());

  const until = async (done: () => Promise<boolean>, ms: number) => {
    const deadline = Date.now() + ms;
    while (!(await done())) {
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return true;
  };

  it('wakes the dispatcher at commit, and a notice lost while the listener was away is made up when it reconnects', async () => {
    const worker = await registerWorker(t, {}, NO_CERTIFICATE);
    expect(await until(async () => (await pendingRows(t)) === 0, 10_000)).toBe(true);
    expect(await indexedIds(t)).toContain(worker.id);

    // A row whose notice never came (as if sent while the listening connection was down).
    await t.app.sql`insert into outbox (topic, entity_id) values ('workers', ${worker.id})`;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await pendingRows(t)).toBe(1);

    const cut = await t.app.sql`
      select pg_terminate_backend(pid) as done from pg_stat_activity
      where datname = current_database() and query ilike 'listen %lingong_%'`;
    // postgres.js listens on one connection for every lingong channel (the sessions' too), so its last
    // statement may be another channel's LISTEN: that connection is the one to cut.
    expect(cut.map((r) => r.done)).toEqual([true]);
    expect(await until(async () => (await pendingRows(t)) === 0, 10_000)).toBe(true);
  });
});
