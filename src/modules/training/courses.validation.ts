import type { Clock } from '../../clock.js';
import {
  COURSE_CERTIFICATES,
  SKILL_LEVEL_MAX,
  SKILL_LEVEL_MIN,
  TEACHING_LANGUAGES,
  type TeachingLanguage,
} from '../../db/schema/index.js';
import { createProblems, type Problems } from '../../errors.js';
import { text } from '../../i18n/text.js';
import { checkMultiLine, checkSingleLine } from '../../text/single-line.js';
import { isCalendarDay, marketDay } from '../../time.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import { checkCountyPlace } from './providers.service.js';

export const COURSE_LIMITS = {
  title: { min: 4, max: 60 },
  description: { max: 2000 },
  address: { min: 4, max: 100 },
  subsidySource: { min: 2, max: 60 },
  hours: { min: 1, max: 2000 },
  seats: { min: 1, max: 500 },
  maxFeeFen: 10_000_000,
} as const;

export type CourseCertificate = (typeof COURSE_CERTIFICATES)[number];

export type PostCourseInput = {
  title: string;
  description: string;
  skillCode: string;
  targetLevel?: number | null;
  certificate?: string | null;
  subsidised: boolean;
  subsidySource?: string | null;
  feeFen: number;
  startsOn: string;
  endsOn: string;
  hours: number;
  enrolBy?: string | null;
  regionCode: string;
  address: string;
  location: { lat: number; lng: number };
  seats: number;
  language: string;
  orderId?: string | null;
};

export type ValidCourse = Omit<
  PostCourseInput,
  'targetLevel' | 'certificate' | 'subsidySource' | 'enrolBy' | 'language' | 'orderId'
> & {
  targetLevel: number | null;
  certificate: CourseCertificate | null;
  subsidySource: string | null;
  enrolBy: string;
  language: TeachingLanguage;
};

/** The market day before a YYYY-MM-DD day. */
export const dayBefore = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

const isIntIn = (value: number, range: { min: number; max: number }) =>
  Number.isInteger(value) && value >= range.min && value <= range.max;

/** The certificate and level a course leads to: 特种作业 trades only to the 操作证, and always to it. */
function checkCertificate(
  problems: Problems,
  input: PostCourseInput,
  trade: { name: string; specialOperation: string | null } | undefined,
): CourseCertificate | null {
  const certificate = input.certificate ?? null;
  const known = certificate === null || (COURSE_CERTIFICATES as readonly string[]).includes(certificate);
  if (!known) {
    problems.add(
      'certificate',
      text('training:certificateUnknown', { kinds: COURSE_CERTIFICATES.join(', ') }),
    );
    return null;
  }
  if (trade?.specialOperation && certificate !== 'SPECIAL_OPERATION')
    problems.add('certificate', text('training:specialOperationCertificate', { trade: trade.name }));
  if (trade && !trade.specialOperation && certificate === 'SPECIAL_OPERATION')
    problems.add('certificate', text('training:notSpecialOperation', { trade: trade.name }));
  const level = input.targetLevel ?? null;
  if (certificate === 'SKILL_LEVEL') {
    if (level === null || !isIntIn(level, { min: SKILL_LEVEL_MIN, max: SKILL_LEVEL_MAX }))
      problems.add('targetLevel', text('training:targetLevelRange'));
  } else if (level !== null) problems.add('targetLevel', text('training:targetLevelOnlySkillLevel'));
  return certificate as CourseCertificate | null;
}

