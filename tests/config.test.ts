import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('starts with defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(4000);
    expect(config.database.url).toBeUndefined();
    expect(config.meili.url).toBeUndefined();
    expect(config.dataDir).toMatch(/\/\.data$/);
    expect(config.meili.indexPrefix).toBe('lingong');
  });

  it('names every problem of a production start in one round: a wrong variable and the missing secrets', () => {
    expect(problemsOf({ NODE_ENV: 'production', PORT: 'eighty' })).toEqual([
      'PORT: must be a number (got "eighty")',
      'JWT_SECRET: must be set in production (at least 32 characters)',
      'PII_KEY: must be set in production (at least 32 characters)',
      'METRICS_TOKEN: must be set in production (16+ characters; e.g. `openssl rand -hex 24`)',
    ]);
  });

  it('has the development identity service outside production, none in production, and refuses dev there', () => {
    expect(loadConfig({}).identity.service).toBe('dev');
    const secrets = { JWT_SECRET: 'j'.repeat(32), PII_KEY: 'p'.repeat(32), METRICS_TOKEN: 'm'.repeat(24) };
    expect(loadConfig({ NODE_ENV: 'production', ...secrets }).identity.service).toBe('off');
    expect(problemsOf({ NODE_ENV: 'production', ...secrets, IDENTITY_SERVICE: 'dev' })).toEqual([
      'IDENTITY_SERVICE: dev is not allowed in production (use off)',
    ]);
    expect(problemsOf({ IDENTITY_SERVICE: 'nciic' })[0]).toMatch(/^IDENTITY_SERVICE: use off or dev/);
  });

  it('names the variable and the fix when a port is not a number', () => {
    const [problem] = problemsOf({ PORT: 'abc' });
    expect(problem).toContain('PORT');
    expect(problem).toContain('must be a number');
    expect(problem).toContain('"abc"');
  });

  it('refuses a port out of range', () => {
    expect(problemsOf({ EMBEDDED_PG_PORT: '70000' })[0]).toMatch(/^EMBEDDED_PG_PORT: must be 1 to 65535/);
  });

  it('refuses a database URL that is not postgres://', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://x@y/z' })[0]).toMatch(
      /^DATABASE_URL: must be a postgres:\/\/ URL/,
    );
  });

  it('refuses a short Meilisearch master key', () => {
    expect(problemsOf({ MEILI_MASTER_KEY: 'short' })[0]).toMatch(
      /^MEILI_MASTER_KEY: must be at least 16 characters/,
    );
  });

  it('knows homes by a 3 km cell unless told, and refuses a cell under 1 km or not a number', () => {
    expect(loadConfig({}).privacy.locationCellKm).toBe(3);
    expect(loadConfig({ LOCATION_CELL_KM: '2.5' }).privacy.locationCellKm).toBe(2.5);
    expect(problemsOf({ LOCATION_CELL_KM: '0.5' })[0]).toMatch(/^LOCATION_CELL_KM: must be at least 1 km/);
    expect(problemsOf({ LOCATION_CELL_KM: 'wide' })[0]).toMatch(/^LOCATION_CELL_KM: must be a number of km/);
  });

  it('lists every wrong variable at once', () => {
    const problems = problemsOf({
      PORT: '0',
      NODE_ENV: 'staging',
      SEED_DEMO: 'maybe',
      MEILI_INDEX_PREFIX: 'Bad-Prefix',
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'MEILI_INDEX_PREFIX',
      'NODE_ENV',
      'PORT',
      'SEED_DEMO',
    ]);
    expect(new ConfigError(problems).message).toContain('Invalid configuration');
  });

  it('reads flags and an absolute data folder as given', () => {
    const config = loadConfig({ SEED_DEMO: 'false', MIGRATE_ON_START: '0', DATA_DIR: '/var/lib/lingong' });
    expect(config.seedDemo).toBe(false);
    expect(config.database.migrateOnStart).toBe(false);
    expect(config.dataDir).toBe('/var/lib/lingong');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).port).toBe(4000);
  });
});

