import type { IResolvers } from 'mercurius';
import { badInput, createProblems } from '../errors.js';
import { text } from '../i18n/text.js';
import { multiLineProblem, singleLineProblem } from '../text/single-line.js';

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
 * The mutation arguments that are free text of several lines (prose a person writes); every other
 * text a mutation takes is one line: a name, a title, an address, a label, a short reason.
 */
const MULTI_LINE = new Set([
  'postGig:input.description',
  'openDispute:reason',
  'mediateDispute:note',
  'addDisputeNote:note',
  'resolveDispute:resolution',
  'resolveArrears:resolution',
  'rate:comment',
]);

/** Secrets are compared, never shown: whatever their bytes, they cannot forge a line anyone reads. */
const SECRET = /(^|\.)(password|refreshToken)$/;

/** Every text in `value` with its field path (`input.title`, `memberIds[2]`). */
function* textsOf(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value))
    for (const [i, item] of value.entries()) yield* textsOf(item, `${path}[${i}]`);
  else if (value && typeof value === 'object' && !(value instanceof Date))
    for (const [key, item] of Object.entries(value)) yield* textsOf(item, `${path}.${key}`);
}

/**
 * Line breaks, direction controls and invisibles (src/text/single-line.ts) in what a mutation
 * stores, refused at the edge for every field at once (the modules' validations check their own
 * fields again, for callers that are not GraphQL): a forged line in a title or a name would read
 * as a term of a contract both sides sign. Each field is named; nothing runs.
 */
function refuseHiddenText(mutation: string, args: Record<string, unknown>): void {
  const problems = createProblems();
  for (const [arg, value] of Object.entries(args ?? {})) {
    for (const [path, written] of textsOf(value, arg)) {
      if (SECRET.test(path)) continue;
      const problem = MULTI_LINE.has(`${mutation}:${path}`)
        ? multiLineProblem(path, written)
        : singleLineProblem(path, written);
      if (problem) problems.add(path, problem);
    }
  }
  problems.throwIfAny();
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
            throw badInput(at, text('api:unstorable', { field: at }));
          }
        }
        if (type === 'Mutation') refuseHiddenText(name, args);
        return resolve.call(this, root, args, ...rest);
      };
    }
  }
  return resolvers;
}
