import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';

import { toShanghaiIso } from '../time.js';

export { toShanghaiIso };

/**
 * Accepts any RFC 3339 date-time (graphql-scalars validates it) and answers in Asia/Shanghai, the
 * market's time zone, so a client shows what it gets without converting.
 */
export const DateTime = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An ISO-8601 instant with offset; answers are in Asia/Shanghai (+08:00).',
  serialize(value) {
    const at = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(at.getTime())) throw new TypeError(`DateTime cannot represent ${String(value)}`);
    return toShanghaiIso(at);
  },
  parseValue: (value) => DateTimeResolver.parseValue(value),
  parseLiteral: (ast, variables) => DateTimeResolver.parseLiteral(ast, variables),
});
