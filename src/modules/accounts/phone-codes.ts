import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.js';
import type { Executor } from '../../db/client.js';
import type { PhoneCodeDelivery, PhoneCodePurpose } from '../../db/schema/index.js';
import { AppError, badInput, ErrorCode } from '../../errors.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import { render } from '../../i18n/render.js';
import { type Text, text } from '../../i18n/text.js';
import type { SmsGateway } from '../sms/sms.gateway.js';
import { type SmsContent, smsContent } from '../sms/sms.text.js';
import type { AccountsRepository } from './accounts.repository.js';
import type { PhoneCodeCounts, PhoneCodesRepository } from './phone-codes.repository.js';

export type PhoneCodeSettings = {
  ttlMinutes: number;
  maxTries: number;
  resendSeconds: number;
  /** Codes for one number from one client address. */
  perNumber: { hourly: number; daily: number };
  /** Codes for one number from all addresses, per day. */
  numberDailyCeiling: number;
  /**
   * Codes one client address asks for, all numbers together; and the wrong tries made on them in a
   * day past which it is sent no more (so a budget sized for a village does not buy more guesses).
   */
  perAddress: { hourly: number; daily: number; wrongDaily: number };
};

/** The answer to requestPhoneCode: the same words and times whether or not the number has an account. */
export type PhoneCodeSent = { message: Text; expiresAt: Date; retryAfter: Date };

/** A code checked right, not yet used: `use` spends it inside the transaction of what it allows. */
export type PhoneCodeProof = { id: string; phone: string; purpose: PhoneCodePurpose; field: string };

const CODE_SENT = text('accounts:codeSent');

/** What a code is for, as its SMS and a refusal name it. */
const purposeText = (purpose: PhoneCodePurpose) => text(`accounts:purpose.${purpose}`);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What is wrong with the form of a typed code (none, or not 6 digits), or null. */
export function codeShapeProblem(code: string | null | undefined, purpose: PhoneCodePurpose): Text | null {
  const typed = typedCode(code);
  if (typed === '') return text('accounts:codeMissing', { purpose: purposeText(purpose) });
  if (!/^[0-9]{6}$/.test(typed)) return text('accounts:codeShape');
  return null;
}

/** A code as typed, full-width digits and spaces forgiven. */
const typedCode = (code: string | null | undefined) => (code ?? '').normalize('NFKC').replace(/\s/g, '');

const tooMany = (message: Text, retryAt: number, now: Date) =>
  new AppError(ErrorCode.RATE_LIMITED, message, {
    retryAfterSeconds: Math.max(1, Math.ceil((retryAt - now.getTime()) / 1000)),
  });

/**
 * One-time codes sent to a phone through the SMS gateway: 6 digits, PHONE_CODE_TTL_MINUTES long,
 * single use, used up by PHONE_CODE_MAX_TRIES wrong tries, limited per number and client address,
 * kept in PostgreSQL as an HMAC with the server's secret (`key`) so they hold on every node. Every
 * request is a row whatever it sends (a code, a warning to an owner, nothing), so the limits and
 * the answers are the same whether or not a number has an account; texts go out after the answer,
 * so its timing says nothing either.
 */
