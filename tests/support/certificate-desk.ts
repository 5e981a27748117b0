import type { Clock } from '../../src/clock.js';
import { marketDay } from '../../src/time.js';
import type { TestApp } from './app.js';
import type { SeededWorker } from './hiring.js';
import { stationWithKiosk } from './kiosk.js';
import { adminToken, login, uniquePhone } from './people.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const RECORD_CERTIFICATE = `mutation ($i: RecordCertificateInput!, $s: ID) {
  recordWorkerCertificate(input: $i, stationId: $s) {
    id kind level number issuer issuedOn expiresOn valid verifiedBy skill { code specialOperation }
  }
}`;

type Row = Record<string, unknown>;

/**
 * A job station with its operator, who records the certificates they see through the API
 * (recordWorkerCertificate), and the market days the tests of certificates count in.
 */
export async function certificateDesk(t: TestApp, clock: Clock) {
  const admin = await adminToken(t);
  const { stationId } = await stationWithKiosk(t);
  const phone = uniquePhone();
  const staff = await t.gql<{ createStaffAccount: { id: string } }>(
    'mutation ($i: CreateStaffAccountInput!) { createStaffAccount(input: $i) { id } }',
    { i: { role: 'STATION_OPERATOR', phone, password: 'operator-pass-1', displayName: '拳铺镇驿站' } },
    admin,
  );
  const assigned = await t.gql(
    'mutation ($s: ID!, $a: ID!) { assignStationOperator(stationId: $s, accountId: $a) { id } }',
    { s: stationId, a: staff.data?.createStaffAccount.id },
    admin,
  );
  if (assigned.errors) throw new Error(`assignStationOperator failed: ${JSON.stringify(assigned.errors)}`);
  const operator = await login(t, phone, 'operator-pass-1');

  /** The market day `days` after the test clock's today (YYYY-MM-DD). */
  const dayAfter = (days: number) => marketDay(new Date(clock.now().getTime() + days * DAY));
  /** The operator records a certificate they saw. */
  const record = (input: Record<string, unknown>) =>
    t.gql<{ recordWorkerCertificate: Row }>(RECORD_CERTIFICATE, { i: input, s: stationId }, operator);

  return {
    operator,
    stationId,
    dayAfter,
    record,

    /** A 特种作业操作证 of the trade, valid through `expiresOn`, recorded and indexed. */
    async operationCertificate(worker: SeededWorker, skillCode: string, expiresOn: string) {
      const answer = await record({
        workerId: worker.id,
        skillCode,
        kind: 'SPECIAL_OPERATION',
        number: `T${worker.id.slice(0, 8)}${skillCode.length}`,
        issuer: '济宁市应急管理局',
        issuedOn: dayAfter(-300),
        expiresOn,
      });
      if (!answer.data) throw new Error(`recordWorkerCertificate failed: ${JSON.stringify(answer.errors)}`);
      await t.app.outbox.drain();
      return answer.data.recordWorkerCertificate;
    },

    /** A gig's window `daysAhead` market days from the test clock's today, 08:00–17:00. */
    gigDay(daysAhead: number) {
      const start = new Date(`${dayAfter(daysAhead)}T08:00:00+08:00`);
      return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 9 * HOUR).toISOString() };
    },
  };
}

export type CertificateDesk = Awaited<ReturnType<typeof certificateDesk>>;
