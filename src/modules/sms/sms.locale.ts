import { DEFAULT_LOCALE, type Locale, localeOf } from '../../i18n/locale.js';
import type { SmsGateway } from './sms.gateway.js';
import type { SmsWorker } from './sms.repository.js';

/** The language a worker's texts are written in: their account's own choice, else Chinese. */
export function recipientLocale(worker: Pick<SmsWorker, 'locale'>): Locale {
  return localeOf(worker.locale) ?? DEFAULT_LOCALE;
}

/**
 * The language a text goes out in: the worker's, if the gateway can send it (a provider sends only
 * the templates it approved, Tencent's in Chinese), else Chinese.
 */
export function smsLocale(worker: SmsWorker, gateway: Pick<SmsGateway, 'locales'>): Locale {
  const wanted = recipientLocale(worker);
  return gateway.locales.includes(wanted) ? wanted : DEFAULT_LOCALE;
}
