import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { GraphQLResponse, TestApp } from './app.js';

/** How many times each button is pressed at once: a double tap, a retry, a second device. */
export const TAPS = 6;

/** `times` copies of one request, all sent before any is answered. */
export function burst<T = Record<string, unknown>>(
  times: number,
  send: () => Promise<GraphQLResponse<T>>,
): Promise<GraphQLResponse<T>[]> {
  return Promise.all(Array.from({ length: times }, () => send()));
}

/** Each answer in one word: OK, or the refusal's code (and its field, for bad input). */
export function outcomes(answers: readonly GraphQLResponse[]): string[] {
  return answers.map((answer) => {
    const error = answer.errors?.[0];
    if (!error) return 'OK';
    const code = error.extensions?.code ?? 'NO_CODE';
    return code === 'BAD_USER_INPUT' ? `${code}:${error.extensions?.field ?? '?'}` : code;
  });
}

/**
 * Every answer is the result or a named refusal: never INTERNAL_SERVER_ERROR, never a refusal
 * without a code, a bad input always names its field and says so in Chinese.
 */
export function expectAnswered(answers: readonly GraphQLResponse[]): string[] {
  const said = outcomes(answers);
  expect(said.filter((o) => o === 'INTERNAL_SERVER_ERROR' || o === 'NO_CODE' || o.endsWith(':?'))).toEqual(
    [],
  );
  for (const answer of answers) {
    for (const error of answer.errors ?? []) expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  }
  return said;
}

/** One number from a query (`select count(*) as n …`). */
export async function count(t: TestApp, query: ReturnType<typeof sql>): Promise<number> {
  const [row] = (await t.app.db.execute(query)) as unknown as { n: number | string }[];
  return Number(row?.n ?? 0);
}

/** The one row a query finds (a test's own hire, gig …). */
export async function one<T>(t: TestApp, query: ReturnType<typeof sql>): Promise<T> {
  const [row] = (await t.app.db.execute(query)) as unknown as T[];
  if (!row) throw new Error('no row');
  return row;
}

export { sql };
