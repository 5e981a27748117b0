import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SQL, sql } from 'drizzle-orm';
import { createSigner } from 'fast-jwt';
import type { Database } from '../../src/db/client.js';
import { createTail } from '../../src/embedded/processes.js';
import type { RegisterEmployerInput } from '../../src/modules/employers/employers.service.js';
import { enqueueOutbox } from '../../src/outbox/outbox.js';
import { projectRoot } from '../../src/paths.js';
import { hashPassword } from '../../src/security/passwords.js';
import type { GraphQLResponse } from './app.js';
import { operationCertificatesSql } from './certificates.js';
import { LIANGSHAN } from './gigs.js';
import { employerInput } from './people.js';
import { freePort } from './ports.js';

/** Polls `check` until it holds; fails naming `what` after `timeoutMs`. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000, everyMs = 100) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/**
 * A temporary folder the embedded servers can use: as root, PostgreSQL runs as `postgres`, which
 * must be able to enter it (mkdtemp makes it 0700).
 */
export async function mkdtempShared(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await chmod(dir, 0o755);
  return dir;
}

/** Variables the API reads that the test runner's environment may hold: none reaches a child API. */
const API_VARIABLES =
  /^(NODE_ENV|HOST|PORT|LOG_LEVEL|DATA_DIR|DATABASE_|MEILI_|EMBEDDED_|MIGRATE_ON_START|SEED_DEMO|SHUTDOWN_GRACE_MS|JWT_SECRET|PII_KEY|ACCESS_TOKEN_|REFRESH_TOKEN_|ADMIN_|AUTH_RATE_LIMIT_|MUTATION_RATE_LIMIT|OUTBOX_|GIG_SWEEP_MS|OFFER_|WORK_SWEEP_MS|STATS_FOLD_MS|SMS_|TENCENT_|METRICS_TOKEN|GRAPHQL_|TRUST_PROXY)/;

/** The secrets every API process of a fault test signs with, so the test can sign tokens too. */
export const FAULT_SECRETS = {
  JWT_SECRET: 'fault-test-jwt-secret-0123456789abcdef012345',
  PII_KEY: 'fault-test-pii-key-0123456789abcdef0123456789',
};

export type ApiProcess = {
  url: string;
  pid: number;
  child: ChildProcess;
  /** What it printed (the last lines), to explain a failure. */
  output(): string;
  alive(): boolean;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL to its whole process group, as the OOM killer or a pulled plug would. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL to the group if it has not gone within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
};

/**
 * The API as its own process (`node --import tsx src/server.ts`, what `npm start` runs), in a
 * process group of its own so nothing it starts can outlive the test. `env` is on top of quiet
 * defaults (no demo market, fixed secrets, generous rate limits); waits until /readyz says ready.
 */
export async function startApiProcess(
  env: Record<string, string>,
  readyTimeoutMs = 60_000,
): Promise<ApiProcess> {
  const port = await freePort();
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !API_VARIABLES.test(name)),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: projectRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...inherited,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'false',
      AUTH_RATE_LIMIT_MAX: '100000',
      MUTATION_RATE_LIMIT: '100000',
      ...FAULT_SECRETS,
      ...env,
    },
  });
  const tail = createTail(200);
  child.stdout?.on('data', (chunk: Buffer) => tail.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => tail.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const pid = child.pid ?? 0;
  const alive = () => child.exitCode === null && child.signalCode === null;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // the group is gone already
    }
  };
  const api: ApiProcess = {
    url: `http://127.0.0.1:${port}`,
    pid,
    child,
    output: () => tail.text(),
    alive,
    exited,
    async kill() {
      signalGroup('SIGKILL');
      await exited;
    },
    async stop(graceMs = 10_000) {
      if (alive()) signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      signalGroup('SIGKILL'); // anything of its group left behind
    },
  };
  try {
    await until(
      `the API on port ${port} ready`,
      async () => {
        if (!alive()) throw new Error(`the API exited while starting:\n${tail.text()}`);
        const response = await fetch(`${api.url}/readyz`, { signal: AbortSignal.timeout(2_000) }).catch(
          () => null,
        );
        return response?.status === 200;
      },
      readyTimeoutMs,
      200,
    );
  } catch (error) {
    await api.kill();
    throw error;
  }
  return api;
}

/** A process's resident memory (VmRSS) and its peak (VmHWM), in MiB. */
export function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mib = (name: string) =>
    Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0) / 1024;
  return { rssMiB: mib('VmRSS'), peakMiB: mib('VmHWM') };
}

export type FaultGql = <T = Record<string, unknown>>(
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
) => Promise<GraphQLResponse<T>>;

/** GraphQL over real HTTP to an API process. */
export function httpGql(url: string, timeoutMs = 30_000): FaultGql {
  return async <T>(query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return (await response.json()) as GraphQLResponse<T>;
  };
}

const DAY = 86_400_000;

export type FaultWorker = { id: string; accountId: string; token: string };

/**
 * `count` workers written straight to the registry tables in a few multi-row statements (as
 * bench/offers-market.ts does; registration itself is tested elsewhere), queued for the workers
 * index through the outbox, each with an access token signed as an API process of this file signs
 * them (FAULT_SECRETS). By default welders a few km around 梁山县, free for two weeks.
 */
