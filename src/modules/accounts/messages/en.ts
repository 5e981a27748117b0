import type { zhCN } from './zh-CN.js';

/** The `accounts` namespace in English (same keys and placeholders as zh-CN.ts). */
export const en: Record<keyof typeof zhCN, string> = {
  signInFirst: 'Sign in first.',
  wrongCredentials: 'The phone number or the password is wrong. Check both and try again.',
  accountGone: 'This account no longer exists.',
  accountSuspended:
    'This account is suspended by the labour bureau: it cannot sign in until an administrator reinstates it.',
  phoneTaken: 'This phone number already has an account: sign in instead.',
  numberTaken: 'This number already has an account: sign in with it, or delete that account first.',
  phoneNeeded: 'A mobile number is needed to sign in.',
  passwordTooShort: 'The password must have at least {min} characters.',
  passwordTooLong: 'The password may have at most 200 characters.',
  displayName: 'Give a name of 1 to 40 characters.',
  staffRole: 'Staff accounts are STATION_OPERATOR or ADMIN; workers and employers register themselves.',
  codeSent:
    'If this number can be sent one, a 6-digit code is on its way by SMS. Enter it before expiresAt; if no SMS comes, ask again after retryAfter.',
  codeJustSent:
    'A code for this was sent to this number a moment ago: wait for its SMS, or ask again in a minute.',
  codesHourly: 'Too many codes asked for in an hour. Try again later.',
  codesDaily: 'Too many codes asked for today. Try again tomorrow, or ask a job station for help.',
  codeForOwnAccount: 'Sign in first: a new number is for your own account.',
  codeMissing:
    'Enter the 6-digit code sent by SMS to this number: ask for one for {purpose} with requestPhoneCode.',
  codeShape: 'The code has 6 digits: type it as the SMS shows it.',
  codeUsedUp: 'Too many wrong codes: this one no longer works. Ask for a new code.',
  codeWrong:
    'This code is wrong or no longer works{triesLeft, plural, =0 {} one { (# try left)} other { (# tries left)}}: check the newest SMS, or ask for a new code.',
  codeAlreadyUsed: 'This code was used already: ask for a new one.',
  'purpose.REGISTER': 'registering a Lingong account',
  'purpose.PHONE_CHANGE': 'changing your phone number',
  'purpose.PASSWORD_RESET': 'resetting your password',
  'purpose.UNLOCK': 'unlocking your sign-in',
  ownerWarning:
    'Someone is registering Lingong with your number. You already have an account and can sign in; a forgotten password can be reset with an SMS code. If it was not you, ignore this',
  phoneChangedNotice:
    'Your Lingong account now uses a new phone number. If it was not you, go to a job station at once',
  unlockHint:
    'or sign in with a code sent to the phone (requestPhoneCode with purpose UNLOCK, then unlockSignIn), or ask a job station for help.',
  lockedOut:
    'Too many failed sign-ins with this phone number. Try again after {until} Beijing time (in {minutes, plural, one {# minute} other {# minutes}}), {hint}',
  lockedOutHere:
    'Too many failed sign-ins with this phone number from here. Try again after {until} Beijing time (in {minutes, plural, one {# minute} other {# minutes}}), {hint}',
  networkFull:
    'Too many wrong passwords from this network in the last minute: wait {seconds, plural, one {# second} other {# seconds}} and try again, {hint}',
  slowedDown:
    'Several failed sign-ins with this phone number from here: wait {seconds, plural, one {# second} other {# seconds}} before the next try, {hint}',
  'ended.SIGNED_OUT': 'you signed out',
  'ended.PASSWORD_CHANGED': 'the password was changed',
  'ended.ACCOUNT_ERASED': 'the account was closed',
  'ended.ACCOUNT_SUSPENDED': 'the account was suspended',
  'ended.REFRESH_TOKEN_REUSED': 'a used refresh token was offered again, so a copy may be about',
  'ended.TOKEN_EXPIRED': 'the token expired',
  'ended.KIOSK_TOKEN_REVOKED': 'the kiosk token was revoked',
  sessionEnded: 'This sign-in has ended: sign in again.',
  sessionEndedBecause: 'This sign-in has ended ({why}): sign in again.',
  sessionUnknown: 'This sign-in is not known: sign in again.',
  refreshUsedUp: 'This refresh token is used, expired or unknown: sign in again.',
  currentPasswordWrong: 'The current password is wrong: give the one you sign in with now.',
  samePassword: 'The new password is the same as the current one: choose another.',
  suspendReason: 'Say why in 2 to 200 characters; the account holder may be told.',
  suspendSelf: 'You cannot suspend your own account: ask another administrator.',
  socketSignIn: 'Sign in first: connect with your access token as auth.token.',
  socketExpired:
    'Your sign-in has expired: send session:renew with a fresh token (from refreshSession), then try again.',
  checkUnavailable: 'The sign-in could not be checked just now: try again.',
  renewSend: 'Send a fresh access token (from refreshSession) as token.',
  renewNotAccount: 'This is not an access token of an account.',
  renewOtherAccount: 'This token is of another account: connect again with it instead.',
  tokenCheckUnavailable: 'The token could not be checked just now: try again.',
};
