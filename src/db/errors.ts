/** PostgreSQL's error, whether thrown by postgres.js directly or wrapped by drizzle. */
function pgError(error: unknown): { code?: string; constraint_name?: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 3; depth++) {
    const candidate = current as { code?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return candidate as { code?: string; constraint_name?: string };
    }
    current = candidate.cause;
  }
  return undefined;
}

export function violatedConstraint(
  error: unknown,
  code: '23505' | '23P01' | '23503' | '23514',
): string | undefined {
  const pg = pgError(error);
  return pg?.code === code ? (pg.constraint_name ?? '') : undefined;
}

export const uniqueViolation = (error: unknown) => violatedConstraint(error, '23505');
export const exclusionViolation = (error: unknown) => violatedConstraint(error, '23P01');

/** postgres.js's and Node's codes for a connection that broke, closed, or could not be opened. */
const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * Whether an error means PostgreSQL is out of reach rather than that a statement failed: the
 * connection broke or was refused, or the server is shutting down, starting up or full (SQLSTATE
 * class 08, 57P01–57P03, 53300). Drizzle wraps the driver's error as its `cause`.
 */
export function databaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (CONNECTION_CODES.has(code) || code.startsWith('08')) return true;
      if (code === '57P01' || code === '57P02' || code === '57P03' || code === '53300') return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
