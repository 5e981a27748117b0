import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ExecutionResult, FormattedExecutionResult, GraphQLError, GraphQLFormattedError } from 'graphql';
import { badInput, ErrorCode } from '../errors.js';
import { text } from '../i18n/text.js';

/**
 * GraphQL over HTTP (graphql.github.io/graphql-over-http), where stock mercurius differs from it:
 * the answer's media type follows Accept, a null `extensions` means none, a parameter of the
 * wrong type is refused, and the status code follows the media type.
 * tests/graphql/http-audit.test.ts runs graphql-http's audit against it.
 */
export const GRAPHQL_RESPONSE = 'application/graphql-response+json';
type MediaType = typeof GRAPHQL_RESPONSE | 'application/json';

/**
 * application/graphql-response+json when the client asks for it at least as much as for JSON;
 * application/json otherwise (no Accept, `*\/*`, every client written before the spec).
 */
export function answerMediaType(accept: string | undefined): MediaType {
  let graphql = 0;
  let json = 0;
  for (const range of (accept ?? '').split(',')) {
    const [type, ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    const q = parameters.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2)) || 0;
    if (type === GRAPHQL_RESPONSE) graphql = Math.max(graphql, weight);
    else if (type === 'application/json' || type === 'application/*' || type === '*/*')
      json = Math.max(json, weight);
  }
  return graphql > 0 && graphql >= json ? GRAPHQL_RESPONSE : 'application/json';
}

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What each parameter of a POST body may be, as the spec has it (null: left out). */
const PARAMETERS: Record<string, { is: (value: unknown) => boolean; expected: 'string' | 'object' }> = {
  query: { is: (value) => value === undefined || typeof value === 'string', expected: 'string' },
  operationName: { is: (value) => value == null || typeof value === 'string', expected: 'string' },
  variables: { is: (value) => value == null || isMap(value), expected: 'object' },
  extensions: { is: (value) => value == null || isMap(value), expected: 'object' },
};

/**
 * A route hook (preValidation), before fastify's schema would turn `"query": 0` into "0": a
 * parameter of the wrong type is refused (400), and `"extensions": null` means none (mercurius's
 * schema wants an object there).
 */
export async function checkParameters(request: FastifyRequest) {
  const body = request.body;
  if (request.method !== 'POST' || !isMap(body)) return;
  for (const [name, { is, expected }] of Object.entries(PARAMETERS)) {
    if (!is(body[name])) {
      const message = text('api:parameterType', { name, expected: text(`api:expected.${expected}`) });
      throw Object.assign(badInput(name, message), { statusCode: 400 });
    }
  }
  if (body.extensions === null) delete body.extensions;
}

/** A route hook (onSend): the negotiated media type on every JSON answer of /graphql, errors too. */
export async function answerContentType(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const vary = reply.getHeader('vary');
  const varies = /(^|,)\s*(accept|\*)\s*(,|$)/i.test(String(vary ?? ''));
  if (!varies) reply.header('vary', vary ? `${vary}, Accept` : 'Accept');
  const type = reply.getHeader('content-type');
  if (
    typeof type === 'string' &&
    type.startsWith('application/json') &&
    answerMediaType(request.headers.accept) === GRAPHQL_RESPONSE
  ) {
    reply.header('content-type', `${GRAPHQL_RESPONSE}; charset=utf-8`);
  }
  return payload;
}

/**
 * Whether an error is about the document or its variables (syntax, validation, a limit, a
 * variable's type) rather than the HTTP request, an access rule or a fault. mercurius wraps
 * parse and validation errors in one whose `errors` are GraphQLErrors; a validation rule that
 * throws, and a scalar refusing a variable, leave no original error or a TypeError.
 */
function isDocumentError(error: GraphQLError): boolean {
  const original = error.originalError as (Error & { errors?: unknown }) | undefined;
  if (Array.isArray(original?.errors)) {
    return original.errors.every((e) => (e as Error | undefined)?.name === 'GraphQLError');
  }
  return original === undefined || original.name === 'GraphQLError' || original instanceof TypeError;
}

const STATUS_OF_CODE: Partial<Record<string, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.ACCOUNT_SUSPENDED]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.INTERNAL_SERVER_ERROR]: 500,
};

/**
 * The status and body of an answer with errors. Once execution ran (`data` is there, maybe null
 * after a field's error) it is mercurius's own (200). Before it, with application/json: 200 for
 * a document the client got wrong (the spec's SHOULD, for clients that only read the body), and
 * mercurius's status for a malformed request (400), a GET mutation (405) or a hook's refusal.
 * With application/graphql-response+json: no `data`, and a 4xx or 5xx status always.
 */
export function graphqlAnswer(
  execution: ExecutionResult,
  errors: GraphQLFormattedError[] | undefined,
  { status, accept }: { status: number; accept: string | undefined },
): { statusCode: number; response: FormattedExecutionResult } {
  if (execution.data !== undefined) return { statusCode: status, response: { data: execution.data, errors } };
  const documentError = (execution.errors ?? []).every(isDocumentError);
  if (answerMediaType(accept) === 'application/json') {
    return { statusCode: documentError ? 200 : status, response: { data: null, errors } };
  }
  const code = errors?.[0]?.extensions?.code as string | undefined;
  const statusCode = status >= 400 ? status : documentError ? 400 : (STATUS_OF_CODE[code ?? ''] ?? 400);
  return { statusCode, response: { errors } };
}
