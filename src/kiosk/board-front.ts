import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { answerMediaType } from '../graphql/over-http.js';
import type { Viewer } from '../modules/accounts/viewer.js';
import type { BoardCache } from './board-cache.js';
import {
  BOARD_CACHE_CONTROL,
  gzipped,
  NOT_JSON,
  notModified,
  variablesKey,
  variablesOf,
} from './board-cache.js';
import { KIOSK_QUERIES } from './persisted-queries.js';

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;
/** Answers the request and says true, or says false and leaves it untouched. */
export type BoardFront = (request: IncomingMessage, response: ServerResponse) => boolean;

const PATH = '/graphql?';
const BOARD = KIOSK_QUERIES.KioskBoard.hash;
/** The parameters the kiosk page sends, each once; a request with any other goes to the full path. */
const PAGE_PARAMETERS = new Set(['persisted', 'query', 'variables']);
/** Distinct variables (pages) and header sets remembered; past this, they start over. */
const REMEMBERED = 1_000;

function remember<V>(map: Map<string, V>, key: string, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    if (map.size >= REMEMBERED) map.clear();
    value = make();
    map.set(key, value);
  }
  return value;
}

/**
 * The front of the kiosk boards' cache: the kiosk page's `GET /graphql?persisted=true&query=<the
 * board's hash>&variables=…`, answered from the kept boards before fastify routes the request, so a
 * hit costs little more than writing its bytes. The full path (fastify's hooks, mercurius, then the
 * cache's preHandler) answers everything else and fills the cache; the front only ever sends what
 * it filled, with the headers the full path sends: helmet's (worked out once), the media type
 * Accept asks for, gzip when accepted, `vary` (tests/kiosk/board-front.test.ts compares them).
 *
 * The kiosk token must be one the stations service found good within KIOSK_CACHE_MS, as on the
 * full path (a revocation on this node drops it at once). Anything else goes on to the full path:
 * a token not known yet, another token or none, a miss or an expired board, an `Origin` (CORS is
 * the full path's), a parameter the page never sends, variables that are not JSON, a closing server.
 */
export function createBoardFront(options: {
  boards: Pick<BoardCache, 'fresh'>;
  /** The viewer of an Authorization header's kiosk token, if it was found good lately; never asks the database. */
  knownKiosk: (authorization: string) => Viewer | null;
  headers: Readonly<Record<string, string>>;
  /** Whether the server is closing: fastify then answers every request, and closes its connection. */
  closing: () => boolean;
  /** Told of every answer the front sends (the HTTP metrics). */
  answered?: (seconds: number) => void;
}): BoardFront {
  const { boards, knownKiosk, headers, closing, answered } = options;
  const keys = new Map<string, string | typeof NOT_JSON>();
  const headerSets = new Map<string, Readonly<Record<string, string>>>();

  return function boardFront(request, response) {
    const began = performance.now();
    const url = request.url ?? '';
    const authorization = request.headers.authorization;
    if (request.method !== 'GET' || !url.startsWith(PATH) || !authorization) return false;
    if (request.headers.origin !== undefined || closing()) return false;
    const sent = new URLSearchParams(url.slice(PATH.length));
    if (sent.get('persisted') !== 'true' || sent.get('query') !== BOARD) return false;
    // Each of the page's parameters at most once, and no other.
    let count = 0;
    for (const name of sent.keys()) {
      if (!PAGE_PARAMETERS.has(name)) return false;
      count += 1;
    }
    const variables = sent.get('variables');
    if (count !== (variables === null ? 2 : 3)) return false;
    const key = remember(keys, variables ?? '', () => {
      const parsed = variablesOf(variables ?? undefined);
      return parsed === NOT_JSON ? NOT_JSON : variablesKey(parsed);
    });
    if (key === NOT_JSON) return false;

    const viewer = knownKiosk(authorization);
    if (viewer?.kind !== 'kiosk') return false;
    const kept = boards.fresh(viewer.stationId, key);
    if (!kept) return false;

    const gzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
    const type = answerMediaType(request.headers.accept);
    const unchanged = notModified(request.headers['if-none-match'], kept.etag);
    const body = unchanged ? undefined : gzip ? gzipped(kept) : kept.payload;
    // A 304 (the kiosk's browser has this board) carries no body, nor the body's own headers.
    const sending = remember(headerSets, `${type} ${gzip} ${body?.length ?? 304} ${kept.etag}`, () => ({
      ...headers,
      vary: 'Accept, Accept-Encoding',
      etag: kept.etag,
      'cache-control': BOARD_CACHE_CONTROL,
      ...(body
        ? {
            'content-type': `${type}; charset=utf-8`,
            ...(gzip ? { 'content-encoding': 'gzip' } : {}),
            'content-length': String(body.length),
          }
        : {}),
    }));
    response.writeHead(body ? 200 : 304, sending);
    response.end(body);
    answered?.((performance.now() - began) / 1000);
    return true;
  };
}

/**
 * Puts `front` before the server's own request listeners: fastify's, and socket.io's, which wraps
 * fastify's the same way. What the front leaves, and any failure of it, goes to them as before.
 */
export function answerFirst(server: Server, front: BoardFront, onError: (error: unknown) => void) {
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    try {
      if (front(request, response)) return;
    } catch (error) {
      onError(error);
      if (response.headersSent) return;
    }
    for (const listener of listeners) listener.call(server, request, response);
  });
}
