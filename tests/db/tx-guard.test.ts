import { sql as drizzleSql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/db/client.js';
import { outsideTransaction, PoolReadInTransactionError } from '../../src/db/tx-guard.js';
import { createReferenceRepository } from '../../src/modules/reference/reference.repository.js';
import { createTestDatabase } from '../support/database.js';

/** The detector of DB_TX_GUARD (src/db/tx-guard.ts) on a pool of ONE connection: without it, each
 * pool read below would wait for ever for the connection its own transaction holds. */
describe('pool reads inside a transaction (DB_TX_GUARD)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let guarded: ReturnType<typeof createDatabase>;

  beforeAll(async () => {
    database = await createTestDatabase();
    guarded = createDatabase(database.url, { max: 1, txGuard: true });
  });
  afterAll(async () => {
    await guarded?.sql.end();
    await database?.drop();
  });

  it('fails a repository read on the pool inside a transaction at once, naming it', {
    timeout: 10_000,
  }, async () => {
    const reference = createReferenceRepository(guarded.db);
    const started = Date.now();
    const outcome = guarded.db.transaction(async (tx) => {
      await tx.execute(drizzleSql`select 1`); // the transaction's own query passes
      return reference.listRegions(null); // reads through the pool: the bug
    });
    // drizzle wraps it ("Failed query: …"), with the named error as its cause.
    const error = await outcome.then(
      () => undefined,
      (failed: Error) => failed.cause,
    );
    expect(error).toBeInstanceOf(PoolReadInTransactionError);
    expect((error as Error).message).toMatch(/^pool read inside a transaction: `select .* from "regions"/);
    expect(Date.now() - started).toBeLessThan(5_000);
    // The transaction rolled back and gave its connection back: the pool answers again.
    expect((await reference.listRegions(null)).length).toBeGreaterThan(0);
  });

  it('lets the same read through the transaction, and before and after it', async () => {
    const reference = createReferenceRepository(guarded.db);
    const before = await reference.listSkills();
    const inside = await guarded.db.transaction((tx) => reference.listSkills({}, tx));
    const after = await reference.listSkills();
    expect(inside).toEqual(before);
    expect(after).toEqual(before);
  });

  it('fails raw SQL on the pool and a second transaction begun on it, not a fragment', async () => {
    await expect(guarded.db.transaction(() => guarded.sql`select 1`)).rejects.toThrow(
      PoolReadInTransactionError,
    );
    await expect(guarded.db.transaction(() => guarded.db.transaction(async () => 1))).rejects.toThrow(
      /pool read inside a transaction: a second transaction/,
    );
    await expect(guarded.sql.begin(() => guarded.sql.reserve())).rejects.toThrow(PoolReadInTransactionError);
    // A fragment made with the pool's sql sends nothing of its own.
    const [row] = await guarded.sql.begin((tx) => tx`select ${guarded.sql`41 + 1`} as n`);
    expect(Number(row?.n)).toBe(42);
    // A savepoint (drizzle's nested transaction on tx) is the transaction's own.
    expect(await guarded.db.transaction((tx) => tx.transaction(async () => 'ok'))).toBe('ok');
  });

  it('passes work started inside through outsideTransaction and run after the commit', async () => {
    const reference = createReferenceRepository(guarded.db);
    let afterCommit: Promise<unknown> = Promise.resolve();
    let unmarked: Promise<unknown> = Promise.resolve();
    await guarded.db.transaction(async (tx) => {
      await tx.execute(drizzleSql`select 1`);
      let committed: () => void = () => {};
      const commit = new Promise<void>((resolve) => {
        committed = resolve;
      });
      afterCommit = outsideTransaction(() => commit.then(() => reference.listRegions(null)));
      // The same task started without leaving the mark is flagged, even though it runs later.
      unmarked = commit
        .then(() => reference.listRegions(null))
        .then(
          () => 'read',
          (error: Error) => error.cause ?? error,
        );
      setImmediate(committed);
    });
    expect(((await afterCommit) as unknown[]).length).toBeGreaterThan(0);
    expect(await unmarked).toBeInstanceOf(PoolReadInTransactionError);
  });

  it('is off unless asked for: the same read without the guard waits its turn on a pool of two', async () => {
    const plain = createDatabase(database.url, { max: 2 });
    try {
      const reference = createReferenceRepository(plain.db);
      const rows = await plain.db.transaction(() => reference.listRegions(null));
      expect(rows.length).toBeGreaterThan(0);
    } finally {
      await plain.sql.end();
    }
  });
});
