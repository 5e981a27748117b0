import type { FastifyInstance } from 'fastify';

/**
 * Runs `task` every `ms` on this node, never two at once (a slow round skips the next tick), and
 * stops before the app closes, waiting for a round in progress. A failed round is logged and the
 * next one tries again: the clock-driven work it does is all conditional updates and claimed rows.
 */
export function repeatEvery(
  fastify: FastifyInstance,
  ms: number,
  what: string,
  task: () => Promise<unknown>,
) {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = task()
      .catch((error: unknown) => fastify.log.warn({ err: error }, `${what} failed; will retry`))
      .finally(() => {
        running = undefined;
      });
  }, ms);
  timer.unref();
  fastify.addHook('preClose', async () => {
    clearInterval(timer);
    await running;
  });
}
