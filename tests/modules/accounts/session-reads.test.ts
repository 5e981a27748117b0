import { describe, expect, it } from 'vitest';
import type { SessionState } from '../../../src/modules/accounts/sessions.repository.js';
import { createStateReads } from '../../../src/modules/accounts/sessions.service.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const live = (accountId: string): SessionState => ({
  accountId,
  endedAt: null,
  endReason: null,
  sessionVersion: 0,
  accountVersion: 0,
  deletedAt: null,
  suspendedAt: null,
});

/** A fake table of sessions whose reads are counted and held until released. */
function table() {
  const rows = new Map<string, SessionState>();
  const reads: string[][] = [];
  const held: (() => void)[] = [];
  const read = async (ids: readonly string[]) => {
    reads.push([...ids]);
    // As a statement sees the table as it was when it began.
    const seen = new Map(
      ids.flatMap((i) => (rows.has(i) ? [[i, rows.get(i) as SessionState] as const] : [])),
    );
    await new Promise<void>((resolve) => held.push(resolve));
    return seen;
  };
  const release = async () => {
    while (held.length === 0) await new Promise((resolve) => setImmediate(resolve));
    held.shift()?.();
  };
  return { rows, reads, read, release };
}

describe('session reads (sessions.service.ts createStateReads)', () => {
  it('reads the checks of one turn of the loop together, in one query', async () => {
    const t = table();
    for (let n = 1; n <= 40; n++) t.rows.set(id(n), live(`a${n}`));
    const reads = createStateReads(t.read);
    const states = Array.from({ length: 40 }, (_, n) => reads.state(id(n + 1)));
    await t.release();
    const answers = await Promise.all(states);
    expect(t.reads).toHaveLength(1);
    expect(answers.map((s) => s?.accountId)).toEqual(Array.from({ length: 40 }, (_, n) => `a${n + 1}`));
  });

  it('a check that arrives while a read is under way goes in a later read: it sees an ending made meanwhile', async () => {
    const t = table();
    t.rows.set(id(1), live('a1'));
    const reads = createStateReads(t.read);
    const first = reads.state(id(1));
    while (t.reads.length === 0) await new Promise((resolve) => setImmediate(resolve));
    // The session ends while the first read is out; a check that starts now must see it.
    t.rows.set(id(1), { ...live('a1'), endedAt: new Date(), endReason: 'SIGNED_OUT' });
    const second = reads.state(id(1));
    await t.release();
    expect((await first)?.endedAt).toBeNull();
    await t.release();
    expect((await second)?.endReason).toBe('SIGNED_OUT');
    expect(t.reads).toHaveLength(2);
  });

  it('sends a later read while one is under way, up to three at once, and reads what waited once one is back', async () => {
    const t = table();
    for (let n = 1; n <= 5; n++) t.rows.set(id(n), live(`a${n}`));
    const reads = createStateReads(t.read);
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    const states = [reads.state(id(1))];
    await turn();
    // Each check of a later turn is read at once, without waiting for the reads already out…
    states.push(reads.state(id(2)));
    await turn();
    states.push(reads.state(id(3)));
    await turn();
    expect(t.reads).toEqual([[id(1)], [id(2)], [id(3)]]);
    // …but no more than three are out: these two wait, together, for one to come back.
    states.push(reads.state(id(4)), reads.state(id(5)));
    await turn();
    await turn();
    expect(t.reads).toHaveLength(3);
    await t.release();
    while (t.reads.length < 4) await turn();
    expect(t.reads[3]).toEqual([id(4), id(5)]);
    for (let n = 0; n < 3; n++) await t.release();
    expect((await Promise.all(states)).map((s) => s?.accountId)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
  });

  it('answers an id that is no session id without reading, and a failed read fails its checks', async () => {
    const failing = createStateReads(async () => {
      throw new Error('database down');
    });
    await expect(failing.state('not-a-uuid')).resolves.toBeUndefined();
    await expect(failing.state(id(7))).rejects.toThrow('database down');
    // The next check reads again.
    await expect(failing.state(id(8))).rejects.toThrow('database down');
  });
});
