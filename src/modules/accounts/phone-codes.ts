import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../clock.js';
import type { Executor } from '../../db/client.js';
import type { PhoneCodeDelivery, PhoneCodePurpose } from '../../db/schema/index.js';
import { AppError, badInput, ErrorCode } from '../../errors.js';
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
export type PhoneCodeSent = { message: string; expiresAt: Date; retryAfter: Date };

/** A code checked right, not yet used: `use` spends it inside the transaction of what it allows. */
export type PhoneCodeProof = { id: string; phone: string; purpose: PhoneCodePurpose; field: string };

export const CODE_SENT =
  'If this number can be sent one, a 6-digit code is on its way by SMS. Enter it before expiresAt; if no SMS comes, ask again after retryAfter.';

const PURPOSE_TEXT: Record<PhoneCodePurpose, string> = {
  REGISTER: '注册零工账号',
  PHONE_CHANGE: '更换手机号',
  PASSWORD_RESET: '重置密码',
  UNLOCK: '解除登录锁定并登录',
};

/** What the owner of a number is told when someone tries to register it. */
export const OWNER_WARNING =
  '有人正在用您的手机号注册零工。您已有账号，可直接登录；忘记密码可用短信验证码重置。如非本人操作请忽略';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const tooMany = (message: string, retryAt: number, now: Date) =>
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
  accounts: Pick<AccountsRepository, 'byPhone'>;
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

  function text(phone: string, content: SmsContent): void {
    const sending = deps.gateway.send(phone, content).catch((error: unknown) => {
      // The number stays out of the log; the person asks again after retryAfter.
      deps.log.warn({ err: error, template: content.template }, 'one-time code SMS not sent');
    });
    inFlight.add(sending);
    void sending.finally(() => inFlight.delete(sending));
  }

  /** Refuses a request past a limit, with when to ask again. */
  function refuseOverLimits(counts: PhoneCodeCounts, now: Date): void {
    const t = now.getTime();
    const { perNumber, perAddress } = settings;
    if (counts.pairLastMs !== null && t - counts.pairLastMs < settings.resendSeconds * 1000) {
      throw tooMany(
        'A code for this was sent to this number a moment ago: wait for its SMS, or ask again in a minute.',
        counts.pairLastMs + settings.resendSeconds * 1000,
        now,
      );
    }
    if (counts.pairHour >= perNumber.hourly || counts.addressHour >= perAddress.hourly) {
      throw tooMany('Too many codes asked for in an hour. Try again later.', t + HOUR, now);
    }
    if (
      counts.pairDay >= perNumber.daily ||
      counts.numberDay >= settings.numberDailyCeiling ||
      counts.addressDay >= perAddress.daily ||
      counts.addressWrongDay >= perAddress.wrongDaily
    ) {
      throw tooMany(
        'Too many codes asked for today. Try again tomorrow, or ask a job station for help.',
        t + DAY,
        now,
      );
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
        throw new AppError(ErrorCode.UNAUTHENTICATED, 'Sign in first: a new number is for your own account.');
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
      const delivery = await repository.db.transaction(async (tx) => {
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
        return sends;
      });
      if (delivery === 'CODE') {
        text(
          phone,
          smsContent(deps.signName, 'CODE', [code, PURPOSE_TEXT[purpose], String(settings.ttlMinutes)]),
        );
      } else if (delivery === 'OWNER_WARNING') {
        text(phone, smsContent(deps.signName, 'NOTICE', [OWNER_WARNING]));
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
      const typed = (code ?? '').normalize('NFKC').replace(/\s/g, '');
      if (typed === '') {
        throw badInput(
          field,
          `Enter the 6-digit code sent by SMS to this number: ask for one with requestPhoneCode (purpose ${purpose}).`,
        );
      }
      if (!/^[0-9]{6}$/.test(typed))
        throw badInput(field, 'The code has 6 digits: type it as the SMS shows it.');
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
        throw badInput(field, 'Too many wrong codes: this one no longer works. Ask for a new code.', {
          triesLeft: 0,
        });
      }
      const left = outcome.triesLeft;
      throw badInput(
        field,
        `This code is wrong or no longer works${left ? ` (${left} ${left === 1 ? 'try' : 'tries'} left)` : ''}: check the newest SMS, or ask for a new code.`,
        left ? { triesLeft: left } : {},
      );
    },

    /** Spends a checked code in the transaction of what it allows; a code is used once. */
    async use(proof: PhoneCodeProof, tx: Executor): Promise<void> {
      if (!(await repository.use(proof.id, clock.now(), tx))) {
        throw badInput(proof.field, 'This code was used already: ask for a new one.');
      }
    },

    /** A notice texted to a number (the old number of a phone change), after the answer. */
    tell(phone: string, notice: string): void {
      text(phone, smsContent(deps.signName, 'NOTICE', [notice]));
    },

    /** Waits for texts still going out (shutdown, tests). */
    async drain(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

export type PhoneCodes = ReturnType<typeof createPhoneCodes>;
