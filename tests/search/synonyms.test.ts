import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled } from '../../src/search/client.js';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('search index settings', () => {
  it('applies the taxonomy synonyms, so 电焊 finds a gig that only says 焊工', async () => {
    const gigs = t.app.meili.index('gigs');
    await settled(
      gigs.addDocuments([
        { id: 'probe-1', title: '招焊工三名，钢结构厂房', description: '自带工具' },
        { id: 'probe-2', title: '宾馆保洁半天', description: '打扫客房' },
      ]),
    );
    const welding = await gigs.search('电焊');
    expect(welding.hits.map((h) => h.id)).toEqual(['probe-1']);
    const cleaning = await gigs.search('保洁');
    expect(cleaning.hits.map((h) => h.id)).toEqual(['probe-2']);
  });

  it('gives every index the prefix of its installation', async () => {
    const { results } = await t.app.meili.client.getIndexes({ limit: 1000 });
    const ours = results.map((i) => i.uid).filter((uid) => uid.startsWith(`${t.indexPrefix}_`));
    expect(ours.sort()).toEqual([
      `${t.indexPrefix}_courses`,
      `${t.indexPrefix}_gigs`,
      `${t.indexPrefix}_gigs_fresh`,
      `${t.indexPrefix}_skills`,
      `${t.indexPrefix}_workers`,
    ]);
  });

  it('makes gigs filterable by trade, region, time, pay and place', async () => {
    const settings = await t.app.meili.index('gigs').getSettings();
    expect(settings.filterableAttributes).toEqual(
      expect.arrayContaining([
        'skills',
        'regionCodes',
        'status',
        'startsAt',
        'hourlyFen',
        'olderFriendly',
        '_geo',
      ]),
    );
    expect(settings.synonyms?.电焊).toContain('焊工');
  });
});
