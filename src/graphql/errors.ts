import type { FastifyBaseLogger } from 'fastify';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { databaseUnavailable } from '../db/errors.js';
import { AppError, bodyTooLarge, ErrorCode } from '../errors.js';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.js';
import { render } from '../i18n/render.js';
import { text } from '../i18n/text.js';

/**
 * Whether an error that never reached a resolver is the client's: a syntax or validation error
 * (no original error, or a GraphQLError), a scalar refusing a variable (scalars throw
 * TypeError), or the HTTP layer refusing the request with a 4xx status (a body that is not JSON,
 * an unknown persisted query format). Anything else thrown before or after the resolvers (a
 * hook's database error) is ours, and its message may hold SQL or data: it is hidden like a
 * resolver's fault.
 */
function isClientMistake(original: Error | undefined): boolean {
  if (original === undefined || original.name === 'GraphQLError' || original instanceof TypeError)
    return true;
  const { statusCode } = original as { statusCode?: unknown };
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500;
}

/**
 * graphql-js's suggestions ("Did you mean \"createSession\"?", "Did you mean the enum value …?",
 * "Did you mean to use an inline fragment on …?"): each names fields, arguments, types or values
 * of the schema, so a few misspelt guesses map a schema whose introspection is turned off. GraphQL
 * names never hold "?", so a suggestion ends at the first one.
 */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/** An error's message without its suggestions (graphql-armor's block-field-suggestion, for mercurius). */
export const withoutSuggestions = (message: string) => message.replace(SUGGESTION, '').trimEnd();

/**
 * Shapes the GraphQL errors of one answer for the client. Our own errors keep their code, message
 * and details. An error without a path that is the client's mistake (see above) is
 * BAD_USER_INPUT. Anything else is a fault of ours: logged, and hidden. With `hideSuggestions`
 * (production), no message names a field, type or value the caller did not write.
 */
export function formatGraphQLErrors(
  errors: readonly GraphQLError[],
  log: FastifyBaseLogger,
  options: { hideSuggestions?: boolean; locale?: Locale } = {},
): GraphQLFormattedError[] {
  const locale = options.locale ?? DEFAULT_LOCALE;
  // mercurius wraps all validation errors of a query in one; unwrap them so each says what is wrong.
  const shaped = errors.flatMap((error) => {
    const inner = (error.originalError as { errors?: unknown } | undefined)?.errors;
    return Array.isArray(inner)
      ? (inner as GraphQLError[]).map((e) => formatGraphQLError(e, log, locale))
      : [formatGraphQLError(error, log, locale)];
  });
  return options.hideSuggestions
    ? shaped.map((error) => ({ ...error, message: withoutSuggestions(error.message) }))
    : shaped;
}

/** Our own error as a client reads it: its message in the client's language, its data in +08:00. */
const asClientSees = (
  error: AppError,
  base: Pick<GraphQLFormattedError, 'locations' | 'path'>,
  locale: Locale,
): GraphQLFormattedError => ({
  ...base,
  message: error.messageIn(locale),
  extensions: { code: error.code, ...error.detailsIn(locale) },
});

function formatGraphQLError(
  error: GraphQLError,
  log: FastifyBaseLogger,
  locale: Locale,
): GraphQLFormattedError {
  const original = error.originalError;
  const base = { locations: error.locations, path: error.path };
  const refused = bodyTooLarge(original);
  if (refused) return asClientSees(refused, base, locale);
  if (original instanceof AppError) return asClientSees(original, base, locale);
  if (!error.path && isClientMistake(original)) {
    // graphql-js's own words (a syntax or validation error) name the schema: they stay as written,
    // introduced in the client's language.
    return {
      ...base,
      message: render(text('common:clientMistake', { detail: error.message }), locale),
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    };
  }
  if (databaseUnavailable(original)) {
    // An outage, not a bug: one line per error, not a stack with the SQL.
    const reason = ((original?.cause as Error | undefined) ?? original)?.message;
    log.warn({ path: error.path, reason }, 'database unavailable');
    return {
      ...base,
      message: render(text('common:databaseUnavailable'), locale),
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
    };
  }
  log.error({ err: original ?? error, path: error.path }, 'resolver failed');
  return {
    ...base,
    message: render(text('common:internal'), locale),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
