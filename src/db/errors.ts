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
