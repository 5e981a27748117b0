import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../src/paths.js';
import { createTestApp, TEST_ADMIN, type TestApp } from '../support/app.js';
import { chromiumFor, launchChromium } from '../support/browser.js';
import { postGig, verifiedEmployer } from '../support/gigs.js';

const hasChromium = chromiumFor('tests/browser/cjk-fonts.test.ts', 'the Chinese pages’ fonts');

/** The families each Chinese page names: Windows, macOS, Android and Linux kiosks. */
const STACK = [
  'Microsoft YaHei',
  'PingFang SC',
  'Noto Sans CJK SC',
  'Source Han Sans SC',
  'WenQuanYi Micro Hei',
];
/** A font that has Chinese glyphs (what Chromium names the one it drew with). */
const CJK_FAMILY = /CJK|Source Han|WenQuanYi|PingFang|YaHei|Hiragino|Noto Sans SC/i;

describe('the Chinese pages name a font stack for every system', () => {
  it.each([
    'public/kiosk/kiosk.css',
    'public/kiosk/gig.css',
    'public/dashboard/dashboard.css',
    'public/graphiql/page.css',
  ])('%s', async (file) => {
    const css = await readFile(projectPath(file), 'utf8');
    for (const family of STACK) expect(css).toContain(`"${family}"`);
  });
});

/**
 * The fonts Chromium drew `selector`'s text with (DevTools' CSS.getPlatformFontsForNode), and how
 * many Chinese characters that text has: a Chinese character drawn in no CJK font is a box.
 */
async function drawnWith(page: Page, selector: string) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    const text = (await page.locator(selector).textContent()) ?? '';
    const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
    const cjkGlyphs = fonts
      .filter((font) => CJK_FAMILY.test(font.familyName))
      .reduce((sum, font) => sum + font.glyphCount, 0);
    return { text, han, cjkGlyphs, fonts: fonts.map((font) => `${font.familyName} ×${font.glyphCount}`) };
  } finally {
    await cdp.detach();
  }
}

describe.skipIf(!hasChromium)('Chinese text in Chromium is drawn in a CJK font, not boxes', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let gigId: string;

  beforeAll(async () => {
    t = await createTestApp();
    baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const employer = await verifiedEmployer(t);
    gigId = (await postGig(t, employer.token, { title: '果园摘苹果临时工' })).id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('on the kiosk (its setup screen), the dashboard, its charts and the public gig page', async () => {
    const page = await browser.newPage();
    try {
      const seen: Awaited<ReturnType<typeof drawnWith>>[] = [];
      const look = async (selector: string) => {
        await page.locator(selector).waitFor();
        seen.push(await drawnWith(page, selector));
      };
      // The kiosk without a token asks for one, in Chinese.
      await page.goto(`${baseUrl}/kiosk`);
      await look('label[for="setup-token"]');
      await page.goto(`${baseUrl}/dashboard`);
      await look('header h1');
      await look('#login h2');
      await page.goto(`${baseUrl}/g/${gigId}`);
      await look('h1');

      for (const drawn of seen) {
        expect(drawn.han, drawn.text).toBeGreaterThan(0);
        // Every Chinese character came from a CJK font (its Latin and digits may come from another).
        expect(drawn.cjkGlyphs, `${drawn.text}: ${drawn.fonts.join(', ')}`).toBeGreaterThanOrEqual(drawn.han);
      }

      // The dashboard's charts draw their Chinese labels in the page's stack too.
      await page.goto(`${baseUrl}/dashboard`);
      await page.fill('#phone', TEST_ADMIN.phone);
      await page.fill('#password', TEST_ADMIN.password);
      await page.click('#login button[type="submit"]');
      await page.locator('body[data-loaded]').waitFor({ timeout: 10_000 });
      const chartFont = await page.evaluate(
        "lingongDashboard.charts['chart-posted'].getOption().textStyle?.fontFamily ?? ''",
      );
      for (const family of STACK) expect(chartFont).toContain(family);
    } finally {
      await page.close();
    }
  });
});
