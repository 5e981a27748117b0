/**
 * Waits for statements sent together in one transaction (postgres.js pipelines them: one round
 * trip) and throws the first failure in the order they were sent: once one statement fails, the
 * ones after it fail only because the transaction is aborted, which says nothing.
 */
export async function pipelined<T extends readonly unknown[]>(
  statements: {
    readonly [K in keyof T]: Promise<T[K]>;
  },
): Promise<T> {
  const settled = await Promise.allSettled(statements);
  for (const outcome of settled) if (outcome.status === 'rejected') throw outcome.reason;
  // Every outcome is fulfilled here, in the order sent, so the values are T element for element;
  // map cannot carry a tuple's element types through.
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
