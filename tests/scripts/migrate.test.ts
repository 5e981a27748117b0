import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../src/paths.js';
import { createTestDatabase } from '../support/database.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

/** `npm run db:migrate` as an operator runs it; no language of this machine's unless given. */
function migrate(env: NodeJS.ProcessEnv) {
  const { LINGONG_LOCALE: _locale, LC_ALL: _all, LC_MESSAGES: _messages, LANG: _lang, ...rest } = process.env;
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], {
    cwd: projectPath('.'),
    env: { ...rest, LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, said: `${run.stdout}${run.stderr}`.trim() };
}

describe('npm run db:migrate', () => {
  it('says the migrations are applied, in Chinese by default and in English with LINGONG_LOCALE=en', () => {
    expect(migrate({ DATABASE_URL: database.url })).toEqual({ status: 0, said: '数据库迁移已完成' });
    expect(migrate({ DATABASE_URL: database.url, LINGONG_LOCALE: 'en' })).toEqual({
      status: 0,
      said: 'migrations applied',
    });
  });

  it('refuses a wrong variable with the configuration’s words and no stack', () => {
    expect(migrate({ DATABASE_URL: 'mysql://x@y/z' })).toEqual({
      status: 1,
      said: '配置有误：\n  - DATABASE_URL 有误：必须是 postgres:// 开头的地址，例如 postgres://user:pass@127.0.0.1:5432/lingong（现在是 "mysql://x@y/z"）',
    });
  });
});
