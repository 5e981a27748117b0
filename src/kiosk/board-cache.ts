import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Viewer } from '../modules/accounts/viewer.js';
import { KIOSK_QUERIES } from './persisted-queries.js';

const BOARD = KIOSK_QUERIES.KioskBoard;
/** More distinct boards than this (stations × pages) and the cache starts over. */
const MAX_ENTRIES = 5_000;
/** What `variablesOf` gives for variables that are not JSON: the request is left to mercurius. */
export const NOT_JSON = Symbol('not JSON');

/**
 * A board's answer as sent, kept until `until`; from `refreshAt` on, the next request runs it again
 * in the background. `etag` names its content (weak: the same for the gzipped bytes), so a board
 * run again with nothing changed keeps it.
 */
export type KeptBoard = { payload: Buffer; gzipped?: Buffer; etag: string; refreshAt: number; until: number };

/**
 * How a board's answer may be kept: by the kiosk's browser only (it was asked for with a token),
 * and asked again each time (If-None-Match), so a reconnecting kiosk whose board did not change
 * gets a 304 of a few hundred bytes instead of the board; stations' links are often slow.
 */
export const BOARD_CACHE_CONTROL = 'private, no-cache';

/**
 * A board's weak ETag: a hash of what the kiosk shows. The page's `endCursor` is left out: it
 * carries the moment the board was run (gig-query.ts), so it differs on every run of an unchanged
 * board, and an older one still pages the same board (as of its own moment).
 */
function boardTag(result: unknown): string {
  const shown = JSON.stringify(result, (key, value) => (key === 'endCursor' ? undefined : value));
  return `W/"${createHash('sha256').update(shown).digest('base64url').slice(0, 27)}"`;
}

/** Whether an If-None-Match header names this ETag (weak comparison, as RFC 9110 has it for GET). */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque);
}
type SentBoard = { persisted?: unknown; query?: unknown; variables?: unknown };
export type BoardCacheCounts = { hit: () => void; miss: () => void; refresh: () => void };
export type BoardCache = ReturnType<typeof createBoardCache>;

/** JSON with the keys of every object sorted: `{after, x}` and `{x, after}` are one board. */
function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

/** The variables sent: a GET's are a string of JSON in the query string, a POST's an object. */
export function variablesOf(sent: unknown): unknown {
  // A repeated GET parameter is an array, which mercurius's schema refuses.
  if (Array.isArray(sent)) return NOT_JSON;
  if (typeof sent !== 'string') return sent;
  try {
    return JSON.parse(sent);
  } catch {
    return NOT_JSON;
  }
}

/** A kept board gzipped: 100 gigs are ~40 KB of JSON and ~6 KB gzipped, compressed once, by the first hit that asks. */
export function gzipped(kept: KeptBoard): Buffer {
  if (!kept.gzipped) kept.gzipped = gzipSync(kept.payload);
  return kept.gzipped;
}

/** The cache's key of a board's variables: `{after, x}` and `{x, after}` are one board, no variables `{}`. */
export const variablesKey = (variables: unknown) => stableJson(variables ?? {});

/** The parameters of the kiosk page's board query, sent by hash (GET or POST); undefined for any other. */
function asksForBoard(request: FastifyRequest): SentBoard | undefined {
  const sent = (request.method === 'GET' ? request.query : request.body) as SentBoard | undefined;
  if (sent?.query !== BOARD.hash) return undefined;
  // A GET's `persisted` is the string until mercurius's schema has coerced it.
  return sent.persisted === true || sent.persisted === 'true' ? sent : undefined;
}

/**
 * The answers to the kiosk page's board query (KioskBoard, sent by hash), kept per station and
 * variables for `ttlMs`. Every kiosk of a station asks for the same board over and over, and
 * learns of each change by socket (board:upsert / board:remove), so an answer a few seconds old
 * costs nothing while a fresh one costs a search. Misses of one board wait on one execution. In
 * the last third of its time a board is run again by the next request that asks, in the background
 * (that request is answered from the kept one): a board asked for steadily is never missed, and is
 * never older than `ttlMs`.
 *
 * `preHandler` is a fastify preHandler of the GraphQL route: it answers from the cache, or runs the
 * query through mercurius (`reply.graphql`, with the request's own context, so @auth, loaders and
 * hooks all apply) and keeps the answer when it has no errors; anything else, it leaves to
 * mercurius. `fresh` lets the front (board-front.ts) answer a GET's hit before all that.
 */
