import { createAdapter as createRedisStreamsAdapter } from '@socket.io/redis-streams-adapter';
import pg from 'pg';
import { createClient } from 'redis';
import type { ServerOptions } from 'socket.io';
import type { Adapter } from 'socket.io-adapter';
import type { SocketAdapterSettings } from '../config.js';
import { createBatchingAdapter } from './postgres-adapter.js';

/** Where the adapter puts a message too big for NOTIFY (8000 bytes) or with binary data. */
export const ATTACHMENTS_TABLE = 'socket_io_attachments';

/** The table the adapter expects (its README's DDL); a race with another node starting is harmless. */
async function createAttachmentsTable(pool: pg.Pool) {
  try {
    await pool.query(`create table if not exists ${ATTACHMENTS_TABLE} (
      id bigserial unique,
      created_at timestamptz default now(),
      payload bytea
    )`);
  } catch (error) {
    // Two nodes creating it at once: the loser sees the winner's row type (23505 on pg_type, or
    // 42710 "type already exists") or relation (42P07).
    const code = (error as { code?: string }).code;
    if (code !== '23505' && code !== '42P07' && code !== '42710') throw error;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Whether the adapter's own connection is LISTENing yet. The adapter opens it in the background
 * and says nothing when it is ready, so this peeks at its pub/sub client (set once LISTEN is done);
 * with another version's shape it answers true rather than wait for nothing.
 */
function isListening(adapter: unknown): boolean {
  const pubsub = (adapter as { client?: { pool?: unknown; client?: unknown } }).client;
  if (!pubsub || typeof pubsub !== 'object' || !('pool' in pubsub)) return true;
  return pubsub.client !== undefined;
}

type Warn = (error: unknown, msg: string) => void;

/** What the io plugin needs of either adapter: socket.io's `adapter` option, readiness, and an end. */
export type Cluster = {
  adapter: ServerOptions['adapter'];
  /** Resolves once this node hears the others (false: not yet, it keeps trying). */
  ready(io: { of(name: '/'): { adapter: Adapter } }): Promise<boolean>;
  /** After io has closed (its goodbye to the other nodes sent): the connections end. */
  close(): Promise<boolean>;
};

/** The adapter the configuration names (SOCKET_ADAPTER): PostgreSQL's by default, or Redis Streams. */
export function openCluster(
  settings: SocketAdapterSettings,
  databaseUrl: string,
  warn: Warn,
): Promise<Cluster> {
  return settings.adapter === 'redis'
    ? openRedisCluster(settings.redisUrl, warn)
    : openPostgresCluster(databaseUrl, warn);
}

/**
 * socket.io across nodes through Redis (`@socket.io/redis-streams-adapter` on the `redis` client):
 * emits go into one Redis stream every node reads, with acks and other short-lived messages by
 * PUB/SUB. For more events a second than PostgreSQL's NOTIFY carries (docs/scale.md).
 */
export async function openRedisCluster(redisUrl: string, warn: Warn) {
  const client = createClient({ url: redisUrl });
  client.on('error', (error) => warn(error, 'socket.io adapter: Redis connection failed'));
  await client.connect();
  return {
    adapter: createRedisStreamsAdapter(client),
    async ready(io: { of(name: '/'): { adapter: Adapter } }): Promise<boolean> {
      // The stream's reader starts with the adapter; announce this node again once it reads.
      await sleep(50);
      await io.of('/').adapter.init();
      return client.isReady;
    },
    async close(): Promise<boolean> {
      return Promise.race([
        client.close().then(
          () => true,
          () => false,
        ),
        sleep(2_000).then(() => false),
      ]);
    },
  };
}

/**
 * The PostgreSQL side of socket.io across nodes (`@socket.io/postgres-adapter`, batched in
 * postgres-adapter.ts): its own small node-postgres pool (one connection held for LISTEN, one for
 * NOTIFY and the attachments table), the attachments table, and the adapter factory for socket.io's
 * `adapter` option. The API's io plugin and bench/adapter.ts both open it here.
 */
export async function openPostgresCluster(databaseUrl: string, warn: Warn) {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 2,
    application_name: 'lingong-io',
    // What it writes (the attachments of big messages) is gone in 30 s and worthless after a
    // crash: its commits need not wait for the WAL's fsync, which a busy disk makes 100 ms.
    options: '-c synchronous_commit=off',
    // The adapter sends its next batch once the last is answered: a statement on a connection
    // that died unseen must fail rather than hold every later event back.
    query_timeout: 5_000,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client's error is the pool's; the LISTEN client is checked out, so it gets its own
  // listener too, or a dropped connection would throw out of the process.
  pool.on('error', (error) => warn(error, 'socket.io adapter: idle PostgreSQL connection failed'));
  pool.on('connect', (client) => {
    client.on('error', (error) => warn(error, 'socket.io adapter: PostgreSQL connection failed'));
  });
  // Each NOTIFY (and each read or write of the attachments table) checks a connection out.
  let statements = 0;
  pool.on('acquire', () => {
    statements++;
  });
  try {
    await createAttachmentsTable(pool);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  return {
    adapter: createBatchingAdapter(pool, {
      tableName: ATTACHMENTS_TABLE,
      errorHandler: (error) => warn(error, 'socket.io adapter: could not pass an event between nodes'),
    }),
    /** Statements the adapter has sent PostgreSQL so far (NOTIFYs and attachments). */
    statements: () => statements,
    /**
     * Ready means hearing the other nodes: wait for the adapter's LISTEN, then announce this node
     * again (its first announcement went out before it could hear the answers). False when it is
     * not LISTENing after 5 s (it keeps retrying).
     */
    async ready(io: { of(name: '/'): { adapter: Adapter } }): Promise<boolean> {
      const adapter = io.of('/').adapter;
      const deadline = Date.now() + 5_000;
      while (!isListening(adapter) && Date.now() < deadline) await sleep(10);
      if (!isListening(adapter)) return false;
      await adapter.init();
      return true;
    },
    /** After io has closed (its goodbye to the other nodes sent): the pool ends. */
    async close(): Promise<boolean> {
      const settleBy = Date.now() + 1_000;
      while ((pool.waitingCount > 0 || pool.idleCount < pool.totalCount) && Date.now() < settleBy) {
        await sleep(10);
      }
      // A LISTEN connection the database killed may never be handed back; do not wait forever.
      return Promise.race([pool.end().then(() => true), sleep(2_000).then(() => false)]);
    },
  };
}
