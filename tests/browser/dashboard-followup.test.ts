import { sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marketDay } from '../../src/time.js';
import { createTestApp, TEST_ADMIN, type TestApp } from '../support/app.js';
import { ARTIFACTS, chromiumFor, launchChromium } from '../support/browser.js';
import { oneWorker, RECORD_FOLLOW_UP, staffedStation } from '../support/followup.js';
import { LIANGSHAN } from '../support/gigs.js';
import { testClock } from '../support/hiring.js';
import { QUANPU } from '../support/kiosk.js';

const hasChromium = chromiumFor('tests/browser/dashboard-followup.test.ts', 'the dashboard');
const DAY = 86_400_000;

describe.skipIf(!hasChromium)('the dashboard’s 帮扶台账 panel in Chromium', () => {
  const clock = testClock();
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  const names: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { FOLLOW_UP_IDLE_DAYS: '7' } });
    baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const seat = await staffedStation(t, {
      name: '梁山县城零工驿站',
      location: LIANGSHAN,
      serviceRadiusKm: 5,
    });
    await staffedStation(t, { name: '拳铺镇零工驿站', location: QUANPU, serviceRadiusKm: 3 });
    const priority = { spreadKm: 0.2, priorityGroups: ['OLDER_WORKER'] };
    const contacted = await oneWorker(t, { near: LIANGSHAN, ...priority });
    names.push(contacted.name);
    names.push((await oneWorker(t, { near: LIANGSHAN, ...priority })).name);
    names.push((await oneWorker(t, { near: QUANPU, ...priority })).name);
    // About 21 km from the seat: no station's area holds this home.
    names.push((await oneWorker(t, { near: { lat: 35.95, lng: 116.25 }, ...priority })).name);
    // On the list after 7 days, their first contact due 7 days later: day 16, all overdue but the
    // one the seat's station has just called.
    clock.advance(16 * DAY);
    const recorded = await t.gql(
      RECORD_FOLLOW_UP,
      {
        i: {
          workerId: contacted.id,
          channel: 'CALL',
          outcome: 'CONSIDERING',
          nextOn: marketDay(new Date(clock.now().getTime() + 3 * DAY)),
        },
      },
      seat.operator,
    );
    if (recorded.errors) throw new Error(JSON.stringify(recorded.errors));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('counts each station’s people on the list and the overdue, without a name', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 2000 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${baseUrl}/dashboard`);
    await page.fill('#phone', TEST_ADMIN.phone);
    await page.fill('#password', TEST_ADMIN.password);
    await page.click('#login button[type="submit"]');
    await page.locator('#followup-panel[data-loaded="370800"]').waitFor({ timeout: 10_000 });

    const rows = await page
      .locator('#followup tbody tr')
      .evaluateAll((trs) => trs.map((r) => [...r.children].map((c) => c.textContent)));
    expect(rows).toEqual([
      ['梁山县城零工驿站', '2', '1'],
      ['拳铺镇零工驿站', '1', '1'],
      ['不在任何驿站服务范围', '1', '1'],
    ]);
    expect(await page.locator('#followup-status').textContent()).toBe(
      '济宁市：帮扶名单 4 人，其中逾期未跟进 3 人。',
    );
    expect(await page.locator('#followup tbody tr').first().locator('td').nth(2).getAttribute('class')).toBe(
      'overdue',
    );
    // Counts only: no worker's name reaches the page, and reading them is not a read of the list.
    const shown = (await page.locator('#followup-panel').textContent()) ?? '';
    expect(names.filter((name) => shown.includes(name))).toEqual([]);
    const reads = await t.app.db.execute(sql`select 1 from audit_log where action = 'FOLLOW_UP_LIST_READ'`);
    expect(reads).toHaveLength(0);
    await page.screenshot({ path: `${ARTIFACTS}/dashboard-followup.png`, fullPage: true });
    expect(problems).toEqual([]);
  });
});
