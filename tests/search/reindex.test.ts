import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../src/paths.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { postGig, verifiedEmployer } from '../support/gigs.js';
import { registerWorker } from '../support/people.js';
import { postCourse, verifiedProvider } from '../support/training-courses.js';

let t: TestApp;
const posted: string[] = [];
const courses: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const employer = await verifiedEmployer(t);
  for (let i = 0; i < 12; i++)
    posted.push((await postGig(t, employer.token, { title: `重建索引测试焊工${i}` })).id);
  for (let i = 0; i < 3; i++) await registerWorker(t);
  const school = await verifiedProvider(t);
  for (let i = 0; i < 2; i++) courses.push((await postCourse(t, school.token)).id);
  await t.app.outbox.drain();
});
afterAll(() => t?.close());

async function indexedIds(index: 'gigs' | 'workers' | 'courses'): Promise<string[]> {
  const { results } = await t.app.meili.index(index).getDocuments({ limit: 1000, fields: ['id'] });
  return results.map((d) => d.id as string).sort();
}

/** The command as an operator runs it, against this file's database and indexes. */
function runReindex(
  name: string,
  language: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; output: string }> {
  // No language of this machine's: the console's default (Chinese) unless the test gives one.
  const { LINGONG_LOCALE: _locale, LC_ALL: _all, LC_MESSAGES: _messages, LANG: _lang, ...rest } = process.env;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/reindex.ts', name], {
      cwd: projectPath('.'),
      env: {
        ...rest,
        ...language,
        DATABASE_URL: t.databaseUrl,
        MEILI_URL: t.app.backing.meiliUrl,
        MEILI_MASTER_KEY: t.app.backing.meiliKey,
        MEILI_INDEX_PREFIX: t.indexPrefix,
      },
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('npm run reindex', () => {
  it('rebuilds the gigs index from PostgreSQL, dropping strays and restoring what was lost', async () => {
    const gigs = t.app.meili.index('gigs');
    await gigs.deleteDocument(posted[0] as string).waitTask();
    await gigs.addDocuments([{ id: 'stray-document', title: '不该存在' }]).waitTask();

    // Searches keep answering from the old index while the new one is built, then from the new one.
    let searching = true;
    const answers: number[] = [];
    const searcher = (async () => {
      while (searching) {
        const { data } = await t.gql<{ gigs: { totalCount: number; degraded: boolean } }>(
          '{ gigs(search: { q: "重建索引测试" }) { totalCount degraded } }',
        );
        if (data?.gigs.degraded === false) answers.push(data.gigs.totalCount);
      }
    })();
    const { code, output } = await runReindex('gigs');
    searching = false;
    await searcher;

    expect(code, output).toBe(0);
    expect(output).toMatch(/_gigs：12 个文档已重建并换上/);
    expect(await indexedIds('gigs')).toEqual([...posted].sort());
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((n) => n === 11 || n === 12)).toBe(true); // old index, then the rebuilt one
    const settings = await gigs.getSettings();
    expect(settings.synonyms?.电焊).toContain('焊工');
    const { results } = await t.app.meili.client.getIndexes({ limit: 100 });
    expect(results.map((i) => i.uid).filter((uid) => uid.includes('rebuild'))).toEqual([]);
  });

  it('rebuilds the courses index from PostgreSQL, restoring a lost course', async () => {
    await t.app.meili
      .index('courses')
      .deleteDocument(courses[0] as string)
      .waitTask();
    const { code, output } = await runReindex('courses');
    expect(code, output).toBe(0);
    expect(output).toMatch(/_courses：2 个文档已重建并换上/);
    expect(await indexedIds('courses')).toEqual([...courses].sort());
  });

  it('rebuilds the workers index too (in English under LANG=en_US.UTF-8), and refuses an unknown index by name', async () => {
    const { code, output } = await runReindex('workers', { LANG: 'en_US.UTF-8' });
    expect(code, output).toBe(0);
    expect(output).toMatch(/_workers: 3 documents rebuilt and swapped in/);
    expect(await indexedIds('workers')).toHaveLength(3);
    const wrong = await runReindex('offers');
    expect(wrong.code).toBe(2);
    expect(wrong.output.trim()).toBe('用法：npm run reindex -- gigs|workers|courses [--batch-size 5000]');
    const english = await runReindex('offers', { LINGONG_LOCALE: 'en' });
    expect(english.output.trim()).toBe('usage: npm run reindex -- gigs|workers|courses [--batch-size 5000]');
  });
});
