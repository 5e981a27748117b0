import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { databaseUnavailable } from './errors.js';
import * as schema from './schema/index.js';
import { guardPoolInTransactions } from './tx-guard.js';

export type SqlClient = postgres.Sql;

/**
 * One pool per process: postgres.js for raw SQL, drizzle over the same pool for typed queries.
 * `txGuard` (DB_TX_GUARD, tests) makes a pool query from inside a transaction fail at once
 * (tx-guard.ts).
 */
export function createDatabase(
  url: string,
  options: { max?: number; applicationName?: string; txGuard?: boolean } = {},
) {
  const pool = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // While PostgreSQL is down a request waits for a connection attempt, so each must be quick:
    // 2 s for a server that does not answer at all (a refused one fails at once), and at most
    // ~0.5 s between attempts (the default backoff grows to 20 s, which would hold every request
    // that long during an outage and delay recovery as much after it).
    connect_timeout: 2,
    backoff: (retries: number) => (0.5 + Math.random() / 2) * Math.min(0.05 * 2 ** retries, 0.5),
    idle_timeout: 60,
    connection: { application_name: options.applicationName ?? 'lingong', TimeZone: 'UTC' },
  });
  const sql = options.txGuard ? guardPoolInTransactions(pool) : pool;
  const observers = new Set<(query: string) => void>();
  const db = drizzle(withTransactionsSafeFromClosedConnections(sql), {
    schema,
    casing: 'snake_case',
    logger: {
      logQuery(query) {
        for (const observe of observers) observe(query);
      },
    },
  });
  /** Calls `observe` with every statement sent through drizzle until the returned function is called. */
  const observeQueries = (observe: (query: string) => void) => {
    observers.add(observe);
    return () => void observers.delete(observe);
  };
  return { sql, db, observeQueries };
}

/** The parts of a postgres.js query the transaction guard below wraps. */
type PendingQuery = {
  handler: ((query: PendingQuery) => unknown) & { debug?: unknown };
  reject: (error: unknown) => void;
};

/**
 * postgres.js 3.4 keeps writing a transaction's statements to its reserved connection after that
 * connection has closed (PostgreSQL shut down, the backend was terminated): the app's next
 * statement, or its own ROLLBACK/COMMIT. With the socket already gone, the write throws from a
 * setImmediate callback, an uncaught TypeError that no try/catch reaches and that takes the
 * process down (porsager/postgres#1154, #1208); and once the connection is back in the pool, the
 * statement would run outside the transaction, on someone else's session. So each transaction
 * notes when its connection is gone (begin() rejects, or one of its statements fails with a
 * connection error) and from then on refuses its statements before they reach the connection,
 * and its callback never settles, so postgres.js writes neither ROLLBACK nor COMMIT to it. The
 * caller gets begin()'s CONNECTION_CLOSED; PostgreSQL rolls the transaction back itself.
 */
function withTransactionsSafeFromClosedConnections(sql: postgres.Sql): postgres.Sql {
  const begin = (...args: unknown[]) => {
    const callback = args.pop() as (tx: postgres.TransactionSql) => unknown;
    let connectionClosed = false;
    const closedError = () =>
      Object.assign(new Error("the transaction's connection to PostgreSQL closed"), {
        code: 'CONNECTION_CLOSED',
      });
    const never = new Promise<never>(() => {});

    const unsafe =
      (tx: postgres.TransactionSql) =>
      (...query: unknown[]) => {
        // postgres.js types unsafe()'s result as a plain promise; at run time it is its pending
        // Query, whose handler and reject this guard replaces (the reason is above).
        const pending = (tx.unsafe as unknown as (...a: unknown[]) => PendingQuery)(...query);
        const { handler, reject } = pending;
        const guarded = (q: PendingQuery) => (connectionClosed ? q.reject(closedError()) : handler(q));
        pending.handler = Object.assign(guarded, { debug: handler.debug });
        pending.reject = (error: unknown) => {
          if (databaseUnavailable(error)) connectionClosed = true;
          reject(error);
        };
        return pending;
      };
    const guardedCallback = async (tx: postgres.TransactionSql) => {
      const guardedTx = new Proxy(tx, {
        get: (target, property, receiver) =>
          property === 'unsafe' ? unsafe(target) : Reflect.get(target, property, receiver),
      });
      let result: unknown;
      try {
        result = await callback(guardedTx);
      } catch (error) {
        // A close rejects begin() in the same event as the statements; let that land first.
        if (!connectionClosed && databaseUnavailable(error)) await new Promise((r) => setImmediate(r));
        if (connectionClosed) return never;
        throw error;
      }
      return connectionClosed ? never : result;
    };
    const outcome = (sql.begin as (...a: unknown[]) => Promise<unknown>)(...args, guardedCallback);
    // Before its callback settles, begin() fails only when its connection closes.
    outcome.catch(() => {
      connectionClosed = true;
    });
    return outcome;
  };
  return new Proxy(sql, {
    get: (target, property, receiver) =>
      property === 'begin' ? begin : Reflect.get(target, property, receiver),
  });
}

export type Database = ReturnType<typeof createDatabase>['db'];
/**
 * A handle that can run queries: the pool or an open transaction. The house rule: a function that
 * queries through one takes it as its LAST parameter, required for writes and locks (a write
 * never runs outside its transaction by accident), optional `= db` for reads.
 */
export type Executor = Database | Parameters<Parameters<Database['transaction']>[0]>[0];
