import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import type { SmsSuppression } from '../../db/schema/index.js';
import { outsideTransaction } from '../../db/tx-guard.js';
import { AppError, badInput, notFound } from '../../errors.js';
import type { Locale } from '../../i18n/locale.js';
import { type Text, text } from '../../i18n/text.js';
import { marketDay } from '../../time.js';
import type { GigRecord, GigsRepository } from '../gigs/gigs.repository.js';
import type { OfferRecord } from '../hiring/hiring.repository.js';
import type { HiringService } from '../hiring/hiring.service.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import type { WorkersRepository } from '../workers/workers.repository.js';
import { cut, hiredText, REFUSALS, SAY } from './sms.answers.js';
import type { SmsGateway } from './sms.gateway.js';
import { smsLocale } from './sms.locale.js';
import { countNoSms, type SmsMetrics } from './sms.metrics.js';
import type { SmsMessageRecord, SmsRepository, SmsWorker } from './sms.repository.js';
import {
  mainlandMobile,
  marketMinuteOfDay,
  payText,
  placeOf,
  readReply,
  type SmsContent,
  smsMessage,
  timeWindow,
} from './sms.text.js';

export type SmsSettings = {
  signName: string;
  /** Minutes after midnight, Asia/Shanghai: offers are not texted from `start` until `end`. */
  quietHours: { start: number; end: number };
  /** Offer SMS per worker per calendar day (Asia/Shanghai). */
  dailyCap: number;
};

/** What a reply came to: `outcome` in one word, and the answer texted back (null if none went). */
export type ReplyOutcome = {
  outcome: string;
  reply: string | null;
  offerId?: string;
  engagementId?: string;
};

const optedOut = (worker: SmsWorker) => worker.optedOutAt !== null && !worker.smsOffers;
/** Midnight in Asia/Shanghai of the day `at` falls in. */
const dayStart = (at: Date) => new Date(`${marketDay(at)}T00:00:00+08:00`);

/**
 * Offers by SMS (短信接活) for workers with feature phones. Offers of a wave are texted after the
 * wave commits (never inside it: the hiring transaction does not wait on a network); a reply 1 or
 * 2 answers the newest offer texted to the worker through the same hiring service as the
 * `acceptOffer` / `declineOffer` mutations, so every rule and refusal is the same; TD opts out.
 * Every message in or out is a row of `sms_messages`, and an offer keeps how its SMS went.
 */
