import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { ARTIFACTS, chromiumFor, launchChromium } from '../support/browser.js';
import { type KioskStation, QUANPU, stationWithKiosk } from '../support/kiosk.js';
import { registerWorker } from '../support/people.js';
import { enrolDirectly, postCourse, verifiedProvider } from '../support/training-courses.js';

const hasChromium = chromiumFor('tests/browser/kiosk-training.test.ts', 'the kiosk 培训 tab');

/** Runs in the page first: a speech synthesis with one zh-CN voice that records what it is asked to say. */
function recordingSpeech() {
  const said: string[] = [];
  const page = globalThis as unknown as Record<string, unknown>;
  page.spokenTexts = said;
  const define = (name: string, value: unknown) =>
    Object.defineProperty(page, name, { value, configurable: true, writable: true });
  define(
    'SpeechSynthesisUtterance',
    class {
      lang = '';
      rate = 1;
      voice: unknown = null;
      onend: (() => void) | null = null;
      onerror: (() => void) | null = null;
      constructor(readonly text: string) {}
    },
  );
  define('speechSynthesis', {
    getVoices: () => [{ name: 'Mandarin', lang: 'zh-CN', localService: true }],
    speak: (utterance: { text: string }) => said.push(utterance.text),
    cancel: () => {},
    addEventListener: () => {},
  });
}

describe.skipIf(!hasChromium)('the kiosk 培训 tab in Chromium', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let station: KioskStation;

  beforeAll(async () => {
    t = await createTestApp({ env: { KIOSK_PERSISTED_QUERIES_ONLY: 'true' } });
    baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
    station = await stationWithKiosk(t);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows a posted subsidised welding course with its seats left, a QR code to it, and reads it aloud', async () => {
    const school = await verifiedProvider(t);
    const near = {
      location: { lat: QUANPU.lat + 0.004, lng: QUANPU.lng + 0.003 },
      address: '梁山县拳铺镇职业技能培训学校',
    };
    const welding = await postCourse(t, school.token, { ...near, seats: 30 });
    const baby = await postCourse(t, school.token, {
      ...near,
      title: '育婴员职业技能培训班',
      skillCode: 'infant_care',
      certificate: 'SKILL_LEVEL',
      targetLevel: 1,
      subsidised: false,
      subsidySource: null,
      feeFen: 68_000,
    });
    await enrolDirectly(t, welding.id, (await registerWorker(t)).id);
    await t.app.outbox.drain();

    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.addInitScript(recordingSpeech);
    await page.goto(`${baseUrl}/kiosk#token=${station.token}`);
    await page.locator('#status:not(.offline)').waitFor({ timeout: 10_000 });

    await page.locator('#tab-training').click();
    const card = page.locator(`.card[data-course-id="${welding.id}"]`);
    await card.waitFor({ timeout: 10_000 });
    expect(await page.locator('#board').isVisible()).toBe(false);
    expect(await page.locator('#tab-training').getAttribute('aria-pressed')).toBe('true');
    expect(await card.locator('.title').textContent()).toBe('电焊工特种作业培训班');
    expect(await card.locator('.pay').textContent()).toContain('补贴免费');
    expect(await card.locator('.pay').textContent()).toContain('焊工');
    expect(await card.locator('.left').textContent()).toBe('还剩 29 个名额');
    expect(await card.locator('.when').textContent()).toContain('96 课时');
    expect(await card.locator('.certificate').textContent()).toBe('考取特种作业操作证');
    expect(await card.locator('.qr svg').count()).toBe(1);
    const url = await card.locator('.qr').getAttribute('data-url');
    expect(url).toBe(`${baseUrl}/c/${welding.id}?s=${station.stationId}`);
    const other = page.locator(`.card[data-course-id="${baby.id}"]`);
    expect(await other.locator('.pay').textContent()).toContain('680元');

    // The QR code's page: the course, its seats, and how to enrol at this station.
    const course = await t.app.inject({
      method: 'GET',
      url: new URL(url ?? '').pathname + new URL(url ?? '').search,
    });
    expect(course.statusCode).toBe(200);
    expect(course.body).toContain('电焊工特种作业培训班');
    expect(course.body).toContain('还剩 <b>29</b> 个名额');
    expect(course.body).toContain('拳铺镇零工驿站');

    await card.locator('button.speak').click();
    await page.locator(`.card.speaking[data-course-id="${welding.id}"]`).waitFor({ timeout: 3_000 });
    const said = await page.evaluate(() => (globalThis as unknown as { spokenTexts: string[] }).spokenTexts);
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('电焊工特种作业培训班。工种：焊工。政府补贴，免费参加。');
    expect(said[0]).toContain('还剩29个名额');

    await page.screenshot({ path: `${ARTIFACTS}/kiosk-training.png` });
    await page.locator('#tab-gigs').click();
    expect(await page.locator('#courses').isVisible()).toBe(false);
    expect(await page.locator('#board').isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });
});
