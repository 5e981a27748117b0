import { createHash } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { Database, Executor } from '../../db/client.js';
import { AppError, badInput, createProblems, requireUuid } from '../../errors.js';
import { text } from '../../i18n/text.js';
import type { Actor, RequestOrigin } from '../accounts/viewer.js';
import type { AuditFilter, AuditPosition, AuditRecord, AuditRepository } from './audit.repository.js';

/** Every action the audit log records; the database also checks the UPPER_SNAKE form. */
export const AUDIT_ACTIONS = [
  'WORKER_PRIVATE_READ',
  'EMPLOYER_VERIFIED',
  'MINIMUM_WAGE_SET',
  'DISPUTE_MEDIATED',
  'DISPUTE_RESOLVED',
  'ARREARS_RESOLVED',
  'KIOSK_TOKEN_ISSUED',
  'KIOSK_TOKEN_REVOKED',
  'STAFF_ACCOUNT_CREATED',
  'ADMIN_PASSWORD_SET',
  'STATION_OPERATOR_ASSIGNED',
  'ACCOUNT_ERASED',
  'LOGIN_LOCKED',
  'WORKER_IDENTITY_VERIFIED',
  'WORKER_ID_NUMBER_LOST',
  'LOGIN_UNLOCKED',
  'PASSWORD_RESET',
  'PHONE_CHANGED',
  'ACCOUNT_SUSPENDED',
  'ACCOUNT_REINSTATED',
  'PASSWORD_CHANGED',
  'WORKER_CERTIFICATE_VERIFIED',
  'TRAINING_PROVIDER_VERIFIED',
  'COURSE_CANCELLED',
  'COURSE_ATTENDANCE_RECORDED',
  'COURSE_RESULTS_RECORDED',
  'TRAINING_ORDER_TAKEN',
  'TRAINING_ORDER_CANCELLED',
  'FOLLOW_UP_LIST_READ',
  'FOLLOW_UP_RECORDED',
  'FOLLOW_UP_IDLE_DAYS_SET',
  'EMPLOYMENT_WARNING_CHANGED',
  'ACCIDENT_COVER_ARRANGED',
  'ACTED_FOR_WALK_IN',
  'ATTENDANCE_SETTLED',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_SUBJECTS = [
  'WORKER',
  'EMPLOYER',
  'REGION',
  'DISPUTE',
  'ARREARS_CASE',
  'KIOSK_TOKEN',
  'STATION',
  'ACCOUNT',
  'TRAINING_PROVIDER',
  'COURSE',
  'TRAINING_ORDER',
  'ENGAGEMENT',
] as const;
export type AuditSubject = (typeof AUDIT_SUBJECTS)[number];

export type AuditEntry = {
  /** null: the system itself (start-up, the demo seed, scripts), recorded with the role SYSTEM. */
  actor: Actor | null;
  /** Where a system entry's cause came from (a sign-in that locked a phone); an actor brings its own. */
  origin?: RequestOrigin | null;
  action: AuditAction;
  subjectType: AuditSubject;
  subjectId: string;
  details?: Record<string, unknown>;
};

export type AuditPage = {
  edges: { cursor: string; node: AuditRecord }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
};

export type AuditSearch = {
  action?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  actorId?: string | null;
  from?: Date | null;
  to?: Date | null;
};

const PAGE_SIZE = { default: 20, max: 100 } as const;
const USER_AGENT_MAX = 300;
// Details describe an action; a secret or a whole ID number never belongs in them.
const FORBIDDEN_DETAILS = new Set([
  'token',
  'tokenHash',
  'password',
  'passwordHash',
  'idNumber',
  'refreshToken',
]);

type Cursor = { v: 1; t: number; i: number; h: string };

const fingerprint = (filter: AuditFilter) =>
  createHash('sha256').update(JSON.stringify(filter)).digest('base64url').slice(0, 12);

const encodeCursor = (record: AuditRecord, h: string) =>
  Buffer.from(JSON.stringify({ v: 1, t: record.at.getTime(), i: record.id, h } satisfies Cursor)).toString(
    'base64url',
  );

function decodeCursor(after: string, h: string): AuditPosition {
  try {
    const c = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as Cursor;
    if (c.v === 1 && Number.isFinite(c.t) && Number.isSafeInteger(c.i) && c.h === h)
      return { at: new Date(c.t), id: c.i };
  } catch {
    // falls through to the refusal
  }
  throw badInput('after', text('audit:cursor'));
}

/**
 * The audit log of sensitive actions: who (account and role), what (action and subject), when (the
 * clock) and from where (address, user agent). Entries are only ever added (the database refuses
 * updates and deletes); a change writes its entry in its own transaction, so both commit or neither.
 */
export function createAuditService(deps: { db: Database; repository: AuditRepository; clock: Clock }) {
  const { db, repository, clock } = deps;

  async function record(entries: AuditEntry | readonly AuditEntry[], executor: Executor): Promise<void> {
    const at = clock.now();
    const list = Array.isArray(entries) ? entries : [entries as AuditEntry];
    await repository.insert(
      list.map((entry) => row(entry, at)),
      executor,
    );
  }

  function row(entry: AuditEntry, at: Date) {
    const details = entry.details ?? {};
    const leaked = Object.keys(details).filter((key) => FORBIDDEN_DETAILS.has(key));
    if (leaked.length > 0) throw new Error(`audit details must not carry ${leaked.join(', ')}`);
    return {
      at,
      actorAccountId: entry.actor?.accountId ?? null,
      actorRole: entry.actor?.role ?? 'SYSTEM',
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      details,
      ip: (entry.actor?.origin ?? entry.origin)?.ip ?? null,
      userAgent: (entry.actor?.origin ?? entry.origin)?.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
    };
  }

  /** The search's filter and page size, every problem of both in one answer. */
  function parseSearch(
    search: AuditSearch,
    page: { first?: number | null },
  ): { filter: AuditFilter; first: number } {
    const problems = createProblems();
    const action = search.action?.trim() || null;
    if (action && !(AUDIT_ACTIONS as readonly string[]).includes(action))
      problems.add('action', text('audit:action', { actions: AUDIT_ACTIONS.join(', ') }));
    const subjectType = search.subjectType?.trim() || null;
    if (subjectType && !(AUDIT_SUBJECTS as readonly string[]).includes(subjectType))
      problems.add('subjectType', text('audit:subjectType', { subjects: AUDIT_SUBJECTS.join(', ') }));
    const subjectId = search.subjectId?.trim() || null;
    if (subjectId && !subjectType) problems.add('subjectType', text('audit:subjectTypeNeeded'));
    if (search.from && search.to && search.to <= search.from) problems.add('to', text('audit:toAfterFrom'));
    let actorAccountId: string | null = null;
    try {
      actorAccountId = search.actorId ? requireUuid('actorId', search.actorId) : null;
    } catch (refused) {
      if (!(refused instanceof AppError)) throw refused;
      problems.add('actorId', refused.text);
    }
    const first = page.first ?? PAGE_SIZE.default;
    if (!Number.isInteger(first) || first < 1 || first > PAGE_SIZE.max)
      problems.add('first', text('audit:pageSize', { max: PAGE_SIZE.max }));
    problems.throwIfAny();
    const filter = {
      action,
      subjectType,
      // Ids are stored as written by the services: UUIDs in lower case, region codes as digits.
      subjectId: subjectId?.toLowerCase() ?? null,
      actorAccountId,
      from: search.from ?? null,
      to: search.to ?? null,
    };
    return { filter, first };
  }

  return {
    /**
     * Adds entries with the caller's executor: inside the transaction of the change they describe,
     * or the pool for a read. The time is the clock's.
     */
    record,

    /** Entries for reads: nothing changed, so there is no transaction to join. */
    recordReads: (entries: readonly AuditEntry[]) => record(entries, db),

    /** Entries newest first, filtered, in pages of `first` (default 20, at most 100). */
    async list(
      search: AuditSearch,
      page: { first?: number | null; after?: string | null },
    ): Promise<AuditPage> {
      const { filter, first } = parseSearch(search, page);
      const h = fingerprint(filter);
      const position = page.after ? decodeCursor(page.after, h) : null;
      const [rows, totalCount] = await Promise.all([
        repository.page(filter, first + 1, position),
        repository.count(filter),
      ]);
      const edges = rows.slice(0, first).map((node) => ({ cursor: encodeCursor(node, h), node }));
      return {
        edges,
        pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
        totalCount,
      };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
/** What the services that keep an audit trail need of it. */
export type AuditTrail = Pick<AuditService, 'record'>;
