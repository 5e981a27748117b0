import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import type { SmsGateway } from './sms.gateway.js';
import type { SmsWorker } from './sms.repository.js';

/**
 * The language a worker's texts are written in: their account's own choice. Until accounts carry
 * one (`accounts.locale`), every worker is texted in Chinese; this is the one place that changes
 * when it comes (read it in `recipients` / `workerByPhone` of sms.repository.ts, onto SmsWorker).
 */
export function recipientLocale(_worker: SmsWorker): Locale {
  return DEFAULT_LOCALE;
}

/**
 * The language a text goes out in: the worker's, if the gateway can send it (a provider sends only
 * the templates it approved, Tencent's in Chinese), else Chinese.
 */
export function smsLocale(worker: SmsWorker, gateway: Pick<SmsGateway, 'locales'>): Locale {
  const wanted = recipientLocale(worker);
  return gateway.locales.includes(wanted) ? wanted : DEFAULT_LOCALE;
}
