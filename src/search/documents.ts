/** Rows by a key, each group in the rows' order: one pass, for builders of thousands of documents. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/** The ids asked for that were not found: the documents to take out of the index. */
export function missingIds(asked: readonly string[], found: readonly string[]): string[] {
  const kept = new Set(found);
  return asked.filter((id) => !kept.has(id));
}
