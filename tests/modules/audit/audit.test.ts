import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toShanghaiIso } from '../../../src/graphql/scalars.js';
import { createTestApp, type GraphQLResponse, TEST_ADMIN, type TestApp } from '../../support/app.js';
import { verifiedEmployer } from '../../support/gigs.js';
import { hireThroughApplication, seedWorkers, testClock } from '../../support/hiring.js';
import { adminToken, login, operatorToken, registerEmployer, registerWorker } from '../../support/people.js';

const UA = 'lingong-audit-test/1.0';
const MINUTE = 60_000;

type Entry = {
  id: string;
  at: string;
  actor: { id: string; displayName: string } | null;
  actorRole: string;
  action: string;
  subjectType: string;
  subjectId: string;
  details: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
};
type Page = {
  auditLog: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: Entry }[];
  };
};

const AUDIT_LOG = `query ($action: String, $subjectType: String, $subjectId: ID, $actorId: ID, $from: DateTime,
    $to: DateTime, $first: Int, $after: String) {
  auditLog(action: $action, subjectType: $subjectType, subjectId: $subjectId, actorId: $actorId, from: $from,
      to: $to, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id at actor { id displayName } actorRole action subjectType subjectId details ip userAgent } }
  }
}`;

describe('audit log of sensitive actions', () => {
  const clock = testClock(new Date());
  let t: TestApp;
  let admin: string;
  let adminId: string;

  /** GraphQL as a client with its own user agent (and any header), through fastify's inject (127.0.0.1). */
  async function call<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
    headers: Record<string, string> = {},
    app: TestApp = t,
  ): Promise<GraphQLResponse<T>> {
    const response = await app.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'user-agent': UA, ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      payload: { query, variables },
    });
    return response.json();
  }

  async function page(filter: Record<string, unknown>) {
    const { data, errors } = await call<Page>(AUDIT_LOG, filter, admin);
    if (!data) throw new Error(`auditLog failed: ${JSON.stringify(errors)}`);
    return data.auditLog;
  }
  const entries = async (filter: Record<string, unknown>) =>
    (await page({ first: 100, ...filter })).edges.map((e) => e.node);

  const accountIdOf = async (token: string) =>
    (await call<{ me: { id: string } }>('{ me { id } }', {}, token)).data?.me.id as string;

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: { OFFER_SWEEP_MS: '60000', WORK_SWEEP_MS: '3600000', GIG_SWEEP_MS: '3600000' },
    });
    admin = await adminToken(t);
    adminId = await accountIdOf(admin);
  });
  afterAll(() => t.close());

  it('records an employer verification once: who, role, what, when and from where', async () => {
    const employer = await registerEmployer(t);
    const verify = 'mutation ($id: ID!) { verifyEmployer(employerId: $id) { verified } }';
    const first = await call(verify, { id: employer.id }, admin);
    expect(first.errors).toBeUndefined();
    // Verifying again changes nothing, so it adds nothing.
    await call(verify, { id: employer.id }, admin);

    const found = await entries({ subjectType: 'EMPLOYER', subjectId: employer.id });
    expect(found).toEqual([
      {
        id: expect.any(String),
        at: toShanghaiIso(clock.now()),
        actor: { id: adminId, displayName: '管理员' },
        actorRole: 'ADMIN',
        action: 'EMPLOYER_VERIFIED',
        subjectType: 'EMPLOYER',
        subjectId: employer.id,
        details: { name: '梁山县好运钢结构有限公司', regionCode: '370832' },
        ip: '127.0.0.1',
        userAgent: UA,
      },
    ]);
  });

  it('records a minimum-wage change with the old and new hourly fen; a refused change records nothing', async () => {
    const before = await call<{ region: { minHourlyWageFen: number } }>(
      '{ region(code: "370832") { minHourlyWageFen } }',
    );
    const oldFen = before.data?.region.minHourlyWageFen;
    expect(oldFen).toBeGreaterThan(0);
    const set =
      'mutation ($f: Int!) { setMinimumWage(regionCode: "370832", hourlyFen: $f, source: "鲁政字〔2026〕1号") { code } }';

    const refused = await call(set, { f: 5 }, admin);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'hourlyFen' });
    expect(await entries({ action: 'MINIMUM_WAGE_SET' })).toEqual([]);

    expect((await call(set, { f: 2150 }, admin)).errors).toBeUndefined();
    clock.advance(MINUTE);
    expect((await call(set, { f: 2300 }, admin)).errors).toBeUndefined();

    const found = await entries({ action: 'MINIMUM_WAGE_SET', subjectType: 'REGION', subjectId: '370832' });
    expect(found.map((e) => e.details)).toEqual([
      {
        regionName: '梁山县',
        effectiveFrom: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        oldHourlyFen: 2150,
        oldSetFor: null,
        newHourlyFen: 2300,
        source: '鲁政字〔2026〕1号',
      },
      expect.objectContaining({ oldHourlyFen: oldFen, newHourlyFen: 2150 }),
    ]);
    expect(found.every((e) => e.actor?.id === adminId && e.ip === '127.0.0.1')).toBe(true);
  });

  it('writes the change and its entry in one transaction: when the entry cannot be written, nothing changes', async () => {
    // The database refuses this one action's entries for the length of the test.
    await t.app.db.execute(
      sql`alter table audit_log add constraint audit_test_refuse check (action <> 'MINIMUM_WAGE_SET') not valid`,
    );
    try {
      const failed = await call(
        'mutation { setMinimumWage(regionCode: "370829", hourlyFen: 2400) { code } }',
        {},
        admin,
      );
      expect(failed.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await t.app.db.execute(sql`alter table audit_log drop constraint audit_test_refuse`);
    }
    const [row] = (await t.app.db.execute(
      sql`select count(*)::int as n from minimum_wages where region_code = '370829' and hourly_fen = 2400`,
    )) as unknown as { n: number }[];
    expect(row?.n).toBe(0);
  });

  it('records dispute mediation and resolution and an arrears resolution, with the decision', async () => {
    const employer = await verifiedEmployer(t);
    const [worker] = await seedWorkers(t, 1);
    if (!worker) throw new Error('no worker');
    const engagementId = await hireThroughApplication(t, employer.token, worker, 2);
    const opened = await call<{ openDispute: { id: string } }>(
      'mutation ($e: ID!) { openDispute(engagementId: $e, reason: "工头说好的加班费没有算") { id } }',
      { e: engagementId },
      worker.token,
    );
    const disputeId = opened.data?.openDispute.id as string;
    expect(disputeId).toBeDefined();
    await call(
      'mutation ($d: ID!) { mediateDispute(disputeId: $d, note: "已电话联系双方，约定周五面谈") { status } }',
      { d: disputeId },
      admin,
    );
    await call(
      'mutation ($d: ID!) { resolveDispute(disputeId: $d, resolution: "双方同意补发加班费 80 元") { status } }',
      { d: disputeId },
      admin,
    );
    const onDispute = await entries({ subjectType: 'DISPUTE', subjectId: disputeId });
    expect(onDispute.map((e) => [e.action, e.actorRole, e.actor?.id, e.ip])).toEqual([
      ['DISPUTE_RESOLVED', 'ADMIN', adminId, '127.0.0.1'],
      ['DISPUTE_MEDIATED', 'ADMIN', adminId, '127.0.0.1'],
    ]);
    expect(onDispute[0]?.details).toEqual({
      engagementId,
      kind: 'OTHER',
      previousStatus: 'MEDIATING',
      resolution: '双方同意补发加班费 80 元',
      arrearsCaseClosed: null,
    });
    expect(onDispute[1]?.details).toMatchObject({ engagementId, previousStatus: 'OPEN' });

    // An arrears case as the work sweep would open it, closed by an admin directly.
    const [arrears] = (await t.app.db.execute(sql`
      insert into arrears_cases (engagement_id, employer_id, worker_id, owed_fen, opened_at)
      values (${engagementId}, ${employer.id}, ${worker.id}, 20000, now()) returning id`)) as unknown as {
      id: string;
    }[];
    const caseId = arrears?.id as string;
    const closed = await call(
      'mutation ($c: ID!) { resolveArrears(caseId: $c, resolution: "已线下足额支付并核实") { status } }',
      { c: caseId },
      admin,
    );
    expect(closed.errors).toBeUndefined();
    const again = await call(
      'mutation ($c: ID!) { resolveArrears(caseId: $c, resolution: "再次关闭试试看") { status } }',
      { c: caseId },
      admin,
    );
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await entries({ subjectType: 'ARREARS_CASE', subjectId: caseId })).toEqual([
      expect.objectContaining({
        action: 'ARREARS_RESOLVED',
        actorRole: 'ADMIN',
        actor: expect.objectContaining({ id: adminId }),
        details: {
          engagementId,
          employerId: employer.id,
          workerId: worker.id,
          owedFen: 20000,
          resolution: '已线下足额支付并核实',
        },
      }),
    ]);
  });

  it('records kiosk tokens issued and revoked, and the operator assignment, never the token', async () => {
    const created = await call<{ createStation: { id: string } }>(
      'mutation ($i: CreateStationInput!) { createStation(input: $i) { id } }',
      {
        i: {
          name: '韩垓镇零工驿站',
          regionCode: '370832',
          location: { lat: 35.9, lng: 116.2 },
          address: '梁山县韩垓镇便民服务中心',
        },
      },
      admin,
    );
    const stationId = created.data?.createStation.id as string;
    const operator = await operatorToken(t);
    const operatorId = await accountIdOf(operator);
    await call(
      'mutation ($s: ID!, $a: ID!) { assignStationOperator(stationId: $s, accountId: $a) { id } }',
      { s: stationId, a: operatorId },
      admin,
    );
    const issued = await call<{ issueKioskToken: { id: string; token: string } }>(
      'mutation ($s: ID!) { issueKioskToken(stationId: $s, label: "大厅屏") { id token } }',
      { s: stationId },
      operator,
    );
    const kiosk = issued.data?.issueKioskToken;
    if (!kiosk) throw new Error(JSON.stringify(issued.errors));
    const revoke = 'mutation ($k: ID!) { revokeKioskToken(id: $k) }';
    expect((await call(revoke, { k: kiosk.id }, admin)).data).toEqual({ revokeKioskToken: true });
    await call(revoke, { k: kiosk.id }, admin);

    const onToken = await entries({ subjectType: 'KIOSK_TOKEN', subjectId: kiosk.id });
    expect(onToken.map((e) => [e.action, e.actorRole, e.actor?.id])).toEqual([
      ['KIOSK_TOKEN_REVOKED', 'ADMIN', adminId],
      ['KIOSK_TOKEN_ISSUED', 'STATION_OPERATOR', operatorId],
    ]);
    expect(onToken.map((e) => e.details)).toEqual([
      { stationId, stationName: '韩垓镇零工驿站', label: '大厅屏' },
      { stationId, stationName: '韩垓镇零工驿站', label: '大厅屏' },
    ]);
    const hash = createHash('sha256').update(kiosk.token).digest('hex');
    const [leaks] = (await t.app.db.execute(
      sql`select count(*)::int as n from audit_log a where strpos(a::text, ${kiosk.token}) > 0 or strpos(a::text, ${hash}) > 0`,
    )) as unknown as { n: number }[];
    expect(leaks?.n).toBe(0);

    expect(await entries({ subjectType: 'STATION', subjectId: stationId })).toEqual([
      expect.objectContaining({
        action: 'STATION_OPERATOR_ASSIGNED',
        actor: expect.objectContaining({ id: adminId }),
        details: { stationName: '韩垓镇零工驿站', operatorAccountId: operatorId },
      }),
    ]);
    expect(
      await entries({ action: 'STAFF_ACCOUNT_CREATED', subjectId: operatorId, subjectType: 'ACCOUNT' }),
    ).toEqual([
      expect.objectContaining({
        actorRole: 'ADMIN',
        details: { role: 'STATION_OPERATOR', displayName: '拳铺镇驿站' },
      }),
    ]);
  });

  it('records the first admin, made at start-up, as the system', async () => {
    const adminRows = await entries({
      action: 'STAFF_ACCOUNT_CREATED',
      subjectType: 'ACCOUNT',
      subjectId: adminId,
    });
    expect(adminRows).toEqual([
      expect.objectContaining({
        actor: null,
        actorRole: 'SYSTEM',
        ip: null,
        details: { role: 'ADMIN', displayName: '管理员' },
      }),
    ]);
    expect(TEST_ADMIN.phone).not.toBe('');
    expect(JSON.stringify(adminRows)).not.toContain(TEST_ADMIN.phone);
  });

  it('writes one entry per worker per request for an admin reading private fields, naming the fields', async () => {
    const [one, two] = await Promise.all([registerWorker(t), registerWorker(t)]);
    if (!one || !two) throw new Error('no workers');
    const twice = `query ($a: ID!, $b: ID!) {
      first: worker(id: $a) { location { lat lng } priorityGroups }
      again: worker(id: $a) { location { lat } reliabilityReport { score } }
      other: worker(id: $b) { name location { lat } }
    }`;
    const read = await call<{ first: { location: { lat: number } } }>(twice, { a: one.id, b: two.id }, admin);
    expect(read.errors).toBeUndefined();
    expect(read.data?.first.location.lat).toBe(35.8);

    const ofOne = await entries({ action: 'WORKER_PRIVATE_READ', subjectType: 'WORKER', subjectId: one.id });
    expect(ofOne).toEqual([
      {
        id: expect.any(String),
        at: toShanghaiIso(clock.now()),
        actor: { id: adminId, displayName: '管理员' },
        actorRole: 'ADMIN',
        action: 'WORKER_PRIVATE_READ',
        subjectType: 'WORKER',
        subjectId: one.id,
        details: { fields: ['location', 'priorityGroups', 'reliabilityReport'] },
        ip: '127.0.0.1',
        userAgent: UA,
      },
    ]);
    expect(
      (await entries({ action: 'WORKER_PRIVATE_READ', subjectType: 'WORKER', subjectId: two.id })).map(
        (e) => e.details,
      ),
    ).toEqual([{ fields: ['location'] }]);

    // A field that is not private (the name), and the worker reading their own: nothing recorded.
    await call('query ($a: ID!) { worker(id: $a) { name idNumberMasked } }', { a: one.id }, admin);
    await call('{ me { phone worker { location { lat } priorityGroups } } }', {}, one.token);
    expect(
      await entries({ action: 'WORKER_PRIVATE_READ', subjectId: one.id, subjectType: 'WORKER' }),
    ).toHaveLength(1);

    // Another request is another entry (the same query again also runs compiled by graphql-jit).
    clock.advance(MINUTE);
    await call(twice, { a: one.id, b: two.id }, admin);
    const again = await entries({ action: 'WORKER_PRIVATE_READ', subjectId: one.id, subjectType: 'WORKER' });
    expect(again.map((e) => [e.at, e.details])).toEqual([
      [toShanghaiIso(clock.now()), { fields: ['location', 'priorityGroups', 'reliabilityReport'] }],
      [ofOne[0]?.at, { fields: ['location', 'priorityGroups', 'reliabilityReport'] }],
    ]);
  });

  it('withholds the answer when the read cannot be recorded', async () => {
    const worker = await registerWorker(t);
    await t.app.db.execute(
      sql`alter table audit_log add constraint audit_test_refuse check (action <> 'WORKER_PRIVATE_READ') not valid`,
    );
    try {
      const read = await call<{ worker: unknown }>(
        'query ($a: ID!) { worker(id: $a) { location { lat lng } } }',
        { a: worker.id },
        admin,
      );
      expect(read.data?.worker ?? null).toBeNull();
      expect(read.errors?.map((e) => e.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
      // Neither the data nor the failed statement reaches the client.
      expect(JSON.stringify(read)).not.toMatch(/116\.1|insert into|audit_log/);
    } finally {
      await t.app.db.execute(sql`alter table audit_log drop constraint audit_test_refuse`);
    }
  });

  it("records a person's erasure of their own account, and keeps the entry", async () => {
    const worker = await registerWorker(t);
    const erased = await call('mutation { deleteMyAccount(password: "worker-pass-1") }', {}, worker.token);
    expect(erased.data).toEqual({ deleteMyAccount: true });
    expect(
      await entries({ action: 'ACCOUNT_ERASED', subjectType: 'ACCOUNT', subjectId: worker.accountId }),
    ).toEqual([
      expect.objectContaining({
        actor: { id: worker.accountId, displayName: '已注销' },
        actorRole: 'WORKER',
        details: { role: 'WORKER', workerId: worker.id },
        ip: '127.0.0.1',
      }),
    ]);

    // The erased worker's account, reached through the entry: its phone is a worker's private field.
    const shown = await call<{ auditLog: { edges: { node: { actor: { phone: string } } }[] } }>(
      '{ auditLog(action: "ACCOUNT_ERASED") { edges { node { actor { phone } } } } }',
      {},
      admin,
    );
    expect(shown.data?.auditLog.edges.map((e) => e.node.actor.phone)).toEqual(['']);
    expect(
      (await entries({ action: 'WORKER_PRIVATE_READ', subjectType: 'WORKER', subjectId: worker.id })).map(
        (e) => e.details,
      ),
    ).toEqual([{ fields: ['phone'] }]);
  });

  it('takes the client address from X-Forwarded-For only from a proxy named in TRUST_PROXY', async () => {
    const forwarded = { 'x-forwarded-for': '203.0.113.9' };
    const employer = await registerEmployer(t);
    await call(
      'mutation ($id: ID!) { verifyEmployer(employerId: $id) { id } }',
      { id: employer.id },
      admin,
      forwarded,
    );
    expect((await entries({ subjectType: 'EMPLOYER', subjectId: employer.id }))[0]?.ip).toBe('127.0.0.1');

    const behindProxy = await createTestApp({ sameDatabaseAs: t, clock, env: { TRUST_PROXY: 'loopback' } });
    try {
      const other = await registerEmployer(behindProxy);
      const token = await login(behindProxy, TEST_ADMIN.phone, TEST_ADMIN.password);
      await call(
        'mutation ($id: ID!) { verifyEmployer(employerId: $id) { id } }',
        { id: other.id },
        token,
        forwarded,
        behindProxy,
      );
      expect((await entries({ subjectType: 'EMPLOYER', subjectId: other.id }))[0]?.ip).toBe('203.0.113.9');
    } finally {
      await behindProxy.app.close();
    }
  });

  it('pages newest first with cursors, and filters by actor, action and time', async () => {
    // Entries made before this test are at earlier minutes.
    clock.advance(MINUTE);
    const start = clock.now();
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const employer = await registerEmployer(t);
      ids.push(employer.id);
      await call(
        'mutation ($id: ID!) { verifyEmployer(employerId: $id) { id } }',
        { id: employer.id },
        admin,
      );
      clock.advance(MINUTE);
    }
    const window = { action: 'EMPLOYER_VERIFIED', actorId: adminId, from: start.toISOString() };
    const firstPage = await page({ ...window, first: 2 });
    expect(firstPage.totalCount).toBe(3);
    expect(firstPage.pageInfo.hasNextPage).toBe(true);
    const secondPage = await page({ ...window, first: 2, after: firstPage.pageInfo.endCursor });
    expect(secondPage.pageInfo).toEqual({ hasNextPage: false, endCursor: secondPage.edges[0]?.cursor });
    expect([...firstPage.edges, ...secondPage.edges].map((e) => e.node.subjectId)).toEqual(
      [...ids].reverse(),
    );

    const before = await page({ ...window, to: new Date(start.getTime() + MINUTE).toISOString() });
    expect(before.edges.map((e) => e.node.subjectId)).toEqual([ids[0]]);

    const foreign = await call(
      AUDIT_LOG,
      { action: 'MINIMUM_WAGE_SET', after: firstPage.pageInfo.endCursor },
      admin,
    );
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const unknown = await call(AUDIT_LOG, { action: 'SOMETHING_ELSE' }, admin);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'action' });
    const bare = await call(AUDIT_LOG, { subjectId: ids[0] }, admin);
    expect(bare.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'subjectType' });
  });

  it('is read by admins only', async () => {
    const worker = await registerWorker(t);
    const operator = await operatorToken(t);
    for (const token of [worker.token, operator]) {
      const refused = await call(AUDIT_LOG, {}, token);
      expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(refused.data?.auditLog ?? null).toBeNull();
    }
    const anonymous = await call(AUDIT_LOG, {});
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('is append-only: the database refuses to change or remove an entry', async () => {
    const [{ n: before } = { n: 0 }] = (await t.app.db.execute(
      sql`select count(*)::int as n from audit_log`,
    )) as unknown as { n: number }[];
    expect(before).toBeGreaterThan(0);
    const refusal = async (statement: ReturnType<typeof sql>) => {
      const error = await t.app.db.execute(statement).then(
        () => null,
        (e: unknown) => e as Error & { cause?: Error },
      );
      return (error?.cause ?? error)?.message;
    };
    expect(await refusal(sql`update audit_log set action = 'EMPLOYER_VERIFIED'`)).toMatch(/append-only/);
    expect(
      await refusal(sql`update audit_log set ip = null where id = (select max(id) from audit_log)`),
    ).toMatch(/append-only/);
    expect(await refusal(sql`delete from audit_log`)).toMatch(/append-only/);
    const [{ n: after } = { n: 0 }] = (await t.app.db.execute(
      sql`select count(*)::int as n from audit_log`,
    )) as unknown as { n: number }[];
    expect(after).toBe(before);
  });
});
