import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marketDay } from '../../src/time.js';
import { WARNING_ENV, windowOf } from '../modules/warnings/support.js';
import { createTestApp, TEST_ADMIN, type TestApp } from '../support/app.js';
import { ARTIFACTS, chromiumFor, launchChromium } from '../support/browser.js';
import { postGig, verifiedEmployer } from '../support/gigs.js';
import { seedWorkers, testClock } from '../support/hiring.js';

const hasChromium = chromiumFor('tests/browser/dashboard-warnings.test.ts', 'the dashboard');
const DAY = 86_400_000;

describe.skipIf(!hasChromium)('the dashboard’s 规模性失业风险预警 panel in Chromium', () => {
  const clock = testClock(new Date());
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const firstDay = marketDay(clock.now());

  beforeAll(async () => {
    t = await createTestApp({ env: WARNING_ENV, clock });
    baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
    // 25 welders of 梁山县 free this week and not one open seat: red on seekers per seat.
    await seedWorkers(t, 25);
    await t.app.services.warnings.computeAll();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 1800 } });
    page.on('pageerror', (error) => problems.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lists the city’s counties worst first, with the level in words and the indicators behind it', async () => {
    await page.goto(`${baseUrl}/dashboard`);
    await page.fill('#phone', TEST_ADMIN.phone);
    await page.fill('#password', TEST_ADMIN.password);
    await page.click('#login button[type="submit"]');
    await page.locator('#warnings-panel[data-loaded^="370800:"]').waitFor({ timeout: 10_000 });

    const rows = await page.locator('#warnings tbody tr').evaluateAll((trs) =>
      trs.map((r) => ({
        region: r.getAttribute('data-region'),
        level: r.getAttribute('data-level'),
        cells: [...r.children].map((c) => c.textContent),
      })),
    );
    expect(rows.length).toBeGreaterThan(5);
    expect(rows[0]).toEqual({
      region: '370832',
      level: 'RED',
      cells: ['梁山县', '红', '人岗比', '25', '0', '25.00', '0 / 0', '0 / 0', '0%', '0'],
    });
    expect(rows.slice(1).every((r) => r.level === 'BLUE' && r.cells[1] === '蓝')).toBe(true);
    expect(await page.locator('#warnings-status').textContent()).toBe('济宁市：梁山县红色。');
    expect(await page.locator('#warnings tbody tr').first().locator('td').nth(1).getAttribute('class')).toBe(
      'level-red',
    );
    await page.screenshot({ path: `${ARTIFACTS}/dashboard-warnings.png`, fullPage: true });
    expect(problems).toEqual([]);
  });

  it('turns 梁山县 yellow on the page when the next round says so, without a reload', async () => {
    // The page's own document, marked: a reload would lose the mark.
    await page.evaluate(() => {
      (globalThis as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    const reads = Number(await page.locator('#warnings-panel').getAttribute('data-reads'));
    // Next day, an employer offers 5 seats in 梁山县: 25 seekers for 5 seats is yellow.
    clock.advance(DAY);
    const employer = await verifiedEmployer(t);
    await postGig(t, employer.token, { headcount: 5, ...windowOf(clock.now(), 2) });
    const told = await t.app.services.warnings.computeAll();
    expect(told.map((c) => [c.regionCode, c.level])).toEqual([['370832', 'YELLOW']]);

    await page.locator(`#warnings-panel[data-reads="${reads + 1}"]`).waitFor({ timeout: 10_000 });
    await page.locator('#warnings tbody tr[data-region="370832"][data-level="YELLOW"]').waitFor();
    expect(await page.locator('#warnings-status').textContent()).toBe('济宁市：梁山县黄色。');
    expect(await page.locator('#warnings-live').textContent()).toMatch(/梁山县：红色 → 黄色$/);
    const cells = await page
      .locator('#warnings tbody tr[data-region="370832"] td')
      .evaluateAll((tds) => tds.map((td) => td.textContent));
    expect(cells.slice(0, 6)).toEqual(['梁山县', '黄', '人岗比', '25', '5', '5.00']);
    expect(
      await page.evaluate(() => (globalThis as unknown as { sameDocument?: boolean }).sameDocument),
    ).toBe(true);
    expect(problems).toEqual([]);
  });

  it('draws a county’s levels over the last 30 days when its row is clicked', async () => {
    await page.click('#warnings tbody tr[data-region="370832"]');
    const history = page.locator('#warning-history');
    await page.locator('#warning-history[data-loaded="370832:2"]').waitFor({ timeout: 10_000 });
    expect(await history.isVisible()).toBe(true);
    const secondDay = marketDay(clock.now());
    expect(await history.getAttribute('data-levels')).toBe(`${firstDay}=RED,${secondDay}=YELLOW`);
    expect(await page.locator('#warning-history-title').textContent()).toMatch(
      new RegExp(`^梁山县：\\d{4}-\\d{2}-\\d{2} 至 ${secondDay} 的预警等级$`),
    );
    expect(await page.locator('#chart-warning-history canvas').count()).toBe(1);
    expect(await page.locator('#warnings tbody tr.chosen').getAttribute('data-region')).toBe('370832');
    await history.screenshot({ path: `${ARTIFACTS}/dashboard-warning-history.png` });
    expect(problems).toEqual([]);
  });
});
