import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { chromiumFor, launchChromium } from '../support/browser.js';

const hasChromium = chromiumFor('tests/browser/graphiql.test.ts', 'GraphiQL under its CSP');

/**
 * Stand-ins for the CDN files GraphiQL loads (tests have no internet): just enough of React,
 * ReactDOM and GraphiQL for mercurius's page to render, so the test shows what the page's content
 * security policy lets it load and run.
 */
const CDN_STUBS: Record<string, string> = {
  'react.production.min.js': 'window.React = { createElement: () => ({}) };',
  'react-dom.production.min.js':
    "window.ReactDOM = { render: (_el, node) => { node.textContent = 'GraphiQL rendered'; } };",
  'graphiql.min.js': 'window.GraphiQL = { createFetcher: () => () => ({}) };',
  'graphiql.min.css': '#main { color: rgb(1, 2, 3); }',
};

describe.skipIf(!hasChromium)('GraphiQL in Chromium, under its content security policy', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await createTestApp();
    baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('loads its scripts and styles from its CDN and renders, with no policy violation', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.route('https://unpkg.com/**', (route) => {
      const file = new URL(route.request().url()).pathname.split('/').at(-1) ?? '';
      const body = CDN_STUBS[file];
      if (body === undefined) return route.abort();
      return route.fulfill({
        body,
        contentType: file.endsWith('.css') ? 'text/css' : 'text/javascript',
        headers: { 'access-control-allow-origin': '*' },
      });
    });
    try {
      await page.goto(`${baseUrl}/graphiql`);
      const main = page.locator('#main');
      await main.getByText('GraphiQL rendered').waitFor({ timeout: 10_000 });
      // The stylesheet from the CDN applied too.
      expect(
        await main.evaluate((element) => element.ownerDocument.defaultView?.getComputedStyle(element).color),
      ).toBe('rgb(1, 2, 3)');
      expect(violations).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