export function createPhoneCodes(deps: {
  repository: PhoneCodesRepository;
  accounts: Pick<AccountsRepository, 'byPhone' | 'chosenLocales'>;
  gateway: SmsGateway;
  signName: string;
  clock: Clock;
  log: FastifyBaseLogger;
  settings: PhoneCodeSettings;
  /** A keyed hash (HMAC with the server's secret). */
  key: (value: string) => string;
}) {
  const { repository, clock, settings, key } = deps;
  const inFlight = new Set<Promise<unknown>>();
  const phoneKey = (phone: string) => key(`code-phone:${phone}`);
  const hashCode = (id: string, phone: string, purpose: PhoneCodePurpose, code: string) =>
    key(`code:${id}:${purpose}:${phone}:${code}`);

  function send(phone: string, content: SmsContent): void {
    const sending = deps.gateway.send(phone, content).catch((error: unknown) => {
      // The number stays out of the log; the person asks again after retryAfter.
      deps.log.warn({ err: error, template: content.template }, 'one-time code SMS not sent');
    });
    inFlight.add(sending);
    void sending.finally(() => inFlight.delete(sending));
  }

  /** The language an account chose, or Chinese. */
  async function localeOf(accountId: string): Promise<Locale> {
    return (await deps.accounts.chosenLocales([accountId])).get(accountId) ?? DEFAULT_LOCALE;
  }

  /** Refuses a request past a limit, with when to ask again. */
  function refuseOverLimits(counts: PhoneCodeCounts, now: Date): void {
    const t = now.getTime();
    const { perNumber, perAddress } = settings;
    if (counts.pairLastMs !== null && t - counts.pairLastMs < settings.resendSeconds * 1000) {
      throw tooMany(text('accounts:codeJustSent'), counts.pairLastMs + settings.resendSeconds * 1000, now);
    }
    if (counts.pairHour >= perNumber.hourly || counts.addressHour >= perAddress.hourly) {
      throw tooMany(text('accounts:codesHourly'), t + HOUR, now);
    }
    if (
      counts.pairDay >= perNumber.daily ||
      counts.numberDay >= settings.numberDailyCeiling ||
      counts.addressDay >= perAddress.daily ||
      counts.addressWrongDay >= perAddress.wrongDaily
    ) {
      throw tooMany(text('accounts:codesDaily'), t + DAY, now);
    }
  }

  return {
    /**
     * Sends a code for `purpose` to `phone` (normalised): REGISTER to a number that has an account
     * texts its owner a warning instead; PASSWORD_RESET and UNLOCK text nobody for a number without
     * one; PHONE_CHANGE is for the signed-in `accountId` alone.
     */
    async request(input: {
      phone: string;
      purpose: PhoneCodePurpose;
      ip: string | null;
      accountId: string | null;
    }): Promise<PhoneCodeSent> {
      const { phone, purpose } = input;
      if (purpose === 'PHONE_CHANGE' && !input.accountId) {
        throw new AppError(ErrorCode.UNAUTHENTICATED, text('accounts:codeForOwnAccount'));
      }
      const now = clock.now();
      const address = input.ip ?? 'unknown';
      const keys = {
        phoneKey: phoneKey(phone),
        pairKey: key(`code-pair:${phone}|${address}`),
        clientKey: key(`code-client:${address}`),
      };
      const id = randomUUID();
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const expiresAt = new Date(now.getTime() + settings.ttlMinutes * 60_000);
      const { delivery, owner } = await repository.db.transaction(async (tx) => {
        await repository.lockKeys([keys.phoneKey, keys.clientKey], tx);
        const counts = await repository.counts(keys, purpose, now, tx);
        refuseOverLimits(counts, now);
        // In the transaction: a connection of the pool asked for here, while the address's lock
        // holds others waiting, would wait for ever once the pool is full of them.
        const owner = await deps.accounts.byPhone(phone, tx);
        let sends: PhoneCodeDelivery = 'CODE';
        if (purpose === 'REGISTER' && owner) sends = counts.warningsHour > 0 ? 'NONE' : 'OWNER_WARNING';
        if ((purpose === 'PASSWORD_RESET' || purpose === 'UNLOCK') && !owner) sends = 'NONE';
        await repository.insert(
          {
            id,
            ...keys,
            purpose,
            accountId: purpose === 'PHONE_CHANGE' ? input.accountId : null,
            delivery: sends,
            codeHash: sends === 'CODE' ? hashCode(id, phone, purpose, code) : null,
            createdAt: now,
            expiresAt,
          },
          tx,
        );
        return { delivery: sends, owner };
      });
      // A text is in the language its reader's account chose; a number without one reads Chinese.
      // The owner's row is already read, so a number with an account costs no more time than one
      // without; a new number's account is the caller's, asked for every PHONE_CHANGE alike.
      const locale =
        purpose === 'PHONE_CHANGE' && input.accountId
          ? await localeOf(input.accountId)
          : (owner?.locale ?? DEFAULT_LOCALE);
      if (delivery === 'CODE') {
        send(
          phone,
          smsContent(deps.signName, 'CODE', [
            code,
            render(purposeText(purpose), locale),
            String(settings.ttlMinutes),
          ]),
        );
      } else if (delivery === 'OWNER_WARNING') {
        send(phone, smsContent(deps.signName, 'NOTICE', [render(text('accounts:ownerWarning'), locale)]));
      }
      await repository.prune(new Date(now.getTime() - 2 * DAY));
      return {
        message: CODE_SENT,
        expiresAt,
        retryAfter: new Date(now.getTime() + settings.resendSeconds * 1000),
      };
    },

    /**
     * Checks `code` against the number's newest request for `purpose`. A wrong code counts against
     * that request (committed even though the caller is refused); at PHONE_CODE_MAX_TRIES it no
     * longer works. Refusals name `field` and are the same for numbers with and without accounts.
     */
    async check(
      phone: string,
      purpose: PhoneCodePurpose,
      code: string | null | undefined,
      options: { field: string; accountId?: string | null },
    ): Promise<PhoneCodeProof> {
      const { field } = options;
      const shape = codeShapeProblem(code, purpose);
      if (shape) throw badInput(field, shape);
      const typed = typedCode(code);
      const now = clock.now();
      const outcome = await repository.db.transaction(async (tx) => {
        const row = await repository.latest(
          phoneKey(phone),
          purpose,
          purpose === 'PHONE_CHANGE' ? (options.accountId ?? null) : null,
          tx,
        );
        if (!row || row.usedAt || row.expiresAt <= now) return { ok: false as const, triesLeft: null };
        if (row.attempts >= settings.maxTries) return { ok: false as const, triesLeft: 0 };
        const expected = Buffer.from(row.codeHash ?? '', 'hex');
        const given = Buffer.from(hashCode(row.id, phone, purpose, typed), 'hex');
        if (expected.length === given.length && timingSafeEqual(expected, given)) {
          return { ok: true as const, id: row.id };
        }
        const attempts = await repository.countWrong(row.id, tx);
        return { ok: false as const, triesLeft: Math.max(0, settings.maxTries - attempts) };
      });
      if (outcome.ok) return { id: outcome.id, phone, purpose, field };
      if (outcome.triesLeft === 0) {
        throw badInput(field, text('accounts:codeUsedUp'), { triesLeft: 0 });
      }
      const left = outcome.triesLeft ?? 0;
      throw badInput(field, text('accounts:codeWrong', { triesLeft: left }), left ? { triesLeft: left } : {});
    },

    /** Spends a checked code in the transaction of what it allows; a code is used once. */
    async use(proof: PhoneCodeProof, tx: Executor): Promise<void> {
      if (!(await repository.use(proof.id, clock.now(), tx))) {
        throw badInput(proof.field, text('accounts:codeAlreadyUsed'));
      }
    },

    /**
     * A notice texted to a number (the old number of a phone change), after the answer, in the
     * language of the account it is about.
     */
    async tell(phone: string, notice: Text, accountId: string): Promise<void> {
      send(phone, smsContent(deps.signName, 'NOTICE', [render(notice, await localeOf(accountId))]));
    },

    /** Waits for texts still going out (shutdown, tests). */
    async drain(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

export type PhoneCodes = ReturnType<typeof createPhoneCodes>;
