import i18next, { type i18n } from 'i18next';
import ICU from 'i18next-icu';
import { MARKET_TIME_ZONE } from '../time.js';
import { catalogue } from './catalogue.js';
import { DEFAULT_LOCALE, LOCALES, type Locale } from './locale.js';
import { isText, type MessageParams, type Text } from './text.js';

/**
 * A message whose values do not fill it (a placeholder the code forgot, a value of the wrong
 * kind): a bug in the code, never the reader's fault. It throws under test (so the suite fails)
 * and, in a running market, the message is shown as well as it can be and the fault is logged.
 */
export class MessageRenderError extends Error {
  constructor(
    readonly key: string,
    readonly locale: Locale,
    cause: unknown,
  ) {
    super(`message ${key} (${locale}) could not be rendered: ${String((cause as Error)?.message ?? cause)}`);
    this.name = 'MessageRenderError';
  }
}

/** Under test a message fault throws (a test fails), in a running market it is logged. */
export const strictMessages = Boolean(process.env.VITEST) || process.env.NODE_ENV === 'test';
let reportFault: (error: MessageRenderError) => void = () => {};

/** Where a running market logs a message it could not fill (set once by the app). */
export function onMessageFault(report: (error: MessageRenderError) => void): void {
  reportFault = report;
}

const engine: i18n = i18next.createInstance();
engine.use(
  new ICU({
    // A placeholder without its value, or a message that does not parse: thrown to render() below.
    parseErrorHandler: (error: unknown) => {
      throw error;
    },
  }),
);
void engine.init({
  resources: catalogue,
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  ns: Object.keys(catalogue['zh-CN']),
  defaultNS: 'common',
  // Keys are flat within a namespace ("code.GIG_FILLED" is one key).
  keySeparator: false,
  nsSeparator: ':',
  initAsync: false,
  returnNull: false,
  returnEmptyString: false,
  interpolation: { escapeValue: false },
});

const timeFormats = new Map<Locale, Intl.DateTimeFormat>(
  LOCALES.map((locale) => [
    locale,
    new Intl.DateTimeFormat(locale, {
      timeZone: MARKET_TIME_ZONE,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }),
  ]),
);

/** An instant as a reader reads it, in the market's time zone: 2026/11/25 13:00. */
export const readableTime = (at: Date, locale: Locale) =>
  timeFormats.get(locale)?.format(at) ?? at.toISOString();

function valuesFor(params: MessageParams, locale: Locale): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    values[name] =
      value instanceof Date ? readableTime(value, locale) : isText(value) ? render(value, locale) : value;
  }
  return values;
}

/** A message in a reader's language. */
export function render(message: Text, locale: Locale): string {
  const [ns, key] = splitKey(message.key);
  try {
    if (!engine.exists(key, { ns, lng: locale })) throw new Error('no such message');
    return engine.t(key, { ns, lng: locale, ...valuesFor(message.params, locale) });
  } catch (cause) {
    const fault = new MessageRenderError(message.key, locale, cause);
    if (strictMessages) throw fault;
    reportFault(fault);
    return `${message.key} ${JSON.stringify(message.params)}`;
  }
}

function splitKey(full: string): [string, string] {
  const at = full.indexOf(':');
  return [full.slice(0, at), full.slice(at + 1)];
}

/** A message in a reader's language, or as it is when it was written as plain text. */
export const renderAny = (message: Text | string, locale: Locale) =>
  typeof message === 'string' ? message : render(message, locale);
