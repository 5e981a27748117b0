import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_ADMIN, type TestApp } from '../support/app.js';
import { ARTIFACTS, chromiumFor, launchChromium } from '../support/browser.js';
import { seedWorkers } from '../support/hiring.js';

const hasChromium = chromiumFor('tests/browser/dashboard-warnings.test.ts', 'the dashboard');

describe.skipIf(!hasChromium)('the dashboard’s 规模性失业风险预警 panel in Chromium', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await createTestApp();
    baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
    // 25 welders of 梁山县 free this week and not one open seat: red on seekers per seat.
    await seedWorkers(t, 25);
    await t.app.services.warnings.computeAll();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lists the city’s counties worst first, with the level in words and the indicators behind it', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1800 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
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
});
