import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_CSP } from '../../src/plugins/static-files.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { REGISTER_WORKER, registerWorker, withPhoneCode, workerInput } from '../support/people.js';

const ALLOWED = 'https://lingong.example.cn';
const REFUSED = 'https://evil.example.com';
const LIMIT = 8192;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    env: { CORS_ORIGINS: `${ALLOWED},http://127.0.0.1:5173`, BODY_LIMIT_BYTES: String(LIMIT) },
  });
});
afterAll(() => t?.close());

const graphql = (headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/graphql',
    headers,
    payload: { query: '{ privacyNotice { version } }' },
  });

describe('helmet', () => {
  it('sends its protective headers on GraphQL and the health check', async () => {
    for (const response of [await graphql(), await t.app.inject({ method: 'GET', url: '/healthz' })]) {
      expect(response.statusCode).toBe(200);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(response.headers['x-powered-by']).toBeUndefined();
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("object-src 'none'");
      // Job stations may reach the API over plain HTTP.
      expect(csp).not.toContain('upgrade-insecure-requests');
    }
  });

  it("keeps the kiosk's and the dashboard's own stricter policy", async () => {
    for (const url of ['/kiosk', '/dashboard']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-security-policy']).toBe(PAGE_CSP);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it("gives GraphiQL's page and files a policy of this origin only, no CDN", async () => {
    const urls = ['/graphiql', '/graphiql/page.js', '/graphiql/vendor/graphiql.min.js'];
    for (const url of urls) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      const csp = String(response.headers['content-security-policy']);
      const directives = new Map(
        csp.split(';').map((directive) => {
          const [name = '', ...sources] = directive.trim().split(/\s+/);
          return [name, sources.join(' ')];
        }),
      );
      expect(directives.get('default-src')).toBe("'self'");
      expect(directives.get('script-src')).toBe("'self'");
      expect(directives.get('connect-src')).toBe("'self'");
      expect(directives.get('font-src')).toBe("'self' data:");
      expect(directives.get('img-src')).toBe("'self' data:");
      expect(directives.get('style-src')).toBe("'self' 'unsafe-inline'");
      // Only this origin, data: (fonts and icons in its stylesheet) and inline styles: no other host.
      expect(csp).not.toMatch(/https?:|unpkg/);
    }
  });
});

describe('CORS (CORS_ORIGINS)', () => {
  it('answers a listed origin with its CORS headers, and a refused one without', async () => {
    const allowed = await graphql({ origin: ALLOWED });
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(String(allowed.headers.vary)).toMatch(/Origin/i);
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
    const refused = await graphql({ origin: REFUSED });
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('passes the preflight of a listed origin and refuses the others', async () => {
    const preflight = (origin: string) =>
      t.app.inject({
        method: 'OPTIONS',
        url: '/graphql',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
    const allowed = await preflight(ALLOWED);
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(String(allowed.headers['access-control-allow-methods'])).toContain('POST');
    expect(String(allowed.headers['access-control-allow-headers'])).toContain('authorization');
    expect(allowed.headers['access-control-max-age']).toBe('600');

    const refused = await preflight(REFUSED);
    expect(refused.statusCode).toBe(404);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    expect(refused.headers['access-control-allow-methods']).toBeUndefined();
  });

  it('lets socket.io follow the same origins, its own pages and clients that are no browser', async () => {
    const baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const worker = await registerWorker(t);
    const attempt = (origin?: string) => {
      const socket = io(baseUrl, {
        auth: { token: worker.token },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        extraHeaders: origin ? { origin } : {},
      });
      return new Promise<string>((resolve) => {
        socket.once('connect', () => resolve('connected'));
        socket.once('connect_error', () => resolve('refused'));
      }).finally(() => socket.close());
    };
    expect(await attempt()).toBe('connected');
    expect(await attempt(ALLOWED)).toBe('connected');
    expect(await attempt(baseUrl)).toBe('connected');
    expect(await attempt(REFUSED)).toBe('refused');
  });

  it('allows no other site when CORS_ORIGINS is unset', async () => {
    const closed = await createTestApp({ sameDatabaseAs: t });
    try {
      const response = await closed.app.inject({
        method: 'OPTIONS',
        url: '/graphql',
        headers: { origin: ALLOWED, 'access-control-request-method': 'POST' },
      });
      expect(response.statusCode).toBe(404);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await closed.close();
    }
  });
});

describe('body limit (BODY_LIMIT_BYTES)', () => {
  it('refuses a GraphQL request over the limit with 413 and its words, and registers no one', async () => {
    const input = workerInput({ name: '张'.repeat(LIMIT) });
    const response = await t.app.inject({
      method: 'POST',
      url: '/graphql',
      payload: { query: REGISTER_WORKER, variables: { input } },
    });
    expect(response.statusCode).toBe(413);
    const body = response.json();
    expect(body.data).toBeNull();
    expect(body.errors[0].extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE', limitBytes: LIMIT });
    expect(body.errors[0].message).toContain('一次最多 8,192 字节');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const [row] = await t.app
      .sql`select count(*)::int as n from accounts where phone = ${input.phone as string}`;
    expect(row?.n).toBe(0);
  });

  it('refuses an oversized body on the other routes with 413 and the same code', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/sms/dev/reply',
      payload: { phone: '13800000000', text: 'x'.repeat(LIMIT) },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', limitBytes: LIMIT });
  });

  it('still takes a request under the limit', async () => {
    const { errors } = await t.gql(REGISTER_WORKER, { input: await withPhoneCode(t, workerInput()) });
    expect(errors).toBeUndefined();
  });
});