export function createBoardCache(options: {
  ttlMs: number;
  contextOf: (request: FastifyRequest) => Promise<{ viewer: Viewer | null }>;
  counts?: BoardCacheCounts;
}) {
  const { ttlMs, contextOf, counts } = options;
  const answers = new Map<string, KeptBoard>();
  const running = new Map<string, Promise<KeptBoard | null>>();

  async function execute(
    key: string,
    reply: FastifyReply,
    context: { viewer: Viewer | null },
    variables: unknown,
  ) {
    try {
      const result = await reply.graphql(BOARD.document, context, variables as Record<string, unknown>);
      if (result.errors?.length) return null;
      // Kept as bytes, each hit sent as is: neither serialized nor encoded again.
      const now = Date.now();
      const payload = Buffer.from(JSON.stringify(result));
      const kept: KeptBoard = {
        payload,
        etag: boardTag(result),
        refreshAt: now + ttlMs - ttlMs / 3,
        until: now + ttlMs,
      };
      if (answers.size >= MAX_ENTRIES) answers.clear();
      answers.set(key, kept);
      return kept;
    } finally {
      running.delete(key);
    }
  }

  /**
   * The kept board of a station for these variables (their `variablesKey`) while it is fresh and
   * not due to be run again, counted as a hit: the request that refreshes it takes the full path,
   * which has the request's context to run it with.
   */
  function fresh(stationId: string, variables: string): KeptBoard | undefined {
    if (ttlMs <= 0) return undefined;
    const key = `${stationId} ${variables}`;
    const kept = answers.get(key);
    const now = Date.now();
    if (!kept || kept.until <= now || (now >= kept.refreshAt && !running.has(key))) return undefined;
    counts?.hit();
    return kept;
  }

  /** A kept board as the full path sends it (the route's onSend hooks then set its media type). */
  function send(request: FastifyRequest, reply: FastifyReply, kept: KeptBoard) {
    reply
      .header('vary', 'Accept, Accept-Encoding')
      .header('etag', kept.etag)
      .header('cache-control', BOARD_CACHE_CONTROL);
    // Unchanged since the kiosk's browser last had it: no body, nor the body's own headers.
    if (request.method === 'GET' && notModified(request.headers['if-none-match'], kept.etag)) {
      return reply.code(304).send();
    }
    reply.type('application/json; charset=utf-8');
    // Browsers (the kiosk page) always accept gzip.
    if (!/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) return reply.send(kept.payload);
    return reply.header('content-encoding', 'gzip').send(gzipped(kept));
  }

  async function preHandler(request: FastifyRequest, reply: FastifyReply) {
    if (ttlMs <= 0 || (request.method !== 'POST' && request.method !== 'GET')) return;
    const sent = asksForBoard(request);
    if (!sent || !request.headers.authorization) return;
    const variables = variablesOf(sent.variables);
    if (variables === NOT_JSON) return;
    const context = await contextOf(request);
    if (context.viewer?.kind !== 'kiosk') return;

    const key = `${context.viewer.stationId} ${variablesKey(variables)}`;
    let kept: KeptBoard | null | undefined = answers.get(key);
    const now = Date.now();
    if (kept && kept.until > now) {
      counts?.hit();
      if (now >= kept.refreshAt && !running.has(key)) {
        counts?.refresh();
        const refreshing = execute(key, reply, context, variables);
        running.set(key, refreshing);
        // The kept board still answers; a failed run leaves it until its time is up.
        refreshing.catch((error) => request.log.warn({ err: error }, 'a kiosk board could not be run again'));
      }
    } else {
      counts?.miss();
      let pending = running.get(key);
      if (!pending) {
        pending = execute(key, reply, context, variables);
        running.set(key, pending);
      }
      kept = await pending;
    }
    // An answer with errors is not kept: mercurius runs the request itself and answers as always.
    if (!kept) return;
    return send(request, reply, kept);
  }

  return { preHandler, fresh };
}
