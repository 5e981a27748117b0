import { describe, expect, it } from 'vitest';
import { sharedReads } from '../../src/db/shared-reads.js';

type Row = { id: string; n: number };

/** A table of rows `r0`…`r2999` behind a read that records what each query asked for. */
function table() {
  const queries: string[][] = [];
  const read = async (ids: string[]): Promise<Row[]> => {
    queries.push(ids);
    // As PostgreSQL answers `id = any($1)`: in its own order, unknown ids absent.
    return ids
      .filter((id) => /^r\d+$/.test(id) && Number(id.slice(1)) < 3000)
      .map((id) => ({ id, n: Number(id.slice(1)) }))
      .reverse();
  };
  return { queries, reads: sharedReads(read, (row) => row.id) };
}

const ids = (rows: Row[]) => rows.map((row) => row.id);

describe('reads of rows by id shared across callers', () => {
  it('reads that start in one turn go as one query, each caller getting its own rows in its order', async () => {
    const { queries, reads } = table();
    const [a, b, c] = await Promise.all([
      reads(['r1', 'r2', 'r3']),
      reads(['r3', 'r9', 'nope']),
      reads(['r7']),
    ]);
    expect(queries).toEqual([['r1', 'r2', 'r3', 'r9', 'nope', 'r7']]);
    expect(ids(a)).toEqual(['r1', 'r2', 'r3']);
    expect(ids(b)).toEqual(['r3', 'r9']); // an id the table lacks is left out
    expect(ids(c)).toEqual(['r7']);
  });

  it('a read in a later turn is a query of its own; nothing is asked for an empty list', async () => {
    const { queries, reads } = table();
    expect(ids(await reads(['r1']))).toEqual(['r1']);
    expect(await reads([])).toEqual([]);
    const later = reads(['r2']);
    await new Promise((resolve) => setImmediate(resolve));
    const next = reads(['r4']);
    expect([ids(await later), ids(await next)]).toEqual([['r2'], ['r4']]);
    expect(queries).toEqual([['r1'], ['r2'], ['r4']]);
  });

  it('starts another query past 1,000 ids', async () => {
    const { queries, reads } = table();
    const first = Array.from({ length: 600 }, (_, i) => `r${i}`);
    const second = Array.from({ length: 400 }, (_, i) => `r${1000 + i}`);
    const third = ['r2000'];
    const [a, b, c] = await Promise.all([reads(first), reads(second), reads(third)]);
    expect(queries.map((q) => q.length)).toEqual([1000, 1]);
    expect([ids(a), ids(b), ids(c)]).toEqual([first, second, third]);
  });

  it('a failed query fails every caller of it, and the next read starts afresh', async () => {
    let fail = true;
    const reads = sharedReads(
      async (asked: string[]) => {
        if (fail) throw new Error('connection lost');
        return asked.map((id) => ({ id }));
      },
      (row) => row.id,
    );
    const results = await Promise.allSettled([reads(['a']), reads(['b'])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await reads(['c'])).toEqual([{ id: 'c' }]);
  });
});
