import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK_QUERIES } from '../../src/kiosk/persisted-queries.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { ARTIFACTS, chromiumFor, launchChromium } from '../support/browser.js';
import { postGig, verifiedEmployer } from '../support/gigs.js';
import { type KioskStation, PICKING, stationWithKiosk, untilOnBoard } from '../support/kiosk.js';

const hasChromium = chromiumFor('tests/browser/kiosk.test.ts', 'the kiosk');

describe.skipIf(!hasChromium)('the kiosk page in Chromium', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let employerToken: string;
  let station: KioskStation;

  beforeAll(async () => {
    // As in production: the kiosk token runs only the page's persisted queries.
    t = await createTestApp({ env: { KIOSK_PERSISTED_QUERIES_ONLY: 'true' } });
    baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
    employerToken = (await verifiedEmployer(t)).token;
    station = await stationWithKiosk(t);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const card = (page: Page, gigId: string) => page.locator(`.card[data-gig-id="${gigId}"]`);
  const online = (page: Page) => page.locator('#status:not(.offline)').waitFor({ timeout: 10_000 });

  it('shows the board, filters by trade, and shows a gig posted while open within 2 s without reload', async () => {
    const welding = await postGig(t, employerToken);
    const picking = await postGig(t, employerToken, PICKING);
    await untilOnBoard(t, station.token, [welding.id, picking.id]);

    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    const sent: unknown[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname !== '/graphql') return;
      sent.push({ method: request.method(), ...Object.fromEntries(url.searchParams) });
    });
    await page.goto(`${baseUrl}/kiosk#token=${station.token}`);

    // The board: both gigs, nearest first, each with its pay, places left and a QR code.
    await card(page, welding.id).waitFor({ timeout: 10_000 });
    await card(page, picking.id).waitFor();
    await online(page);
    expect(page.url()).not.toContain('kiosk_'); // the token left the address bar
    expect(await page.locator('#station-name').textContent()).toBe('拳铺镇零工驿站');
    const ids = await page
      .locator('.card')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-gig-id')));
    expect(ids).toEqual([picking.id, welding.id]);
    expect(await card(page, picking.id).locator('.pay').textContent()).toContain('25元/小时');
    expect(await card(page, welding.id).locator('.pay').textContent()).toContain('200元/天');
    expect(await card(page, welding.id).locator('.left').textContent()).toContain('还差 3 人');
    expect(await card(page, welding.id).locator('.qr svg').count()).toBe(1);
    // Welding is a special operation (特种作业): its card says a certificate is needed; picking's not.
    expect(await card(page, welding.id).locator('.certificate').textContent()).toBe('需持特种作业操作证');
    expect(await card(page, picking.id).locator('.certificate').count()).toBe(0);
    // Welding is a risky trade: its hires are insured for each day (含意外险); picking is neither risky
    // nor a public-welfare post.
    expect(await card(page, welding.id).locator('.tag.insured').textContent()).toBe('含意外险');
    expect(await card(page, picking.id).locator('.tag.insured').count()).toBe(0);
    expect(await page.locator('#updated').textContent()).toMatch(/^更新于 \d\d:\d\d$/);

    // The page sends each query by its hash, never the query's text, as a GET.
    const hashes = new Set(Object.values(KIOSK_QUERIES).map((q) => q.hash));
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const body of sent) {
      expect(body).toMatchObject({
        method: 'GET',
        persisted: 'true',
        query: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(hashes.has((body as { query: string }).query)).toBe(true);
      expect(JSON.stringify(body)).not.toMatch(/stationBoard|skills/);
    }
    expect(new Set(sent.map((b) => (b as { query: string }).query))).toEqual(hashes);

    // A trade button filters the board; 全部 shows it whole again; 适合大龄 keeps the older-friendly.
    await page.locator('button.trade[data-category="农业"]').click();
    await card(page, welding.id).waitFor({ state: 'detached' });
    expect(await card(page, picking.id).isVisible()).toBe(true);
    await page.locator('button.trade[data-category="建筑施工"]').click();
    await card(page, picking.id).waitFor({ state: 'detached' });
    expect(await card(page, welding.id).isVisible()).toBe(true);
    await page.locator('button.trade[data-category=""]').click();
    await page.locator('#older').click();
    await card(page, welding.id).waitFor({ state: 'detached' });
    expect(await card(page, picking.id).isVisible()).toBe(true);
    await page.locator('#older').click();
    await card(page, welding.id).waitFor();

    // Live: a gig posted now appears without reload; a called-off one disappears.
    await page.evaluate(() => {
      (globalThis as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    const live = await postGig(t, employerToken, { title: '厂房屋面彩钢瓦安装', headcount: 2 });
    const posted = Date.now();
    await card(page, live.id).waitFor({ timeout: 2_000 });
    const appearedMs = Date.now() - posted;
    expect(appearedMs).toBeLessThan(2_000);
    expect(await card(page, live.id).locator('.tag.new').count()).toBe(1);
    const cancelled = await t.gql(
      'mutation ($id: ID!) { cancelGig(gigId: $id, reason: "工期推迟") { id } }',
      { id: picking.id },
      employerToken,
    );
    expect(cancelled.errors).toBeUndefined();
    await card(page, picking.id).waitFor({ state: 'detached', timeout: 2_000 });
    expect(
      await page.evaluate(() => (globalThis as unknown as { sameDocument?: boolean }).sameDocument),
    ).toBe(true);

    await page.screenshot({ path: `${ARTIFACTS}/kiosk.png` });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await card(page, live.id).waitFor();
    await page.screenshot({ path: `${ARTIFACTS}/kiosk-landscape.png` });
    expect(problems).toEqual([]);

    // The QR code's link opens the gig's public page, as a phone that scanned it would.
    const link = await card(page, live.id).locator('.qr').getAttribute('data-url');
    expect(link).toBe(`${baseUrl}/g/${live.id}?s=${station.stationId}`);
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    await phone.goto(link as string);
    expect(await phone.locator('h1').textContent()).toBe('厂房屋面彩钢瓦安装');
    expect(await phone.locator('.take').textContent()).toContain('到拳铺镇零工驿站');
    await phone.screenshot({ path: `${ARTIFACTS}/gig-page.png`, fullPage: true });
    await phone.close();
    console.info(
      `kiosk: a gig posted during the test appeared in ${appearedMs} ms; screenshot ${ARTIFACTS}/kiosk.png`,
    );
    await page.close();
  }, 60_000);

  it('keeps the last board when the connection drops, reconnects by itself and catches up', async () => {
    const first = await postGig(t, employerToken, { title: '水泥搬运装车', skills: ['loading_unloading'] });
    await untilOnBoard(t, station.token, [first.id]);
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(`${baseUrl}/kiosk#token=${station.token}`);
    await card(page, first.id).waitFor({ timeout: 10_000 });
    await online(page);
    // Only this trade, so the earlier tests' gigs page nothing away.
    await page.locator('button.trade[data-category="物流仓储"]').click();

    // The server drops every socket (as a restart does); a gig posted meanwhile reaches no kiosk live.
    t.app.io.local.disconnectSockets(true);
    await page.locator('#status.offline').waitFor({ timeout: 2_000 });
    expect(await page.locator('#status-text').textContent()).toContain('正在重新连接');
    expect(await page.locator('#updated').textContent()).toMatch(/^更新于 \d\d:\d\d$/);
    expect(await card(page, first.id).isVisible()).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/kiosk-offline.png` });
    const missed = await postGig(t, employerToken, { title: '仓库理货搬运', skills: ['loading_unloading'] });

    // Back by itself; the board is read again on reconnect, so the missed gig shows.
    await online(page);
    await card(page, missed.id).waitFor({ timeout: 10_000 });
    expect(await card(page, first.id).isVisible()).toBe(true);
    await page.close();
  }, 60_000);

  it('pages slowly through the board when nobody touches it', async () => {
    const cooks = [];
    for (let i = 1; i <= 5; i++) {
      cooks.push(await postGig(t, employerToken, { title: `农家宴帮厨 ${i} 号灶`, skills: ['cook'] }));
    }
    await untilOnBoard(
      t,
      station.token,
      cooks.map((g) => g.id),
    );
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.clock.install();
    await page.goto(`${baseUrl}/kiosk#token=${station.token}`);
    await online(page);
    await page.locator('button.trade[data-category="餐饮"]').click();
    const pageLine = page.locator('#page');
    await pageLine.filter({ hasText: '第 1 / 2 页' }).waitFor();

    // A touch just now: the board stays where the person left it.
    await page.clock.fastForward(20_000);
    expect(await pageLine.textContent()).toContain('第 1 / 2 页');
    // Idle: it turns the page by itself, and comes round again.
    await page.clock.fastForward(30_000);
    await pageLine.filter({ hasText: '第 2 / 2 页' }).waitFor({ timeout: 2_000 });
    await page.clock.fastForward(13_000);
    await pageLine.filter({ hasText: '第 1 / 2 页' }).waitFor({ timeout: 2_000 });
    await page.close();
  }, 60_000);

  it('loads itself again when the server no longer knows its query hashes (a newer release)', async () => {
    const gig = await postGig(t, employerToken, { title: '新版本后的搬运工', skills: ['loading_unloading'] });
    await untilOnBoard(t, station.token, [gig.id]);
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    let served = 0;
    // The first load gets the hashes of an older release; the reload gets the server's own.
    await page.route('**/kiosk/queries.js', (route) =>
      served++ === 0
        ? route.fulfill({
            contentType: 'text/javascript',
            body: `export const QUERIES = { KioskBoard: '${'a'.repeat(64)}', KioskSkills: '${'b'.repeat(64)}' };`,
          })
        : route.continue(),
    );
    await page.goto(`${baseUrl}/kiosk#token=${station.token}`);
    // The trade buttons come with the first answer; only this trade, so earlier gigs page nothing away.
    await page.locator('button.trade[data-category="物流仓储"]').click({ timeout: 20_000 });
    await card(page, gig.id).waitFor({ timeout: 10_000 });
    expect(served).toBe(2);
    await page.close();
  }, 60_000);

  it('shows its setup screen in Chinese for a bad token, asking only in the browser’s own language', async () => {
    // A kiosk machine set up in Chinese; the page adds no Accept-Language of its own.
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const asked: Promise<string>[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(baseUrl))
        asked.push(request.allHeaders().then((headers) => headers['accept-language'] ?? ''));
    });
    await page.goto(`${baseUrl}/kiosk#token=kiosk_not-a-real-token`);
    await page.locator('#setup').waitFor({ state: 'visible', timeout: 10_000 });
    await expect
      .poll(() => page.locator('#setup-problem').textContent(), { timeout: 10_000 })
      .toBe('这个屏幕令牌不认识：请向驿站要一个新的。');
    // Everything the screen shows is Chinese: no sentence of Latin words anywhere on it.
    const shown = await page.locator('body').innerText();
    expect(shown).toContain('请输入驿站管理员给的屏幕令牌');
    expect(shown).not.toMatch(/[A-Za-z]{2,}[\s,.:;'’"]+[A-Za-z]{2,}/);
    await page.screenshot({ path: `${ARTIFACTS}/kiosk-setup-bad-token.png` });
    expect(new Set(await Promise.all(asked))).toEqual(new Set(['zh-CN']));
    await context.close();
  }, 60_000);

  it('asks for the token once when opened without one, and keeps it', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/kiosk`);
    await page.locator('#setup-token').waitFor();
    await page.locator('#setup-token').fill(station.token);
    await page.locator('#setup button[type="submit"]').click();
    await online(page);
    expect(await page.locator('#setup').isHidden()).toBe(true);
    await page.reload();
    await online(page);
    expect(await page.locator('#setup').isHidden()).toBe(true);
    await context.close();
  }, 60_000);
});
