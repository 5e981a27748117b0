import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marketDay } from '../../../src/time.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import {
  FOLLOW_UP_LIST,
  followUpPage,
  listReads,
  oneWorker,
  RECORD_FOLLOW_UP,
  type StaffedStation,
  staffedStation,
} from '../../support/followup.js';
import { LIANGSHAN } from '../../support/gigs.js';
import type { SeededWorker } from '../../support/hiring.js';
import { testClock } from '../../support/hiring.js';
import { adminToken } from '../../support/people.js';

const DAY = 86_400_000;
type Problem = { field: string };
const workerIds = (page: { edges: { node: { workerId: string } }[] }) =>
  page.edges.map((e) => e.node.workerId);

/**
 * Pages of the follow-up list: overdue first, then the longest without work; a cursor belongs to
 * its list and market day; each page's audit entry names the workers it showed. Days without work
 * 7, the first contact due 7 days after joining the list (the default).
 */
describe('pages of the follow-up list', () => {
  const clock = testClock();
  let t: TestApp;
  let a: StaffedStation;
  const w: SeededWorker[] = [];

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { FOLLOW_UP_IDLE_DAYS: '7' } });
    await adminToken(t);
    a = await staffedStation(t, { name: '梁山县城零工驿站', location: LIANGSHAN, serviceRadiusKm: 5 });
    // One registered each day, days 0 to 3 (the seed writes the row; its time is set here): on
    // the list from days 7 to 10, their first contact due on days 14 to 17.
    const start = clock.now().getTime();
    for (let day = 0; day < 4; day++) {
      const worker = await oneWorker(t, { near: LIANGSHAN, spreadKm: 0.2, priorityGroups: ['OLDER_WORKER'] });
      const at = new Date(start + day * DAY).toISOString();
      await t.app.db.execute(sql`update workers set created_at = ${at}::timestamptz where id = ${worker.id}`);
      w.push(worker);
    }
    // Day 16: the first two are past their first contact's day, the last two are not.
    clock.advance(16 * DAY);
  });
  afterAll(() => t?.close());

  it('puts the overdue first, then the longest without work, and pages them with a cursor', async () => {
    const [w0, w1, w2, w3] = w as [SeededWorker, SeededWorker, SeededWorker, SeededWorker];
    // w0, the longest without work, is contacted and due again in 5 days: no longer overdue.
    const nextOn = marketDay(new Date(clock.now().getTime() + 5 * DAY));
    const recorded = await t.gql(
      RECORD_FOLLOW_UP,
      { i: { workerId: w0.id, channel: 'CALL', outcome: 'CONSIDERING', nextOn } },
      a.operator,
    );
    expect(recorded.errors).toBeUndefined();

    const first = await followUpPage(t, a.operator, { first: 2 });
    expect(workerIds(first)).toEqual([w1.id, w0.id]);
    expect(first.edges.map((e) => e.node.overdue)).toEqual([true, false]);
    expect(first).toMatchObject({ totalCount: 4, overdueCount: 1, pageInfo: { hasNextPage: true } });
    expect(first.pageInfo.endCursor).toBe(first.edges[1]?.cursor);

    const second = await followUpPage(t, a.operator, { first: 2, after: first.pageInfo.endCursor ?? '' });
    expect(workerIds(second)).toEqual([w2.id, w3.id]);
    expect(second).toMatchObject({ totalCount: 4, overdueCount: 1, pageInfo: { hasNextPage: false } });
    const third = await followUpPage(t, a.operator, { first: 2, after: second.pageInfo.endCursor ?? '' });
    expect(third).toMatchObject({
      edges: [],
      totalCount: 4,
      pageInfo: { hasNextPage: false, endCursor: null },
    });

    // Each read's audit entry names the workers of its page, and only them.
    const reads = (await listReads(t, a.operatorId)).slice(-3);
    expect(reads.map((r) => r.details.workerIds)).toEqual([[w1.id, w0.id], [w2.id, w3.id], []]);
    expect(reads.map((r) => `${r.subject_type}:${r.subject_id}`)).toEqual(
      Array(3).fill(`STATION:${a.stationId}`),
    );
  });

  it('pages the overdue alone the same way', async () => {
    const overdue = await followUpPage(t, a.operator, { o: true, first: 1 });
    expect(workerIds(overdue)).toEqual([w[1]?.id]);
    expect(overdue).toMatchObject({ totalCount: 1, overdueCount: 1, pageInfo: { hasNextPage: false } });
  });

  it('refuses a page size out of range and a region, all at once, and a cursor of another list', async () => {
    const bad = await t.gql(FOLLOW_UP_LIST, { first: 0, r: '370832' }, a.operator);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = ((bad.errors?.[0]?.extensions?.problems ?? []) as Problem[]).map((p) => p.field).sort();
    expect(fields).toEqual(['first', 'regionCode']);
    const big = await t.gql(FOLLOW_UP_LIST, { first: 101 }, a.operator);
    expect(big.errors?.[0]?.extensions?.field).toBe('first');

    const page = await followUpPage(t, a.operator, { first: 1 });
    const cursor = page.pageInfo.endCursor ?? '';
    const otherList = await t.gql(FOLLOW_UP_LIST, { first: 1, after: cursor, o: true }, a.operator);
    expect(otherList.errors?.[0]?.extensions?.field).toBe('after');
    const damaged = await t.gql(FOLLOW_UP_LIST, { first: 1, after: 'bm90IGEgY3Vyc29y' }, a.operator);
    expect(damaged.errors?.[0]?.extensions?.field).toBe('after');
  });

  it('refuses yesterday’s cursor: at midnight who is overdue changes, and with it the order', async () => {
    const page = await followUpPage(t, a.operator, { first: 1 });
    clock.advance(DAY);
    const stale = await t.gql(FOLLOW_UP_LIST, { first: 1, after: page.pageInfo.endCursor }, a.operator);
    expect(stale.errors?.[0]?.extensions?.field).toBe('after');
    // Day 17: w2's first contact (due day 16) is now overdue too, and comes before w0.
    const today = await followUpPage(t, a.operator, { first: 4 });
    expect(workerIds(today)).toEqual([w[1]?.id, w[2]?.id, w[0]?.id, w[3]?.id]);
    expect(today.overdueCount).toBe(2);
  });
});
