import type { IncomingHttpHeaders } from 'node:http';
import { chooseLocale, type Locale, localeFromAcceptLanguage } from './locale.js';

/**
 * The language to answer an HTTP request or a socket in: the account's own choice when it made
 * one, else the device's `Accept-Language`, else Chinese.
 */
export const requestLocale = (
  request: { headers: IncomingHttpHeaders },
  accountChoice: Locale | null = null,
): Locale => chooseLocale(accountChoice, localeFromAcceptLanguage(request.headers['accept-language']));
