import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Viewer } from '../modules/accounts/viewer.js';
import { KIOSK_QUERIES } from './persisted-queries.js';

const BOARD = KIOSK_QUERIES.KioskBoard;
/** More distinct boards than this (stations × pages) and the cache starts over. */
const MAX_ENTRIES = 5_000;

type Kept = { payload: Buffer; gzipped?: Buffer; until: number };
type SentBoard = { persisted?: unknown; query?: unknown; variables?: unknown };
export type BoardCacheCounts = { hit: () => void; miss: () => void };

/** JSON with the keys of every object sorted: `{after, x}` and `{x, after}` are one board. */
function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

/**
 * The answers to the kiosk page's board query (KioskBoard, sent by hash), kept per station and
 * variables for `ttlMs`. Every kiosk of a station asks for the same board over and over, and
 * learns of each change by socket (board:upsert / board:remove), so an answer a few seconds old
 * costs nothing while a fresh one costs a search. Misses of one board wait on one execution.
 *
 * A fastify preHandler of the GraphQL route: it answers from the cache, or runs the query through
 * mercurius (`reply.graphql`, with the request's own context, so @auth, loaders and hooks all
 * apply) and keeps the answer when it has no errors; anything else, it leaves to mercurius.
 */
export function createBoardCache(options: {
  ttlMs: number;
  contextOf: (request: FastifyRequest) => Promise<{ viewer: Viewer | null }>;
  counts?: BoardCacheCounts;
}) {
  const { ttlMs, contextOf, counts } = options;
  const answers = new Map<string, Kept>();
  const running = new Map<string, Promise<Kept | null>>();

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
      const kept: Kept = { payload: Buffer.from(JSON.stringify(result)), until: Date.now() + ttlMs };
      if (answers.size >= MAX_ENTRIES) answers.clear();
      answers.set(key, kept);
      return kept;
    } finally {
      running.delete(key);
    }
  }

  return async function boardCache(request: FastifyRequest, reply: FastifyReply) {
    if (ttlMs <= 0 || request.method !== 'POST') return;
    const sent = request.body as SentBoard | undefined;
    if (sent?.persisted !== true || sent.query !== BOARD.hash) return;
    if (!request.headers.authorization) return;
    const context = await contextOf(request);
    if (context.viewer?.kind !== 'kiosk') return;
    const variables = sent.variables ?? {};
    const key = `${context.viewer.stationId} ${stableJson(variables)}`;

    let kept: Kept | null | undefined = answers.get(key);
    if (kept && kept.until > Date.now()) {
      counts?.hit();
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
    reply.type('application/json; charset=utf-8').header('vary', 'Accept, Accept-Encoding');
    // 100 gigs are ~40 KB of JSON and ~6 KB gzipped, compressed once per kept answer. Browsers
    // (the kiosk page) always accept gzip.
    if (!/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) return reply.send(kept.payload);
    kept.gzipped ??= gzipSync(kept.payload);
    return reply.header('content-encoding', 'gzip').send(kept.gzipped);
  };
}
