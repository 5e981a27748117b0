import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { seedWorkers, testClock } from '../../support/hiring.js';
import { seedSmsWorkers, textsTo } from '../../support/sms.js';
import { connectSocket, waitFor } from '../../support/sockets.js';
import {
  type CourseDesk,
  courseDesk,
  dayAfter,
  ENROL,
  insertCourse,
  RESULTS,
  refusalOf,
  rows,
  type TestProvider,
  trainingProvider,
  WITHDRAW,
} from '../../support/training-enrolments.js';

const DAY = 86_400_000;

/**
 * The provider's register and results (docs/training.md, "Enrolment and results"): through GraphQL,
 * the tables checked after each step, nothing half-written on a bad entry.
 */
describe('attendance and results', () => {
  const clock = testClock();
  let t: TestApp;
  let baseUrl: string;
  let provider: TestProvider;
  let other: TestProvider;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    provider = await trainingProvider(t);
    other = await trainingProvider(t, { name: '嘉祥县技工学校' });
    desk = courseDesk(t, clock, provider);
    // A test counts the outbox rows a completion writes; a running dispatcher would send and delete
    // them at any moment, so it stays stopped (nothing here reads the search index).
    await t.app.outbox.stop();
  });
  afterAll(async () => {
    await t?.close();
  });

  // The provider's desk (tests/support/training-enrolments.ts), made once the app is up.
  let desk: CourseDesk;
  const refusal = refusalOf;
  const runningCourse: CourseDesk['runningCourse'] = (...args) => desk.runningCourse(...args);
  const attend: CourseDesk['attend'] = (...args) => desk.attend(...args);
  const attendAll: CourseDesk['attendAll'] = (...args) => desk.attendAll(...args);
  const fingerprint: CourseDesk['fingerprint'] = (courseId) => desk.fingerprint(courseId);

  it('keeps the register: the own course only, days of the course up to today, its waiting learners; every problem at once', async () => {
    const workers = await seedWorkers(t, 3, { skills: [{ code: 'bricklayer', level: 2 }] });
    const [w1, w2, w3] = workers;
    if (!w1 || !w2 || !w3) throw new Error('no workers');
    const courseId = await insertCourse(t, provider.id, {
      skillCode: 'bricklayer',
      certificate: 'SKILL_LEVEL',
      targetLevel: 3,
      startsOn: dayAfter(t, 3),
      endsOn: dayAfter(t, 12),
    });
    const ids: string[] = [];
    for (const w of workers) {
      const answer = await t.gql<{ enrolInCourse: { id: string } }>(ENROL, { c: courseId }, w.token);
      ids.push(answer.data?.enrolInCourse.id ?? '');
    }
    await t.gql(WITHDRAW, { e: ids[2] }, w3.token);
    const elsewhere = await insertCourse(t, provider.id, {
      startsOn: dayAfter(t, 60),
      endsOn: dayAfter(t, 61),
    });
    const [stranger] = await seedWorkers(t, 1);
    const strangerEnrolment = await t.gql<{ enrolInCourse: { id: string } }>(
      ENROL,
      { c: elsewhere },
      stranger?.token,
    );
    clock.advance(5 * DAY); // the course's third day
    const today = dayAfter(t, 0);

    // Another provider: the course is not theirs to see.
    const foreign = await attend(
      courseId,
      today,
      [{ enrolmentId: ids[0] ?? '', present: true }],
      other.token,
    );
    expect(refusal(foreign).code).toBe('NOT_FOUND');

    const before = await fingerprint(courseId);
    const bad = await attend(courseId, dayAfter(t, 1), [
      { enrolmentId: ids[0] ?? '', present: true },
      { enrolmentId: ids[0] ?? '', present: false },
      { enrolmentId: ids[2] ?? '', present: true },
      { enrolmentId: strangerEnrolment.data?.enrolInCourse.id ?? '', present: true },
      { enrolmentId: 'not-an-id', present: true },
    ]);
    expect(refusal(bad).code).toBe('BAD_USER_INPUT');
    expect(refusal(bad).problems.map((p) => p.field)).toEqual([
      'day',
      'entries[4].enrolmentId',
      'entries[1].enrolmentId',
      'entries[2].enrolmentId',
      'entries[3].enrolmentId',
    ]);
    const messages = refusal(bad).problems.map((p) => p.message);
    expect(messages[0]).toBe(`${dayAfter(t, 1)} 还没到，不能提前登记出勤；请在当天或之后登记。`);
    expect(messages[3]).toBe(`${w3.name} 的报名状态是「已退出」，不能再登记出勤或成绩。`);
    expect(await fingerprint(courseId)).toEqual(before);

    const outside = await attend(courseId, dayAfter(t, -3), [{ enrolmentId: ids[0] ?? '', present: true }]);
    expect(refusal(outside).problems).toEqual([
      {
        field: 'day',
        message: `${dayAfter(t, -3)} 不在这个培训班的日期内（${dayAfter(t, -2)} 至 ${dayAfter(t, 7)}），请改成上课的日子。`,
      },
    ]);

    // A good register, then the same day again: the second record replaces the first.
    const good = await attend(courseId, today, [
      { enrolmentId: ids[0] ?? '', present: true },
      { enrolmentId: ids[1] ?? '', present: true },
    ]);
    expect(good.errors).toBeUndefined();
    const again = await attend(courseId, today, [{ enrolmentId: ids[1] ?? '', present: false }]);
    expect(again.data?.recordAttendance).toEqual([
      { id: ids[1], daysPresent: 0, attendance: [{ day: today, present: false }] },
    ]);
    await attend(courseId, dayAfter(t, -1), [{ enrolmentId: ids[0] ?? '', present: true }]);
    const register = await rows(
      t,
      sql`select enrolment_id, to_char(day, 'YYYY-MM-DD') as day, present from course_attendance
          where enrolment_id in (${ids[0]}, ${ids[1]}) order by enrolment_id = ${ids[1]}, day`,
    );
    expect(register).toEqual([
      { enrolment_id: ids[0], day: dayAfter(t, -1), present: true },
      { enrolment_id: ids[0], day: today, present: true },
      { enrolment_id: ids[1], day: today, present: false },
    ]);
    const audited = await rows(
      t,
      sql`select count(*)::int as n from audit_log where action = 'COURSE_ATTENDANCE_RECORDED' and subject_id = ${courseId}`,
    );
    expect(audited).toEqual([{ n: 3 }]);
  });

  it('records results: a pass issues the level certificate and raises (never lowers) the level; a fail is FAILED; then COMPLETED', async () => {
    const [raised] = await seedSmsWorkers(t, 1, { skills: [{ code: 'bricklayer', level: 2 }] }, false);
    const [higher] = await seedWorkers(t, 1, { skills: [{ code: 'bricklayer', level: 4 }] });
    const [failing] = await seedSmsWorkers(t, 1, { skills: [{ code: 'bricklayer', level: 1 }] }, false);
    if (!raised || !higher || !failing) throw new Error('no workers');
    const { courseId, enrolments, courseDays } = await runningCourse([raised, higher, failing], {
      title: '砌筑工三级（高级工）培训班',
      skillCode: 'bricklayer',
      certificate: 'SKILL_LEVEL',
      targetLevel: 3,
      subsidised: false,
      subsidySource: null,
      feeFen: 80_000,
    });
    const [eRaised, eHigher, eFailing] = enrolments;
    await attendAll(courseId, courseDays, enrolments);
    // The failing learner reads English: their notice comes in English.
    await t.app.db.execute(sql`update accounts set locale = 'en' where id = ${failing.accountId}`);
    const socket = await connectSocket(baseUrl, { token: raised.token });
    const told = waitFor<Record<string, unknown>>(socket, 'course:result');

    // A first batch: two results; one learner still waits, so the course is not completed.
    const first = await t.gql<{ recordCourseResults: Record<string, unknown>[] }>(
      RESULTS,
      {
        c: courseId,
        r: [
          { enrolmentId: eRaised, passed: true, score: 88, certificateNumber: 'S2026370832001' },
          { enrolmentId: eFailing, passed: false, score: 41 },
        ],
      },
      provider.token,
    );
    expect(first.errors).toBeUndefined();
    const today = dayAfter(t, 0);
    expect(first.data?.recordCourseResults).toEqual([
      {
        id: eRaised,
        status: 'PASSED',
        score: 88,
        daysPresent: 5,
        certificate: {
          id: expect.any(String),
          kind: 'SKILL_LEVEL',
          number: 'S2026370832001',
          level: 3,
          issuer: provider.name,
          issuedOn: today,
          expiresOn: null,
          valid: true,
        },
      },
      { id: eFailing, status: 'FAILED', score: 41, daysPresent: 5, certificate: null },
    ]);
    const [skill] = await rows(
      t,
      sql`select level, source, certified, certificate_id from worker_skills where worker_id = ${raised.id} and skill_code = 'bricklayer'`,
    );
    expect(skill).toEqual({
      level: 3,
      source: 'CERTIFICATE',
      certified: true,
      certificate_id: (first.data?.recordCourseResults[0]?.certificate as { id: string } | undefined)?.id,
    });
    const [certificate] = await rows(
      t,
      sql`select verified_by, verified_by_account_id from worker_certificates where worker_id = ${raised.id}`,
    );
    expect(certificate).toEqual({
      verified_by: 'TRAINING_PROVIDER',
      verified_by_account_id: provider.accountId,
    });
    expect(await rows(t, sql`select status, completed_at from courses where id = ${courseId}`)).toEqual([
      { status: 'OPEN', completed_at: null },
    ]);

    // The worker is told: a socket event in +08:00 and an SMS in Chinese.
    const event = await told;
    socket.close();
    expect(event).toMatchObject({
      enrolmentId: eRaised,
      courseId,
      courseTitle: '砌筑工三级（高级工）培训班',
      passed: true,
      score: 88,
      certificateNumber: 'S2026370832001',
      level: 3,
      expiresOn: null,
      message:
        '您参加的「砌筑工三级（高级工）培训班」考核通过了，成绩 88 分。职业技能等级证书 S2026370832001（瓦工，三级/高级工）已登记到您名下。',
    });
    expect(String(event.recordedAt)).toMatch(/\+08:00$/);
    await t.app.services.sms.drain();
    expect(textsTo(t, raised.phone).filter((m) => m.includes('S2026370832001'))).toHaveLength(1);
    expect(textsTo(t, failing.phone).filter((m) => m.includes('砌筑工三级'))).toEqual([
      expect.stringContaining(
        'You did not pass "砌筑工三级（高级工）培训班" (score 41). You may enrol in the next course under Training.',
      ),
    ]);

    // The worker who self-declared 二级/技师 keeps it: a course's pass never lowers a level.
    const last = await t.gql(
      RESULTS,
      {
        c: courseId,
        r: [{ enrolmentId: eHigher, passed: true, score: 95, certificateNumber: 'S2026370832002' }],
      },
      provider.token,
    );
    expect(last.errors).toBeUndefined();
    expect(
      await rows(
        t,
        sql`select level, source from worker_skills where worker_id = ${higher.id} and skill_code = 'bricklayer'`,
      ),
    ).toEqual([{ level: 4, source: 'SELF_DECLARED' }]);
    expect(await rows(t, sql`select number from worker_certificates where worker_id = ${higher.id}`)).toEqual(
      [{ number: 'S2026370832002' }],
    );

    // Every learner has a result: the course is COMPLETED and sent to the index again.
    const [course] = await rows(
      t,
      sql`select status, completed_at = ${clock.now().toISOString()}::timestamptz as completed_now from courses where id = ${courseId}`,
    );
    expect(course).toEqual({ status: 'COMPLETED', completed_now: true });
    const queued = await rows(
      t,
      sql`select count(*)::int as n from outbox where topic = 'courses' and entity_id = ${courseId}`,
    );
    expect(Number(queued[0]?.n)).toBeGreaterThanOrEqual(1);
    // Both certificates were verified by the provider (the workers index hears of each in its transaction).
    const workersQueued = await rows(
      t,
      sql`select count(*)::int as n from audit_log where action = 'WORKER_CERTIFICATE_VERIFIED' and subject_id in (${raised.id}, ${higher.id})`,
    );
    expect(workersQueued).toEqual([{ n: 2 }]);
    const again = await t.gql(
      RESULTS,
      { c: courseId, r: [{ enrolmentId: eFailing, passed: true, score: 90 }] },
      provider.token,
    );
    expect(refusal(again).problems.map((p) => p.message)).toContain(
      '这个培训班已经结课，不能再登记出勤或成绩。',
    );
  });

  it('refuses a bad batch whole, naming each learner: attendance, missing or taken numbers, scores; nothing half-changes', async () => {
    const workers = await seedWorkers(t, 4, { skills: [{ code: 'bricklayer', level: 1 }] });
    const [good, absent, noNumber, badScore] = workers;
    if (!good || !absent || !noNumber || !badScore) throw new Error('no workers');
    const { courseId, enrolments, courseDays } = await runningCourse(workers, {
      skillCode: 'bricklayer',
      certificate: 'SKILL_LEVEL',
      targetLevel: 2,
    });
    const [eGood, eAbsent, eNoNumber, eBadScore] = enrolments;
    await attendAll(courseId, courseDays, enrolments);
    // `absent` missed two of five days: 3 < 80 % of 5 (4 days).
    await attendAll(courseId, courseDays.slice(0, 2), [eAbsent ?? ''], false);
    const before = await fingerprint(courseId);

    // Another provider: the course is not theirs; nothing is recorded.
    const foreign = await t.gql(
      RESULTS,
      { c: courseId, r: [{ enrolmentId: eGood, passed: false, score: 10 }] },
      other.token,
    );
    expect(refusal(foreign).code).toBe('NOT_FOUND');

    const bad = await t.gql(
      RESULTS,
      {
        c: courseId,
        r: [
          { enrolmentId: eGood, passed: true, score: 90, certificateNumber: 'S2026370832001' },
          { enrolmentId: eAbsent, passed: true, score: 75, certificateNumber: 'S2026370832099' },
          { enrolmentId: eNoNumber, passed: true, score: 80 },
          { enrolmentId: eBadScore, passed: false, score: 101, certificateNumber: 'X1234' },
        ],
      },
      provider.token,
    );
    expect(refusal(bad)).toEqual({
      code: 'BAD_USER_INPUT',
      problems: [
        {
          field: 'results[1].passed',
          message: `${absent.name} 只出勤了 3 天，培训共 5 天，出勤要达到 80%（至少 4 天）才能判为通过。请补登出勤，或判为未通过。`,
        },
        {
          field: 'results[2].certificateNumber',
          message: `${noNumber.name} 通过了考核，这个班要发证书：请填写证书编号（certificateNumber）。`,
        },
        { field: 'results[3].score', message: `${badScore.name} 的分数（score）要是 0 到 100 之间的整数。` },
        {
          field: 'results[3].certificateNumber',
          message: `${badScore.name} 这条成绩不发证书（未通过，或这个班不发证），请不要填写证书编号。`,
        },
        // Recorded in the test above for another worker.
        {
          field: 'results[0].certificateNumber',
          message: '证书编号 S2026370832001 已经登记过了，请核对编号。',
        },
      ],
    });
    expect(await fingerprint(courseId)).toEqual(before);
    expect(await rows(t, sql`select level, source from worker_skills where worker_id = ${good.id}`)).toEqual([
      { level: 1, source: 'SELF_DECLARED' },
    ]);
  });

  it('issues a 特种作业操作证 valid six years on a pass of a welding course, and tells the worker', async () => {
    const [welder] = await seedWorkers(t, 1, { operationCertificate: false });
    if (!welder) throw new Error('no worker');
    const { courseId, enrolments, courseDays } = await runningCourse([welder]);
    await attendAll(courseId, courseDays, enrolments);
    const socket = await connectSocket(baseUrl, { token: welder.token });
    const told = waitFor<{ message: string; expiresOn: string; level: number | null }>(
      socket,
      'course:result',
    );
    const passed = await t.gql<{ recordCourseResults: { certificate: Record<string, unknown> }[] }>(
      RESULTS,
      {
        c: courseId,
        r: [{ enrolmentId: enrolments[0], passed: true, score: 92, certificateNumber: 'T370832202612001' }],
      },
      provider.token,
    );
    expect(passed.errors).toBeUndefined();
    const today = dayAfter(t, 0);
    const [y, m, d] = today.split('-').map(Number);
    const expires = new Date(Date.UTC((y ?? 0) + 6, (m ?? 1) - 1, d ?? 1) - DAY).toISOString().slice(0, 10);
    expect(passed.data?.recordCourseResults[0]?.certificate).toMatchObject({
      kind: 'SPECIAL_OPERATION',
      number: 'T370832202612001',
      level: null,
      issuedOn: today,
      expiresOn: expires,
      valid: true,
    });
    expect(await rows(t, sql`select status from courses where id = ${courseId}`)).toEqual([
      { status: 'COMPLETED' },
    ]);
    const event = await told;
    socket.close();
    expect(event).toMatchObject({
      expiresOn: expires,
      level: null,
      message: `您参加的「电焊工特种作业培训班」考核通过了，成绩 92 分。特种作业操作证 T370832202612001 已登记，有效期到 ${expires}，现在可以接焊工的活了。`,
    });
  });
});
