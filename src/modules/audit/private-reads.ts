import type { MercuriusContext } from 'mercurius';
import { AppError, ErrorCode } from '../../errors.js';
import { text } from '../../i18n/text.js';
import type { Actor } from '../accounts/viewer.js';
import type { AuditEntry } from './audit.service.js';

/** Private fields of workers an admin read in one request: by worker id, and by account id (Account.phone). */
export type PrivateReads = { workers: Map<string, Set<string>>; accounts: Map<string, Set<string>> };

export const createPrivateReads = (): PrivateReads => ({ workers: new Map(), accounts: new Map() });

/**
 * Notes that the caller read a private field of a worker. Only admins' reads are audited: the
 * worker reading their own data is not a sensitive action, and nobody else may read these fields.
 */
export function notePrivateRead(
  context: MercuriusContext,
  subject: { workerId: string } | { accountId: string },
  field: string,
): void {
  const { viewer } = context;
  if (viewer?.kind !== 'account' || viewer.role !== 'ADMIN') return;
  const [byId, id] =
    'workerId' in subject
      ? [context.privateReads.workers, subject.workerId]
      : [context.privateReads.accounts, subject.accountId];
  const fields = byId.get(id) ?? new Set<string>();
  fields.add(field);
  byId.set(id, fields);
}

/**
 * Runs once the answer is worked out and before it is sent: one WORKER_PRIVATE_READ per worker,
 * naming every private field read, however many times or through however many paths. If the
 * entries cannot be written the request fails, so no private data leaves unaudited.
 */
export async function recordPrivateReads(context: MercuriusContext): Promise<void> {
  const { workers, accounts } = context.privateReads;
  const { viewer } = context;
  if ((workers.size === 0 && accounts.size === 0) || viewer?.kind !== 'account') return;
  try {
    await context.services.audit.recordReads(
      await entriesFor({ ...viewer, origin: context.origin }, context.privateReads, context),
    );
    workers.clear();
    accounts.clear();
  } catch (error) {
    // Thrown here, outside any resolver: without this the client would see the failed statement.
    context.request.log.error({ err: error }, 'could not audit private reads; answer withheld');
    throw new AppError(ErrorCode.INTERNAL_SERVER_ERROR, text('common:internal'));
  }
}

/** One entry per worker; a phone read by account is put on the account's worker. */
async function entriesFor(
  actor: Actor,
  { workers, accounts }: PrivateReads,
  context: MercuriusContext,
): Promise<AuditEntry[]> {
  const byWorker = new Map([...workers].map(([id, fields]) => [id, new Set(fields)]));
  const byAccount = new Map<string, Set<string>>();
  if (accounts.size > 0) {
    const rows = await context.services.workers.byAccountIds([...accounts.keys()]);
    const workerOf = new Map(rows.map((w) => [w.accountId, w.id]));
    for (const [accountId, fields] of accounts) {
      const workerId = workerOf.get(accountId);
      const target = workerId ? byWorker : byAccount;
      const key = workerId ?? accountId;
      target.set(key, new Set([...(target.get(key) ?? []), ...fields]));
    }
  }
  return [
    ...[...byWorker].map(([id, fields]) => ({ id, fields, subjectType: 'WORKER' as const })),
    ...[...byAccount].map(([id, fields]) => ({ id, fields, subjectType: 'ACCOUNT' as const })),
  ].map(({ id, fields, subjectType }) => ({
    actor,
    action: 'WORKER_PRIVATE_READ',
    subjectType,
    subjectId: id,
    details: { fields: [...fields].sort() },
  }));
}
