import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import type { Notify } from '../../realtime/notifier.js';
import { rooms } from '../../realtime/rooms.js';
import { marketDay, toShanghaiIso } from '../../time.js';
import type { FollowUpNotice, FollowUpNoticeEntry } from './followup.events.js';
import type { FollowUpListRepository, FollowUpRow } from './list.repository.js';
import type { FollowUpSettings } from './list.service.js';
import type { FollowUpNoticesRepository, NoticeClaim } from './notices.repository.js';

const DAY_MS = 86_400_000;

/**
 * The follow-up ledger's notices (docs/followup.md): one sweep (the domain's job) computes the
 * whole list, claims the notices not sent yet — a worker who joined a station's list, one who
 * turned overdue, each at most once per spell without work — and tells each station's operators
 * in one `followup:notice` per station. A worker no station's area holds tells nobody.
 */
export function createFollowUpNoticesService(deps: {
  db: Database;
  list: Pick<FollowUpListRepository, 'page'>;
  repository: FollowUpNoticesRepository;
  notify: Notify;
  clock: Clock;
  settings: FollowUpSettings;
}) {
  const { db, clock, settings } = deps;

  const entry = (row: FollowUpRow): FollowUpNoticeEntry => ({
    workerId: row.workerId,
    name: row.name,
    onListSince: toShanghaiIso(new Date(row.idleSince.getTime() + row.thresholdDays * DAY_MS)),
    dueOn: row.dueOn,
  });

  /** One sweep: returns what was sent, per station (the operators of each were told). */
  async function sendNotices(): Promise<FollowUpNotice[]> {
    const now = clock.now();
    const { rows } = await deps.list.page(
      { stationIds: null, regionCodes: null, overdueOnly: false },
      {
        at: now,
        today: marketDay(now),
        defaultDays: settings.defaultIdleDays,
        firstContactDays: settings.firstContactDays,
      },
      { limit: null, after: null },
    );
    const held = rows.filter((row): row is FollowUpRow & { stationId: string } => row.stationId !== null);
    const due: NoticeClaim[] = held.flatMap((row) => {
      const claim = { workerId: row.workerId, sinceKey: row.sinceKey, stationId: row.stationId };
      return row.overdue
        ? [
            { ...claim, kind: 'JOINED' as const },
            { ...claim, kind: 'OVERDUE' as const },
          ]
        : [{ ...claim, kind: 'JOINED' as const }];
    });
    const claimed = await db.transaction((tx) => deps.repository.claim(due, now, tx));
    if (claimed.length === 0) return [];
    const byWorker = new Map(held.map((row) => [row.workerId, row]));
    const notices = new Map<string, FollowUpNotice>();
    for (const claim of claimed) {
      const row = byWorker.get(claim.workerId);
      if (!row) continue;
      const notice = notices.get(claim.stationId) ?? {
        stationId: claim.stationId,
        stationName: row.stationName ?? '',
        joined: [],
        overdue: [],
      };
      (claim.kind === 'JOINED' ? notice.joined : notice.overdue).push(entry(row));
      notices.set(claim.stationId, notice);
    }
    const operators = await deps.repository.operatorsOf([...notices.keys()]);
    for (const notice of notices.values())
      for (const accountId of operators.get(notice.stationId) ?? [])
        deps.notify(rooms.account(accountId), 'followup:notice', notice);
    return [...notices.values()];
  }

  return { sendNotices };
}

export type FollowUpNoticesService = ReturnType<typeof createFollowUpNoticesService>;
