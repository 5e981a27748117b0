import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from '../../src/db/client.js';
import { createEmbeddedPostgres, type EmbeddedPostgres } from '../../src/embedded/postgres.js';
import type { GraphQLResponse } from '../support/app.js';
import {
  type ApiProcess,
  type FaultGql,
  httpGql,
  mkdtempShared,
  startApiProcess,
  until,
  verifiedEmployerVia,
} from '../support/faults.js';
import { gigInput, POST_GIG } from '../support/gigs.js';
import { freePort } from '../support/ports.js';

/** How long any request may take while PostgreSQL is gone: an answer, not a hang. */
const FAIL_FAST_MS = 3_000;
/** How soon after PostgreSQL is back the same API process must serve again. */
const RECOVER_MS = 5_000;

const GIG = 'query ($id: ID!) { gig(id: $id) { id title status } }';
const SEARCH = '{ gigs(search: { regionCode: "370800" }, first: 5) { totalCount edges { node { id } } } }';
const MY_GIGS = '{ myGigs { id status } }';

type Outcome = {
  kind: string;
  startedAt: number;
  ms: number;
  status: number;
  ok: boolean;
  codes: string[];
  messages: string[];
  body: string;
};

// A PostgreSQL of this file's own (it is stopped and started), and the API as a process of its own
// on it, so a crash would show as the process exiting rather than as a failed test worker.
let dataDir: string;
let pg: EmbeddedPostgres;
let databaseUrl: string;
let api: ApiProcess;
let gql: FaultGql;

beforeAll(async () => {
  dataDir = await mkdtempShared('lingong-pg-restart-');
  pg = createEmbeddedPostgres({ dataDir, port: await freePort(), log: pino({ level: 'silent' }) });
  databaseUrl = (await pg.start()).url;
  // The API applies the migrations and loads the reference data itself, as `npm start` does.
  api = await startApiProcess({
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '5',
    MEILI_URL: inject('meiliUrl'),
    MEILI_MASTER_KEY: inject('meiliKey'),
    MEILI_INDEX_PREFIX: `t${randomBytes(5).toString('hex')}`,
    DATA_DIR: join(dataDir, 'api'),
  });
  gql = httpGql(api.url);
}, 120_000);

