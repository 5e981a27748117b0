import { creditCheckCharacter } from '../../src/modules/registry/credit-code.js';
import { idCheckCharacter } from '../../src/modules/registry/id-number.js';
import { isDevSmsGateway } from '../../src/modules/sms/sms.gateway.js';
import { type GraphQLResponse, TEST_ADMIN, type TestApp } from './app.js';
import { holdOperationCertificates } from './certificates.js';

let sequence = 0;
const next = () => ++sequence + Math.floor(Math.random() * 1000) * 1000;

/** A valid ID number (GB 11643) for a person born on `birthDate` (YYYY-MM-DD) in 梁山县. */
export function idNumberFor(birthDate = '1975-06-15', serial = next() % 1000): string {
  const first17 = `370832${birthDate.replaceAll('-', '')}${String(serial).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

/** A valid unified social credit code (GB 32100) in 梁山县. */
export function creditCodeFor(serial = next()): string {
  const first17 = `91370832${String(serial).padStart(8, '0')}A`;
  return first17 + creditCheckCharacter(first17);
}

export const uniquePhone = () => `13${String(100_000_000 + (next() % 899_999_999)).padStart(9, '0')}`;

export const REGISTER_WORKER = `mutation ($input: RegisterWorkerInput!) {
  registerWorker(input: $input) { token refreshToken account { id role worker { id idNumberMasked age } } }
}`;

export const REGISTER_EMPLOYER = `mutation ($input: RegisterEmployerInput!) {
  registerEmployer(input: $input) { token account { id role employer { id verified } } }
}`;

/** GraphQL as a client at `ip` sends it: the lock-out and the code limits count per client address. */
export function gqlFrom(t: TestApp, ip: string) {
  return async <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<GraphQLResponse<T>> => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/graphql',
      remoteAddress: ip,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      payload: { query, variables },
    });
    return response.json();
  };
}

export const REQUEST_PHONE_CODE = `mutation ($p: String!, $u: PhoneCodePurpose!) {
  requestPhoneCode(phone: $p, purpose: $u) { message expiresAt retryAfter }
}`;

/** The codes the development gateway texted to `phone` (the newest last). */
export function codesTextedTo(t: TestApp, phone: string): string[] {
  const gateway = t.app.services.sms.gateway;
  if (!isDevSmsGateway(gateway)) throw new Error('these tests need SMS_PROVIDER=dev');
  return gateway.outbox.filter((m) => m.to === phone && m.template === 'CODE').map((m) => m.params[0] ?? '');
}

/**
 * A code for `phone`, as a person gets one: asked for through the API (`token`: signed in, for
 * PHONE_CHANGE), read from the SMS the development gateway "sent".
 */
export async function phoneCode(
  t: TestApp,
  phone: string,
  purpose: 'REGISTER' | 'PHONE_CHANGE' | 'PASSWORD_RESET' | 'UNLOCK' = 'REGISTER',
  token?: string,
): Promise<string> {
  const { errors } = await t.gql(REQUEST_PHONE_CODE, { p: phone, u: purpose }, token);
  if (errors) throw new Error(`requestPhoneCode failed: ${JSON.stringify(errors)}`);
  await t.app.services.phones.drain();
  const code = codesTextedTo(t, phone).at(-1);
  if (!code) throw new Error(`no code was texted to ${phone} for ${purpose}`);
  return code;
}

/** A registration input with the code texted to its phone, as registerWorker and registerEmployer need. */
export async function withPhoneCode<T extends Record<string, unknown>>(
  t: TestApp,
  input: T,
): Promise<T & { phoneCode: string }> {
  return { ...input, phoneCode: await phoneCode(t, String(input.phone)) };
}

export function workerInput(overrides: Record<string, unknown> = {}) {
  return {
    phone: uniquePhone(),
    password: 'worker-pass-1',
    name: '张三',
    idNumber: idNumberFor(),
    homeRegionCode: '370832',
    location: { lat: 35.8, lng: 116.1 },
    travelRadiusKm: 20,
    skills: [{ code: 'welder', level: 3 }],
    ...overrides,
  };
}

export function employerInput(overrides: Record<string, unknown> = {}) {
  return {
    phone: uniquePhone(),
    password: 'employer-pass-1',
    name: '梁山县好运钢结构有限公司',
    kind: 'ENTERPRISE',
    creditCode: creditCodeFor(),
    regionCode: '370832',
    location: { lat: 35.79, lng: 116.09 },
    ...overrides,
  };
}

type Registered = { token: string; accountId: string; id: string; phone: string };

/**
 * A worker registered through the API; a special-operation trade (the default, welding) comes with a
 * valid 特种作业操作证 unless `operationCertificate` is false (tests/support/certificates.ts).
 */
export async function registerWorker(
  t: TestApp,
  overrides: Record<string, unknown> = {},
  { operationCertificate = true }: { operationCertificate?: boolean } = {},
): Promise<Registered> {
  const input = await withPhoneCode(t, workerInput(overrides));
  const { data, errors } = await t.gql<{
    registerWorker: { token: string; account: { id: string; worker: { id: string } } };
  }>(REGISTER_WORKER, { input });
  if (!data?.registerWorker) throw new Error(`registerWorker failed: ${JSON.stringify(errors)}`);
  const { token, account } = data.registerWorker;
  if (operationCertificate) await holdOperationCertificates(t, [account.worker.id]);
  return { token, accountId: account.id, id: account.worker.id, phone: input.phone as string };
}

/**
 * A walk-in worker (no phone, no password) registered at the desk by a station operator: their id.
 * `born` gives the ID number's birth date (an older walk-in, as most are).
 */
export async function registerWalkIn(
  t: TestApp,
  operator: string,
  name: string,
  born: string,
): Promise<string> {
  const registered = await t.gql<{ registerWalkInWorker: { id: string } }>(
    'mutation ($i: RegisterWorkerInput!) { registerWalkInWorker(input: $i) { id } }',
    { i: { ...workerInput({ name, idNumber: idNumberFor(born) }), phone: null, password: null } },
    operator,
  );
  const id = registered.data?.registerWalkInWorker.id;
  if (!id) throw new Error(`walk-in not registered: ${JSON.stringify(registered.errors)}`);
  return id;
}

export async function registerEmployer(
  t: TestApp,
  overrides: Record<string, unknown> = {},
): Promise<Registered> {
  const input = await withPhoneCode(t, employerInput(overrides));
  const { data, errors } = await t.gql<{
    registerEmployer: { token: string; account: { id: string; employer: { id: string } } };
  }>(REGISTER_EMPLOYER, { input });
  if (!data?.registerEmployer) throw new Error(`registerEmployer failed: ${JSON.stringify(errors)}`);
  const { token, account } = data.registerEmployer;
  return { token, accountId: account.id, id: account.employer.id, phone: input.phone as string };
}

export async function login(t: TestApp, phone: string, password: string): Promise<string> {
  const { data, errors } = await t.gql<{ login: { token: string } }>(
    'mutation ($p: String!, $w: String!) { login(phone: $p, password: $w) { token } }',
    { p: phone, w: password },
  );
  if (!data?.login) throw new Error(`login failed: ${JSON.stringify(errors)}`);
  return data.login.token;
}

export const adminToken = (t: TestApp) => login(t, TEST_ADMIN.phone, TEST_ADMIN.password);

export async function operatorToken(t: TestApp): Promise<string> {
  const phone = uniquePhone();
  const admin = await adminToken(t);
  const { errors } = await t.gql(
    'mutation ($i: CreateStaffAccountInput!) { createStaffAccount(input: $i) { id } }',
    { i: { role: 'STATION_OPERATOR', phone, password: 'operator-pass-1', displayName: '拳铺镇驿站' } },
    admin,
  );
  if (errors) throw new Error(`createStaffAccount failed: ${JSON.stringify(errors)}`);
  return login(t, phone, 'operator-pass-1');
}
