import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_ADMIN, type TestApp } from '../support/app.js';
import { ARTIFACTS, chromiumFor, launchChromium } from '../support/browser.js';
import { adminToken } from '../support/people.js';

const hasChromium = chromiumFor('tests/browser/graphiql.test.ts', 'GraphiQL with the network cut');

/** What CodeMirror 5 (GraphiQL's editors) hangs on its element. */
type CodeMirrorHost = { CodeMirror?: { getValue(): string; setValue(value: string): void } };

/** The text of one of GraphiQL's editors (query, headers, response), written first when `value` is given. */
const editor = (page: Page, selector: string, value?: string) =>
  page.locator(`${selector} .CodeMirror:visible`).evaluate((element: CodeMirrorHost, text) => {
    if (!element.CodeMirror) throw new Error('not a CodeMirror editor');
    if (text !== undefined) element.CodeMirror.setValue(text);
    return element.CodeMirror.getValue();
  }, value);

describe.skipIf(!hasChromium)('GraphiQL in Chromium with every request off this machine blocked', () => {
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

  it('loads from the server alone and runs a signed-in query from its editor, under its CSP', async () => {
    const token = await adminToken(t);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // Every request the page makes: the local ones go through, any other is aborted and kept.
    const left: string[] = [];
    const local: string[] = [];
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1') {
        local.push(url.pathname);
        return route.continue();
      }
      left.push(url.href);
      return route.abort('internetdisconnected');
    });
    // CSP violations as the page's own event reports them, and as Chromium's console does.
    await page.addInitScript({
      content: `addEventListener('securitypolicyviolation', (e) =>
        (window.cspViolations ??= []).push(e.effectiveDirective + ' ' + e.blockedURI), true);`,
    });
    const violations: string[] = [];
    const problems: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('requestfailed', (request) => problems.push(`failed ${request.url()}`));
    try {
      await page.goto(`${baseUrl}/graphiql`);
      // GraphiQL renders its editors once its React bundle has run.
      await page
        .locator('.graphiql-query-editor .CodeMirror')
        .waitFor({ timeout: 20_000 })
        .catch((error: Error) => {
          throw new Error(`GraphiQL did not render; requests stopped: ${left.join(', ')}`, { cause: error });
        });

      // As the README's walk-through: the query, and the token in the Headers tab.
      await editor(page, '.graphiql-query-editor', '{ me { role phone } }');
      await page.getByRole('button', { name: /headers/i }).click();
      await editor(page, '.graphiql-editor-tool', JSON.stringify({ Authorization: `Bearer ${token}` }));
      const answered = page.waitForResponse(
        (response) =>
          new URL(response.url()).pathname === '/graphql' &&
          response.request().method() === 'POST' &&
          (response.request().postData() ?? '').includes('me {'),
      );
      await page.locator('.graphiql-execute-button').click();
      expect((await answered).status()).toBe(200);
      await expect
        .poll(async () => editor(page, '.graphiql-response'), { timeout: 10_000 })
        .toContain(TEST_ADMIN.phone);
      expect(JSON.parse(await editor(page, '.graphiql-response'))).toEqual({
        data: { me: { role: 'ADMIN', phone: TEST_ADMIN.phone } },
      });
      await page.screenshot({ path: `${ARTIFACTS}/graphiql-offline.png` });

      // The schema's documentation (introspection) and the settings dialog, under the same policy.
      await page.getByRole('button', { name: /documentation/i }).click();
      await page.getByText('Root Types').waitFor();
      await page.getByRole('button', { name: /settings/i }).click();
      await page.getByRole('dialog').waitFor();
      await page.keyboard.press('Escape');

      expect(left).toEqual([]);
      expect(violations).toEqual([]);
      expect(await page.evaluate('window.cspViolations ?? []')).toEqual([]);
      expect(problems).toEqual([]);
      // Its scripts and styles came from this server.
      expect(local).toEqual(expect.arrayContaining(['/graphiql', '/graphql']));
      expect(local.some((path) => path.startsWith('/graphiql/'))).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('says so on the page, rather than staying blank, when its bundle does not arrive', async () => {
    const page = await browser.newPage();
    await page.route('**/graphiql/vendor/graphiql.min.js', (route) => route.abort('internetdisconnected'));
    try {
      await page.goto(`${baseUrl}/graphiql`);
      await expect
        .poll(() => page.locator('#main').textContent(), { timeout: 10_000 })
        .toMatch(/GraphiQL's files did not load from this server/);
    } finally {
      await page.close();
    }
  });
});
