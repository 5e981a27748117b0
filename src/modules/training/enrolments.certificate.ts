import { AppError, createProblems, ErrorCode } from '../../errors.js';
import { text } from '../../i18n/text.js';
import type { CourseRow } from './enrolments.repository.js';

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
/** The course's days, first and last included. */
export const courseDays = (course: Pick<CourseRow, 'startsOn' | 'endsOn'>) =>
  dayNumber(course.endsOn) - dayNumber(course.startsOn) + 1;

/**
 * The last valid day of a 特种作业操作证 issued on `issuedOn`: 有效期 6 年 (《特种作业人员安全技术培训
 * 考核管理规定》, 国家安全生产监督管理总局令第30号, 第十九条), so the day before the sixth anniversary.
 */
export function operationCertificateExpiry(issuedOn: string): string {
  const [year, month, day] = issuedOn.split('-').map(Number);
  const anniversary = new Date(Date.UTC((year ?? 0) + 6, (month ?? 1) - 1, day ?? 1));
  // 29 February: Date.UTC rolls to 1 March of a common year, whose day before is 28 February.
  return new Date(anniversary.getTime() - DAY_MS).toISOString().slice(0, 10);
}

/**
 * A certificate number taken by another batch between the check and the write (two providers
 * racing with one number: the unique index `worker_certificates_number_unique` decides): the
 * workers domain's refusal on its own field `number` is answered on the result's entry instead,
 * as the check before the write would have. Anything else is thrown as it is.
 */
export const numberTakenMeanwhile =
  (field: string, number: string) =>
  (error: unknown): never => {
    if (
      error instanceof AppError &&
      error.code === ErrorCode.BAD_USER_INPUT &&
      error.details.field === 'number'
    ) {
      const problems = createProblems();
      problems.add(field, text('training:certificateNumberTaken', { number }));
      problems.throwIfAny();
    }
    throw error;
  };
