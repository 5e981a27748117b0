import { type Text, text } from '../../i18n/text.js';

export type MobileResult = { ok: true; value: string } | { ok: false; reason: Text };

const shape = text('registry:phoneShape');

const fail = (reason: Text): MobileResult => ({ ok: false, reason });

/**
 * A mainland China mobile number as 11 digits. People copy numbers with the country code and with
 * the spaces or hyphens that group the digits 3-4-4, so those are taken off first.
 */
export function parseMobile(raw: string): MobileResult {
  const compact = raw.replace(/[\s-]/g, '');
  if (compact === '') return fail(text('registry:phoneEmpty', { shape }));
  if (compact.startsWith('+') && !compact.startsWith('+86')) {
    return fail(text('registry:phoneAbroad', { shape }));
  }
  // No mobile number starts with 8, so a leading 86 can only be the country code.
  const number = compact.replace(/^\+?86/, '');
  const stray = /[^0-9]/u.exec(number);
  if (stray) {
    return fail(text('registry:phoneStray', { found: stray[0] }));
  }
  if (number.length !== 11) return fail(text('registry:phoneLength', { shape, length: number.length }));
  if (!/^1[3-9]/.test(number)) {
    return fail(text('registry:phonePrefix', { prefix: number.slice(0, 2), shape }));
  }
  return { ok: true, value: number };
}

/** The form shown to people other than the worker: the network prefix and the last four. */
export function maskMobile(n: string): string {
  // The message leaves the value out: it may be a whole phone number.
  if (n.length !== 11) throw new RangeError('maskMobile needs an 11-digit mobile number');
  return `${n.slice(0, 3)}****${n.slice(7)}`;
}
