import type { Clock } from '../../clock.js';
import type { Database, Executor } from '../../db/client.js';
import { AppError, createProblems, ErrorCode } from '../../errors.js';
import { text } from '../../i18n/text.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import type { WorkersRepository } from '../workers/workers.repository.js';
import type { WishesRepository, WishSource } from './wishes.repository.js';

/** At most this many trades on a worker's list of trades to learn. */
export const MAX_WISHES = 10;

type Problems = { add(field: string, message: ReturnType<typeof text>): void };

/**
 * Who says what the worker would learn: the worker (SELF), or a station operator for a walk-in of
 * their station (OPERATOR, recorded as the operator's account).
 */
export type WishesBy = { source: Extract<WishSource, 'SELF' | 'OPERATOR'>; accountId: string };

/**
 * Training wishes (培训意愿, docs/training.md "Training wishes and ordered training"): the trades a
 * worker would learn, said by the worker, asked by an operator, or at registration.
 */
export function createWishesService(deps: {
  db: Database;
  repository: WishesRepository;
  reference: Pick<ReferenceRepository, 'taxonomy'>;
  workers: Pick<WorkersRepository, 'erased'>;
  clock: Clock;
}) {
  const { db, repository, clock } = deps;

  /**
   * Adds every problem of a list of trades to `problems` under `field` (`field[i]` for one trade):
   * known trades, at most MAX_WISHES, none twice. Returns the list when it has none.
   */
  async function check(
    skillCodes: readonly string[],
    problems: Problems,
    field: string,
  ): Promise<string[] | null> {
    let found = false;
    const add: Problems['add'] = (at, message) => {
      found = true;
      problems.add(at, message);
    };
    if (skillCodes.length > MAX_WISHES) add(field, text('training:wishesCount', { max: MAX_WISHES }));
    const known = new Set((await deps.reference.taxonomy()).map((s) => s.code));
    skillCodes.forEach((code, i) => {
      if (!known.has(code)) add(`${field}[${i}]`, text('training:wishUnknown', { code }));
      else if (skillCodes.indexOf(code) !== i) add(`${field}[${i}]`, text('training:wishTwice', { code }));
    });
    return found ? null : [...skillCodes];
  }

  return {
    check,

    /** Replaces the worker's list (an empty list clears it); nothing changes on a problem. */
    async set(workerId: string, skillCodes: readonly string[], by: WishesBy) {
      const problems = createProblems();
      const codes = await check(skillCodes, problems, 'skillCodes');
      problems.throwIfAny();
      await db.transaction(async (tx) => {
        // Under the worker's wishes key, which their erasure holds from its start: an erased
        // person's wishes went with them; an operator naming the walk-in cannot write them again.
        await repository.lockWorker(workerId, tx);
        if (await deps.workers.erased(workerId, tx)) {
          throw new AppError(ErrorCode.NOT_FOUND, text('training:workerNotFound'));
        }
        await repository.replace(
          workerId,
          codes ?? [],
          { source: by.source, byAccountId: by.accountId, at: clock.now() },
          tx,
        );
      });
      return repository.ofWorkers([workerId]);
    },

    /** Writes the wishes a registration checked, in its transaction (REGISTRATION or OPERATOR). */
    record: (
      workerId: string,
      skillCodes: readonly string[],
      recorded: { source: WishSource; byAccountId: string | null; at: Date },
      tx: Executor,
    ) => repository.replace(workerId, skillCodes, recorded, tx),

    ofWorker: (workerId: string) => repository.ofWorkers([workerId]),
  };
}

export type WishesService = ReturnType<typeof createWishesService>;
