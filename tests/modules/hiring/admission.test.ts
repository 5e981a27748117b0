import { describe, expect, it } from 'vitest';
import { createAdmission, type Settled } from '../../../src/modules/hiring/admission.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A decide that waits for `ready` (a transaction opening) before taking its batch. */
function gatedDecide() {
  const batches: string[][] = [];
  let open: () => void = () => {};
  let ready = new Promise<void>((resolve) => {
    open = resolve;
  });
  const decide = async (_gigId: string, take: () => string[]): Promise<Settled<string>[]> => {
    await ready;
    const items = take();
    expect(take()).toEqual(items); // taking again hands over the same batch
    batches.push(items);
    return items.map((item) => ({ ok: true, value: `hired ${item}` }));
  };
  return {
    decide,
    batches,
    release() {
      open();
      ready = Promise.resolve();
    },
  };
}

describe('admission of accepts', () => {
  it('lets the accepts that arrive while a batch gets ready join it, in arrival order', async () => {
    const gate = gatedDecide();
    const admission = createAdmission(() => Date.now(), gate.decide);
    const first = admission.batched('g1', 'a');
    await tick(); // the batch has started and waits for its transaction
    const later = ['b', 'c', 'd'].map((item) => admission.batched('g1', item));
    gate.release();
    expect(await Promise.all([first, ...later])).toEqual(['hired a', 'hired b', 'hired c', 'hired d']);
    expect(gate.batches).toEqual([['a', 'b', 'c', 'd']]);
  });

  it('answers every waiting accept with the error when a batch fails before taking any', async () => {
    let calls = 0;
    const admission = createAdmission<string, string>(
      () => Date.now(),
      async () => {
        calls += 1;
        throw new Error('the database is unreachable');
      },
    );
    const answers = await Promise.allSettled(['a', 'b', 'c'].map((item) => admission.batched('g1', item)));
    expect(answers.map((a) => a.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((answers[0] as PromiseRejectedResult).reason.message).toBe('the database is unreachable');
    expect(calls).toBe(1);
  });

  it('answers "no answer" for accepts a batch decided without taking, and goes on', async () => {
    let calls = 0;
    const admission = createAdmission<string, string>(
      () => Date.now(),
      async (_gigId, take) => {
        calls += 1;
        if (calls === 1) return [];
        return take().map((item) => ({ ok: true, value: item }));
      },
    );
    const first = admission.batched('g1', 'a');
    await expect(first).rejects.toThrow('an accept of the batch got no answer');
    expect(await admission.batched('g1', 'b')).toBe('b');
  });

  it('runs the work after a crowd once its accepts are answered, and at most 3 s after it was asked', async () => {
    const gate = gatedDecide();
    const admission = createAdmission(() => Date.now(), gate.decide);
    const ran: string[] = [];
    const first = admission.batched('g1', 'a');
    const after = admission.afterCrowd('g1', ['a'], () => ran.push('closed pushed'));
    // The crowd is still waiting for its batch: nothing runs, however long it waits.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ran).toEqual([]);
    gate.release();
    expect(await first).toBe('hired a');
    await after;
    expect(ran).toEqual(['closed pushed']);

    // A crowd that is never answered (its batch stuck) does not hold the work back past 3 s.
    const stuck = gatedDecide();
    const busy = createAdmission(() => Date.now(), stuck.decide);
    const waiting = busy.batched('g2', 'x');
    const started = performance.now();
    await busy.afterCrowd('g2', ['x'], () => {});
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(2_990);
    expect(waited).toBeLessThan(5_000);
    stuck.release();
    await waiting;
  });

  it('runs the work after a crowd once every offer it names is answered, though accepts keep coming', async () => {
    const admission = createAdmission(
      () => Date.now(),
      async (_gigId, take: () => string[]) => take().map((item) => ({ ok: true as const, value: item })),
    );
    const ran: number[] = [];
    let arriving = 0;
    // Accepts of other offers of the gig every 2 ms, so the crowd never falls quiet.
    const others: Promise<string>[] = [];
    const crowd = setInterval(() => others.push(admission.batched('g1', `other ${arriving++}`)), 2);
    const after = admission.afterCrowd('g1', ['a', 'b'], () => ran.push(arriving));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ran).toEqual([]);
    await Promise.all([admission.batched('g1', 'a'), admission.batched('g1', 'b')]);
    await after;
    const stoppedAt = arriving;
    clearInterval(crowd);
    await Promise.all(others);
    // It ran while the others still arrived, long before the 3 s cap.
    expect(ran).toHaveLength(1);
    expect(stoppedAt).toBeLessThan(1_000);
  });

  it('refuses without a read only offers withdrawn after the fill, or pending at it for accepts under way before its commit', () => {
    const admission = createAdmission(
      () => Date.now(),
      async () => [],
    );
    const gig = { id: 'g1', filled: 2, headcount: 2 } as Parameters<typeof admission.markFull>[0];
    expect(admission.withdrawnAtFill('g1', 'o1', 0)).toBe(false); // not seen full
    admission.markFull(gig, ['o1', 'o2'], 100);
    // On its way before the fill's COMMIT went out: answered as of that commit, when o1 held no hire.
    expect(admission.withdrawnAtFill('g1', 'o1', 99)).toBe(true);
    expect(admission.withdrawnAtFill('g1', 'o1', 100)).toBe(true);
    // Later, a seat freed meanwhile could have hired it: not until it is withdrawn.
    expect(admission.withdrawnAtFill('g1', 'o1', 101)).toBe(false);
    expect(admission.withdrawnAtFill('g1', 'o1')).toBe(false);
    expect(admission.withdrawnAtFill('g1', 'o3', 50)).toBe(false); // not pending at the fill
    admission.markWithdrawn('g1', ['o1']);
    expect(admission.withdrawnAtFill('g1', 'o1', 500)).toBe(true);
    expect(admission.withdrawnAtFill('g1', 'o2', 500)).toBe(false);
  });
});
