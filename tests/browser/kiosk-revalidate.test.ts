import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK_QUERIES } from '../../src/kiosk/persisted-queries.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { chromiumFor, launchChromium } from '../support/browser.js';
import { postGig, verifiedEmployer } from '../support/gigs.js';
import { type KioskStation, stationWithKiosk } from '../support/kiosk.js';

const hasChromium = chromiumFor('tests/browser/kiosk-revalidate.test.ts', 'the kiosk board revalidation');

describe.skipIf(!hasChromium)('the kiosk page asking again for its board, in Chromium', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let station: KioskStation;

  beforeAll(async () => {
    // As in production: boards kept (their ETag comes from the cache), persisted queries only.
    t = await createTestApp({ env: { KIOSK_CACHE_MS: '60000', KIOSK_PERSISTED_QUERIES_ONLY: 'true' } });
    baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
    station = await stationWithKiosk(t);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('sends the board’s ETag when it reads the board again on reconnect, and is answered 304', async () => {
    const gig = await postGig(t, (await verifiedEmployer(t)).token);
    await t.app.outbox.drain(); // in the index before any board is kept (a minute here)
    // What the server answered (Chromium shows the page a 304 as the 200 it had kept).
    const answered: number[] = [];
    t.app.server.on('request', (request, response) => {
      if (!request.url?.includes(KIOSK_QUERIES.KioskBoard.hash)) return;
      response.once('finish', () => answered.push(response.statusCode));
    });
    const page = await browser.newPage();
    const boards: { status: number; etag?: string; ifNoneMatch?: string }[] = [];
    page.on('response', async (response) => {
      const url = new URL(response.url());
      if (url.pathname !== '/graphql' || url.searchParams.get('query') !== KIOSK_QUERIES.KioskBoard.hash)
        return;
      const sent = await response.request().allHeaders();
      boards.push({
        status: response.status(),
        etag: response.headers().etag,
        ifNoneMatch: sent['if-none-match'],
      });
    });
    await page.goto(`${baseUrl}/kiosk#token=${station.token}`);
    await page.locator(`.card[data-gig-id="${gig.id}"]`).waitFor({ timeout: 10_000 });
    await page.locator('#status:not(.offline)').waitFor({ timeout: 10_000 });
    const deadline = Date.now() + 5_000;
    while (boards.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

    // The server drops the socket; the page reconnects and reads its board again.
    t.app.io.local.disconnectSockets(true);
    await page.locator('#status.offline').waitFor({ timeout: 2_000 });
    await page.locator('#status:not(.offline)').waitFor({ timeout: 10_000 });
    while (boards.length < 2 && Date.now() < deadline + 10_000) await new Promise((r) => setTimeout(r, 50));
    expect(boards[0]?.status).toBe(200);
    expect(boards[0]?.ifNoneMatch).toBeUndefined();
    expect(boards[1]?.ifNoneMatch).toBe(boards[0]?.etag);
    expect(answered).toEqual([200, 304]);
    expect(await page.locator(`.card[data-gig-id="${gig.id}"]`).isVisible()).toBe(true);
    await page.close();
  }, 60_000);
});
