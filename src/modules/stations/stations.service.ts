import { createHash, randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.js';
import type { Database, Executor } from '../../db/client.js';
import { STATION_KINDS, type StationKind } from '../../db/schema/index.js';
import { AppError, badInput, createProblems, ErrorCode, type Message, notFound } from '../../errors.js';
import { text } from '../../i18n/text.js';
import type { Notify } from '../../realtime/notifier.js';
import { rooms } from '../../realtime/rooms.js';
import { checkSingleLine } from '../../text/single-line.js';
import { toShanghaiIso } from '../../time.js';
import type { AccountViewer, Actor, Viewer } from '../accounts/viewer.js';
import type { AuditTrail } from '../audit/audit.service.js';
import { distanceKm, roundKm } from '../gigs/distance.js';
import type { GigSearchInput } from '../gigs/gig-query.js';
import type { GigSearchService } from '../gigs/gig-search.service.js';
import type { GigRecord, GigsRepository } from '../gigs/gigs.repository.js';
import { countyAreaProblem } from '../reference/county-area.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import { outsideChina } from '../workers/workers.validation.js';
import type { BoardCard } from './stations.events.js';
import type { KioskTokenRecord, StationRecord, StationsRepository } from './stations.repository.js';

export type { KioskTokenRecord, StationRecord } from './stations.repository.js';

export type CreateStationInput = {
  name: string;
  kind?: StationKind | null;
  regionCode: string;
  location: { lat: number; lng: number };
  address: string;
  openingHours?: string | null;
  phone?: string | null;
  serviceRadiusKm?: number | null;
};

const DEFAULT_RADIUS_KM = 30;
const TOKEN_PREFIX = 'kiosk_';
/** A kiosk's last-seen time is written at most this often. */
const SEEN_EVERY_MS = 60_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const looksLikeKioskToken = (token: string) => token.startsWith(TOKEN_PREFIX);

/**
 * Job stations (就业驿站), their operators and kiosks. A kiosk token is a random secret shown once;
 * only its hash is kept. It names one station and may read that station's board and public gigs.
 */
export function createStationsService(deps: {
  db: Database;
  repository: StationsRepository;
  gigs: GigsRepository;
  gigSearch: GigSearchService;
  reference: ReferenceRepository;
  clock: Clock;
  notify: Notify;
  log: FastifyBaseLogger;
  audit: AuditTrail;
  /** How long a kiosk token found good is trusted without asking the database (0: ask every time). */
  kioskCacheMs?: number;
}) {
  const { db, repository, clock, audit } = deps;
  /**
   * Kiosk tokens found good, until when; by the token itself, so that a kiosk's every request need
   * not hash it first. A kiosk asks for its board over and over; a revocation takes effect at once
   * on every node (each is told, `forgetKioskToken`, and cuts the kiosk's sockets).
   */
  const goodKiosks = new Map<string, { viewer: Viewer; tokenHash: string; until: number }>();

  /** The kiosk a token was found good for within kioskCacheMs, if it was; nothing is asked of the database. */
  function knownKiosk(token: string): Viewer | null {
    const known = goodKiosks.get(token);
    return known && known.until > clock.now().getTime() ? known.viewer : null;
  }

  async function station(id: string): Promise<StationRecord> {
    const row = await repository.byId(id);
    if (!row) throw notFound('station', id);
    return row;
  }

  /** Admins may act for any station; an operator only for a station they are assigned to. */
  async function requireStaffOf(viewer: AccountViewer, stationId: string): Promise<StationRecord> {
    const found = await station(stationId);
    if (viewer.role === 'ADMIN') return found;
    if (viewer.role === 'STATION_OPERATOR' && (await repository.operates(viewer.accountId, stationId)))
      return found;
    throw new AppError(ErrorCode.FORBIDDEN, text('stations:staffOnly'), { stationId });
  }

  /** The gig as a kiosk card shows it, seen from one station. */
  function card(gig: GigRecord, from: StationRecord, skillCodes: string[]): BoardCard {
    return {
      id: gig.id,
      title: gig.title,
      payFen: gig.payFen,
      payUnit: gig.payUnit,
      hourlyFen: gig.hourlyFen,
      startsAt: toShanghaiIso(gig.startsAt),
      endsAt: toShanghaiIso(gig.endsAt),
      address: gig.address,
      regionCode: gig.regionCode,
      headcount: gig.headcount,
      filled: gig.filled,
      placesLeft: gig.headcount - gig.filled,
      olderFriendly: gig.olderFriendly,
      publicWelfare: gig.publicWelfare,
      instant: gig.instant,
      skills: skillCodes,
      distanceKm: roundKm(distanceKm(from, gig)),
    };
  }

  return {
    station,
    requireStaffOf,

    async create(input: CreateStationInput): Promise<StationRecord> {
      const problems = createProblems();
      const name = input.name.trim();
      if (name.length < 2 || name.length > 40) problems.add('input.name', text('stations:nameLength'));
      const kind = input.kind ?? 'TOWNSHIP_STATION';
      if (!STATION_KINDS.includes(kind))
        problems.add('input.kind', text('stations:kindOneOf', { kinds: STATION_KINDS.join(', ') }));
      const [region] = await deps.reference.regionsByCode([input.regionCode]);
      if (!region)
        problems.add('input.regionCode', text('stations:regionUnknown', { regionCode: input.regionCode }));
      if (outsideChina(input.location)) problems.add('input.location', text('stations:outsideChina'));
      else if (region) {
        // A station's board and its kiosks are of its county: its pin must be there too.
        const misplaced = countyAreaProblem(await deps.reference.regionTree(), region.code, input.location);
        if (misplaced) problems.add('input.location', misplaced);
      }
      const address = input.address.trim();
      if (address.length < 4 || address.length > 120)
        problems.add('input.address', text('stations:addressLength'));
      checkSingleLine(problems, {
        'input.name': name,
        'input.address': address,
        'input.openingHours': input.openingHours,
      });
      const radius = input.serviceRadiusKm ?? DEFAULT_RADIUS_KM;
      if (!(radius > 0 && radius <= 200)) problems.add('input.serviceRadiusKm', text('stations:radiusRange'));
      problems.throwIfAny();
      return repository.insert({
        name,
        kind,
        regionCode: input.regionCode,
        lat: input.location.lat,
        lng: input.location.lng,
        address,
        openingHours: input.openingHours?.trim() || null,
        phone: input.phone?.trim() || null,
        serviceRadiusKm: radius,
        createdAt: clock.now(),
      });
    },

    /** Puts an operator at a station; `actor` null is the system (the demo seed). */
    async assignOperator(actor: Actor | null, stationId: string, accountId: string): Promise<StationRecord> {
      const found = await station(stationId);
      const account = await repository.account(accountId);
      if (!account || account.deletedAt) throw notFound('account', accountId);
      if (account.role !== 'STATION_OPERATOR') {
        throw badInput('accountId', text('stations:notOperatorAccount'));
      }
      await db.transaction(async (tx) => {
        if (!(await repository.assignOperator(stationId, accountId, clock.now(), tx))) return;
        await audit.record(
          {
            actor,
            action: 'STATION_OPERATOR_ASSIGNED',
            subjectType: 'STATION',
            subjectId: stationId,
            details: { stationName: found.name, operatorAccountId: accountId },
          },
          tx,
        );
      });
      return found;
    },

    /** Every station for an admin; an operator's own stations. */
    async visibleTo(viewer: AccountViewer): Promise<StationRecord[]> {
      if (viewer.role === 'ADMIN') return repository.all();
      return repository.ofOperator(viewer.accountId);
    },

    byIds: repository.byIds,

    operatorsOf: repository.operatorsOf,

    /** A new kiosk token; the secret is in the answer once and never again. */
    async issueToken(viewer: Actor, stationId: string, label: string) {
      const found = await requireStaffOf(viewer, stationId);
      const trimmed = label.trim();
      if (trimmed.length < 1 || trimmed.length > 40) throw badInput('label', text('stations:labelLength'));
      const token = `${TOKEN_PREFIX}${randomBytes(24).toString('base64url')}`;
      const row = await db.transaction(async (tx) => {
        const inserted = await repository.tokens.insert(
          {
            stationId,
            label: trimmed,
            tokenHash: hashToken(token),
            createdByAccountId: viewer.accountId,
            createdAt: clock.now(),
          },
          tx,
        );
        // Never the token or its hash: the id names the kiosk.
        await audit.record(
          {
            actor: viewer,
            action: 'KIOSK_TOKEN_ISSUED',
            subjectType: 'KIOSK_TOKEN',
            subjectId: inserted.id,
            details: { stationId, stationName: found.name, label: trimmed },
          },
          tx,
        );
        return inserted;
      });
      return { ...row, token };
    },

    async revokeToken(viewer: Actor, tokenId: string): Promise<boolean> {
      const row = await repository.tokens.byId(tokenId);
      if (!row) throw notFound('kioskToken', tokenId);
      const found = await requireStaffOf(viewer, row.stationId);
      if (row.revokedAt) return true;
      await db.transaction(async (tx) => {
        // Only the call that revokes it is audited; a repeat changes nothing.
        if (!(await repository.tokens.revoke(tokenId, clock.now(), tx))) return;
        for (const [token, known] of goodKiosks)
          if (known.tokenHash === row.tokenHash) goodKiosks.delete(token);
        await audit.record(
          {
            actor: viewer,
            action: 'KIOSK_TOKEN_REVOKED',
            subjectType: 'KIOSK_TOKEN',
            subjectId: tokenId,
            details: { stationId: row.stationId, stationName: found.name, label: row.label },
          },
          tx,
        );
      });
      return true;
    },

    async tokensOf(viewer: AccountViewer, stationId: string): Promise<KioskTokenRecord[]> {
      await requireStaffOf(viewer, stationId);
      return repository.tokens.ofStation(stationId);
    },

    knownKiosk,

    /** Forgets a revoked kiosk token's good check on this node (every node is told of each revocation). */
    forgetKioskToken(kioskTokenId: string): void {
      for (const [token, known] of goodKiosks)
        if (known.viewer.kind === 'kiosk' && known.viewer.kioskTokenId === kioskTokenId)
          goodKiosks.delete(token);
    },

    /** Who a kiosk token belongs to; a revoked or unknown one gives no viewer and says why. */
    async authenticateKiosk(token: string): Promise<{ viewer: Viewer | null; problem: Message | null }> {
      const known = knownKiosk(token);
      if (known) return { viewer: known, problem: null };
      goodKiosks.delete(token);
      const tokenHash = hashToken(token);
      const row = await repository.tokens.byHash(tokenHash);
      if (!row) return { viewer: null, problem: text('stations:kioskTokenUnknown') };
      if (row.revokedAt) return { viewer: null, problem: text('stations:kioskTokenRevoked') };
      const now = clock.now();
      if (!row.lastSeenAt || now.getTime() - row.lastSeenAt.getTime() > SEEN_EVERY_MS) {
        await repository.tokens.seen(row.id, now);
      }
      const viewer: Viewer = { kind: 'kiosk', kioskTokenId: row.id, stationId: row.stationId };
      if (deps.kioskCacheMs) {
        // Bounded: a flood of distinct tokens cannot grow it past a few thousand stations' kiosks.
        if (goodKiosks.size >= 10_000) goodKiosks.clear();
        goodKiosks.set(token, { viewer, tokenHash, until: now.getTime() + deps.kioskCacheMs });
      }
      return { viewer, problem: null };
    },

    /** The station's board: open gigs within its service radius, nearest first, with the filters. */
    async board(
      stationId: string,
      search: GigSearchInput | null | undefined,
      page: { first?: number | null; after?: string | null },
    ) {
      const found = await station(stationId);
      return deps.gigSearch.find(
        {
          ...search,
          near: { lat: found.lat, lng: found.lng, radiusKm: found.serviceRadiusKm },
          statuses: ['OPEN'],
          sort: search?.sort ?? 'NEAREST',
        },
        page,
      );
    },

    /**
     * After gigs changed (posted, filled, cancelled, started): every station whose radius holds a
     * gig is told — `board:upsert` while it is open and not started, `board:remove` otherwise.
     */
    async gigsChanged(gigIds: readonly string[]): Promise<void> {
      if (gigIds.length === 0) return;
      const now = clock.now();
      // A county has tens of stations: read them once and measure in code (the same haversine
      // as search), instead of a distance query per changed gig.
      const [changed, skills, all] = await Promise.all([
        deps.gigs.byIds(gigIds),
        deps.gigs.skillsOf(gigIds),
        repository.all(),
      ]);
      for (const gig of changed) {
        const open = gig.status === 'OPEN' && gig.startsAt > now;
        const codes = skills.filter((s) => s.gigId === gig.id).map((s) => s.skillCode);
        for (const at of all) {
          if (distanceKm(at, gig) > at.serviceRadiusKm) continue;
          if (open) deps.notify(rooms.station(at.id), 'board:upsert', { gig: card(gig, at, codes) });
          else deps.notify(rooms.station(at.id), 'board:remove', { gigId: gig.id });
        }
      }
    },

    /** Whether an operator runs a station whose service area covers the place (a gig's site). */
    async operatesNear(operatorAccountId: string, place: { lat: number; lng: number }): Promise<boolean> {
      const own = await repository.ofOperator(operatorAccountId);
      return own.some((station) => distanceKm(station, place) <= station.serviceRadiusKm);
    },

    /** Whether an operator may act for a worker: one registered at a station they operate. */
    async mayActFor(operatorAccountId: string, workerId: string, executor?: Executor): Promise<boolean> {
      return repository.registeredWith(operatorAccountId, workerId, executor);
    },

    /** The station a walk-in registration is recorded at: the one named, or the operator's only one. */
    async stationForWalkIn(
      viewer: AccountViewer,
      stationId: string | null | undefined,
    ): Promise<StationRecord> {
      if (stationId) return requireStaffOf(viewer, stationId);
      const own = viewer.role === 'ADMIN' ? [] : await this.visibleTo(viewer);
      if (own.length === 1 && own[0]) return own[0];
      throw badInput('stationId', text('stations:whichStation'));
    },
  };
}

export type StationsService = ReturnType<typeof createStationsService>;
