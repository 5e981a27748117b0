import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { LingongSocket } from './io.js';
import { repeatEvery } from './repeat.js';

type AcceptReply = { ok: true; engagementId: string } | { ok: false; code: string; message: string };

/**
 * Instant hire on each node: a timer that expires offers and sends due waves (the timers are rows
 * claimed with SKIP LOCKED, so any number of nodes may run it), and the worker's socket side: every
 * offer still pending is re-sent when a worker connects (socket.io delivers at most once; the rows
 * are the inbox), and `offer:accept` with an ack calls the same service as the `acceptOffer` mutation.
 */
export default fp(
  async (fastify, { config }: { config: Config }) => {
    const hiring = fastify.services.hiring;
    repeatEvery(fastify, config.offers.sweepMs, 'offer sweep', () => hiring.sweep());

    fastify.io.on('connection', (socket: LingongSocket) => {
      const { viewer } = socket.data;
      if (viewer.kind !== 'account' || !viewer.workerId) return;
      const workerId = viewer.workerId;
      hiring.resendPending(workerId).catch((error: unknown) => {
        fastify.log.warn({ err: error, workerId }, 'could not re-send pending offers');
      });
      const on = socket.on.bind(socket) as unknown as (
        event: string,
        listener: (payload: unknown, reply?: (answer: AcceptReply) => void) => void,
      ) => void;
      on('offer:accept', (payload, reply) => {
        const offerId = (payload as { offerId?: unknown } | null)?.offerId;
        if (typeof offerId !== 'string' || typeof reply !== 'function') return;
        hiring.acceptOffer(workerId, offerId).then(
          (engagement) => reply({ ok: true, engagementId: engagement.id }),
          (error: unknown) =>
            reply(
              error instanceof AppError
                ? { ok: false, code: error.code, message: error.message }
                : { ok: false, code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong; try again.' },
            ),
        );
      });
    });

    fastify.addHook('preClose', async () => {
      await hiring.drain();
    });
  },
  { name: 'instant-hire', dependencies: ['services', 'io'], fastify: '5.x' },
);
