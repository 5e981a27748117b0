/** Ids one shared read asks for, at most; past it, a new read starts. */
const MAX_IDS = 1_000;

type Pending<T> = { ids: Set<string>; rows: Promise<Map<string, T>> };

/**
 * Reads of rows by id that start in the same turn of the event loop, from any requests, go to
 * PostgreSQL as one query, and each caller gets its own rows back, in the order it asked. For
 * reads whose answer does not depend on who asks (public rows, no viewer in the query): on a
 * busy node, searches finish at Meilisearch several to a turn, and each would otherwise pay a
 * round trip and the statement's fixed cost in PostgreSQL for twenty rows.
 *
 * A read waits at most for the rest of the turn it started in (setImmediate). Should the query
 * fail, every caller of that read gets the error. An id the table does not have is left out.
 */
export function sharedReads<T>(
  read: (ids: string[]) => Promise<T[]>,
  idOf: (row: T) => string,
): (ids: readonly string[]) => Promise<T[]> {
  let pending: Pending<T> | undefined;

  function start(): Pending<T> {
    const ids = new Set<string>();
    const rows = new Promise<Map<string, T>>((resolve, reject) => {
      setImmediate(() => {
        if (pending?.ids === ids) pending = undefined;
        read([...ids]).then((found) => resolve(new Map(found.map((row) => [idOf(row), row]))), reject);
      });
    });
    return { ids, rows };
  }

  return async (ids) => {
    if (ids.length === 0) return [];
    if (!pending || pending.ids.size + ids.length > MAX_IDS) pending = start();
    for (const id of ids) pending.ids.add(id);
    const rows = await pending.rows;
    return ids.flatMap((id) => {
      const row = rows.get(id);
      return row === undefined ? [] : [row];
    });
  };
}
