import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_ADMIN, type TestApp } from '../support/app.js';
import { ARTIFACTS, chromiumFor, launchChromium } from '../support/browser.js';
import { postGig, verifiedEmployer } from '../support/gigs.js';
import { hireThroughApplication, seedWorkers } from '../support/hiring.js';
import { adminToken } from '../support/people.js';

const hasChromium = chromiumFor('tests/browser/dashboard.test.ts', 'the dashboard');

type Series = { day: string; gigsPosted: number; gigsFilled: number; hires: number; openArrears: number }[];

describe.skipIf(!hasChromium)('the bureau dashboard in Chromium', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
    admin = await adminToken(t);
    // Today: three gigs at 梁山县, one filled through an application, and one at 任城区.
    const employer = await verifiedEmployer(t);
    const [worker] = await seedWorkers(t, 1, { birthDate: '1968-01-01' });
    if (!worker) throw new Error('no worker');
    await hireThroughApplication(t, employer.token, worker, 2, { headcount: 1 });
    const listed = await postGig(t, employer.token, { headcount: 4 });
    // Two offers went out today, one to the older worker and one to a younger cook (written as
    // the waves write them; tests/modules/stats/offer-shares.test.ts has them sent by a wave).
    const [younger] = await seedWorkers(t, 1, {
      birthDate: '1998-01-01',
      skills: [{ code: 'cook', level: 3 }],
    });
    for (const w of [worker, younger]) {
      await t.app.db.execute(sql`insert into offers (gig_id, worker_id, wave, tier, sent_at, expires_at)
        values (${listed.id}, ${w?.id}, 1, 'MATCH', now(), now() + interval '1 hour')`);
    }
    await postGig(t, employer.token, {
      regionCode: '370811',
      address: '任城区建设路1号',
      location: { lat: 35.414, lng: 116.595 },
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** The figures the API gives for what the page says it loaded (region:fromDay:toDay). */
  async function apiFor(page: Page) {
    const loaded = (await page.locator('body').getAttribute('data-loaded')) ?? '';
    const [regionCode, fromDay, toDay] = loaded.split(':');
    const to = new Date(Date.parse(`${toDay}T00:00:00+08:00`) + 86_400_000).toISOString();
    const { data, errors } = await t.gql<{
      regionStats: Record<string, number>;
      regionSeries: Series;
      regionBreakdown: { region: { code: string }; hires: number }[];
    }>(
      `query ($r: ID!, $from: DateTime!, $to: DateTime!) {
        regionStats(regionCode: $r, from: $from, to: $to) { gigsPosted gigsFilled hires openArrears }
        regionSeries(regionCode: $r, from: $from, to: $to) { day gigsPosted gigsFilled hires openArrears }
        regionBreakdown(regionCode: $r, from: $from, to: $to) { region { code } hires } }`,
      { r: regionCode, from: `${fromDay}T00:00:00+08:00`, to },
      admin,
    );
    if (!data) throw new Error(JSON.stringify(errors));
    return { regionCode, fromDay, toDay, ...data };
  }

  const kpi = (page: Page, key: string) => page.locator(`.kpi[data-key="${key}"] .value`).textContent();
  /** A chart's series data as ECharts holds it. */
  const chartData = (page: Page, id: string) =>
    page.evaluate((chartId) => {
      const board = (
        globalThis as unknown as {
          lingongDashboard: { charts: Record<string, { getOption(): { series: { data: unknown[] }[] } }> };
        }
      ).lingongDashboard;
      return board.charts[chartId]?.getOption().series.map((s) => s.data);
    }, id);

  it('signs in as an admin, draws the charts with the API numbers, narrows to a county and exports CSV', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1800 }, acceptDownloads: true });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    // Nothing the page asks for is missing (a browser asks for /favicon.ico unless told otherwise).
    page.on('response', (response) => {
      if (response.status() === 404) problems.push(`404 ${response.url()}`);
    });
    await page.goto(`${baseUrl}/dashboard`);

    // A non-admin is turned away; the admin gets in.
    const employer = await verifiedEmployer(t);
    await page.fill('#phone', employer.phone);
    await page.fill('#password', 'employer-pass-1');
    await page.click('#login button[type="submit"]');
    await expect.poll(() => page.locator('#login-error').textContent()).toContain('不是管理员');
    await page.fill('#phone', TEST_ADMIN.phone);
    await page.fill('#password', TEST_ADMIN.password);
    await page.click('#login button[type="submit"]');
    await page.locator('body[data-loaded^="370800:"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('#login').isVisible()).toBe(false);

    // The city (济宁市, the default): totals, charts and the county table all match the API.
    const city = await apiFor(page);
    expect(city.regionStats).toMatchObject({ gigsPosted: 3, gigsFilled: 1, hires: 1 });
    expect(await kpi(page, 'gigsPosted')).toBe(String(city.regionStats.gigsPosted));
    expect(await kpi(page, 'gigsFilled')).toBe(String(city.regionStats.gigsFilled));
    expect(await kpi(page, 'hires')).toBe(String(city.regionStats.hires));
    expect(await kpi(page, 'openArrears')).toBe(String(city.regionStats.openArrears));
    expect(await chartData(page, 'chart-posted')).toEqual([
      city.regionSeries.map((d) => d.gigsPosted),
      city.regionSeries.map((d) => d.gigsFilled),
    ]);
    expect(await chartData(page, 'chart-arrears')).toEqual([city.regionSeries.map((d) => d.openArrears)]);
    expect(city.regionSeries).toHaveLength(30);
    const tableHires = await page
      .locator('#regions tbody tr')
      .evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-region'), r.children[5]?.textContent]));
    expect(tableHires).toEqual(city.regionBreakdown.map((r) => [r.region.code, String(r.hires)]));
    // Older workers' share of offers beside their share of hires, as the API gives them.
    const { data: shares } = await t.gql<{ regionStats: Record<string, number> }>(
      `query ($r: ID!, $from: DateTime!, $to: DateTime!) { regionStats(regionCode: $r, from: $from, to: $to) {
        offersSent olderWorkerOffers olderWorkerOfferShare hires olderWorkerHires olderWorkerShare } }`,
      {
        r: city.regionCode,
        from: `${city.fromDay}T00:00:00+08:00`,
        to: new Date(Date.parse(`${city.toDay}T00:00:00+08:00`) + 86_400_000).toISOString(),
      },
      admin,
    );
    expect(shares?.regionStats).toMatchObject({
      offersSent: 2,
      olderWorkerOffers: 1,
      olderWorkerOfferShare: 0.5,
      hires: 1,
      olderWorkerShare: 1,
    });
    expect(await chartData(page, 'chart-fairness')).toEqual([[50, 100]]);
    expect(await page.locator('#fairness-status').textContent()).toBe(
      '大龄劳动者占派单 50.0%（1 / 2），占成交 100.0%（1 / 1）。',
    );
    // Every chart drew on its canvas.
    const canvases = await page.locator('.chart canvas').count();
    expect(canvases).toBe(8);
    // The shortage panel waits for a county.
    expect(await page.locator('#shortage-status').textContent()).toContain('选择一个县（区）');
    expect(await page.locator('#chart-shortage').isVisible()).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS}/dashboard.png`, fullPage: true });

    // The county: 梁山县 alone.
    await page.selectOption('#county', '370832');
    await page.click('#filters button[type="submit"]');
    await page.locator('body[data-loaded^="370832:"]').waitFor();
    const county = await apiFor(page);
    expect(county.regionStats).toMatchObject({ gigsPosted: 2, hires: 1 });
    expect(await kpi(page, 'gigsPosted')).toBe('2');
    expect(await page.locator('#table-title').textContent()).toBe('梁山县没有下辖地区');

    // 急需紧缺: the county's trades by the shortage index, as the API ranks them. Welding (4 seats
    // posted, one qualified welder free) is shorter than loading (1 seat, filled).
    await page.locator(`#shortage-panel[data-loaded="370832:${county.fromDay}:${county.toDay}"]`).waitFor();
    const { data: shortage } = await t.gql<{
      shortageReport: {
        rows: { skill: { code: string; name: string }; shortageIndex: number; rank: number }[];
      };
    }>(
      'query ($r: ID!, $from: String!, $to: String!) { shortageReport(regionCode: $r, from: $from, to: $to) { rows { skill { code name } shortageIndex rank } } }',
      { r: '370832', from: county.fromDay, to: county.toDay },
      admin,
    );
    const ranked = shortage?.shortageReport.rows ?? [];
    expect(ranked.map((r) => [r.skill.code, r.rank])).toEqual([
      ['welder', 1],
      ['loading_unloading', 2],
    ]);
    expect(await page.locator('#shortage-status').textContent()).toContain('最紧缺的工种是焊工');
    expect(await chartData(page, 'chart-shortage')).toEqual([
      [...ranked].reverse().map((r) => r.shortageIndex),
    ]);
    const shortageTable = await page
      .locator('#shortage tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => [
          r.getAttribute('data-skill'),
          r.children[1]?.textContent,
          r.children[2]?.textContent,
        ]),
      );
    expect(shortageTable).toEqual(
      ranked.map((r) => [r.skill.code, r.skill.name, r.shortageIndex.toFixed(1)]),
    );
    expect(await page.locator('.chart canvas').count()).toBe(9);
    await page.screenshot({ path: `${ARTIFACTS}/dashboard-shortage.png`, fullPage: true });
    const [shortageDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#shortage-csv'),
    ]);
    expect(shortageDownload.suggestedFilename()).toBe(
      `lingong-shortage-370832-${county.fromDay}-${county.toDay}.csv`,
    );
    const shortageCsv = await (await import('node:fs/promises')).readFile(
      await shortageDownload.path(),
      'utf8',
    );
    expect(
      shortageCsv
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n')
        .slice(1)
        .map((l) => l.split(',')[2]),
    ).toEqual(['welder', 'loading_unloading']);

    // CSV: the download is the API's export for the same region and days.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv')]);
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    const csv = await readFile(path, 'utf8');
    expect(download.suggestedFilename()).toBe(`lingong-370832-${county.fromDay}-${county.toDay}.csv`);
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(31);
    const today = county.regionSeries.find((d) => d.gigsPosted > 0);
    expect(lines.find((l) => l.includes(`,${today?.day},`))).toMatch(
      new RegExp(`^370832,梁山县,${today?.day},2,`),
    );
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
  it('says in Chinese what went wrong: no network, a broken answer, a token the server refuses', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/dashboard`);
    const latinSentence = /[A-Za-z]{2,}[\s,.:;'’"]+[A-Za-z]{2,}/;

    // The network is cut: the browser's own "Failed to fetch" is not what a person reads.
    await page.route('**/graphql', (route) => route.abort('internetdisconnected'));
    await page.fill('#phone', TEST_ADMIN.phone);
    await page.fill('#password', TEST_ADMIN.password);
    await page.click('#login button[type="submit"]');
    await expect
      .poll(() => page.locator('#login-error').textContent())
      .toBe('登录失败：连不上服务器，请检查网络后再试。');
    await page.unroute('**/graphql');

    await page.click('#login button[type="submit"]');
    await page.locator('body[data-loaded^="370800:"]').waitFor({ timeout: 10_000 });
    // The export answered by something that is not the server (a proxy's error page).
    await page.route('**/stats/series.csv*', (route) =>
      route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad Gateway</h1>' }),
    );
    await page.click('#csv');
    await expect
      .poll(() => page.locator('#error').textContent())
      .toBe('导出失败：服务器没有正常回答（HTTP 502），请稍后再试。');
    await page.unroute('**/stats/series.csv*');
    // A token the server no longer takes: its refusal, in the browser's language.
    await page.evaluate(() => {
      Reflect.set(Reflect.get(globalThis, 'lingongDashboard'), 'token', 'not.a.jwt');
    });
    await page.click('#csv');
    await expect
      .poll(() => page.locator('#error').textContent())
      .toBe('导出失败：登录令牌无效：请重新登录。');
    expect(await page.locator('#error').textContent()).not.toMatch(latinSentence);
    await page.screenshot({ path: `${ARTIFACTS}/dashboard-errors.png` });
    await context.close();
  }, 60_000);
});
