import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { ARTIFACTS, chromiumFor, launchChromium } from '../support/browser.js';
import { type PostedGig, postGig, verifiedEmployer } from '../support/gigs.js';
import { type KioskStation, PICKING, stationWithKiosk, untilOnBoard } from '../support/kiosk.js';

const hasChromium = chromiumFor('tests/browser/kiosk-speech.test.ts', 'the kiosk reading gigs aloud');

type FakeVoice = { name: string; lang: string; localService: boolean; default: boolean; voiceURI: string };
type Spoken = { text: string; lang: string; rate: number; voice: string | null };
type Recording = { spoken: Spoken[]; cancels: number; finish(): void };
type Handler = ((event: { type: string; error?: string }) => void) | null;
/** The voices the fake lists after a moment, and whether it then fires 'voiceschanged'; null: no speech at all. */
type SpeechSetup = { voices: FakeVoice[]; announced: boolean } | null;

/**
 * Runs in the page before its scripts: window.speechSynthesis becomes a recording fake whose voices
 * arrive late (as Chrome's do), or goes away entirely.
 */
function fakeSpeech(setup: SpeechSetup) {
  const page = globalThis as unknown as Record<string, unknown>;
  if (setup === null) {
    for (const name of ['speechSynthesis', 'SpeechSynthesisUtterance']) {
      Object.defineProperty(page, name, { value: undefined, configurable: true, writable: true });
    }
    return;
  }
  class FakeUtterance {
    text: string;
    lang = '';
    rate = 1;
    voice: FakeVoice | null = null;
    onend: Handler = null;
    onerror: Handler = null;
    constructor(text: string) {
      this.text = text;
    }
  }
  let loaded: FakeVoice[] = [];
  let current: FakeUtterance | null = null;
  const listeners: (() => void)[] = [];
  const recording: Recording = {
    spoken: [],
    cancels: 0,
    finish() {
      const done = current;
      current = null;
      synthesis.speaking = false;
      done?.onend?.({ type: 'end' });
    },
  };
  const synthesis = {
    speaking: false,
    pending: false,
    paused: false,
    getVoices: () => loaded,
    speak(utterance: FakeUtterance) {
      recording.spoken.push({
        text: utterance.text,
        lang: utterance.lang,
        rate: utterance.rate,
        voice: utterance.voice?.name ?? null,
      });
      current = utterance;
      synthesis.speaking = true;
    },
    cancel() {
      recording.cancels += 1;
      const stopped = current;
      current = null;
      synthesis.speaking = false;
      // As Chrome does, a little later.
      setTimeout(() => stopped?.onerror?.({ type: 'error', error: 'interrupted' }), 0);
    },
    pause() {},
    resume() {},
    addEventListener(type: string, listener: () => void) {
      if (type === 'voiceschanged') listeners.push(listener);
    },
    removeEventListener() {},
  };
  setTimeout(() => {
    loaded = setup.voices;
    if (setup.announced) for (const listener of listeners) listener();
  }, 300);
  Object.defineProperty(page, 'speechSynthesis', { value: synthesis, configurable: true });
  page.SpeechSynthesisUtterance = FakeUtterance;
  page.speechRecording = recording;
}

const voice = (name: string, lang: string, localService = true): FakeVoice => ({
  name,
  lang,
  localService,
  default: false,
  voiceURI: name,
});
const CHINESE_VOICES = [
  voice('English Voice', 'en-US'),
  voice('Cantonese Voice', 'zh-HK'),
  voice('Network Mandarin Voice', 'zh-CN', false),
  voice('Mandarin Voice', 'zh-CN'),
];

const recording = (page: Page) =>
  page.evaluate(() => {
    const { spoken, cancels } = (globalThis as unknown as { speechRecording: Recording }).speechRecording;
    return { spoken, cancels };
  });

