import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../errors.js';
import type { LingongSocket } from '../../realtime/socket.js';
import type { AcceptReply } from './hiring.events.js';
import type { HiringService } from './hiring.service.js';

/**
 * The worker's socket side of hiring, registered on each connection: every offer still pending is
 * re-sent (socket.io delivers at most once; the rows are the inbox), and `offer:accept` with an
 * ack calls the same service as the `acceptOffer` mutation. It never throws: every accept is
 * answered on its ack.
 */
export function registerHiringSocket(
  socket: LingongSocket,
  deps: { hiring: Pick<HiringService, 'acceptOffer' | 'resendPending'>; log: FastifyBaseLogger },
): void {
  const { viewer } = socket.data;
  if (viewer.kind !== 'account' || !viewer.workerId) return;
  const workerId = viewer.workerId;
  deps.hiring.resendPending(workerId).catch((error: unknown) => {
    deps.log.warn({ err: error, workerId }, 'could not re-send pending offers');
  });
  // What arrives is whatever a phone sent (HiringClientEvents says what a good client sends), so
  // it is checked here rather than trusted through a type.
  socket.on('offer:accept', (payload: unknown, reply: unknown) => {
    const offerId =
      typeof payload === 'object' && payload !== null && 'offerId' in payload ? payload.offerId : null;
    if (typeof offerId !== 'string' || typeof reply !== 'function') return;
    const answer = (answer: AcceptReply) => reply(answer);
    deps.hiring.acceptOffer(workerId, offerId).then(
      (engagement) => answer({ ok: true, data: { engagementId: engagement.id } }),
      (error: unknown) =>
        answer(
          error instanceof AppError
            ? { ok: false, error: { code: error.code, message: error.message } }
            : {
                ok: false,
                error: { code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong; try again.' },
              },
        ),
    );
  });
}
