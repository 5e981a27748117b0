import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.js';
import { LOCALES, type Locale } from '../../i18n/locale.js';
import { maskPhone } from '../../logging.js';
import type { SmsContent } from './sms.text.js';
import { createTencentSmsGateway } from './tencent.gateway.js';

/**
 * Where SMS go out: a provider's adapter. `content` carries both the template and its parameters
 * (what a provider such as Tencent Cloud sends: approved templates, never free text) and the text
 * they make, with the sign (what the phone shows, and what the development adapter logs).
 */
export type SmsGateway = {
  readonly provider: 'dev' | 'tencent';
  /** The languages it can send: those its provider approved templates in (every one in development). */
  readonly locales: readonly Locale[];
  send(to: string, content: SmsContent): Promise<{ providerMessageId: string }>;
};

export type DevSmsMessage = SmsContent & { to: string; providerMessageId: string };

/** Development and tests: nothing leaves the machine; each message is logged and kept in `outbox`. */
export type DevSmsGateway = SmsGateway & { readonly provider: 'dev'; readonly outbox: DevSmsMessage[] };

export function createDevSmsGateway(log: FastifyBaseLogger): DevSmsGateway {
  const outbox: DevSmsMessage[] = [];
  return {
    provider: 'dev',
    locales: LOCALES,
    outbox,
    async send(to, content) {
      const providerMessageId = `dev-${randomUUID()}`;
      outbox.push({ ...content, to, providerMessageId });
      // The number masked, as in every log line (tests and the dev reply route read `outbox`).
      log.info(
        { sms: true, to: maskPhone(to), text: content.text, providerMessageId },
        'SMS (development gateway: not sent)',
      );
      return { providerMessageId };
    },
  };
}

export const isDevSmsGateway = (gateway: SmsGateway): gateway is DevSmsGateway => gateway.provider === 'dev';

/** The adapter SMS_PROVIDER names. */
export function createSmsGateway(config: Config['sms'], log: FastifyBaseLogger): SmsGateway {
  if (config.provider === 'tencent' && config.tencent) {
    return createTencentSmsGateway({ ...config.tencent, signName: config.signName });
  }
  return createDevSmsGateway(log);
}
