import { sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marketDay } from '../../../src/time.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { verifiedEmployer } from '../../support/gigs.js';
import { seedWorkers, testClock } from '../../support/hiring.js';
import { stationWithKiosk } from '../../support/kiosk.js';
import { adminToken, login, operatorToken, uniquePhone } from '../../support/people.js';
import { connectSocket } from '../../support/sockets.js';
import { JIAXIANG, LIANGSHAN, WARNING_ENV } from './support.js';

const DAY = 86_400_000;

const TODAY = 'countyWarnings(regionCode: "370800") { day level seekers massCancelEmployer { id } }';
const HISTORY = `countyWarningHistory(regionCode: "${LIANGSHAN}", from: "2026-11-01", to: "2026-11-16") { day level }`;

/** Every `warning:changed` a socket hears, from now on. */
function recorder(socket: Socket) {
  const heard: unknown[] = [];
  socket.on('warning:changed', (payload) => heard.push(payload));
  return heard;
}

/**
 * A curious worker, employer, station operator, kiosk, stranger and a suspended admin against the
 * early warning: the readings and their changes are the bureau's alone, by every path.
 */
describe('hostile moves on the early warning', () => {
  const clock = testClock(new Date(Date.parse('2026-11-16T09:00:00+08:00')));
  let t: TestApp;
  let baseUrl: string;
  let admin: string;
  let others: Record<string, string>;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await createTestApp({ env: WARNING_ENV, clock });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    admin = await adminToken(t);
    const [worker] = await seedWorkers(t, 1);
    const employer = await verifiedEmployer(t);
    const kiosk = await stationWithKiosk(t);
    others = {
      worker: worker?.token as string,
      employer: employer.token,
      operator: await operatorToken(t),
      kiosk: kiosk.token,
    };
    await t.app.services.warnings.computeAll();
  }, 60_000);

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t?.close();
  });

  const socketOf = async (token: string) => {
    const socket = await connectSocket(baseUrl, { token });
    sockets.push(socket);
    return socket;
  };

  /** 嘉祥县 read red yesterday and is quiet today: the next round tells RED → BLUE. */
  async function aChangeToTell() {
    const yesterday = marketDay(new Date(clock.now().getTime() - DAY));
    await t.app.db.execute(
      sql`delete from county_warnings where region_code = ${JIAXIANG.regionCode} and day >= ${yesterday}::date`,
    );
    await t.app.db.execute(sql`
      insert into county_warnings (region_code, day, level, seekers, open_seats, postings, postings_before,
        hires, hires_before, unmatched_7d, mass_cancellations, reasons, seekers_per_seat, computed_at)
      values (${JIAXIANG.regionCode}, ${yesterday}::date, 'RED', 0, 0, 0, 0, 0, 0, 0, 0, '{}', 0, now())`);
  }

  it('tells a change to the admins’ room only: a worker’s, employer’s, operator’s and kiosk’s socket hear nothing', async () => {
    const adminHeard = recorder(await socketOf(admin));
    const strangers = Object.fromEntries(
      await Promise.all(
        Object.entries(others).map(async ([who, token]) => [who, recorder(await socketOf(token))]),
      ),
    ) as Record<string, unknown[]>;
    await expect(connectSocket(baseUrl, {})).rejects.toThrow();
    await expect(connectSocket(baseUrl, { token: 'not-a-token' })).rejects.toThrow();

    await aChangeToTell();
    const told = await t.app.services.warnings.computeAll();
    expect(told.map((c) => [c.regionCode, c.previousLevel, c.level])).toEqual([
      [JIAXIANG.regionCode, 'RED', 'BLUE'],
    ]);
    // The admin hears it; give the others the same time and more to hear it too, if they could.
    const deadline = Date.now() + 3_000;
    while (adminHeard.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(adminHeard).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(strangers).toEqual({ worker: [], employer: [], operator: [], kiosk: [] });
  });

  it('tells nothing to an admin suspended after connecting, nor on reconnecting with its old token', async () => {
    const phone = uniquePhone();
    const created = await t.gql<{ createStaffAccount: { id: string } }>(
      'mutation ($i: CreateStaffAccountInput!) { createStaffAccount(input: $i) { id } }',
      { i: { role: 'ADMIN', phone, password: 'second-admin-1', displayName: '值班员' } },
      admin,
    );
    const secondId = created.data?.createStaffAccount.id as string;
    const second = await login(t, phone, 'second-admin-1');
    const socket = await socketOf(second);
    const heard = recorder(socket);
    const cut = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    const suspended = await t.gql(
      'mutation ($a: ID!, $r: String!) { suspendAccount(accountId: $a, reason: $r) { id } }',
      { a: secondId, r: '离岗，账号停用待交接' },
      admin,
    );
    expect(suspended.errors).toBeUndefined();
    await cut;
    await expect(connectSocket(baseUrl, { token: second })).rejects.toThrow();

    const adminHeard = recorder(await socketOf(admin));
    clock.advance(DAY);
    await aChangeToTell();
    expect((await t.app.services.warnings.computeAll()).length).toBe(1);
    const deadline = Date.now() + 3_000;
    while (adminHeard.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(adminHeard).toHaveLength(1);
    expect(heard).toEqual([]);
  });

  it('tells across API nodes only the admins’ room too: sockets on a second node, the round on the first', async () => {
    const b = await createTestApp({
      sameDatabaseAs: t,
      clock,
      env: { ...WARNING_ENV, MEILI_INDEX_PREFIX: t.indexPrefix },
    });
    try {
      const urlB = await b.app.listen({ port: 0, host: '127.0.0.1' });
      const deadline = Date.now() + 10_000;
      while ((await t.app.io.of('/').adapter.serverCount()) < 2 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      const onB = async (token: string) => {
        const socket = await connectSocket(urlB, { token });
        sockets.push(socket);
        return recorder(socket);
      };
      const adminHeard = await onB(admin);
      const strangers = Object.fromEntries(
        await Promise.all(Object.entries(others).map(async ([who, token]) => [who, await onB(token)])),
      ) as Record<string, unknown[]>;
      clock.advance(DAY);
      await aChangeToTell();
      expect((await t.app.services.warnings.computeAll()).length).toBe(1);
      const until = Date.now() + 5_000;
      while (adminHeard.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(adminHeard).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 500));
      expect(strangers).toEqual({ worker: [], employer: [], operator: [], kiosk: [] });
    } finally {
      // B's own close() would drop what it shares with the first node: close only its app.
      await b.app.close();
    }
  });

  it('refuses the readings to everyone else by aliases, several fields in one query and GET', async () => {
    const query = `{ a: ${TODAY} b: ${HISTORY} c: countyWarnings(regionCode: "${LIANGSHAN}") { level } }`;
    for (const [who, token] of Object.entries(others)) {
      const res = await t.gql(query, {}, token);
      expect([who, res.data ?? null]).toEqual([who, null]);
      expect(res.errors?.length).toBeGreaterThan(0);
      for (const e of res.errors ?? []) expect([who, e.extensions?.code]).toEqual([who, 'FORBIDDEN']);
    }
    const anonymous = await t.gql(query, {});
    expect(anonymous.data ?? null).toBeNull();
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // A worker’s field beside the admin’s: the worker’s own answers, the readings do not.
    const mixed = await t.gql<{ me: { id: string }; w: unknown }>(
      `{ me { id } w: ${TODAY} }`,
      {},
      others.worker,
    );
    expect(mixed.data ?? null).toBeNull();
    expect(mixed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Batched queries are off; a GET with the query in the address is held to the same rule.
    const batched = await t.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { authorization: `Bearer ${others.operator}`, 'content-type': 'application/json' },
      payload: JSON.stringify([{ query: `{ ${TODAY} }` }, { query: `{ ${HISTORY} }` }]),
    });
    expect(batched.body).not.toContain('"level"');
    expect(batched.statusCode).toBeGreaterThanOrEqual(400);
    const viaGet = await t.app.inject({
      method: 'GET',
      url: `/graphql?query=${encodeURIComponent(`{ ${TODAY} }`)}`,
      headers: { authorization: `Bearer ${others.employer}` },
    });
    expect(viaGet.body).not.toContain('"level"');
    expect(JSON.parse(viaGet.body).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('serves the dashboard page to anyone but no reading by HTTP: its exports are the admin’s', async () => {
    const page = await t.app.inject('/dashboard');
    expect(page.statusCode).toBe(200);
    for (const url of [
      '/warnings',
      '/warnings.csv',
      '/dashboard/warnings',
      '/stats/series.csv?regionCode=370832',
    ]) {
      for (const token of [others.worker, others.operator, others.employer]) {
        const res = await t.app.inject({ url, headers: { authorization: `Bearer ${token}` } });
        expect([url, res.statusCode === 200 && /BLUE|RED/.test(res.body)]).toEqual([url, false]);
      }
    }
    // What was read and by whom is unchanged: the rounds wrote the readings, nobody else.
    const rows = (await t.app.db.execute(
      sql`select count(*)::int as n from audit_log where action = 'EMPLOYMENT_WARNING_CHANGED'`,
    )) as unknown as { n: number }[];
    expect(rows[0]?.n).toBe(3);
  });
});
