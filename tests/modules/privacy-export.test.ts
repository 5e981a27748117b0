import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testClock } from '../support/hiring.js';
import { ok, PERSON, workerWithHistory } from '../support/privacy.js';
import { shanghai } from '../support/sms.js';

type Export = Record<string, unknown> & {
  work?: Record<string, unknown> & { sms: { toYou: unknown[]; fromYou: unknown[] } };
  employing?: Record<string, unknown>;
};

const EXPORT = '{ exportMyData }';

/**
 * exportMyData must hold everything the market keeps about the person (PIPL art. 45), not only
 * the registry row: a worker and an employer with one of every record each export it, and every
 * section is there and holds it.
 */
describe('exportMyData holds every record about the person', () => {
  const clock = testClock(shanghai(1, '09:00'));
  let t: TestApp;
  let history: Awaited<ReturnType<typeof workerWithHistory>>;

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: {
        OFFER_SWEEP_MS: '60000',
        WORK_SWEEP_MS: '3600000',
        GIG_SWEEP_MS: '3600000',
        SMS_QUIET_START: '00:00',
        SMS_QUIET_END: '00:00',
      },
    });
    history = await workerWithHistory(t, clock, 'harvest_picking');
  });
  afterAll(() => t?.close());

  it('gives a worker every section, each holding their records', async () => {
    const { exportMyData: data } = await ok<{ exportMyData: Export }>(t, EXPORT, {}, history.worker.token);
    expect(data.account).toMatchObject({ phone: history.worker.phone });
    expect(data.worker).toMatchObject({ id: history.worker.id, name: PERSON.name });
    // Every instant in Asia/Shanghai, those inside stored records (a hire's terms) too: none in UTC.
    expect(JSON.stringify(data)).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z"/);
    expect(JSON.stringify(data)).toMatch(/\+08:00"/);
    expect(data.consents).toEqual([
      expect.objectContaining({ notice: 'PRIVACY_NOTICE', version: '2026-11' }),
    ]);
    expect(data.sessions).toEqual([expect.objectContaining({ revokedAt: null })]);
    const work = data.work;
    if (!work) throw new Error('no work section');
    for (const section of [
      'hires',
      'checkIns',
      'payments',
      'arrears',
      'ratingsGiven',
      'ratingsReceived',
      'disputes',
      'disputeNotes',
      'offers',
      'savedSearches',
      'crews',
    ]) {
      expect(work[section], section).toEqual(expect.arrayContaining([expect.anything()]));
    }
    expect(work.sms.toYou.length, 'SMS sent to them').toBeGreaterThan(0);
    expect(work.sms.fromYou, 'SMS received from them').toEqual([
      expect.objectContaining({ direction: 'IN', body: '1' }),
    ]);
    expect(work.hires).toEqual([
      expect.objectContaining({
        id: history.engagementId,
        status: 'COMPLETED',
        attendanceStatus: 'CONFIRMED',
        contractHash: expect.any(String),
      }),
    ]);
    expect(work.checkIns).toEqual([
      expect.objectContaining({
        engagementId: history.engagementId,
        location: expect.objectContaining({ lat: expect.any(Number) }),
      }),
    ]);
    expect(work.payments).toEqual([expect.objectContaining({ amountFen: 1000 })]);
    expect(work.arrears).toEqual([expect.objectContaining({ id: history.arrearsId })]);
    expect(work.ratingsGiven).toEqual([expect.objectContaining({ stars: 5, byRole: 'WORKER' })]);
    expect(work.ratingsReceived).toEqual([expect.objectContaining({ stars: 4, byRole: 'EMPLOYER' })]);
    expect(work.disputes).toEqual([expect.objectContaining({ id: history.disputeId })]);
    expect(data.audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'WORKER_PRIVATE_READ',
          subjectId: history.worker.id,
          byYou: false,
        }),
      ]),
    );
    // Nobody else's address or account comes with the rows about them, and no secret of theirs.
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/passwordHash|idNumberHmac|idNumberEncrypted|tokenHash/);
    expect(text).not.toContain(PERSON.idNumber.slice(0, 17));
    expect(text).not.toContain('"actorAccountId"');
  });

  it('gives an employer every section that concerns it, each holding its records', async () => {
    const { exportMyData: data } = await ok<{ exportMyData: Export }>(t, EXPORT, {}, history.employer.token);
    expect(data.employer).toMatchObject({ id: history.employer.id });
    expect(data.work).toBeUndefined();
    // Employers accept no privacy notice (yet): the section is there, and says so by being empty.
    expect(data.consents).toEqual([]);
    const employing = data.employing;
    if (!employing) throw new Error('no employing section');
    for (const section of [
      'gigs',
      'hires',
      'payments',
      'arrears',
      'ratingsGiven',
      'ratingsReceived',
      'disputes',
      'disputeNotes',
      'roster',
    ]) {
      expect(employing[section], section).toEqual(expect.arrayContaining([expect.anything()]));
    }
    expect(employing.ratingsGiven).toEqual([expect.objectContaining({ stars: 4, byRole: 'EMPLOYER' })]);
    expect(employing.ratingsReceived).toEqual([expect.objectContaining({ stars: 5, byRole: 'WORKER' })]);
    // The worker's check-in place and code are the worker's.
    expect(employing.hires).toEqual([expect.not.objectContaining({ checkInLat: expect.anything() })]);
    expect(JSON.stringify(employing.hires)).not.toMatch(/checkInLat|checkInLng|checkInCode/);
    expect(data.audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'EMPLOYER_VERIFIED',
          subjectId: history.employer.id,
          byYou: false,
        }),
      ]),
    );
  });
});
