import { loadConfig } from '../src/config.js';

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
 * The configuration `npm start` would load in production, on the benchmark's own data folder and
 * ports, so it never touches (or waits for) the development market in .data.
 */
export function loadBenchConfig(overrides: Record<string, string> = {}) {
  const passed = Object.fromEntries(PASSED_THROUGH.map((name) => [name, process.env[name]]));
  return loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATA_DIR: '.data/bench',
    EMBEDDED_PG_PORT: '54339',
    EMBEDDED_MEILI_PORT: '7710',
    EMBEDDED_MEILI_FRESH_PORT: '7711',
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