describe.skipIf(!hasChromium)('the kiosk reads a gig aloud (朗读) in Chromium', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let station: KioskStation;
  let picking: PostedGig;
  let welding: PostedGig;

  beforeAll(async () => {
    t = await createTestApp();
    baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const employerToken = (await verifiedEmployer(t)).token;
    station = await stationWithKiosk(t);
    welding = await postGig(t, employerToken);
    picking = await postGig(t, employerToken, PICKING);
    await untilOnBoard(t, station.token, [welding.id, picking.id]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const card = (page: Page, gigId: string) => page.locator(`.card[data-gig-id="${gigId}"]`);
  const speakButton = (page: Page, gigId: string) => card(page, gigId).locator('button.speak');

  /** The kiosk with speech as given, and every page error or console error it logs. */
  async function openKiosk(setup: SpeechSetup) {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${message.text()} ${message.location().url}`);
    });
    await page.addInitScript(fakeSpeech, setup);
    await page.goto(`${baseUrl}/kiosk#token=${station.token}`);
    await card(page, picking.id).waitFor({ timeout: 10_000 });
    return { page, problems };
  }

  it('reads a card slowly in zh-CN with its pay, time, place, distance and how to take it; again stops', async () => {
    const { page, problems } = await openKiosk({ voices: CHINESE_VOICES, announced: true });
    const button = speakButton(page, picking.id);
    expect(await button.getAttribute('aria-label')).toBe('朗读：梨园采摘帮工');
    expect(await button.innerText()).toBe('朗读');
    const box = await button.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(100);
    expect(box?.height).toBeGreaterThanOrEqual(200);

    await button.click();
    await page.locator(`.card.speaking[data-gig-id="${picking.id}"]`).waitFor({ timeout: 3_000 });
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    expect(await button.innerText()).toBe('停止');
    const { spoken } = await recording(page);
    expect(spoken).toHaveLength(1);
    const [reading] = spoken;
    expect(reading?.lang).toBe('zh-CN');
    expect(reading?.rate).toBeLessThan(1);
    expect(reading?.voice).toBe('Mandarin Voice'); // zh-CN and installed, not the network or Cantonese one

    const text = reading?.text ?? '';
    const start = new Date(picking.startsAt as string);
    const [month, day] = new Intl.DateTimeFormat('en-US', {
      timeZone: 'Asia/Shanghai',
      month: 'numeric',
      day: 'numeric',
    })
      .format(start)
      .split('/');
    const distance = (await card(page, picking.id).locator('.distance').textContent())?.replace(/\s/g, '');
    expect(distance).toMatch(/^离驿站\d+(\.\d)?(米|公里)$/);
    for (const words of [
      '梨园采摘帮工。',
      '工种是采摘。',
      '工钱是每小时25元。',
      '年纪大的也可以干。',
      `${month}月${day}日`,
      '从上午8点干到下午5点，一共9个小时。',
      '地点在梁山县拳铺镇李庄村梨园。',
      `${distance}。`,
      '还要6个人。',
      '想去的话，请到驿站窗口找工作人员报名，或者用手机扫卡片上的二维码。',
    ]) {
      expect(text).toContain(words);
    }
    expect(text).not.toMatch(/[/～~]|\d\d:\d\d|分钱/);
    // Picking is not a risky trade nor a public-welfare post: no insurance is said.
    expect(text).not.toContain('意外险');
    await page.screenshot({ path: `${ARTIFACTS}/kiosk-speech.png` });

    // Pressed again while it reads: it stops, and says nothing more.
    await button.click();
    await page.locator('.card.speaking').waitFor({ state: 'detached', timeout: 2_000 });
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    expect(await recording(page)).toMatchObject({ cancels: 2, spoken: [{ text }] });

    // Another card while one reads: the first stops, the second reads; at its end the card is plain again.
    await button.click();
    await speakButton(page, welding.id).click();
    await page.locator(`.card.speaking[data-gig-id="${welding.id}"]`).waitFor({ timeout: 2_000 });
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    const both = await recording(page);
    expect(both.spoken.map((s) => s.text.split('。')[0])).toEqual([
      '梨园采摘帮工',
      '梨园采摘帮工',
      '钢结构厂房电焊工',
    ]);
    expect(both.spoken[2]?.text).toContain('工钱是一天200元。');
    // Welding is a risky trade: the card and its reading say the hire is insured each day (含意外险).
    expect(both.spoken[2]?.text).toContain('这个活含意外险，干活的每一天都给你上保险，不用你出钱。');
    expect(await card(page, welding.id).locator('.tag.insured').textContent()).toBe('含意外险');
    await page.evaluate(() =>
      (globalThis as unknown as { speechRecording: Recording }).speechRecording.finish(),
    );
    await page.locator('.card.speaking').waitFor({ state: 'detached', timeout: 2_000 });

    // Reading stops when the board no longer shows the card (here a trade filter takes it away).
    await speakButton(page, welding.id).click();
    await page.locator(`.card.speaking[data-gig-id="${welding.id}"]`).waitFor({ timeout: 2_000 });
    const cancelsBefore = (await recording(page)).cancels;
    await page.locator('button.trade[data-category="农业"]').click();
    await card(page, welding.id).waitFor({ state: 'detached' });
    expect((await recording(page)).cancels).toBe(cancelsBefore + 1);
    expect(await speakButton(page, picking.id).getAttribute('aria-pressed')).toBe('false');

    expect(await page.locator('#voice-notice').isHidden()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('still reads with lang zh-CN, and shows no notice, where the voices installed are none of them Chinese', async () => {
    const { page, problems } = await openKiosk({
      voices: [voice('English Voice', 'en-US')],
      announced: true,
    });
    await speakButton(page, picking.id).click();
    await page.locator('.card.speaking').waitFor({ timeout: 3_000 });
    const { spoken } = await recording(page);
    expect(spoken).toMatchObject([{ lang: 'zh-CN', voice: null }]);
    expect(await page.locator('#voice-notice').isHidden()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('says so where no voice is installed, or there is no speech synthesis at all, and works the same', async () => {
    const noVoice = '本机没有安装中文语音，请找工作人员帮您读。';
    const cases: [string, SpeechSetup, string][] = [
      ['no voice, said by voiceschanged', { voices: [], announced: true }, noVoice],
      ['no voice, and never a voiceschanged', { voices: [], announced: false }, noVoice],
      ['no speech synthesis', null, '这台机器不能朗读，请找工作人员帮您读。'],
    ];
    for (const [name, setup, notice] of cases) {
      const { page, problems } = await openKiosk(setup);
      expect(await speakButton(page, picking.id).isVisible()).toBe(true);
      await speakButton(page, picking.id).click();
      const shown = page.locator('#voice-notice');
      await shown.waitFor({ state: 'visible', timeout: 3_000 });
      expect(await shown.textContent(), name).toBe(notice);
      expect(await shown.getAttribute('role')).toBe('alert');
      expect(await page.locator('.card.speaking').count()).toBe(0);
      if (setup) expect((await recording(page)).spoken, name).toEqual([]);
      else {
        const speech = await page.evaluate(() => {
          const window = globalThis as unknown as Record<string, unknown>;
          return [typeof window.speechSynthesis, typeof window.SpeechSynthesisUtterance];
        });
        expect(speech).toEqual(['undefined', 'undefined']);
      }
      // The rest of the page goes on as before.
      await page.locator('button.trade[data-category="农业"]').click();
      await card(page, welding.id).waitFor({ state: 'detached' });
      expect(await card(page, picking.id).isVisible()).toBe(true);
      if (!setup) await page.screenshot({ path: `${ARTIFACTS}/kiosk-speech-no-voice.png` });
      expect(problems, name).toEqual([]);
      await page.close();
    }
  }, 60_000);
});
