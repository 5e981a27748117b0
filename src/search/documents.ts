/** The ids asked for that were not found: the documents to take out of the index. */
export function missingIds(asked: readonly string[], found: readonly string[]): string[] {
  const kept = new Set(found);
  return asked.filter((id) => !kept.has(id));
}