describe('HTTP security settings', () => {
  it('allows no other site, 256 KiB bodies, 120 mutations a minute and 5 failed sign-ins by default', () => {
    const config = loadConfig({});
    expect(config.http).toEqual({ corsOrigins: [], bodyLimitBytes: 262_144, backlog: 4096 });
    expect(config.mutationRateLimit.perMinute).toBe(120);
    expect(config.auth.loginLockout).toMatchObject({ maxFailures: 5, lockMinutes: 15 });
  });

  it('reads CORS_ORIGINS as exact origins separated by commas', () => {
    const config = loadConfig({ CORS_ORIGINS: 'https://lingong.example.cn, http://127.0.0.1:5173' });
    expect(config.http.corsOrigins).toEqual(['https://lingong.example.cn', 'http://127.0.0.1:5173']);
  });

  it('refuses a CORS origin with a path, a wildcard or another scheme, naming the variable and the value', () => {
    for (const value of [
      'https://lingong.example.cn/',
      '*',
      'lingong.example.cn',
      'ftp://files.example.cn',
    ]) {
      const [problem] = problemsOf({ CORS_ORIGINS: value });
      expect(problem).toMatch(/^CORS_ORIGINS: use exact origins/);
      expect(problem).toContain(`not ${value}`);
    }
  });

  it('holds 4096 waiting connections by default, and names the fix for a backlog that is no count', () => {
    expect(loadConfig({}).http.backlog).toBe(4096);
    expect(loadConfig({ LISTEN_BACKLOG: '1024' }).http.backlog).toBe(1024);
    expect(problemsOf({ LISTEN_BACKLOG: '0' })[0]).toMatch(/^LISTEN_BACKLOG: must be at least 1/);
    expect(problemsOf({ LISTEN_BACKLOG: 'lots' })[0]).toMatch(
      /^LISTEN_BACKLOG: must be a number of connections/,
    );
  });

  it('refuses a body limit below 1 KiB and limits that are not numbers', () => {
    expect(problemsOf({ BODY_LIMIT_BYTES: '100' })[0]).toMatch(
      /^BODY_LIMIT_BYTES: must be at least 1024 bytes/,
    );
    expect(
      problemsOf({ MUTATION_RATE_LIMIT: 'many', LOGIN_MAX_FAILURES: '0', LOGIN_LOCK_MINUTES: '-1' })
        .map((p) => p.split(':')[0])
        .sort(),
    ).toEqual(['LOGIN_LOCK_MINUTES', 'LOGIN_MAX_FAILURES', 'MUTATION_RATE_LIMIT']);
  });

  it('refuses a per-number ceiling one address could reach by itself', () => {
    expect(problemsOf({ LOGIN_MAX_FAILURES: '10', LOGIN_NUMBER_MAX_FAILURES: '10' })[0]).toMatch(
      /^LOGIN_NUMBER_MAX_FAILURES: must be more than LOGIN_MAX_FAILURES \(10\)/,
    );
    expect(problemsOf({ PHONE_CODE_NUMBER_DAILY: '20' })[0]).toMatch(
      /^PHONE_CODE_NUMBER_DAILY_CEILING: must be more than PHONE_CODE_NUMBER_DAILY \(20\)/,
    );
    expect(loadConfig({}).auth.loginLockout).toEqual({
      maxFailures: 5,
      lockMinutes: 15,
      slowAfter: 3,
      slowSeconds: 2,
      numberMaxFailures: 30,
      addressMaxFailures: 10,
    });
    expect(loadConfig({}).auth.phoneCodes).toEqual({
      ttlMinutes: 10,
      maxTries: 5,
      resendSeconds: 60,
      perNumber: { hourly: 5, daily: 10 },
      numberDailyCeiling: 20,
      perAddress: { hourly: 120, daily: 600, wrongDaily: 250 },
    });
  });
});
