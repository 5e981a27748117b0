import type { createProblems } from '../errors.js';
import { text as message, type Text } from '../i18n/text.js';

/**
 * Characters that change how a text reads without being seen, or break it over lines: a field
 * with one of them can smuggle a forged line into a contract both sides sign (a title ending in
 * "\n应付金额：0.00 元"), or turn a line around (U+202E) so it says the opposite of what is stored.
 *
 * - line breaks: U+2028 and U+2029 (the C0/C1 ones, \n \r U+0085, are control characters below);
 * - control characters (C0, DEL and C1), \t included: no name, title or address holds one;
 * - direction controls: U+061C, U+200E/U+200F, U+202A–U+202E, U+2066–U+2069;
 * - invisibles with no place in a name or an address: U+200B zero-width space, U+2060–U+2064
 *   (word joiner, invisible operators), U+FEFF (a stray byte-order mark), U+FFF9–U+FFFB
 *   (interlinear annotation). The zero-width joiners U+200C/U+200D stay allowed: emoji
 *   sequences and some scripts need them, and they cannot move or break a line.
 */
const LINE_BREAK = /[\u2028\u2029]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
const DIRECTION = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const INVISIBLE = /[\u200b\u2060-\u2064\ufeff\ufff9-\ufffb]/u;

const ALL = new RegExp(
  `${LINE_BREAK.source}|${CONTROL.source}|${DIRECTION.source}|${INVISIBLE.source}`,
  'gu',
);

const codePoint = (char: string) =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** What the first refused character of `text` is, as a message, or undefined if none is. */
function refusedIn(text: string, multiline: boolean): Text | undefined {
  for (const match of text.matchAll(ALL)) {
    const char = match[0];
    if (multiline && char === '\n') continue;
    if (char === '\n' || char === '\r' || char === '\u0085' || LINE_BREAK.test(char))
      return message('api:found.lineBreak', { codePoint: codePoint(char) });
    if (char === '\t') return message('api:found.tab');
    if (CONTROL.test(char)) return message('api:found.control', { codePoint: codePoint(char) });
    if (DIRECTION.test(char)) return message('api:found.direction', { codePoint: codePoint(char) });
    return message('api:found.invisible', { codePoint: codePoint(char) });
  }
  return undefined;
}

/** Why `text` cannot stand as one line of a name, title, address or reason; undefined if it can. */
export function singleLineProblem(field: string, text: string): Text | undefined {
  const found = refusedIn(text, false);
  return found ? message('api:singleLine', { field, found }) : undefined;
}

/** Why `text` cannot stand as free text of several lines (a description); undefined if it can. */
export function multiLineProblem(field: string, text: string): Text | undefined {
  const found = refusedIn(text, true);
  return found ? message('api:multiLine', { field, found }) : undefined;
}

type Problems = Pick<ReturnType<typeof createProblems>, 'add'>;

/** Adds a problem for each of `fields` (name → text, absent texts skipped) that is not one line. */
export function checkSingleLine(problems: Problems, fields: Record<string, string | null | undefined>) {
  for (const [field, text] of Object.entries(fields)) {
    const problem = text == null ? undefined : singleLineProblem(field, text);
    if (problem) problems.add(field, problem);
  }
}

/** Adds a problem for each of `fields` that holds anything but visible text and line breaks. */
export function checkMultiLine(problems: Problems, fields: Record<string, string | null | undefined>) {
  for (const [field, text] of Object.entries(fields)) {
    const problem = text == null ? undefined : multiLineProblem(field, text);
    if (problem) problems.add(field, problem);
  }
}

/**
 * The text as one line whatever it holds: every refused character becomes U+FFFD (�), visibly
 * there, so a value stored before these checks can neither break a rendered line nor turn it.
 */
export const asOneLine = (text: string): string => text.replace(ALL, '\ufffd');
