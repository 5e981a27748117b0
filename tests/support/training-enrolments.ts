import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Clock } from '../../src/clock.js';
import { marketDay } from '../../src/time.js';
import type { TestApp } from './app.js';
import { LIANGSHAN } from './gigs.js';
import type { SeededWorker } from './hiring.js';
import { creditCodeFor } from './people.js';

const DAY = 86_400_000;

type Row = Record<string, unknown>;

export type TestProvider = { id: string; accountId: string; name: string; token: string };

/**
 * A training provider written straight to the tables (its registration and verification are part
 * A's, tested there), verified unless asked, with an access token as the sign-in would issue.
 */
export async function trainingProvider(
  t: TestApp,
  options: { name?: string; verified?: boolean } = {},
): Promise<TestProvider> {
  const id = randomUUID();
  const accountId = randomUUID();
  const name = options.name ?? '梁山县职业技能培训学校';
  const now = t.app.clock.now().toISOString();
  await t.app.db.transaction(async (tx) => {
    await tx.execute(
      sql`insert into accounts (id, role, display_name) values (${accountId}, 'TRAINING_PROVIDER', ${name})`,
    );
    await tx.execute(
      sql`insert into sessions (id, account_id, token_version, started_at) values (${accountId}, ${accountId}, 0, ${now}::timestamptz)`,
    );
    await tx.execute(sql`insert into training_providers (id, account_id, name, credit_code, region_code, lat, lng, verified_at)
      values (${id}, ${accountId}, ${name}, ${creditCodeFor()}, '370832', ${LIANGSHAN.lat}, ${LIANGSHAN.lng},
        ${options.verified === false ? null : now}::timestamptz)`);
  });
  const token = t.app.signAccessToken({
    sub: accountId,
    role: 'TRAINING_PROVIDER',
    wid: null,
    eid: null,
    typ: 'access',
    sid: accountId,
    ver: 0,
  });
  return { id, accountId, name, token };
}

/** The market day `days` after the app clock's today (YYYY-MM-DD). */
export const dayAfter = (t: TestApp, days: number) =>
  marketDay(new Date(t.app.clock.now().getTime() + days * DAY));

/**
 * A course written straight to `courses` (postCourse is part A's): by default a subsidised 电焊
 * 特种作业 course of 30 seats starting in 3 days for 5 days, enrolment open through the day before.
 */
export async function insertCourse(t: TestApp, providerId: string, overrides: Row = {}): Promise<string> {
  const id = randomUUID();
  const now = t.app.clock.now().toISOString();
  const course = {
    title: '电焊工特种作业培训班',
    description: '焊接与热切割作业，理论加实操，考核合格发特种作业操作证。',
    skillCode: 'welder',
    targetLevel: null,
    certificate: 'SPECIAL_OPERATION',
    subsidised: true,
    subsidySource: '县职业技能提升专项资金',
    feeFen: 0,
    startsOn: dayAfter(t, 3),
    endsOn: dayAfter(t, 7),
    hours: 40,
    enrolBy: dayAfter(t, 2),
    seats: 30,
    enrolled: 0,
    status: 'OPEN',
    ...overrides,
  };
  await t.app.db.execute(sql`insert into courses (id, provider_id, title, description, skill_code, target_level,
      certificate, subsidised, subsidy_source, fee_fen, starts_on, ends_on, hours, enrol_by, region_code, address,
      lat, lng, seats, enrolled, language, status, created_at, updated_at)
    values (${id}, ${providerId}, ${course.title}, ${course.description}, ${course.skillCode}, ${course.targetLevel},
      ${course.certificate}, ${course.subsidised}, ${course.subsidySource}, ${course.feeFen}, ${course.startsOn},
      ${course.endsOn}, ${course.hours}, ${course.enrolBy}, '370832', '梁山县职业教育中心实训楼', ${LIANGSHAN.lat},
      ${LIANGSHAN.lng}, ${course.seats}, ${course.enrolled}, 'MANDARIN', ${course.status}, ${now}::timestamptz, ${now}::timestamptz)`);
  return id;
}

