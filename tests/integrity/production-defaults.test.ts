import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createTestApp, TEST_ADMIN, type TestApp } from '../support/app.js';
import { postGig, verifiedEmployer } from '../support/gigs.js';
import { testClock } from '../support/hiring.js';
import { captureLogs } from '../support/logs.js';
import { outbox, seedSmsWorkers, settle, shanghai } from '../support/sms.js';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
const SECRET = 'S3cret-Passw0rd-xyz';
const SOMEONES_PHONE = '13912345678';

/** Misspelt names, as a schema-mapping tool sends them once introspection is off. */
const GUESSES: { query: string; variables?: Record<string, unknown> }[] = [
  { query: '{ skils { code } }' },
  { query: '{ skills { cod } }' },
  { query: '{ myOffers(statsu: PENDING) { id } }' },
  { query: 'query ($s: OfferStatus) { myOffers(status: $s) { id } }', variables: { s: 'PENDIN' } },
  { query: '{ myOffers(status: PENDIN) { id } }' },
];

/**
 * Production defaults that leak nothing, tried from outside: an open /metrics, suggestions that
 * map a schema whose introspection is off, and logs that keep what a client sent in a URL or a
 * person's phone number. The logs are captured from the app's own pino stream while the moves
 * are made, from the start.
 */
describe('production defaults', () => {
  const logs = captureLogs();
  let production: TestApp;
  let development: TestApp;

  beforeAll(async () => {
    production = await createTestApp({
      env: { NODE_ENV: 'production', METRICS_TOKEN, LOG_LEVEL: 'trace' },
      logStream: logs.stream,
    });
    development = await createTestApp();
  });
  afterAll(async () => {
    await production?.close();
    await development?.close();
  });

  it('refuses to start in production without METRICS_TOKEN, naming it', () => {
    const secrets = { NODE_ENV: 'production', JWT_SECRET: 'j'.repeat(32), PII_KEY: 'p'.repeat(32) };
    let refused: unknown;
    try {
      loadConfig(secrets);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).problems).toEqual([
      expect.stringMatching(/^METRICS_TOKEN 有误：生产环境必须设置/),
    ]);
    expect(loadConfig({ ...secrets, METRICS_TOKEN }).metrics.token).toBe(METRICS_TOKEN);
  });

  it('answers /metrics only to the token in production', async () => {
    const bare = await production.app.inject({ method: 'GET', url: '/metrics' });
    expect(bare.statusCode).toBe(401);
    expect(bare.body).not.toContain('lingong_');
    const right = await production.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('lingong_');
  });

  it('suggests no field, argument or value name in production (development still does)', async () => {
    for (const guess of GUESSES) {
      const inDevelopment = await development.gql(guess.query, guess.variables);
      expect(inDevelopment.errors?.[0]?.message).toMatch(/Did you mean/);
      const inProduction = await production.gql(guess.query, guess.variables);
      expect(inProduction.errors?.length).toBeGreaterThan(0);
      for (const error of inProduction.errors ?? []) {
        expect(error.message).not.toMatch(/Did you mean/i);
        expect(error.message).not.toMatch(/"(skills|code|status|PENDING)"/);
        expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      }
    }
  });

  it('writes no query string of /graphql, nor any other, to the request log', async () => {
    const login = `mutation { login(phone: "${SOMEONES_PHONE}", password: "${SECRET}") { token } }`;
    const urls = [
      `/graphql?query=${encodeURIComponent(login)}`,
      `/graphql?query=${encodeURIComponent('query ($p: String) { skills { code } }')}&variables=${encodeURIComponent(JSON.stringify({ p: SECRET, phone: SOMEONES_PHONE }))}`,
      `/no-such-page?password=${SECRET}&phone=${SOMEONES_PHONE}`,
      `/sms/inbound/tencent?token=${SECRET}`,
      `/graphql?${SECRET}`,
    ];
    for (const url of urls) await production.app.inject({ method: 'GET', url });
    const logged = logs.text();
    // The requests were logged, redacted.
    expect(logged).toContain('/graphql?query=[REDACTED]&variables=[REDACTED]');
    expect(logged).toContain('/no-such-page?password=[REDACTED]&phone=[REDACTED]');
    expect(logged).toContain('Route GET:/no-such-page?password=[REDACTED]');
    expect(logged).toContain('/graphql?[REDACTED]');
    for (const secret of [SECRET, encodeURIComponent(SECRET), SOMEONES_PHONE]) {
      expect(logged).not.toContain(secret);
    }
  });

  it('logs no phone number at start: the admin from ADMIN_PHONE is logged without it', () => {
    const [line] = logs.withMessage('admin account from ADMIN_PHONE');
    expect(line).toMatchObject({ outcome: expect.any(String) });
    expect(logs.text()).not.toContain(TEST_ADMIN.phone);
  });
});

describe('the development SMS gateway’s log', () => {
  const logs = captureLogs();
  const clock = testClock(shanghai(1, '10:00'));
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: { LOG_LEVEL: 'info', OFFER_SWEEP_MS: '60000' },
      logStream: logs.stream,
    });
  });
  afterAll(() => t?.close());

  it('masks the number it would have texted; the outbox keeps it for tests', async () => {
    const [worker] = await seedSmsWorkers(t, 1, { skills: [{ code: 'tea_picking', level: 3 }] });
    if (!worker) throw new Error('no worker seeded');
    const employer = await verifiedEmployer(t);
    await postGig(t, employer.token, {
      instant: true,
      headcount: 1,
      skills: ['tea_picking'],
      startsAt: shanghai(2, '08:00').toISOString(),
      endsAt: shanghai(2, '12:00').toISOString(),
    });
    await settle(t);

    expect(outbox(t).filter((message) => message.to === worker.phone)).toHaveLength(1);
    // Every text the gateway logged (the employer's registration code too) shows only a masked number.
    const sent = logs.withMessage('SMS (development gateway: not sent)');
    const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(7)}`;
    expect(sent.filter((line) => line.to === masked(worker.phone))).toHaveLength(1);
    expect(sent.every((line) => /^1\d{2}\*{4}\d{4}$/.test(String(line.to)))).toBe(true);
    expect(logs.text()).not.toContain(worker.phone);
    expect(logs.text()).not.toContain(employer.phone);
  });
});
