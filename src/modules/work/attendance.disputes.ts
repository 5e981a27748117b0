import type { Executor } from '../../db/client.js';
import { DEFAULT_LOCALE } from '../../i18n/locale.js';
import { render } from '../../i18n/render.js';
import type { Text } from '../../i18n/text.js';
import type { Actor } from '../accounts/viewer.js';
import type { WorkDeps } from './work.context.js';
import type { DisputeRecord } from './work.repository.js';

/**
 * What goes on a dispute's record (an append-only note both sides and the bureau read later): in
 * the market's language, as it is kept.
 */
export const onRecord = (note: Text) => render(note, DEFAULT_LOCALE);

type Author = { accountId: string; role: 'EMPLOYER' | 'ADMIN' };

/**
 * The hire's dispute as attendance touches it (docs/attendance.md): a contest, a confirmation or a
 * settlement noted on the dispute under way, and the employer's own contest closed when it then
 * confirms the attendance.
 */
export function createAttendanceDisputes(deps: Pick<WorkDeps, 'repository' | 'audit'>) {
  const { repository } = deps;

  async function addNote(dispute: DisputeRecord, author: Author, note: string, now: Date, tx: Executor) {
    await repository.disputes.addNote(
      {
        disputeId: dispute.id,
        authorAccountId: author.accountId,
        authorRole: author.role,
        note,
        createdAt: now,
      },
      tx,
    );
  }

  /** Adds `note` to the hire's open dispute, if it has one; whether it had. */
  async function noteOnOpenDispute(
    engagementId: string,
    author: Author,
    note: string,
    now: Date,
    tx: Executor,
  ): Promise<boolean> {
    const open = await repository.disputes.openOfEngagement(engagementId, tx);
    if (!open) return false;
    await addNote(open, author, note, now, tx);
    return true;
  }

  /**
   * The employer confirms attendance it had contested: the dispute its contest opened (a WORK
   * dispute opened by the employer) is resolved with `resolution`, as the bureau would resolve it;
   * a dispute the worker opened stays under way, with `resolution` added as a note. Returns the
   * dispute resolved, if any.
   */
  async function closeContest(
    engagementId: string,
    actor: Actor,
    resolution: string,
    now: Date,
    tx: Executor,
  ): Promise<DisputeRecord | null> {
    const { accountId } = actor;
    const open = await repository.disputes.openOfEngagement(engagementId, tx);
    if (!open) return null;
    if (open.kind !== 'WORK' || open.openedByRole !== 'EMPLOYER') {
      await addNote(open, { accountId, role: 'EMPLOYER' }, resolution, now, tx);
      return null;
    }
    const resolved = await repository.disputes.update(
      open.id,
      { status: 'RESOLVED', resolution, resolvedAt: now, resolvedByAccountId: accountId },
      tx,
    );
    // In the audit log as the bureau's resolutions are (disputes.service.ts), the employer as actor.
    await deps.audit.record(
      {
        actor,
        action: 'DISPUTE_RESOLVED',
        subjectType: 'DISPUTE',
        subjectId: open.id,
        details: {
          engagementId,
          kind: open.kind,
          previousStatus: open.status,
          resolution,
          arrearsCaseClosed: null,
          byEmployerConfirmation: true,
        },
      },
      tx,
    );
    return resolved;
  }

  /**
   * The worker's complaint about the work, under way: the hire's open (OPEN or MEDIATING) dispute
   * when it is of kind WORK and was opened by the worker's side (a station operator acting for a
   * walk-in opens as that side, `sideOf`). What lets the bureau reopen hours the employer decided
   * (a no-show it marked, hours it confirmed): it acts on a complaint, never on its own.
   */
  async function workersComplaint(engagementId: string, tx: Executor): Promise<DisputeRecord | null> {
    const open = await repository.disputes.openOfEngagement(engagementId, tx);
    return open?.kind === 'WORK' && open.openedByRole === 'WORKER' ? open : null;
  }

  return { noteOnOpenDispute, closeContest, workersComplaint };
}