export function createSmsService(deps: {
  db: Database;
  repository: SmsRepository;
  hiring: Pick<HiringService, 'acceptOffer' | 'declineOffer'>;
  gigs: Pick<GigsRepository, 'skillsOf'>;
  reference: Pick<ReferenceRepository, 'taxonomy' | 'regionTree'>;
  workers: Pick<WorkersRepository, 'erased'>;
  gateway: SmsGateway;
  clock: Clock;
  log: FastifyBaseLogger;
  settings: SmsSettings;
  /** Counts each message by what became of it (after its row is written). */
  metrics?: SmsMetrics;
}) {
  const { db, repository, gateway, clock, settings } = deps;
  const metrics = deps.metrics ?? countNoSms;
  const inFlight = new Set<Promise<unknown>>();
  /** A short answer to a worker, in the worker's language. */
  const notice = (worker: SmsWorker, said: Text) =>
    smsMessage(settings.signName, 'NOTICE', { notice: said }, smsLocale(worker, gateway));

  function quiet(at: Date): boolean {
    const { start, end } = settings.quietHours;
    const minute = marketMinuteOfDay(at);
    if (start === end) return false;
    return start < end ? minute >= start && minute < end : minute >= start || minute < end;
  }

  /** Hands a queued message to the gateway; a failure is recorded, never thrown. */
  async function deliver(message: SmsMessageRecord, sms: SmsContent): Promise<void> {
    try {
      const { providerMessageId } = await gateway.send(message.phone as string, sms);
      await repository.settle(message.id, { status: 'SENT', providerMessageId }, clock.now());
      metrics.message('OUT', 'SENT');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      deps.log.warn({ err: error, smsId: message.id, offerId: message.offerId }, 'SMS not sent');
      await repository.settle(message.id, { status: 'FAILED', error: cut(reason, 500) }, clock.now());
      metrics.message('OUT', 'FAILED');
    }
  }

  /**
   * The text of an offer, as the example in the issue: where, trade, when (Asia/Shanghai), pay,
   * distance, time to answer; in the language given.
   */
  async function offerTexts(gig: GigRecord) {
    const [skills, taxonomy, tree] = await Promise.all([
      deps.gigs.skillsOf([gig.id]),
      deps.reference.taxonomy(),
      deps.reference.regionTree(),
    ]);
    const first = skills[0]?.skillCode;
    const trade = taxonomy.find((s) => s.code === first)?.name ?? gig.title;
    const place = placeOf(gig.address, tree.name(gig.regionCode));
    return (offer: OfferRecord, locale: Locale) =>
      smsMessage(
        settings.signName,
        'OFFER',
        {
          place,
          trade,
          when: timeWindow(gig.startsAt, gig.endsAt, locale),
          pay: payText(gig.payFen, gig.payUnit),
          km: (offer.distanceKm ?? 0).toFixed(1),
          seconds: String(Math.round((offer.expiresAt.getTime() - offer.sentAt.getTime()) / 1000)),
        },
        locale,
      );
  }

  /** One offer's SMS: suppressed (no phone, quiet hours, the day's cap reached) or queued and sent. */
  async function textOffer(offer: OfferRecord, worker: SmsWorker, sms: SmsContent): Promise<void> {
    const now = clock.now();
    const message = await db.transaction(async (tx) => {
      // The cap's count and this row together, one worker at a time, on any node.
      await repository.lockWorker(worker.workerId, tx);
      // The worker's erasure holds this key from its start: one that went first has cleared the
      // numbers and texts of their messages, and this one (read before it) is written nowhere.
      if (await deps.workers.erased(worker.workerId, tx)) return null;
      let reason: SmsSuppression | null = !worker.phone ? 'NO_PHONE' : quiet(now) ? 'QUIET_HOURS' : null;
      if (
        !reason &&
        (await repository.offerTextsSince(worker.workerId, dayStart(now), tx)) >= settings.dailyCap
      ) {
        reason = 'DAILY_CAP';
      }
      const row = await repository.insert(
        {
          workerId: worker.workerId,
          phone: worker.phone,
          direction: 'OUT',
          body: sms.text,
          offerId: offer.id,
          status: reason ? 'SUPPRESSED' : 'QUEUED',
          reason,
          provider: gateway.provider,
          createdAt: now,
          updatedAt: now,
        },
        tx,
      );
      await repository.setOfferStatus(offer.id, reason ? `SUPPRESSED_${reason}` : 'QUEUED', tx);
      return row;
    });
    if (!message) return;
    if (message.status === 'QUEUED') await deliver(message, sms);
    else metrics.message('OUT', `SUPPRESSED_${message.reason}`);
  }

  async function textOffers(offers: OfferRecord[], gig: GigRecord): Promise<void> {
    const recipients = await repository.recipients(offers.map((o) => o.workerId));
    if (recipients.size === 0) return;
    const textOf = await offerTexts(gig);
    await Promise.all(
      offers.map((offer) => {
        const worker = recipients.get(offer.workerId);
        return worker ? textOffer(offer, worker, textOf(offer, smsLocale(worker, gateway))) : undefined;
      }),
    );
  }

  /** An answer to the worker's own message: neither quiet hours nor the cap apply; opting out does. */
  async function answer(
    worker: SmsWorker,
    sms: SmsContent,
    offerId: string | null = null,
  ): Promise<string | null> {
    const now = clock.now();
    const reason: SmsSuppression | null = !worker.phone ? 'NO_PHONE' : optedOut(worker) ? 'OPTED_OUT' : null;
    const message = await repository.insert(
      {
        workerId: worker.workerId,
        phone: worker.phone,
        direction: 'OUT',
        body: sms.text,
        offerId,
        status: reason ? 'SUPPRESSED' : 'QUEUED',
        reason,
        provider: gateway.provider,
        createdAt: now,
        updatedAt: now,
      },
      db,
    );
    if (reason) {
      metrics.message('OUT', `SUPPRESSED_${reason}`);
      return null;
    }
    await deliver(message, sms);
    return sms.text;
  }

  /** 1 or 2 on the offer, through the hiring service as the worker themself. */
  async function respond(worker: SmsWorker, offerId: string, accept: boolean): Promise<ReplyOutcome> {
    try {
      if (accept) {
        const engagement = await deps.hiring.acceptOffer(worker.workerId, offerId);
        const locale = smsLocale(worker, gateway);
        const reply = await answer(worker, hiredText(settings.signName, engagement, locale), offerId);
        return { outcome: 'HIRED', reply, offerId, engagementId: engagement.id };
      }
      await deps.hiring.declineOffer(worker.workerId, offerId);
      return {
        outcome: 'DECLINED',
        reply: await answer(worker, notice(worker, SAY.declined), offerId),
        offerId,
      };
    } catch (error) {
      if (!(error instanceof AppError)) {
        deps.log.error({ err: error, offerId }, 'an SMS reply to an offer failed');
        return { outcome: 'ERROR', reply: await answer(worker, notice(worker, SAY.busy), offerId), offerId };
      }
      const said = REFUSALS[error.code] ?? SAY.cannot;
      return { outcome: error.code, reply: await answer(worker, notice(worker, said), offerId), offerId };
    }
  }

  function track(work: Promise<unknown>): void {
    const run = work.catch((error: unknown) => {
      deps.log.error({ err: error }, 'offer SMS failed');
    });
    inFlight.add(run);
    void run.finally(() => inFlight.delete(run));
  }

  return {
    gateway,

    /** Offers just committed (a wave or a backfill): texted to those who chose SMS, in the background. */
    offersSent(offers: readonly OfferRecord[], gig: GigRecord): void {
      // A crew offer is answered in the app, naming the members who go; it is not texted.
      const solo = offers.filter((o) => !o.crewId);
      // Started as the wave's next chunk's transaction runs (wave-rest.ts pushes the committed
      // chunk from inside it), which never waits for it: out of that transaction's mark.
      if (solo.length > 0) track(outsideTransaction(() => textOffers(solo, gig)));
    },

    /**
     * A notice the worker should also have by SMS (a certificate about to expire), in their
     * language: sent to a worker with a phone on the account who has not opted out (TD), whether or
     * not they take offers by SMS; it is no offer, so the offers' quiet hours and cap do not apply.
     */
    async notice(workerId: string, said: Text): Promise<void> {
      const worker = await repository.workerById(workerId);
      if (worker) await answer(worker, notice(worker, said));
    },

    /** Waits for offer texts still going out (shutdown, tests). */
    async drain(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },

    /** A text from a phone: 1 accepts, 2 declines, TD opts out; anything else is answered with how to reply. */
    async reply(from: { phone: string; text: string }): Promise<ReplyOutcome> {
      const now = clock.now();
      const phone = mainlandMobile(from.phone);
      const worker = phone ? await repository.workerByPhone(phone) : undefined;
      const command = readReply(from.text);
      const acting = worker?.smsOffers && (command === 'ACCEPT' || command === 'DECLINE');
      const target = acting && worker ? await repository.replyTarget(worker.workerId, now) : undefined;
      await repository.insert(
        {
          workerId: worker?.workerId ?? null,
          phone: phone ?? cut(from.phone, 32),
          direction: 'IN',
          body: cut(from.text, 500),
          offerId: target?.id ?? null,
          status: 'RECEIVED',
          provider: gateway.provider,
          createdAt: now,
          updatedAt: now,
        },
        db,
      );
      metrics.message('IN', 'RECEIVED');
      if (!worker) return { outcome: 'UNKNOWN_NUMBER', reply: null };
      if (command === 'OPT_OUT') {
        // Confirmed once: a worker who had opted out already is not texted (the answer is kept back).
        await repository.optOut(worker.workerId, now);
        return { outcome: 'OPTED_OUT', reply: await answer(worker, notice(worker, SAY.optedOut)) };
      }
      const say = async (outcome: string, said: Text) => ({
        outcome,
        reply: await answer(worker, notice(worker, said)),
      });
      if (optedOut(worker)) return say('OPTED_OUT', SAY.help);
      if (!worker.smsOffers) return say('SMS_OFF', SAY.smsOff);
      if (command === 'UNKNOWN') return say('HELP', SAY.help);
      if (!target) return say('NO_PENDING_OFFER', SAY.nothingPending);
      return respond(worker, target.id, command === 'ACCEPT');
    },

    /** The provider's delivery report of a message it took. */
    async deliveryReport(providerMessageId: string, ok: boolean, error: string | null): Promise<boolean> {
      const known = await repository.delivered(providerMessageId, ok, error, clock.now());
      if (known) metrics.message('OUT', ok ? 'DELIVERED' : 'FAILED');
      return known;
    },

    /** The worker, or an operator for a walk-in worker, chooses offers by SMS; it needs a phone. */
    async setSmsOffers(workerId: string, enabled: boolean, actedBy: string | null) {
      const worker = await repository.workerById(workerId);
      if (!worker) throw notFound('worker', workerId);
      if (enabled && !worker.phone) {
        throw badInput('enabled', text('sms:noMobile'));
      }
      const updated = await repository.setSmsOffers(workerId, enabled, clock.now());
      if (!updated) throw notFound('worker', workerId);
      deps.log.info({ workerId, enabled, actedBy }, 'offers by SMS set');
      return updated;
    },
  };
}

export type SmsService = ReturnType<typeof createSmsService>;
