import type { zhCN } from './api.zh-CN.js';

/** The `api` namespace in English; the same keys as Chinese. */
export const en: Record<keyof typeof zhCN, string> = {
  tokenExpired: 'Your sign-in has expired: refresh it or sign in again.',
  tokenInvalid: 'The token is not valid: sign in again.',
  notAccessToken: 'This is not an access token.',
  tokenFromOlderSignIn: 'This token is from an older sign-in: sign in again.',
  signInFirst: 'Sign in first: send your token as "Authorization: Bearer …" (the token after it).',
  signInFirstSocket: 'Sign in first: connect with your token as auth.token.',
  signInNotChecked: 'The sign-in could not be checked just now: try again.',
  roleNotAllowed: 'Your account is not allowed to do this.',
  kioskOnlyBoard: 'A kiosk token can only show the station board and gigs.',
  kioskOnlyOwnQueries:
    'A kiosk token runs only the kiosk page’s own queries, sent by hash (persisted: true, query: the hash); other queries need no token, or a signed-in account.',
  kioskNeedsToken: 'Send the kiosk token as "Authorization: Bearer …" (the token after it).',
  persistedNeedsHash: 'Send a persisted query as persisted: true with query: its SHA-256 in hex.',
  unknownPersistedQuery:
    'No persisted query has the hash "{hash}": reload the kiosk page to get the current ones.',
  queryTooCostly:
    'Query Cost limit of {maxCost} exceeded, found {found}. Ask for fewer items per page (first) or fewer fields, or split the query in two.',
  parameterType: '"{name}" must be {expected}, or left out.',
  'expected.string': 'a string',
  'expected.object': 'an object',
  unstorable:
    '{field} holds a character no text may contain (U+0000, or half of a UTF-16 surrogate pair): remove it.',
  singleLine:
    '{field} holds {found}: it must be one line of visible text. Remove it (type the text again rather than pasting it) and send again.',
  multiLine:
    '{field} holds {found}: only visible text and plain line breaks are kept. Remove it (type the text again rather than pasting it) and send again.',
  'found.lineBreak': 'a line break ({codePoint})',
  'found.tab': 'a tab (U+0009)',
  'found.control': 'a control character ({codePoint})',
  'found.direction': 'a hidden text-direction control ({codePoint})',
  'found.invisible': 'an invisible character ({codePoint})',
};
