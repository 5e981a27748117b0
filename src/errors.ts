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
  RATE_LIMITED: 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An error the client caused or may act on; anything else is hidden as INTERNAL_SERVER_ERROR. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badInput = (field: string, message: string, details: Record<string, unknown> = {}) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, { field, ...details });

/**
 * fastify's refusal of a body over its bodyLimit (BODY_LIMIT_BYTES), which is refused before it is
 * read, so nothing of it ran; `limitBytes` is noted on the error by the http-security plugin.
 */
export function bodyTooLarge(error: unknown): AppError | null {
  const refused = error as { code?: unknown; limitBytes?: unknown } | null | undefined;
  if (refused?.code !== 'FST_ERR_CTP_BODY_TOO_LARGE') return null;
  const limitBytes = typeof refused.limitBytes === 'number' ? refused.limitBytes : null;
  return new AppError(
    ErrorCode.PAYLOAD_TOO_LARGE,
    `The request is too large${limitBytes ? `: this API takes at most ${limitBytes} bytes at once` : ''}. Nothing was done; send less in one request (a shorter text, fewer items).`,
    limitBytes ? { limitBytes } : {},
  );
}

export const notFound = (what: string, id: string) =>
  new AppError(ErrorCode.NOT_FOUND, `No ${what} with id ${id}: check the id, or list them first.`, { id });

export type Problem = { field: string; message: string };

/**
 * Collects every problem of an input before refusing it, so a person fixes all fields at once.
 * The error names the first field; `problems` lists them all.
 */
export function createProblems() {
  const problems: Problem[] = [];
  return {
    add(field: string, message: string) {
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
  if (!UUID.test(value))
    throw badInput(field, `${field} is not a valid id: copy it from the list it came from.`);
  return value.toLowerCase();
}