afterAll(async () => {
  await api?.stop();
  await pg?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** One request, timed, with what came back; a transport failure or a hang is recorded, not thrown. */
async function timed(kind: string, query: string, variables: Record<string, unknown>, token?: string) {
  const startedAt = performance.now();
  let status = 0;
  let body = '';
  try {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(15_000),
    });
    status = response.status;
    body = await response.text();
  } catch (error) {
    body = `transport: ${(error as Error).message}`;
  }
  const ms = performance.now() - startedAt;
  let parsed: GraphQLResponse = {};
  try {
    parsed = JSON.parse(body);
  } catch {
    // not JSON: recorded as it is
  }
  const codes = (parsed.errors ?? []).map((e) => String(e.extensions?.code));
  const messages = (parsed.errors ?? []).map((e) => e.message);
  const ok = status === 200 && parsed.data != null && !parsed.errors;
  return { kind, startedAt, ms, status, ok, codes, messages, body } satisfies Outcome;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgreSQL stopped and started again under load', () => {
  // One retry, for a race seen in about 1 run in 6 on this 2-core machine under the full suite: a
  // connection attempt that the restarted PostgreSQL does not answer within connect_timeout (2 s)
  // fails the one request queued on it, even seconds after others succeed (the API logs
  // CONNECT_TIMEOUT). Every check must still pass in one whole run; the race is written up in
  // docs/security.md as a known limit.
  it('fails fast with SERVICE_UNAVAILABLE while it is gone, stays up, and serves again once it is back', {
    retry: 1,
    timeout: 90_000,
  }, async () => {
    const admin = createDatabase(databaseUrl, { max: 1, applicationName: 'fault-test' });
    const employer = await verifiedEmployerVia(gql, admin.db).finally(() => admin.sql.end());
    // The market serves before the stop (on a retry, the previous attempt's restart may still be
    // settling: the first post waits for it, as the check after the restart below does).
    let gigId: string | undefined;
    await until('a first gig is posted', async () => {
      const first = await gql<{ postGig: { id: string } }>(POST_GIG, { input: gigInput() }, employer.token);
      gigId = first.data?.postGig.id;
      return Boolean(gigId);
    });
    if (!gigId) throw new Error('postGig failed');
    // Searches find it (Meilisearch answers, the gigs themselves are read from PostgreSQL).
    await until('the first gig is searchable', async () => {
      const found = await gql<{ gigs: { totalCount: number } }>(SEARCH);
      return (found.data?.gigs.totalCount ?? 0) > 0;
    });

    // Four clients, each asking one thing after another: reads of the gig, searches, the
    // employer's own gigs, and now and then a post.
    const outcomes: Outcome[] = [];
    let loading = true;
    const client = async (c: number) => {
      for (let i = 0; loading; i++) {
        const pick = (i + c) % 10;
        outcomes.push(
          pick === 9
            ? await timed(
                'postGig',
                POST_GIG,
                { input: gigInput({ title: `重启演练${c}-${i}` }) },
                employer.token,
              )
            : pick % 3 === 0
              ? await timed('gigs', SEARCH, {})
              : pick % 3 === 1
                ? await timed('myGigs', MY_GIGS, {}, employer.token)
                : await timed('gig', GIG, { id: gigId }),
        );
        await sleep(25);
      }
    };
    const clients = [0, 1, 2, 3].map(client);

    try {
      await sleep(1_500);
      const stopBegan = performance.now();
      await pg.stop(); // a fast shutdown: every backend is terminated
      const stopped = performance.now();

      await sleep(5_000);
      const readyBegan = performance.now();
      const ready = await fetch(`${api.url}/readyz`);
      const readyMs = performance.now() - readyBegan;
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'unavailable', down: ['postgres'] });
      expect(api.alive()).toBe(true);

      const restartBegan = performance.now();
      await pg.start(); // the same port and data folder
      const restarted = performance.now();
      await until(
        'a request succeeds again',
        async () => outcomes.some((o) => o.startedAt >= restarted && o.ok),
        RECOVER_MS + 10_000,
        20,
      );
      const firstOk = Math.min(
        ...outcomes.filter((o) => o.startedAt >= restarted && o.ok).map((o) => o.startedAt),
      );
      // Load goes on past the settling window below (firstOk + 3 s), long enough to judge it.
      await sleep(5_500);
      loading = false;
      await Promise.all(clients);

      // The process never went down.
      expect(api.alive()).toBe(true);

      // While it was gone (requests begun after the stop, early enough to have answered before
      // the restart): each answered fast, with SERVICE_UNAVAILABLE and a message that says what to
      // do, no stack, no SQL. A request that hung shows here as slow.
      const down = outcomes.filter(
        (o) => o.startedAt >= stopped && o.startedAt <= restartBegan - FAIL_FAST_MS,
      );
      expect(down.length).toBeGreaterThan(10);
      const slow = down.filter((o) => o.ms > FAIL_FAST_MS);
      expect(slow.map((o) => `${o.kind} ${o.ms.toFixed(0)} ms`)).toEqual([]);
      const mislabelled = down.filter(
        (o) => o.status >= 500 || o.codes.length === 0 || o.codes.some((c) => c !== 'SERVICE_UNAVAILABLE'),
      );
      expect(mislabelled.map((o) => `${o.kind} ${o.status} ${o.body.slice(0, 300)}`)).toEqual([]);
      for (const o of down) {
        expect(o.messages.join(' ')).toMatch(/再试/);
        expect(o.body).not.toMatch(/ECONNREFUSED|stack|select |insert /i);
      }

      // Around the stop and the restart nothing is a 500 or a crash either: success or SERVICE_UNAVAILABLE.
      const other = outcomes.filter((o) => !o.ok && !o.codes.every((c) => c === 'SERVICE_UNAVAILABLE'));
      expect(other.map((o) => `${o.kind} ${o.status} ${o.body.slice(0, 300)}`)).toEqual([]);

      // The same process serves again within seconds, and keeps serving.
      expect(firstOk - restarted).toBeLessThan(RECOVER_MS);
      // From connect_timeout (2 s) after the first success on: a connection attempt begun before
      // the restart completed may still time out that late, failing the one request queued on it.
      const settled = outcomes.filter((o) => o.startedAt >= firstOk + 3_000);
      expect(settled.length).toBeGreaterThan(10);
      expect(settled.filter((o) => !o.ok).map((o) => `${o.kind} ${o.body.slice(0, 200)}`)).toEqual([]);
      expect((await fetch(`${api.url}/readyz`)).status).toBe(200);

      const p = (q: number) => {
        const sorted = down.map((o) => o.ms).sort((a, b) => a - b);
        return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]?.toFixed(0);
      };
      console.info(
        `postgres-restart: ${outcomes.length} requests; fast shutdown took ${(stopped - stopBegan).toFixed(0)} ms; ${down.length} requests while it was down answered SERVICE_UNAVAILABLE in p50 ${p(0.5)} ms, max ${p(1)} ms; /readyz answered 503 in ${readyMs.toFixed(0)} ms; PostgreSQL restart took ${(restarted - restartBegan).toFixed(0)} ms and the first request succeeded ${(firstOk - restarted).toFixed(0)} ms after it`,
      );
    } finally {
      loading = false;
      await Promise.all(clients);
      if (process.env.FAULT_DEBUG) console.error(`the API printed:\n${api.output()}`);
      else if (!api.alive()) console.error(`the API exited:\n${api.output()}`);
    }
  });
});
