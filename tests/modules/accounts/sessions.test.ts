import { createDecoder, createSigner } from 'fast-jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_ADMIN, type TestApp } from '../../support/app.js';
import { adminToken, login, registerWorker, withPhoneCode, workerInput } from '../../support/people.js';
import { meCode } from '../../support/sessions.js';

const LOGIN =
  'mutation ($p: String!, $w: String!) { login(phone: $p, password: $w) { token refreshToken expiresAt } }';
const REFRESH =
  'mutation ($r: String!) { refreshSession(refreshToken: $r) { token refreshToken account { role } } }';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('sign-in', () => {
  it('signs a worker in by phone and password, and the token opens me', async () => {
    const worker = await registerWorker(t);
    const { data } = await t.gql<{ login: { token: string; expiresAt: string } }>(LOGIN, {
      p: worker.phone,
      w: 'worker-pass-1',
    });
    expect(data?.login.expiresAt).toMatch(/\+08:00$/);
    const me = await t.gql<{ me: { id: string; role: string; phone: string } }>(
      '{ me { id role phone } }',
      {},
      data?.login.token,
    );
    expect(me.data?.me).toEqual({ id: worker.accountId, role: 'WORKER', phone: worker.phone });
  });

  it('shows the new account its own phone and priority groups in the registration and sign-in answers', async () => {
    const input = await withPhoneCode(t, workerInput({ priorityGroups: ['LOW_INCOME'] }));
    const registered = await t.gql<{
      registerWorker: { token: string; account: { phone: string; worker: { priorityGroups: string[] } } };
    }>(
      'mutation ($i: RegisterWorkerInput!) { registerWorker(input: $i) { token account { phone worker { priorityGroups } } } }',
      { i: input },
    );
    expect(registered.errors).toBeUndefined();
    expect(registered.data?.registerWorker.account).toEqual({
      phone: input.phone,
      worker: { priorityGroups: ['LOW_INCOME', 'OLDER_WORKER'] },
    });
    const signedIn = await t.gql<{ login: { account: { phone: string } } }>(
      'mutation ($p: String!, $w: String!) { login(phone: $p, password: $w) { account { phone } } }',
      { p: input.phone, w: input.password },
    );
    expect(signedIn.data?.login.account.phone).toBe(input.phone);
  });

  it('signs in many people at once, more than the database pool holds (5 connections here)', async () => {
    const workers = await Promise.all(Array.from({ length: 8 }, () => registerWorker(t)));
    const signIns = workers.flatMap((worker) =>
      Array.from({ length: 3 }, () =>
        t.gql<{ login: { token: string } }>(LOGIN, { p: worker.phone, w: 'worker-pass-1' }),
      ),
    );
    const answers = await Promise.all(signIns);
    expect(answers.filter((a) => a.data?.login.token)).toHaveLength(24);
  }, 60_000);

  it('refuses a wrong password and an unknown phone with the same words', async () => {
    const worker = await registerWorker(t);
    const wrong = await t.gql(LOGIN, { p: worker.phone, w: 'not-the-password' });
    const unknown = await t.gql(LOGIN, { p: '13799999999', w: 'not-the-password' });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(unknown.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);
  });

  it('rotates refresh tokens: each works once', async () => {
    const worker = await registerWorker(t);
    const first = await t.gql<{ login: { refreshToken: string } }>(LOGIN, {
      p: worker.phone,
      w: 'worker-pass-1',
    });
    const refreshToken = first.data?.login.refreshToken as string;
    const renewed = await t.gql<{ refreshSession: { token: string; refreshToken: string } }>(REFRESH, {
      r: refreshToken,
    });
    expect(renewed.data?.refreshSession.refreshToken).not.toBe(refreshToken);
    const next = await t.gql(REFRESH, { r: renewed.data?.refreshSession.refreshToken });
    expect(next.errors).toBeUndefined();
    const reused = await t.gql(REFRESH, { r: refreshToken });
    expect(reused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('revokes every refresh token of the account when a used one comes back', async () => {
    const worker = await registerWorker(t);
    const signIn = async () =>
      (await t.gql<{ login: { refreshToken: string } }>(LOGIN, { p: worker.phone, w: 'worker-pass-1' })).data
        ?.login.refreshToken as string;
    const phone = await signIn();
    const otherDevice = await signIn();
    const renewed = await t.gql<{ refreshSession: { refreshToken: string } }>(REFRESH, { r: phone });
    expect(renewed.errors).toBeUndefined();

    // The old token again: someone kept a copy, so neither the renewed session nor the other device's survives.
    const stolen = await t.gql(REFRESH, { r: phone });
    expect(stolen.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    for (const token of [renewed.data?.refreshSession.refreshToken, otherDevice]) {
      const { errors } = await t.gql(REFRESH, { r: token });
      expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    // Signing in with the password still works.
    expect(await signIn()).toBeTruthy();
  });

  it('refuses a token signed with another secret, and says why', async () => {
    const forged = createSigner({ key: 'another-secret-0123456789abcdef0123456789' })({
      sub: '00000000-0000-0000-0000-000000000000',
      role: 'ADMIN',
      typ: 'access',
    });
    const { errors } = await t.gql('{ employers { id } }', {}, forged);
    expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(errors?.[0]?.message).toMatch(/登录令牌无效/);
  });

  it('refuses a well-signed token that names no session (as tokens were before sessions)', async () => {
    const worker = await registerWorker(t);
    const sessionless = createSigner({ key: 'test-jwt-secret-0123456789abcdef0123456789' })({
      sub: worker.accountId,
      role: 'WORKER',
      wid: worker.id,
      eid: null,
      typ: 'access',
    });
    const { errors } = await t.gql('{ me { id } }', {}, sessionless);
    expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(errors?.[0]?.message).toMatch(/请重新登录/);
  });

  it('answers an expired token with UNAUTHENTICATED that says it expired', async () => {
    const expired = createSigner({ key: 'test-jwt-secret-0123456789abcdef0123456789' })({
      sub: '00000000-0000-0000-0000-000000000000',
      role: 'ADMIN',
      typ: 'access',
      exp: Math.floor(Date.now() / 1000) - 60,
    });
    const { errors } = await t.gql('{ me { id } }', {}, expired);
    expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(errors?.[0]?.message).toMatch(/登录已过期/);
  });

  it('refuses a token whose payload was changed under the signature of one it verified and keeps', async () => {
    const worker = await registerWorker(t);
    const admin = await adminToken(t);
    // The worker's token is verified and kept (src/plugins/auth.ts).
    expect(await meCode(t, worker.token)).toBeUndefined();
    expect(await meCode(t, worker.token)).toBeUndefined();
    const [header, payload, signature] = worker.token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const raised = Buffer.from(JSON.stringify({ ...claims, role: 'ADMIN' })).toString('base64url');
    const forged = [header, raised, signature].join('.');
    const { errors } = await t.gql('{ me { id } }', {}, forged);
    expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(errors?.[0]?.message).toMatch(/请重新登录|无效/);
    // The admin's own token still opens what admins see, and the worker's still opens me.
    expect(await meCode(t, admin)).toBeUndefined();
    expect(await meCode(t, worker.token)).toBeUndefined();
  });

  it('refuses a token once it expires, though it was verified and taken moments before', async () => {
    // Verified tokens are kept by the node (src/plugins/auth.ts); the keeping must end at `exp`.
    const worker = await registerWorker(t);
    const claims = createDecoder()(worker.token) as Record<string, unknown>;
    const exp = Math.floor(Date.now() / 1000) + 2;
    const { exp: _exp, iat: _iat, ...rest } = claims;
    const shortLived = createSigner({ key: 'test-jwt-secret-0123456789abcdef0123456789' })({ ...rest, exp });
    expect(await meCode(t, shortLived)).toBeUndefined();
    expect(await meCode(t, shortLived)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 100));
    const { errors } = await t.gql('{ me { id } }', {}, shortLived);
    expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(errors?.[0]?.message).toMatch(/登录已过期/);
  });

  it('checks a crowd of sessions at once, and refuses the one signed out just before', async () => {
    const workers = await Promise.all(Array.from({ length: 12 }, () => registerWorker(t)));
    const [out] = workers;
    if (!out) throw new Error('no worker');
    const signOut = await t.gql('mutation { signOut }', {}, out.token);
    expect(signOut.errors).toBeUndefined();
    const codes = await Promise.all(workers.map((w) => meCode(t, w.token)));
    expect(codes[0]).toBe('UNAUTHENTICATED');
    expect(codes.slice(1)).toEqual(Array.from({ length: 11 }, () => undefined));
  });

  it('still shows public data to a caller whose token expired', async () => {
    const { data, errors } = await t.gql('{ region(code: "370832") { name } }', {}, 'garbage.token.here');
    expect(errors).toBeUndefined();
    expect(data).toEqual({ region: { name: '梁山县' } });
  });
});

describe('the first admin (ADMIN_PHONE, ADMIN_PASSWORD)', () => {
  it('exists from the configuration and can create station operators', async () => {
    const admin = await adminToken(t);
    const { data, errors } = await t.gql<{ createStaffAccount: { role: string } }>(
      'mutation ($i: CreateStaffAccountInput!) { createStaffAccount(input: $i) { role } }',
      {
        i: {
          role: 'STATION_OPERATOR',
          phone: '13911112222',
          password: 'operator-pass-1',
          displayName: '拳铺镇驿站',
        },
      },
      admin,
    );
    expect(errors).toBeUndefined();
    expect(data?.createStaffAccount.role).toBe('STATION_OPERATOR');
    expect(await login(t, '13911112222', 'operator-pass-1')).toBeTruthy();
  });

  it('takes a changed ADMIN_PASSWORD on the next start, on the same database', async () => {
    const first = await createTestApp();
    const again = await createTestApp({
      env: { ADMIN_PASSWORD: 'a-new-admin-password' },
      sameDatabaseAs: first,
    });
    try {
      const [admins] = await again.app.sql`select count(*)::int as n from accounts where role = 'ADMIN'`;
      expect(admins?.n).toBe(1);
      const old = await again.gql(LOGIN, { p: TEST_ADMIN.phone, w: TEST_ADMIN.password });
      expect(old.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const renewed = await again.gql(LOGIN, { p: TEST_ADMIN.phone, w: 'a-new-admin-password' });
      expect(renewed.errors).toBeUndefined();
    } finally {
      await again.close();
      await first.close();
    }
  });
});

describe('rate limits', () => {
  it('answers RATE_LIMITED with the wait once a client tries to sign in too often', async () => {
    const limited = await createTestApp({
      env: { AUTH_RATE_LIMIT_MAX: '3', AUTH_RATE_LIMIT_WINDOW_SECONDS: '60' },
    });
    try {
      const codes: (string | undefined)[] = [];
      for (let i = 0; i < 4; i++) {
        const { errors } = await limited.gql(LOGIN, { p: '13700000000', w: 'whatever-password' });
        codes.push(errors?.[0]?.extensions?.code);
      }
      expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
      const { errors } = await limited.gql(LOGIN, { p: '13700000000', w: 'whatever-password' });
      expect(errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
      expect(errors?.[0]?.message).toMatch(/请等 \d+ 秒后再试/);
    } finally {
      await limited.close();
    }
  });
});

describe('minimum wages', () => {
  const SET = `mutation ($r: ID!, $f: Int!, $d: String) { setMinimumWage(regionCode: $r, hourlyFen: $f, effectiveFrom: $d) { code minHourlyWageFen } }`;

  it('applies a new minimum from today, keeps a future one for its day, and keeps the history', async () => {
    const admin = await adminToken(t);
    const before = await t.gql<{ region: { minHourlyWageFen: number } }>(
      '{ region(code: "371302") { minHourlyWageFen } }',
    );
    const now = await t.gql<{ setMinimumWage: { minHourlyWageFen: number } }>(
      SET,
      { r: '371302', f: 2650 },
      admin,
    );
    expect(now.data?.setMinimumWage.minHourlyWageFen).toBe(2650);
    const later = await t.gql<{ setMinimumWage: { minHourlyWageFen: number } }>(
      SET,
      { r: '371302', f: 2900, d: '2099-01-01' },
      admin,
    );
    expect(later.data?.setMinimumWage.minHourlyWageFen).toBe(2650);
    const history = await t.gql<{ minimumWages: { hourlyFen: number }[] }>(
      '{ minimumWages(regionCode: "371302") { hourlyFen effectiveFrom source } }',
    );
    expect(history.data?.minimumWages.map((w) => w.hourlyFen)).toEqual([
      2900,
      2650,
      before.data?.region.minHourlyWageFen,
    ]);
  });

  it('refuses a wage below one yuan an hour and a malformed date, naming the field', async () => {
    const admin = await adminToken(t);
    expect((await t.gql(SET, { r: '371302', f: 50 }, admin)).errors?.[0]?.extensions?.field).toBe(
      'hourlyFen',
    );
    expect(
      (await t.gql(SET, { r: '371302', f: 2500, d: '1/1/2027' }, admin)).errors?.[0]?.extensions?.field,
    ).toBe('effectiveFrom');
  });
});
