import { isAbsolute, resolve } from 'node:path';
import { loadConfig } from '../src/config.js';
import { projectRoot } from '../src/paths.js';

/** The admin the benchmark signs in as, to verify the employer whose posts it times. */
export const BENCH_ADMIN = { phone: '13900000009', password: 'bench-admin-password-1' };

// A developer's own settings (DATA_DIR, ports, secrets) are for their market, not the benchmark's:
// only the variables that point at other servers come through from the environment.
const PASSED_THROUGH = [
  'DATABASE_URL',
  'DATABASE_POOL_SIZE',
  'MEILI_URL',
  'MEILI_FRESH_URL',
  'MEILI_MASTER_KEY',
  'MEILI_INDEX_PREFIX',
  'MEILI_BIN',
  'MEILI_QUERY_TIMEOUT_MS',
];

/**
 * Ports for a benchmark's embedded servers, from its data folder's absolute path: two worktrees
 * (or two markets of one) running benchmarks at once each get their own, and one folder always
 * the same three (PostgreSQL, Meilisearch, the fresh tier's Meilisearch), from 20000 to 28999,
 * below the kernel's ephemeral range.
 */
export function benchPorts(dataDir: string): { pg: number; meili: number; fresh: number } {
  const path = isAbsolute(dataDir) ? dataDir : resolve(projectRoot, dataDir);
  // FNV-1a, 32 bits.
  let hash = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) hash = Math.imul(hash ^ path.charCodeAt(i), 0x01000193) >>> 0;
  const base = 20_000 + 3 * (hash % 3_000);
  return { pg: base, meili: base + 1, fresh: base + 2 };
}

/**
 * The configuration `npm start` would load in production, on the benchmark's own data folder
 * (`.data/bench` unless `DATA_DIR` says) and ports (benchPorts, unless given), so it never touches
 * (or waits for) the development market in .data, nor another worktree's benchmark.
 */
export function loadBenchConfig(overrides: Record<string, string> = {}) {
  // Only those set: an unset one must not undo an override.
  const passed = Object.fromEntries(
    PASSED_THROUGH.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]]])),
  );
  const dataDir = overrides.DATA_DIR ?? '.data/bench';
  const ports = benchPorts(dataDir);
  return loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(ports.pg),
    EMBEDDED_MEILI_PORT: String(ports.meili),
    EMBEDDED_MEILI_FRESH_PORT: String(ports.fresh),
    SEED_DEMO: 'false',
    JWT_SECRET: 'bench-jwt-secret-0123456789abcdef0123456789',
    PII_KEY: 'bench-pii-key-0123456789abcdef0123456789abcd',
    // Production refuses to start without it.
    METRICS_TOKEN: 'bench-metrics-token-0123456789abcdef',
    ADMIN_PHONE: BENCH_ADMIN.phone,
    ADMIN_PASSWORD: BENCH_ADMIN.password,
    // One employer posts every timed gig, as fast as the API takes them (`--posts` may be hundreds).
    MUTATION_RATE_LIMIT: '1000000',
    ...overrides,
    ...passed,
  });
}
