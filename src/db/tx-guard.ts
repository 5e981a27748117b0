import { AsyncLocalStorage } from 'node:async_hooks';
import type postgres from 'postgres';

/**
 * The pool-read-inside-a-transaction detector (DB_TX_GUARD, on in tests; docs/security.md
 * "Concurrent repeats"). A request that holds a transaction's connection and then waits for a
 * second one from the same pool hangs for ever once enough such requests hold every connection.
 * With the guard on, the pool marks the async context of each transaction's callback, and a query
 * sent to that pool (not to the transaction) from inside the mark, or a second transaction begun
 * on it, fails at once with PoolReadInTransactionError instead of waiting.
 *
 * The mark follows every promise, timer and callback started inside the transaction's callback.
 * Work meant to run after the commit on its own connection (a push, a fire-and-forget task started
 * from inside the callback) is started through `outsideTransaction`, which leaves the mark.
 */
const inTransaction = new AsyncLocalStorage<{ pool: object }>();

export class PoolReadInTransactionError extends Error {
  constructor(what: string) {
    super(
      `pool read inside a transaction: ${what} went to the shared pool while this request holds a ` +
        'transaction, and would wait for a second connection (run it on `tx`, or before/after the ' +
        'transaction; work meant for after the commit starts through outsideTransaction)',
    );
    this.name = 'PoolReadInTransactionError';
  }
}

/** Runs `work` (and what it starts) outside any transaction's mark: for tasks that run after the commit. */
export function outsideTransaction<T>(work: () => T): T {
  return inTransaction.exit(work);
}

/**
 * Every error the guard raised, also written to stderr with its stack: a caller that swallows it
 * (a background task's catch) must not hide the hang it stands for.
 */
function noted(error: PoolReadInTransactionError): PoolReadInTransactionError {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  return error;
}

/** Describes a query for the error: its first words. */
function describe(query: unknown): string {
  const text = Array.isArray(query) ? query.join('$') : String(query);
  const short = text.replace(/\s+/g, ' ').trim().slice(0, 120);
  return `\`${short}\``;
}

/** The parts of a postgres.js query the guard wraps (the same as client.ts's transaction guard). */
type PendingQuery = {
  handler: ((query: PendingQuery) => unknown) & { debug?: unknown };
  reject: (error: unknown) => void;
};

/**
 * The pool with the detector: each transaction's callback runs inside a mark, and every query
 * sent to the pool, and every begin() or reserve() on it, fails inside one. A query is checked
 * when it is sent (postgres.js sends it when first awaited, in that caller's context), so a
 * fragment built with the pool's sql`…` and used inside a `tx` query is not a pool read.
 */
export function guardPoolInTransactions(sql: postgres.Sql): postgres.Sql {
  const pool: object = {};
  const marked = () => inTransaction.getStore()?.pool === pool;
  const checked = (pending: PendingQuery, what: () => string) => {
    const { handler } = pending;
    const guard = (q: PendingQuery) =>
      marked() ? q.reject(noted(new PoolReadInTransactionError(what()))) : handler(q);
    pending.handler = Object.assign(guard, { debug: handler.debug });
    return pending;
  };
  const call = (method: unknown, args: unknown[]) => (method as (...a: unknown[]) => unknown)(...args);
  const guarded: Record<PropertyKey, unknown> = {
    unsafe: (...args: unknown[]) => checked(call(sql.unsafe, args) as PendingQuery, () => describe(args[0])),
    file: (...args: unknown[]) =>
      checked(call(sql.file, args) as PendingQuery, () => `the file ${String(args[0])}`),
    reserve: (...args: unknown[]) =>
      marked()
        ? Promise.reject(noted(new PoolReadInTransactionError('sql.reserve()')))
        : call(sql.reserve, args),
    begin: (...args: unknown[]) => {
      if (marked()) {
        return Promise.reject(noted(new PoolReadInTransactionError('a second transaction (db.transaction)')));
      }
      const callback = args.pop() as (tx: postgres.TransactionSql) => unknown;
      const inside = (tx: postgres.TransactionSql) => inTransaction.run({ pool }, () => callback(tx));
      return call(sql.begin, [...args, inside]);
    },
  };
  return new Proxy(sql, {
    apply: (target, self, args: unknown[]) => {
      const made = Reflect.apply(target, self, args) as unknown;
      // sql`…` makes a query; sql(value) makes a fragment (a helper), which sends nothing.
      const isQuery = Array.isArray(args[0]) && Array.isArray((args[0] as { raw?: unknown }).raw);
      return isQuery ? checked(made as PendingQuery, () => describe(args[0])) : made;
    },
    get: (target, property, receiver) =>
      Object.hasOwn(guarded, property) ? guarded[property] : Reflect.get(target, property, receiver),
  });
}
