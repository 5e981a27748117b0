import type { zhCN } from './zh-CN.js';

/** The `registry` namespace in English (same keys and placeholders as zh-CN.ts). */
export const en: Record<keyof typeof zhCN, string> = {
  aSpace: 'a space',
  aChar: "''{char}''",
  phoneShape: 'A mobile number has 11 digits and starts with 1, e.g. 13812345678.',
  phoneEmpty: 'Enter a mobile number. {shape}',
  phoneAbroad: 'Only mainland China mobile numbers (+86) can be used. {shape}',
  phoneStray:
    "A mobile number may contain only digits, spaces and hyphens (found ''{found}''): type the 11 digits, e.g. 13812345678.",
  phoneLength: '{shape} This one has {length} digits.',
  phonePrefix: 'No mobile number starts with {prefix}: check the first digits. {shape}',
  idEmpty: 'The ID number is empty: type the 18 characters printed on the identity card.',
  idStray:
    'The ID number may contain only digits and a final X (found {found} at position {position}): check what you typed.',
  idLength: 'The ID number must have 18 characters; this one has {length}.',
  idLengthOld:
    'The ID number must have 18 characters; this one has 15. Old 15-digit numbers are no longer valid: use the one on the current card.',
  idEarlyX:
    'Only the last character of the ID number may be an X (found one at position {position}): check what you typed.',
  idAddressCode: 'The address code {addressCode} at the start of the ID number is not a known region.',
  idBirthNotReal: 'The birth date {digits} in the ID number is not a real date.',
  idBirthBefore1900: 'The birth date {digits} in the ID number is before 1900: check digits 7 to 14.',
  idBirthFuture: 'The birth date is in the future.',
  idCheck:
    'The last character of the ID number does not match the others: check each digit and type it again.',
  creditEmpty: 'The credit code is empty: type the 18 characters printed on the business licence.',
  creditLookalike:
    "The credit code may not contain the letters I, O, Z, S or V (found ''{letter}'' at position {position}): check for a {digit} typed as {letter}.",
  creditStray:
    'The credit code may contain only digits and capital letters (found {found} at position {position}): type it without spaces or punctuation.',
  creditLength: 'The credit code must have 18 characters; this one has {length}.',
  creditDivision:
    "Characters 3 to 8 of the credit code are a region code and must be digits (found ''{found}'' at position {position}): check what you typed.",
  creditCheck:
    'The last character of the credit code does not match the others: check each character and type it again.',
} as const;
