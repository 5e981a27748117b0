import type { FastifyBaseLogger } from 'fastify';
import { databaseUnavailable } from '../../db/errors.js';
import { AppError, ErrorCode, requireUuid } from '../../errors.js';
import type { Locale } from '../../i18n/locale.js';
import { render } from '../../i18n/render.js';
import { text } from '../../i18n/text.js';
import type { LingongSocket } from '../../realtime/socket.js';
import type { AcceptReply } from './hiring.events.js';
import type { HiringService } from './hiring.service.js';

/** The guards every door to the market shares, handed to socket handlers by the sockets plugin. */
export type SocketGuards = {
  log: FastifyBaseLogger;
  /**
   * Counts changes against the caller's minute, the same counter as GraphQL mutations
   * (`account:<id>`); throws RATE_LIMITED past MUTATION_RATE_LIMIT.
   */
  limitMutations: (caller: string, mutations: number) => void;
};

/**
 * What a refusal tells the phone: the same code and message as the `acceptOffer` mutation would
 * (src/graphql/errors.ts): our own errors as they are, an outage as SERVICE_UNAVAILABLE, anything
 * else logged and hidden.
 */
export function socketRefusal(
  error: unknown,
  log: FastifyBaseLogger,
  event: string,
  locale: Locale,
): Extract<AcceptReply, { ok: false }> {
  if (error instanceof AppError)
    return {
      ok: false,
      error: { code: error.code, message: error.messageIn(locale), ...error.detailsIn(locale) },
    };
  if (databaseUnavailable(error)) {
    log.warn(
      { event, reason: error instanceof Error ? error.message : String(error) },
      'database unavailable',
    );
    return {
      ok: false,
      error: {
        code: ErrorCode.SERVICE_UNAVAILABLE,
        message: render(text('common:databaseUnavailable'), locale),
      },
    };
  }
  log.error({ err: error, event }, 'socket handler failed');
  return {
    ok: false,
    error: {
      code: ErrorCode.INTERNAL_SERVER_ERROR,
      message: render(text('common:internal'), locale),
    },
  };
}

/**
 * The worker's socket side of hiring, registered on each connection: every offer still pending is
 * re-sent (socket.io delivers at most once; the rows are the inbox), and `offer:accept` with an
 * ack goes through the same guards as the `acceptOffer` mutation (the account's mutation limit,
 * the offerId checked as an id) and calls the same service. It never throws: every accept is
 * answered on its ack.
 */
export function registerHiringSocket(
  socket: LingongSocket,
  deps: { hiring: Pick<HiringService, 'acceptOffer' | 'resendPending'> } & SocketGuards,
): void {
  const { viewer } = socket.data;
  if (viewer.kind !== 'account' || !viewer.workerId) return;
  const { workerId, accountId } = viewer;
  deps.hiring.resendPending(workerId).catch((error: unknown) => {
    deps.log.warn({ err: error, workerId }, 'could not re-send pending offers');
  });
  // What arrives is whatever a phone sent (HiringClientEvents says what a good client sends), so
  // it is checked here rather than trusted through a type.
  socket.on('offer:accept', (payload: unknown, reply: unknown) => {
    // Without an ack there is nobody to answer, and the accept is not run.
    if (typeof reply !== 'function') return;
    const checkedAt = performance.now();
    const arrival = { receivedAt: socket.data.eventAt ?? checkedAt, checkedAt };
    const answer = (answer: AcceptReply) => reply(answer);
    const accept = async () => {
      // Counted before anything else, like a mutation: a flood of bad accepts costs the same.
      deps.limitMutations(`account:${accountId}`, 1);
      const offerId =
        typeof payload === 'object' && payload !== null && 'offerId' in payload ? payload.offerId : null;
      if (typeof offerId !== 'string') {
        throw new AppError(ErrorCode.BAD_USER_INPUT, text('hiring:sendOfferId'), {
          field: 'offerId',
        });
      }
      return deps.hiring.acceptOffer(workerId, requireUuid('offerId', offerId), null, arrival);
    };
    accept().then(
      (engagement) => answer({ ok: true, data: { engagementId: engagement.id } }),
      (error: unknown) => answer(socketRefusal(error, deps.log, 'offer:accept', socket.data.locale)),
    );
  });
}
