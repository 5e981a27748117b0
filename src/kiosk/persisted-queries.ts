import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { MercuriusContext, PersistedQueryProvider } from 'mercurius';
import { AppError, badInput, ErrorCode } from '../errors.js';
import { DEFAULT_LOCALE } from '../i18n/locale.js';
import { render } from '../i18n/render.js';
import { text } from '../i18n/text.js';

/**
 * The kiosk page's GraphQL documents, by operation name. The page holds only their SHA-256
 * (served as /kiosk/queries.js) and sends `{ "persisted": true, "query": "<hash>", "variables" }`;
 * a change here is a change of the page's requests, and the cost limit must still let it through
 * (tests/graphql/cost-limit.test.ts checks).
 */
const DOCUMENTS = {
  KioskBoard: `query KioskBoard($after: String) {
  stationBoard(first: 100, after: $after) {
    edges { distanceKm node {
      id title payFen payUnit hourlyFen startsAt endsAt address headcount filled
      olderFriendly publicWelfare instant region { code } skills { code }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`,
  KioskSkills: 'query KioskSkills { skills { code name category specialOperation accidentRisk } }',
  // The 培训 tab: open courses near the kiosk's station, soonest first (docs/training.md).
  KioskCourses: `query KioskCourses($after: String) {
  stationCourses(first: 100, after: $after) {
    edges { distanceKm node {
      id title subsidised subsidySource feeFen startsOn endsOn enrolBy hours seats seatsLeft address
      certificate targetLevel language skill { code name } region { code name } provider { name }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`,
};

export type KioskQueryName = keyof typeof DOCUMENTS;
export type PersistedQuery = { document: string; hash: string };

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Each of the kiosk's documents with its hash, worked out once at start. */
export const KIOSK_QUERIES = Object.fromEntries(
  Object.entries(DOCUMENTS).map(([name, document]) => [name, { document, hash: sha256(document) }]),
) as Record<KioskQueryName, PersistedQuery>;

const byHash = new Map(Object.values(KIOSK_QUERIES).map(({ hash, document }) => [hash, document]));

type SentQuery = { query?: unknown; persisted?: unknown };

/**
 * mercurius's `prepared` provider, over a Map rather than an object (a "hash" such as
 * `constructor` must find nothing), with errors that say what to do. Any other client may still
 * send a whole document.
 */
export const kioskQueryProvider: PersistedQueryProvider = {
  isPersistedQuery: (request) => (request as SentQuery).persisted === true,
  isPersistedQueryRetry: () => false,
  getHash: (request) => {
    const hash = (request as SentQuery).query;
    if (typeof hash === 'string' && hash !== '') return hash;
    // Said here, in the reader's language, rather than by mercurius's fixed notSupportedError.
    throw Object.assign(badInput('query', text('api:persistedNeedsHash')), { statusCode: 400 });
  },
  getQueryFromHash: async (hash) => {
    const document = byHash.get(hash);
    if (document) return document;
    // `persistedQuery` tells the page its list of hashes is older than the server's: it reloads.
    throw new AppError(ErrorCode.NOT_FOUND, text('api:unknownPersistedQuery', { hash }), {
      persistedQuery: hash,
    });
  },
  // Not reached (getHash refuses a missing hash in the reader's language); mercurius wants one.
  notSupportedError: render(text('api:persistedNeedsHash'), DEFAULT_LOCALE),
};

/** The ES module /kiosk/queries.js: each document's hash by its operation name. */
export function kioskQueriesModule(): string {
  const hashes = Object.fromEntries(Object.entries(KIOSK_QUERIES).map(([name, { hash }]) => [name, hash]));
  return `// Made by the server at start from src/kiosk/persisted-queries.ts: the SHA-256 of each GraphQL document.\nexport const QUERIES = ${JSON.stringify(hashes, null, 2)};\n`;
}

/** Whether a GraphQL request named a persisted query by its hash rather than sending a document. */
function sentByHash(request: FastifyRequest): boolean {
  const sent = (request.method === 'GET' ? request.query : request.body) as SentQuery | undefined;
  return sent?.persisted === true;
}

/**
 * A mercurius preParsing hook: a kiosk token runs only the kiosk page's own queries, so a token
 * read off a kiosk's screen or storage is no key to any other query (KIOSK_PERSISTED_QUERIES_ONLY).
 */
export async function onlyPersistedQueriesForKiosks(
  _schema: unknown,
  _source: unknown,
  context: MercuriusContext,
) {
  if (context.viewer?.kind === 'kiosk' && !sentByHash(context.request)) {
    throw new AppError(ErrorCode.FORBIDDEN, text('api:kioskOnlyOwnQueries'));
  }
}
