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

/** The variables that choose the console's language, in the order they are read. */
export type ConsoleLocaleEnv = {
  LINGONG_LOCALE?: string;
  LC_ALL?: string;
  LC_MESSAGES?: string;
  LANG?: string;
};

/** A process locale (`zh_CN.UTF-8`, `en_US`, `C.UTF-8` …) as a language Lingong speaks, or null. */
function processLocaleOf(value: string): Locale | null {
  const language = value
    .trim()
    .toLowerCase()
    .split(/[_.@-]/)[0];
  if (language === 'zh') return 'zh-CN';
  if (language === 'en') return 'en';
  return null;
}

/**
 * The language of what a person reads at the console (the start-up banner, a failed start,
 * configuration errors, the command-line tools): `LINGONG_LOCALE` when it is zh-CN or en; else
 * the process locale as POSIX reads it for messages — the first of LC_ALL, LC_MESSAGES, LANG that
 * is set decides (`zh*` Chinese, `en*` English, anything else such as `C.UTF-8` Chinese); else
 * Chinese. Another LINGONG_LOCALE is passed over here and refused by the configuration.
 */
export function consoleLocale(env: ConsoleLocaleEnv): Locale {
  const chosen = env.LINGONG_LOCALE?.trim();
  if (chosen === 'zh-CN' || chosen === 'en') return chosen;
  const set = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value?.trim());
  return (set && processLocaleOf(set)) || DEFAULT_LOCALE;
}
