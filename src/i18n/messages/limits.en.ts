import type { zhCN } from './limits.zh-CN.js';

/** The `limits` namespace in English. */
export const en: Record<keyof typeof zhCN, string> = {
  signInsAccount:
    'Too many sign-in or phone-code requests from this account. Wait {retryAfterSeconds, plural, one {# second} other {# seconds}} and try again.',
  signInsAddress:
    'Too many sign-in or registration attempts from here. Wait {retryAfterSeconds, plural, one {# second} other {# seconds}} and try again.',
  mutations:
    'Too many changes in a short time: at most {limit} a minute. Nothing was done; wait {retryAfterSeconds, plural, one {# second} other {# seconds}} and try again.',
};
