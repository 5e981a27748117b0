type Answer<T> = { data?: T | null; errors?: unknown };

/** Like Promise.all, but settles every call before failing: none may land during the next test. */
export async function all<T extends readonly unknown[]>(
  calls: [...{ [K in keyof T]: Promise<T[K]> }],
): Promise<T> {
  const settled = await Promise.allSettled(calls);
  for (const s of settled) if (s.status === 'rejected') throw s.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** The data of an answer, or an error saying which call failed and why. */
export async function must<T>(what: string, answer: Promise<Answer<T>>): Promise<T> {
  const { data, errors } = await answer;
  if (!data) throw new Error(`${what} failed: ${JSON.stringify(errors)}`);
  return data;
}
