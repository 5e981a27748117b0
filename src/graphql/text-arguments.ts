import type { IResolvers } from 'mercurius';
import { badInput } from '../errors.js';

/**
 * Text PostgreSQL cannot store: U+0000 in any text, and a lone UTF-16 surrogate (JSON may escape
 * one, "\udfff"; it is no character at all), which a jsonb column refuses.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is the character refused
const UNSTORABLE = /[\u0000\p{Surrogate}]/u;

/** Where in an argument a text is unstorable, as a field path (`input.skills[2]`); undefined if nowhere. */
function unstorableAt(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unstorableAt(item, `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) {
      const found = unstorableAt(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * GraphQL's String takes any UTF-16 string; PostgreSQL refuses a statement carrying text it cannot
 * store (a 500, and a write half made when an earlier statement went through). So every Query and
 * Mutation field refuses such text in its arguments, naming the field, before its resolver runs.
 */
export function refuseUnstorableText(resolvers: IResolvers): IResolvers {
  for (const type of ['Query', 'Mutation'] as const) {
    const fields = resolvers[type] as Record<string, unknown> | undefined;
    for (const [name, resolve] of Object.entries(fields ?? {})) {
      if (typeof resolve !== 'function' || !fields) continue;
      fields[name] = function guarded(
        this: unknown,
        root: unknown,
        args: Record<string, unknown>,
        ...rest: unknown[]
      ) {
        for (const [arg, value] of Object.entries(args ?? {})) {
          const at = unstorableAt(value, arg);
          if (at) {
            throw badInput(
              at,
              `${at} holds a character no text may contain (U+0000, or half of a UTF-16 surrogate pair): remove it.`,
            );
          }
        }
        return resolve.call(this, root, args, ...rest);
      };
    }
  }
  return resolvers;
}