/** The days: a course starts today or later, ends on or after it starts; enrolment closes by its end. */
function checkDays(problems: Problems, input: PostCourseInput, today: string): string {
  const startsOk = isCalendarDay(input.startsOn);
  const endsOk = isCalendarDay(input.endsOn);
  if (!startsOk) problems.add('startsOn', text('training:day', { field: 'startsOn' }));
  else if (input.startsOn < today) problems.add('startsOn', text('training:startsInPast', { today }));
  if (!endsOk) problems.add('endsOn', text('training:day', { field: 'endsOn' }));
  else if (startsOk && input.endsOn < input.startsOn)
    problems.add('endsOn', text('training:endsBeforeStart'));
  const given = input.enrolBy ?? null;
  if (given === null) {
    // The day before it starts, but never a day already gone (a course starting today).
    const before = startsOk ? dayBefore(input.startsOn) : today;
    return before < today ? today : before;
  }
  if (!isCalendarDay(given)) problems.add('enrolBy', text('training:day', { field: 'enrolBy' }));
  else if (given < today) problems.add('enrolBy', text('training:enrolByPast', { today }));
  else if (endsOk && given > input.endsOn) problems.add('enrolBy', text('training:enrolByAfterEnd'));
  return given;
}

/**
 * Checks a course field by field against the market clock and the taxonomy, reporting every
 * problem at once (the order, which needs the provider's own rows, is checked by the service).
 */
export async function validateCourse(
  input: PostCourseInput,
  deps: { reference: ReferenceRepository; clock: Clock },
  problems = createProblems(),
): Promise<ValidCourse> {
  const today = marketDay(deps.clock.now());
  const title = input.title.trim();
  const description = input.description.trim();
  const address = input.address.trim();
  const { title: t, description: d, address: a, subsidySource: s } = COURSE_LIMITS;
  if (title.length < t.min || title.length > t.max)
    problems.add('title', text('training:titleLength', { min: t.min, max: t.max }));
  if (description.length < 1 || description.length > d.max)
    problems.add('description', text('training:descriptionLength', { max: d.max }));
  if (address.length < a.min || address.length > a.max)
    problems.add('address', text('training:addressLength', { min: a.min, max: a.max }));
  checkSingleLine(problems, { title, address });
  checkMultiLine(problems, { description });

  const taxonomy = await deps.reference.taxonomy();
  const trade = taxonomy.find((skill) => skill.code === input.skillCode);
  if (!trade) problems.add('skillCode', text('training:skillUnknown', { code: input.skillCode }));
  const certificate = checkCertificate(problems, input, trade);

  const subsidySource = input.subsidySource?.trim() || null;
  if (input.subsidised) {
    if (!subsidySource || subsidySource.length < s.min || subsidySource.length > s.max)
      problems.add('subsidySource', text('training:subsidySourceNeeded', { min: s.min, max: s.max }));
    if (input.feeFen !== 0) problems.add('feeFen', text('training:subsidisedFee'));
  } else {
    if (subsidySource) problems.add('subsidySource', text('training:subsidySourceOnlySubsidised'));
    if (!isIntIn(input.feeFen, { min: 0, max: COURSE_LIMITS.maxFeeFen }))
      problems.add('feeFen', text('training:feeRange', { max: COURSE_LIMITS.maxFeeFen / 100 }));
  }
  checkSingleLine(problems, { subsidySource });

  const enrolBy = checkDays(problems, input, today);
  if (!isIntIn(input.hours, COURSE_LIMITS.hours))
    problems.add('hours', text('training:hoursRange', COURSE_LIMITS.hours));
  if (!isIntIn(input.seats, COURSE_LIMITS.seats))
    problems.add('seats', text('training:seatsRange', COURSE_LIMITS.seats));
  const language = (TEACHING_LANGUAGES as readonly string[]).includes(input.language)
    ? (input.language as TeachingLanguage)
    : null;
  if (!language)
    problems.add('language', text('training:languageUnknown', { languages: TEACHING_LANGUAGES.join(', ') }));
  await checkCountyPlace(problems, input, deps.reference);
  problems.throwIfAny();
  if (!language) throw new Error('unreachable: an unknown language was reported above');

  return {
    ...input,
    title,
    description,
    address,
    targetLevel: certificate === 'SKILL_LEVEL' ? (input.targetLevel ?? null) : null,
    certificate,
    subsidySource: input.subsidised ? subsidySource : null,
    enrolBy,
    language,
  };
}
