import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { databaseUrlFor } from '../support/database.js';
import { freePort } from '../support/ports.js';

async function readyWithin(t: TestApp, ms: number) {
  const until = Date.now() + ms;
  for (;;) {
    const response = await t.app.inject('/readyz');
    if (response.statusCode === 200 || Date.now() > until) return response;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('health and readiness', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('says alive on /healthz', async () => {
    const response = await t.app.inject('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('says ready on /readyz when PostgreSQL and Meilisearch answer', async () => {
    const response = await t.app.inject('/readyz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ready', down: [] });
  });

  it('answers 503 naming postgres while its database refuses connections, and recovers', async () => {
    const name = new URL(t.databaseUrl).pathname.slice(1);
    // postgres.js 3.4.9 can throw an uncatchable TypeError when a backend is killed while a small
    // write is queued (porsager/postgres#1154, #1208, unfixed upstream). The outbox's polling is
    // such a writer, so it pauses here; hardening the driver against it belongs to the fault tests.
    await t.app.outbox.stop();
    const admin = postgres(databaseUrlFor('postgres'), { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`alter database ${name} allow_connections false`);
      await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name}`;
      const down = await t.app.inject('/readyz');
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({ status: 'unavailable', down: ['postgres'] });
      expect(down.json().checks.postgres.error).toBeTruthy();
    } finally {
      await admin.unsafe(`alter database ${name} allow_connections true`);
      await admin.end();
    }
    // pg_terminate_backend only signals: a pooled connection it hit may still be closing when the
    // database opens again, and the next probe that draws it fails once. A load balancer polls, so
    // recovery means ready again within a few polls, not on the very next one.
    const up = await readyWithin(t, 5_000);
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({ status: 'ready', down: [] });
  });
});

describe('with Meilisearch unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { MEILI_URL: `http://127.0.0.1:${await freePort()}` } });
  });
  afterAll(() => t?.close());

  it('still starts, and /readyz answers 503 naming meilisearch', async () => {
    const response = await t.app.inject('/readyz');
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ status: 'unavailable', down: ['meilisearch'] });
  });

  it('finds trades from PostgreSQL instead', async () => {
    const { data, errors } = await t.gql<{ skills: { name: string }[] }>('{ skills(q: "电焊") { name } }');
    expect(errors).toBeUndefined();
    expect(data?.skills.map((s) => s.name)).toContain('焊工');
  });
});
