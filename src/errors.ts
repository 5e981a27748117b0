import type { Locale } from './i18n/locale.js';
import { render, strictMessages } from './i18n/render.js';
import { isText, type Text, text } from './i18n/text.js';
import { toShanghaiIso } from './time.js';

/** Every error a client can see, by its `extensions.code`. Messages say what was wrong and what to do. */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  /** The account is suspended by an admin: no sign-in, no refresh, until it is reinstated. */
  ACCOUNT_SUSPENDED: 'ACCOUNT_SUSPENDED',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  GIG_FILLED: 'GIG_FILLED',
  OFFER_EXPIRED: 'OFFER_EXPIRED',
  OFFER_NOT_PENDING: 'OFFER_NOT_PENDING',
  SCHEDULE_CONFLICT: 'SCHEDULE_CONFLICT',
  BELOW_MINIMUM_WAGE: 'BELOW_MINIMUM_WAGE',
  EMPLOYER_NOT_VERIFIED: 'EMPLOYER_NOT_VERIFIED',
  EMPLOYER_HAS_ARREARS: 'EMPLOYER_HAS_ARREARS',
  /** The worker's ID number was taken by a person verified with it: no hire until re-verified. */
  IDENTITY_NOT_VERIFIED: 'IDENTITY_NOT_VERIFIED',
  /** The ID number is already verified in person on another account: the bureau resolves it. */
  IDENTITY_CONFLICT: 'IDENTITY_CONFLICT',
  /** The gig's trade is a special operation (特种作业): only holders of a valid 特种作业操作证 are offered or hired. */
  CERTIFICATE_REQUIRED: 'CERTIFICATE_REQUIRED',
  /** The hire needs a per-day accident policy (risky trade or public-welfare post) it has not got: no check-in. */
  INSURANCE_REQUIRED: 'INSURANCE_REQUIRED',
  /** The gig asks for a skill level (minSkillLevel) the worker has not reached in its trades. */
  SKILL_LEVEL_TOO_LOW: 'SKILL_LEVEL_TOO_LOW',
  /** Every seat of the course is taken. */
  COURSE_FULL: 'COURSE_FULL',
  /** The course takes no more enrolments (past its enrol-by day, cancelled or completed). */
  ENROLMENT_CLOSED: 'ENROLMENT_CLOSED',
  /** The training provider is not verified by the bureau yet: it posts no courses. */
  PROVIDER_NOT_VERIFIED: 'PROVIDER_NOT_VERIFIED',
  RATE_LIMITED: 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** What an error says: a catalogue message, rendered in the reader's language where the answer is made. */
export type Message = Text;

/**
 * An error the client caused or may act on; anything else is hidden as INTERNAL_SERVER_ERROR.
 * Its `message` is English, for logs; a client reads `messageIn(locale)` and `detailsIn(locale)`.
 */
/**
 * An error's message and details in each language they were asked in, rendered once: one refusal may answer a
 * whole crowd (GIG_FILLED to a race's losers). Beside the error, not on it, so it is neither
 * logged nor compared.
 */
const renderedMessages = new WeakMap<AppError, Map<string, unknown>>();

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly text: Message,
    readonly details: Record<string, unknown> = {},
  ) {
    super(render(text, 'en'));
    this.name = 'AppError';
  }

  messageIn(locale: Locale): string {
    let rendered = renderedMessages.get(this);
    if (!rendered) {
      rendered = new Map();
      renderedMessages.set(this, rendered);
    }
    let message = rendered.get(locale) as string | undefined;
    if (message === undefined) {
      message = render(this.text, locale);
      rendered.set(locale, message);
    }
    return message;
  }

  /** The details as a client reads them: messages in its language, instants in +08:00. */
  detailsIn(locale: Locale): Record<string, unknown> {
    const key = `details:${locale}`;
    let rendered = renderedMessages.get(this);
    if (!rendered) {
      rendered = new Map();
      renderedMessages.set(this, rendered);
    }
    let details = rendered.get(key);
    if (details === undefined) {
      details = readable(this.details, locale) as Record<string, unknown>;
      rendered.set(key, details);
    }
    // A copy: the caller may add to it (the answer's own fields).
    return { ...(details as Record<string, unknown>) };
  }
}

