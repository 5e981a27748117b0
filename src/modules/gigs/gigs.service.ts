import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import { AppError, badInput, createProblems, ErrorCode, notFound, uuidAmong } from '../../errors.js';
import { text } from '../../i18n/text.js';
import { enqueueOutbox } from '../../outbox/outbox.js';
import type { Notify } from '../../realtime/notifier.js';
import { rooms } from '../../realtime/rooms.js';
import type { EmployersRepository } from '../employers/employers.repository.js';
import type { HiringService } from '../hiring/hiring.service.js';
import type { SavedSearchesService } from '../hiring/saved-searches.service.js';
import type { InsuranceService } from '../insurance/insurance.service.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import type { GigCardUpdate } from './gigs.events.js';
import type { GigRecord, GigsRepository, GigUpdate } from './gigs.repository.js';
import { type PostGigInput, validateGig } from './gigs.validation.js';

const CANCELLABLE = new Set(['OPEN', 'FILLED']);
const MAX_REASON = 200;

/** What an employer's screen needs to redraw a gig's card. */
export const gigUpdate = (gig: GigUpdate): GigCardUpdate => ({
  gigId: gig.id,
  status: gig.status,
  filled: gig.filled,
  headcount: gig.headcount,
});

export function createGigsService(deps: {
  db: Database;
  repository: GigsRepository;
  employers: EmployersRepository;
  reference: ReferenceRepository;
  clock: Clock;
  notify: Notify;
  /** Instant gigs start their offer waves; cancelled gigs withdraw offers and call hires off. */
  hiring: Pick<HiringService, 'schedule' | 'kick' | 'gigCancelled'>;
  /** Workers whose saved searches a new gig meets are told. */
  alerts: Pick<SavedSearchesService, 'posted'>;
  /** Kiosk boards near the gigs are told (after commit). */
  boards: (gigIds: readonly string[]) => void;
  /** Open wage arrears cases (欠薪) bar an employer from instant gigs. */
  arrears: { openCounts(employerIds: readonly string[]): Promise<Map<string, number>> };
  /** The posting's statement of who provides its accident cover, written with the gig. */
  insurance: Pick<InsuranceService, 'stateCover'>;
}) {
  const { db, repository, clock, notify } = deps;

  return {
    /**
     * Posts a gig for a verified employer: every rule checked first, then the gig, its trades and
     * its outbox row in one transaction, so it reaches search exactly when it exists.
     */
    async post(employerId: string, input: PostGigInput): Promise<GigRecord> {
      const [employer] = await deps.employers.byIds([employerId]);
      if (!employer) throw notFound('employer', employerId);
      if (!employer.verifiedAt) {
        throw new AppError(ErrorCode.EMPLOYER_NOT_VERIFIED, text('gigs:employerNotVerified'));
      }
      if (input.instant) {
        const open = (await deps.arrears.openCounts([employerId])).get(employerId) ?? 0;
        if (open > 0) {
          throw new AppError(ErrorCode.EMPLOYER_HAS_ARREARS, text('gigs:employerHasArrears', { open }), {
            openArrears: open,
          });
        }
      }
      const gig = await validateGig(input, deps);
      const now = clock.now();
      const posted = await db.transaction(async (tx) => {
        const row = await repository.insert(
          {
            employerId,
            title: gig.title,
            description: gig.description,
            headcount: gig.headcount,
            startsAt: gig.startsAt,
            endsAt: gig.endsAt,
            regionCode: gig.regionCode,
            address: gig.address,
            lat: gig.location.lat,
            lng: gig.location.lng,
            payFen: gig.payFen,
            payUnit: gig.payUnit,
            hoursPerDay: gig.hoursPerDay,
            piecesPerHour: gig.piecesPerHour,
            hourlyFen: gig.hourlyFen,
            payDueDays: gig.payDueDays,
            olderFriendly: gig.olderFriendly,
            publicWelfare: gig.publicWelfare,
            instant: gig.instant,
            searchRadiusKm: gig.searchRadiusKm,
            minSkillLevel: gig.minSkillLevel,
            createdAt: now,
            updatedAt: now,
          },
          gig.skills,
          tx,
        );
        if (gig.accidentCover) await deps.insurance.stateCover(row.id, gig.accidentCover, tx);
        await enqueueOutbox('gigs', [row.id], tx);
        if (row.instant) await deps.hiring.schedule(row, tx, gig.skills);
        return row;
      });
      // An instant gig's first wave goes first: saved-search alerts and the kiosk boards (their
      // queries and pushes) follow once its offers are out, not beside its transaction.
      const firstWave = posted.instant ? deps.hiring.kick(posted.id) : Promise.resolve();
      void firstWave.then(() => {
        void deps.alerts.posted(posted, { employerName: employer.name, skillCodes: gig.skills });
        deps.boards([posted.id]);
      });
      return posted;
    },

    /**
     * The employer calls a gig off before it starts, saying why: in one transaction the gig,
     * its pending offers (withdrawn) and its hires (called off); everyone is told after commit.
     */
    async cancel(employerId: string, givenGigId: string, reason: string): Promise<GigRecord> {
      const problems = createProblems();
      const gigId = uuidAmong(problems, 'gigId', givenGigId);
      const why = reason.trim();
      if (why.length < 2 || why.length > MAX_REASON)
        problems.add('reason', text('gigs:cancelReason', { max: MAX_REASON }));
      problems.throwIfAny();
      const now = clock.now();
      const gig = await db.transaction(async (tx) => {
        const current = await repository.lock(gigId, tx);
        // Another employer's gig is not theirs to see as such.
        if (!current || current.employerId !== employerId) throw notFound('gigOfYours', gigId);
        if (!CANCELLABLE.has(current.status) || current.startsAt <= now) {
          throw badInput(
            'gigId',
            text('gigs:cannotCancel', { status: text(`gigs:status.${current.status}`) }),
            { status: current.status },
          );
        }
        const cancelled = await repository.cancel(gigId, why, now, tx);
        await enqueueOutbox('gigs', [gigId], tx);
        return { cancelled, tell: await deps.hiring.gigCancelled(cancelled, now, tx) };
      });
      gig.tell();
      deps.boards([gigId]);
      notify(rooms.employer(employerId), 'gig:updated', gigUpdate(gig.cancelled));
      return gig.cancelled;
    },

    /** Moves started and ended gigs along; run on a timer by every node. */
    async advanceByTime(): Promise<number> {
      const changed = await db.transaction(async (tx) => {
        const rows = await repository.advanceByTime(clock.now(), tx);
        await enqueueOutbox(
          'gigs',
          rows.map((r) => r.id),
          tx,
        );
        return rows;
      });
      for (const gig of changed) notify(rooms.employer(gig.employerId), 'gig:updated', gigUpdate(gig));
      deps.boards(changed.map((g) => g.id));
      return changed.length;
    },

    byIds: (ids: readonly string[]) => repository.byIds(ids),
    byEmployer: (employerId: string) => repository.byEmployer(employerId),
    skillsOf: (ids: readonly string[]) => repository.skillsOf(ids),
  };
}

export type GigsService = ReturnType<typeof createGigsService>;
