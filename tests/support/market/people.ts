import type { TestApp } from '../app.js';
import { holdOperationCertificates } from '../certificates.js';
import { verifiedEmployer } from '../gigs.js';
import { stationWithKiosk } from '../kiosk.js';
import { adminToken, login, REGISTER_WORKER, uniquePhone, withPhoneCode, workerInput } from '../people.js';
import { type TestProvider, trainingProvider } from '../training-enrolments.js';
import { all, must } from './calls.js';

/** The password of the fixture's workers and operator. */
export const PASSWORD = 'worker-pass-1';

export type Person = { token: string; id: string; accountId: string; phone: string };
export type People = {
  admin: string;
  worker: Person;
  member: Person;
  employer: Person;
  /** An employer with a wage arrears case. */
  late: Person;
  operator: string;
  operatorAccountId: string;
  stationId: string;
  kiosk: string;
  walkInWorkerId: string;
  /** A verified training provider (rows written directly; its registration is tested elsewhere). */
  provider: TestProvider;
  /** The privacy notice's version, which a registration accepts. */
  consentVersion: string;
};

async function registerWorker(t: TestApp, overrides: Record<string, unknown> = {}) {
  const input = await withPhoneCode(t, workerInput(overrides));
  const { registerWorker: r } = await must(
    'registerWorker',
    t.gql<{ registerWorker: { token: string; account: { id: string; worker: { id: string } } } }>(
      REGISTER_WORKER,
      { input },
    ),
  );
  return { token: r.token, id: r.account.worker.id, accountId: r.account.id, phone: input.phone as string };
}

/** The accounts, the station and its operator: the slow part (password hashing), made once. */
export async function buildPeople(t: TestApp): Promise<People> {
  const admin = await adminToken(t);
  const [worker, member, employer, late, station, provider] = await all([
    registerWorker(t),
    registerWorker(t, { name: '李四' }),
    verifiedEmployer(t),
    verifiedEmployer(t, { name: '梁山县欠薪建材厂' }),
    stationWithKiosk(t),
    trainingProvider(t),
  ]);
  const operatorPhone = uniquePhone();
  const staff = await must(
    'createStaffAccount',
    t.gql<{ createStaffAccount: { id: string } }>(
      'mutation ($i: CreateStaffAccountInput!) { createStaffAccount(input: $i) { id } }',
      {
        i: { role: 'STATION_OPERATOR', phone: operatorPhone, password: PASSWORD, displayName: '拳铺镇驿站' },
      },
      admin,
    ),
  );
  await must(
    'assignStationOperator',
    t.gql(
      'mutation ($s: ID!, $a: ID!) { assignStationOperator(stationId: $s, accountId: $a) { id } }',
      { s: station.stationId, a: staff.createStaffAccount.id },
      admin,
    ),
  );
  const operator = await login(t, operatorPhone, PASSWORD);
  const walkIn = await must(
    'registerWalkInWorker',
    t.gql<{ registerWalkInWorker: { id: string } }>(
      'mutation ($i: RegisterWorkerInput!, $s: ID) { registerWalkInWorker(input: $i, stationId: $s) { id } }',
      { i: { ...workerInput({ name: '王五' }), phone: null, password: null }, s: station.stationId },
      operator,
    ),
  );
  // They weld (workerInput's trade), a special operation: each holds a valid 特种作业操作证.
  await holdOperationCertificates(t, [worker.id, member.id, walkIn.registerWalkInWorker.id]);
  const notice = await must(
    'privacyNotice',
    t.gql<{ privacyNotice: { version: string } }>('{ privacyNotice { version } }'),
  );
  return {
    admin,
    worker,
    member,
    employer,
    late,
    operator,
    operatorAccountId: staff.createStaffAccount.id,
    stationId: station.stationId,
    kiosk: station.token,
    walkInWorkerId: walkIn.registerWalkInWorker.id,
    provider,
    consentVersion: notice.privacyNotice.version,
  };
}

/** Whether every account still signs in (a call may have deleted one). */
export async function peopleIntact(t: TestApp, people: People): Promise<boolean> {
  const tokens = [people.admin, people.worker.token, people.member.token, people.employer.token];
  const answers = await all(
    [...tokens, people.late.token, people.operator, people.provider.token].map((token) =>
      t.gql<{ me: unknown }>('{ me { id } }', {}, token),
    ),
  );
  return answers.every((a) => a.data?.me);
}