export async function seedWorkersFast(
  db: Database,
  count: number,
  options: {
    skill?: string;
    near?: { lat: number; lng: number };
    spreadKm?: number;
    /** false: leave them out of the workers index (a test that never matches them). */
    index?: boolean;
  } = {},
): Promise<FaultWorker[]> {
  const near = options.near ?? LIANGSHAN;
  const spread = (options.spreadKm ?? 5) / 111;
  const freeFrom = new Date(Date.now() - DAY).toISOString();
  const freeUntil = new Date(Date.now() + 14 * DAY).toISOString();
  const workers = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    accountId: randomUUID(),
    name: `演练工人${i + 1}`,
    lat: near.lat + (Math.random() - 0.5) * spread,
    lng: near.lng + (Math.random() - 0.5) * spread,
  }));
  const rows = <T>(items: T[], row: (item: T) => SQL) => sql.join(items.map(row), sql`, `);
  for (let from = 0; from < workers.length; from += 500) {
    const batch = workers.slice(from, from + 500);
    await db.transaction(async (tx) => {
      await tx.execute(
        sql`insert into accounts (id, role, display_name) values ${rows(batch, (w) => sql`(${w.accountId}, 'WORKER', ${w.name})`)}`,
      );
      // One sign-in each, named by the account's id: the tokens below carry it (sid).
      await tx.execute(
        sql`insert into sessions (id, account_id, token_version, started_at) values ${rows(batch, (w) => sql`(${w.accountId}, ${w.accountId}, 0, now())`)}`,
      );
      await tx.execute(sql`insert into workers (id, account_id, name, id_number_masked, birth_date, sex,
          home_region_code, lat, lng, travel_radius_km, priority_groups, reliability, consent_version, consent_at)
        values ${rows(
          batch,
          (w) => sql`(${w.id}, ${w.accountId}, ${w.name}, '370832**********0000', '1980-05-01', 'male',
            '370832', ${w.lat}, ${w.lng}, 30, '{}'::text[], 0.9, 'test', now())`,
        )}`);
      await tx.execute(
        sql`insert into worker_skills (worker_id, skill_code, level) values ${rows(batch, (w) => sql`(${w.id}, ${options.skill ?? 'welder'}, 3)`)}`,
      );
      // A welder (or any special-operation trade) holds a valid 特种作业操作证, as in every fixture.
      await tx.execute(
        operationCertificatesSql(
          batch.map((w) => w.id),
          new Date(),
        ),
      );
      await tx.execute(
        sql`insert into worker_availability (worker_id, starts_at, ends_at) values ${rows(batch, (w) => sql`(${w.id}, ${freeFrom}::timestamptz, ${freeUntil}::timestamptz)`)}`,
      );
      if (options.index !== false) {
        await enqueueOutbox(
          'workers',
          batch.map((w) => w.id),
          tx,
        );
      }
    });
  }
  const sign = createSigner({ key: FAULT_SECRETS.JWT_SECRET, algorithm: 'HS256', expiresIn: 3_600_000 });
  return workers.map((w) => ({
    id: w.id,
    accountId: w.accountId,
    token: sign({
      sub: w.accountId,
      role: 'WORKER',
      wid: w.id,
      eid: null,
      typ: 'access',
      sid: w.accountId,
      ver: 0,
    }) as string,
  }));
}

/** Waits until the API processes' outbox dispatchers have sent every queued row to Meilisearch. */
export async function untilOutboxEmpty(db: Database, timeoutMs = 30_000) {
  await until(
    'the outbox drained by the API processes',
    async () => {
      const [row] = (await db.execute(sql`select count(*)::int as n from outbox`)) as unknown as {
        n: number;
      }[];
      return row?.n === 0;
    },
    timeoutMs,
  );
}

/**
 * A verified employer, written straight into the tables (registration needs a code texted to the
 * phone, which an API process keeps in its own memory; registration is tested in
 * tests/modules/accounts), then signed in through the API with its password.
 */
export async function verifiedEmployerVia(
  gql: FaultGql,
  db: Database,
): Promise<{ id: string; token: string }> {
  const input = employerInput() as RegisterEmployerInput;
  const accountId = randomUUID();
  const id = randomUUID();
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into accounts (id, role, phone, password_hash, display_name)
      values (${accountId}, 'EMPLOYER', ${input.phone}, ${passwordHash}, ${input.name})`);
    await tx.execute(sql`insert into employers (id, account_id, name, kind, credit_code, region_code, lat, lng, verified_at)
      values (${id}, ${accountId}, ${input.name}, ${input.kind}, ${input.creditCode}, ${input.regionCode},
        ${input.location.lat}, ${input.location.lng}, now())`);
  });
  const { data, errors } = await gql<{ login: { token: string } }>(
    'mutation ($p: String!, $w: String!) { login(phone: $p, password: $w) { token } }',
    { p: input.phone, w: input.password },
  );
  if (!data?.login) throw new Error(`login failed: ${JSON.stringify(errors)}`);
  return { id, token: data.login.token };
}
