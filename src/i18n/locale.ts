/** The languages Lingong speaks: Chinese first (the default), English on request. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** A locale this market speaks for a language tag a client sent (zh, zh-Hans-CN, en-GB …), or null. */
export function localeOf(tag: string | null | undefined): Locale | null {
  const lower = tag?.trim().toLowerCase();
  if (!lower) return null;
  if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return null;
}

/**
 * The best locale for an `Accept-Language` header (RFC 9110: tags with q-weights), or null when it
 * names nothing this market speaks. `*` and unknown tags are passed over; ties keep header order.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  let best: { locale: Locale; q: number } | null = null;
  for (const part of header.split(',').slice(0, 20)) {
    const [tag, ...params] = part.split(';');
    const locale = localeOf(tag);
    if (!locale) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { locale, q };
  }
  return best?.locale ?? null;
}

/**
 * Which language to answer in: the account's own choice when it made one, else what the device
 * asks for (`Accept-Language`, or a socket's `locale`), else Chinese.
 */
export function chooseLocale(accountChoice: Locale | null | undefined, deviceAsks: Locale | null): Locale {
  return accountChoice ?? deviceAsks ?? DEFAULT_LOCALE;
}
