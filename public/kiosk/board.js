// The board's state: the station's open gigs as `board:upsert` describes them, nearest first.

/** How long a gig pushed live is kept through a reload that does not list it yet (the index lags). */
const PUSHED_GRACE_MS = 15_000;
/** How long a card pushed live is marked new. */
const FRESH_MS = 20_000;

/** A gig from stationBoard in the shape of a `board:upsert` payload. */
export function fromEdge(edge) {
  const gig = edge.node;
  return {
    id: gig.id,
    title: gig.title,
    payFen: gig.payFen,
    payUnit: gig.payUnit,
    hourlyFen: gig.hourlyFen,
    startsAt: gig.startsAt,
    endsAt: gig.endsAt,
    address: gig.address,
    regionCode: gig.region?.code ?? null,
    headcount: gig.headcount,
    filled: gig.filled,
    placesLeft: gig.headcount - gig.filled,
    olderFriendly: gig.olderFriendly,
    publicWelfare: gig.publicWelfare,
    instant: gig.instant,
    skills: gig.skills.map((s) => s.code),
    distanceKm: edge.distanceKm,
  };
}

const byDistance = (a, b) =>
  (a.distanceKm ?? Number.POSITIVE_INFINITY) - (b.distanceKm ?? Number.POSITIVE_INFINITY) ||
  Date.parse(a.startsAt) - Date.parse(b.startsAt) ||
  a.id.localeCompare(b.id);

export function createBoard() {
  /** id → { gig, pushedAt, freshUntil } */
  const entries = new Map();

  return {
    /** A full load: the new list wins, except gigs pushed a moment ago that it may not list yet. */
    replace(gigs, now = Date.now()) {
      const listed = new Set(gigs.map((g) => g.id));
      for (const [id, entry] of entries) {
        if (!listed.has(id) && !(entry.pushedAt && now - entry.pushedAt < PUSHED_GRACE_MS))
          entries.delete(id);
      }
      for (const gig of gigs) {
        const previous = entries.get(gig.id);
        entries.set(gig.id, {
          gig,
          pushedAt: previous?.pushedAt ?? 0,
          freshUntil: previous?.freshUntil ?? 0,
        });
      }
    },

    upsert(gig, now = Date.now()) {
      if (gig.placesLeft <= 0) {
        entries.delete(gig.id);
        return;
      }
      const isNew = !entries.has(gig.id);
      const previous = entries.get(gig.id);
      entries.set(gig.id, {
        gig,
        pushedAt: now,
        freshUntil: isNew ? now + FRESH_MS : (previous?.freshUntil ?? 0),
      });
    },

    remove(gigId) {
      entries.delete(gigId);
    },

    isFresh(gigId, now = Date.now()) {
      return (entries.get(gigId)?.freshUntil ?? 0) > now;
    },

    /** The gigs to show: not yet started, with seats left, matching the filter, nearest first. */
    visible({ skills, olderFriendly }, now = Date.now()) {
      const shown = [];
      for (const [id, { gig }] of entries) {
        if (Date.parse(gig.startsAt) <= now) {
          entries.delete(id);
          continue;
        }
        if (olderFriendly && !gig.olderFriendly) continue;
        if (skills && !gig.skills.some((code) => skills.has(code))) continue;
        shown.push(gig);
      }
      return shown.sort(byDistance);
    },

    /** Gigs per category, for the counts on the trade buttons. */
    countBy(categoryOf, { olderFriendly }) {
      const counts = new Map();
      for (const { gig } of entries.values()) {
        if (olderFriendly && !gig.olderFriendly) continue;
        for (const category of new Set(gig.skills.map(categoryOf))) {
          counts.set(category, (counts.get(category) ?? 0) + 1);
        }
      }
      return counts;
    },

    get size() {
      return entries.size;
    },
  };
}