const UTC_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z$/;

/**
 * A value for a client: messages rendered in `locale`, instants as ISO-8601 in Asia/Shanghai.
 * An instant already written out in UTC (`toISOString()`): in error data a bug (the code should
 * pass the Date; under test it fails the test that reached it), in stored records
 * (`utcText: 'convert'`, e.g. the JSON of a contract's terms in a data export) shown in +08:00 too.
 */
export function readable(
  value: unknown,
  locale: Locale,
  options: { utcText: 'refuse' | 'convert' } = { utcText: 'refuse' },
): unknown {
  if (value instanceof Date) return toShanghaiIso(value);
  if (typeof value === 'string' && UTC_INSTANT.test(value)) {
    if (options.utcText === 'convert') return toShanghaiIso(new Date(value));
    if (strictMessages) throw new Error(`error data holds a UTC instant (${value}): pass the Date instead`);
  }
  if (isText(value)) return render(value, locale);
  if (Array.isArray(value)) return value.map((item) => readable(item, locale, options));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = readable(item, locale, options);
    return out;
  }
  return value;
}

export const badInput = (field: string, message: Message, details: Record<string, unknown> = {}) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, { field, ...details });

/**
 * fastify's refusal of a body over its bodyLimit (BODY_LIMIT_BYTES), which is refused before it is
 * read, so nothing of it ran; `limitBytes` is noted on the error by the http-security plugin.
 */
export function bodyTooLarge(error: unknown): AppError | null {
  const refused = error as { code?: unknown; limitBytes?: unknown } | null | undefined;
  if (refused?.code !== 'FST_ERR_CTP_BODY_TOO_LARGE') return null;
  const limitBytes = typeof refused.limitBytes === 'number' ? refused.limitBytes : null;
  return limitBytes
    ? new AppError(ErrorCode.PAYLOAD_TOO_LARGE, text('common:payloadTooLarge', { limitBytes }), {
        limitBytes,
      })
    : new AppError(ErrorCode.PAYLOAD_TOO_LARGE, text('common:payloadTooLargeNoLimit'));
}

/** What a NOT_FOUND names: a `what.*` message of the common namespace. */
export type Findable =
  | 'account'
  | 'application'
  | 'arrearsCase'
  | 'crewOfferOfYours'
  | 'crewYouLead'
  | 'crew'
  | 'disputeOfYours'
  | 'dispute'
  | 'employer'
  | 'gigOfYours'
  | 'gig'
  | 'hireOfYours'
  | 'hireYouCanCheckIn'
  | 'hire'
  | 'kioskToken'
  | 'offerOfYours'
  | 'offer'
  | 'savedSearchOfYours'
  | 'station'
  | 'worker';

export const notFound = (what: Findable, id: string) =>
  new AppError(ErrorCode.NOT_FOUND, text('common:notFound', { what: text(`common:what.${what}`), id }), {
    id,
  });

export type Problem = { field: string; message: Message };

/**
 * Collects every problem of an input before refusing it, so a person fixes all fields at once.
 * The error names the first field; `problems` lists them all.
 */
export function createProblems() {
  const problems: Problem[] = [];
  return {
    add(field: string, message: Message) {
      problems.push({ field, message });
    },
    get count() {
      return problems.length;
    },
    throwIfAny() {
      const [first] = problems;
      if (first) throw badInput(first.field, first.message, { problems });
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else is refused by name before it reaches the database. */
export function requireUuid(field: string, value: string): string {
  if (!UUID.test(value)) throw badInput(field, text('common:invalidId', { field }));
  return value.toLowerCase();
}

export type Problems = ReturnType<typeof createProblems>;

/**
 * An id checked with the other fields of its input, so one answer names every problem: the id
 * lower-cased, or as given with its problem noted (the caller refuses with `throwIfAny`).
 */
export function uuidAmong(problems: Problems, field: string, value: string): string {
  if (UUID.test(value)) return value.toLowerCase();
  problems.add(field, text('common:invalidId', { field }));
  return value;
}