export const ENROL = `mutation ($c: ID!, $w: ID) {
  enrolInCourse(courseId: $c, workerId: $w) { id status enrolledAt course { id enrolled } worker { id } }
}`;
export const WITHDRAW = 'mutation ($e: ID!) { withdrawFromCourse(enrolmentId: $e) { id status } }';
export const ATTENDANCE = `mutation ($c: ID!, $d: String!, $e: [AttendanceInput!]!) {
  recordAttendance(courseId: $c, day: $d, entries: $e) { id daysPresent attendance { day present } }
}`;
export const RESULTS = `mutation ($c: ID!, $r: [CourseResultInput!]!) {
  recordCourseResults(courseId: $c, results: $r) {
    id status score daysPresent certificate { id kind number level issuer issuedOn expiresOn valid }
  }
}`;

/** Rows of a query, as plain records. */
export async function rows(t: TestApp, query: ReturnType<typeof sql>): Promise<Row[]> {
  return (await t.app.db.execute(query)) as unknown as Row[];
}

type Problem = { field: string; message: string };

/** The code of a refusal and the problems it lists. */
export function refusalOf(answer: { errors?: { extensions?: Record<string, unknown> }[] }) {
  const ext = answer.errors?.[0]?.extensions;
  return { code: ext?.code as string | undefined, problems: (ext?.problems as Problem[] | undefined) ?? [] };
}

/**
 * A provider's desk for the tests of the register and results: a running course with its learners,
 * the register through the API, and a print of the course's enrolments (to see nothing changed).
 */
export function courseDesk(t: TestApp, clock: Clock & { advance(ms: number): void }, provider: TestProvider) {
  const attend = (
    courseId: string,
    day: string,
    entries: { enrolmentId: string; present: boolean }[],
    token = provider.token,
  ) =>
    t.gql<{
      recordAttendance: {
        id: string;
        daysPresent: number;
        attendance: { day: string; present: boolean }[];
      }[];
    }>(ATTENDANCE, { c: courseId, d: day, e: entries }, token);

  return {
    attend,

    /** Every learner present (or absent) on each of the days. */
    async attendAll(courseId: string, days: string[], enrolments: string[], present = true) {
      for (const day of days) {
        const answer = await attend(
          courseId,
          day,
          enrolments.map((enrolmentId) => ({ enrolmentId, present })),
        );
        if (!answer.data) throw new Error(`attendance failed: ${JSON.stringify(answer.errors)}`);
      }
    },

    /** A course of `days` days starting in 3 days, the workers enrolled, then the clock at its last day. */
    async runningCourse(workers: SeededWorker[], overrides: Row = {}, days = 5) {
      const courseId = await insertCourse(t, provider.id, {
        startsOn: dayAfter(t, 3),
        endsOn: dayAfter(t, 2 + days),
        ...overrides,
      });
      const enrolments: string[] = [];
      for (const worker of workers) {
        const answer = await t.gql<{ enrolInCourse: { id: string } }>(ENROL, { c: courseId }, worker.token);
        if (!answer.data) throw new Error(`enrol failed: ${JSON.stringify(answer.errors)}`);
        enrolments.push(answer.data.enrolInCourse.id);
      }
      const startsOn = dayAfter(t, 3);
      clock.advance((2 + days) * DAY);
      const courseDays = Array.from({ length: days }, (_, i) => dayAfter(t, i - days + 1));
      if (courseDays[0] !== startsOn)
        throw new Error(`the course's first day is ${startsOn}, not ${courseDays[0]}`);
      return { courseId, enrolments, courseDays };
    },

    /** The course's enrolments with their results, days recorded and certificates held. */
    fingerprint: (courseId: string) =>
      rows(
        t,
        sql`select e.id, e.status, e.score, e.certificate_id,
              (select count(*)::int from course_attendance a where a.enrolment_id = e.id) as days,
              (select count(*)::int from worker_certificates c where c.worker_id = e.worker_id) as certificates,
              (select status from courses where id = e.course_id) as course
            from course_enrolments e where e.course_id = ${courseId} order by e.id`,
      ),
  };
}

export type CourseDesk = ReturnType<typeof courseDesk>;
