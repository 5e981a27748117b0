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
      'PORT 有误：必须是数字（现在是 "eighty"）',
      'JWT_SECRET 有误：生产环境必须设置（至少 32 个字符）',
      'PII_KEY 有误：生产环境必须设置（至少 32 个字符）',
      'METRICS_TOKEN 有误：生产环境必须设置（至少 16 个字符；例如 `openssl rand -hex 24`）',
    ]);
  });

  it('speaks English when the process locale is English, or LINGONG_LOCALE=en', () => {
    const english = [
      'PORT: must be a number (got "eighty")',
      'JWT_SECRET: must be set in production (at least 32 characters)',
      'PII_KEY: must be set in production (at least 32 characters)',
      'METRICS_TOKEN: must be set in production (16+ characters; e.g. `openssl rand -hex 24`)',
    ];
    expect(problemsOf({ NODE_ENV: 'production', PORT: 'eighty', LANG: 'en_US.UTF-8' })).toEqual(english);
    expect(
      problemsOf({ NODE_ENV: 'production', PORT: 'eighty', LINGONG_LOCALE: 'en', LANG: 'zh_CN.UTF-8' }),
    ).toEqual(english);
    expect(new ConfigError([], 'en').message).toBe('Invalid configuration:');
    // LINGONG_LOCALE before the process locale: Chinese on an English machine.
    expect(problemsOf({ PORT: 'abc', LINGONG_LOCALE: 'zh-CN', LC_ALL: 'en_US.UTF-8' })).toEqual([
      'PORT 有误：必须是数字（现在是 "abc"）',
    ]);
  });

  it('refuses a LINGONG_LOCALE it does not speak, naming it, in the process locale’s words', () => {
    expect(problemsOf({ LINGONG_LOCALE: 'fr' })).toEqual([
      'LINGONG_LOCALE 有误：请用 zh-CN 或 en（现在是 "fr"）',
    ]);
    expect(problemsOf({ LINGONG_LOCALE: 'zh_CN', LANG: 'en_US.UTF-8' })).toEqual([
      'LINGONG_LOCALE: use zh-CN or en (got "zh_CN")',
    ]);
    expect(loadConfig({ LINGONG_LOCALE: 'en' }).port).toBe(4000);
  });

  it('has the development identity service outside production, none in production, and refuses dev there', () => {
    expect(loadConfig({}).identity.service).toBe('dev');
    const secrets = { JWT_SECRET: 'j'.repeat(32), PII_KEY: 'p'.repeat(32), METRICS_TOKEN: 'm'.repeat(24) };
    expect(loadConfig({ NODE_ENV: 'production', ...secrets }).identity.service).toBe('off');
    expect(problemsOf({ NODE_ENV: 'production', ...secrets, IDENTITY_SERVICE: 'dev' })).toEqual([
      'IDENTITY_SERVICE 有误：生产环境不能用 dev（请用 off）',
    ]);
    expect(problemsOf({ IDENTITY_SERVICE: 'nciic' })[0]).toMatch(/^IDENTITY_SERVICE 有误：请用 off 或 dev/);
  });

  it('names the variable and the fix when a port is not a number', () => {
    const [problem] = problemsOf({ PORT: 'abc' });
    expect(problem).toContain('PORT');
    expect(problem).toContain('必须是数字');
    expect(problem).toContain('"abc"');
  });

  it('refuses a port out of range', () => {
    expect(problemsOf({ EMBEDDED_PG_PORT: '70000' })[0]).toMatch(
      /^EMBEDDED_PG_PORT 有误：必须是 1 到 65535 之间的整数/,
    );
  });

  it('refuses a database URL that is not postgres://', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://x@y/z' })[0]).toMatch(
      /^DATABASE_URL 有误：必须是 postgres:\/\/ 开头的地址/,
    );
  });

  it('refuses a short Meilisearch master key', () => {
    expect(problemsOf({ MEILI_MASTER_KEY: 'short' })[0]).toMatch(/^MEILI_MASTER_KEY 有误：至少要 16 个字符/);
  });

  it('knows homes by a 3 km cell unless told, and refuses a cell under 1 km or not a number', () => {
    expect(loadConfig({}).privacy.locationCellKm).toBe(3);
    expect(loadConfig({ LOCATION_CELL_KM: '2.5' }).privacy.locationCellKm).toBe(2.5);
    expect(problemsOf({ LOCATION_CELL_KM: '0.5' })[0]).toMatch(/^LOCATION_CELL_KM 有误：至少要 1 公里/);
    expect(problemsOf({ LOCATION_CELL_KM: 'wide' })[0]).toMatch(/^LOCATION_CELL_KM 有误：必须是公里数/);
  });

  it('lists every wrong variable at once', () => {
    const problems = problemsOf({
      PORT: '0',
      NODE_ENV: 'staging',
      SEED_DEMO: 'maybe',
      MEILI_INDEX_PREFIX: 'Bad-Prefix',
    });
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual([
      'MEILI_INDEX_PREFIX',
      'NODE_ENV',
      'PORT',
      'SEED_DEMO',
    ]);
    const said = new ConfigError([], 'zh-CN').message;
    expect(said).toBe('配置有误：');
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
      expect(problem).toMatch(/^CORS_ORIGINS 有误：请写浏览器发来的那样的完整来源/);
      expect(problem).toContain(`这些不对：${value}（`);
    }
  });

  it('holds 4096 waiting connections by default, and names the fix for a backlog that is no count', () => {
    expect(loadConfig({}).http.backlog).toBe(4096);
    expect(loadConfig({ LISTEN_BACKLOG: '1024' }).http.backlog).toBe(1024);
    expect(problemsOf({ LISTEN_BACKLOG: '0' })[0]).toMatch(/^LISTEN_BACKLOG 有误：至少要 1 个连接/);
    expect(problemsOf({ LISTEN_BACKLOG: 'lots' })[0]).toMatch(/^LISTEN_BACKLOG 有误：必须是连接数/);
  });

  it('refuses a body limit below 1 KiB and limits that are not numbers', () => {
    expect(problemsOf({ BODY_LIMIT_BYTES: '100' })[0]).toMatch(/^BODY_LIMIT_BYTES 有误：至少要 1024 字节/);
    expect(
      problemsOf({ MUTATION_RATE_LIMIT: 'many', LOGIN_MAX_FAILURES: '0', LOGIN_LOCK_MINUTES: '-1' })
        .map((p) => p.split(' ')[0])
        .sort(),
    ).toEqual(['LOGIN_LOCK_MINUTES', 'LOGIN_MAX_FAILURES', 'MUTATION_RATE_LIMIT']);
  });

  it('refuses a per-number ceiling one address could reach by itself', () => {
    expect(problemsOf({ LOGIN_MAX_FAILURES: '10', LOGIN_NUMBER_MAX_FAILURES: '10' })[0]).toMatch(
      /^LOGIN_NUMBER_MAX_FAILURES 有误：必须大于 LOGIN_MAX_FAILURES（10）/,
    );
    expect(problemsOf({ PHONE_CODE_NUMBER_DAILY: '20' })[0]).toMatch(
      /^PHONE_CODE_NUMBER_DAILY_CEILING 有误：必须大于 PHONE_CODE_NUMBER_DAILY（20）/,
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
