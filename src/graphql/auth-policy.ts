import { AppError, ErrorCode, type Message } from '../errors.js';
import { text } from '../i18n/text.js';
import type { Viewer } from '../modules/accounts/viewer.js';

/** The values of `@auth(requires: [...])` in schema.graphql. */
export const ACCESS = [
  'ANYONE',
  'SIGNED_IN',
  'KIOSK',
  'OWNER',
  'WORKER',
  'EMPLOYER',
  'STATION_OPERATOR',
  'ADMIN',
  'TRAINING_PROVIDER',
] as const;
export type Access = (typeof ACCESS)[number];

/** The account an object belongs to: its own id for an Account, `accountId` for a Worker or Employer. */
function ownerOf(parent: unknown): string | undefined {
  if (!parent || typeof parent !== 'object') return undefined;
  const record = parent as { accountId?: unknown; __typename?: unknown; id?: unknown; role?: unknown };
  if (typeof record.accountId === 'string') return record.accountId;
  if (typeof record.role === 'string' && typeof record.id === 'string') return record.id;
  return undefined;
}

/**
 * One rule for every field that carries @auth. Kiosks may use only what names KIOSK; ANYONE lets
 * in the anonymous public; the rest needs an account of a listed role, or the object's owner.
 */
export function checkAccess(
  requires: readonly Access[],
  viewer: Viewer | null,
  parent: unknown,
  authProblem: Message | null = null,
  /** Accounts this request has just signed in or registered: their own data may be in the answer. */
  sessionAccountIds: ReadonlySet<string> = new Set(),
): true | AppError {
  if (requires.includes('OWNER')) {
    const owner = ownerOf(parent);
    if (owner && sessionAccountIds.has(owner)) return true;
  }
  if (viewer?.kind === 'kiosk') {
    return requires.includes('KIOSK') ? true : new AppError(ErrorCode.FORBIDDEN, text('api:kioskOnlyBoard'));
  }
  if (requires.includes('ANYONE')) return true;
  if (!viewer) {
    return new AppError(ErrorCode.UNAUTHENTICATED, authProblem ?? text('api:signInFirst'));
  }
  if (requires.includes('SIGNED_IN') || requires.includes(viewer.role)) return true;
  if (requires.includes('OWNER') && ownerOf(parent) === viewer.accountId) return true;
  return new AppError(ErrorCode.FORBIDDEN, text('api:roleNotAllowed'), { role: viewer.role });
}
