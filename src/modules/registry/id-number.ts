import { type Text, text } from '../../i18n/text.js';
import { marketDay } from '../../time.js';

/** A resident identity card number (居民身份证号码) as GB 11643-1999 reads it. */
export type IdNumber = {
  /** Upper case, without surrounding spaces: the form to store, hash and compare. */
  normalized: string;
  addressCode: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  sex: 'male' | 'female';
};

export type IdNumberResult = { ok: true; value: IdNumber } | { ok: false; reason: Text };

export type IdNumberOptions = {
  /** Now; a birth date is in the future when it is after this instant's calendar day in Asia/Shanghai. */
  today: Date;
  /**
   * Whether our region table knows a 6-digit address code. Workers come from all over China and the
   * table holds only a few cities, so a code is also accepted when its first two digits are a
   * province-level code. This predicate can therefore only widen what is accepted (e.g. the 830000
   * of a Taiwan resident's residence permit, whose prefix is no province); it cannot make the check
   * stricter. Pass `() => false` to rely on the province list alone.
   */
  regionExists: (code: string) => boolean;
};

// GB/T 2260 province-level divisions, Taiwan (71), Hong Kong (81) and Macao (82) included.
// biome-ignore format: a table reads better than one code a line
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42',
  '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]);

// ISO 7064 MOD 11-2: the weight of each position is 2^(17 - index) mod 11.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

// Nobody alive was born earlier, and dates before it are more likely typing slips than facts.
const EARLIEST_BIRTH_DATE = '1900-01-01';

const fail = (reason: Text): IdNumberResult => ({ ok: false, reason });

/** A stray character as a message shows it (a space is named, anything else quoted). */
export const strayChar = (char: string) => ({
  found: char.trim() === '' ? text('registry:aSpace') : text('registry:aChar', { char }),
});

/** The 18th character that the first 17 digits call for. */
export function idCheckCharacter(first17: string): string {
  if (!/^[0-9]{17}$/.test(first17)) throw new RangeError('idCheckCharacter needs exactly 17 digits');
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(first17.charAt(i)), 0);
  const value = (12 - (sum % 11)) % 11;
  return value === 10 ? 'X' : String(value);
}

function isRealDate(year: number, month: number, day: number): boolean {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

function lengthReason(length: number): Text {
  // A 15-digit number is from the first-generation cards, replaced since 2004.
  return length === 15 ? text('registry:idLengthOld') : text('registry:idLength', { length });
}

/**
 * Checks, in this order, the characters and length, the address code, the birth date and the check
 * character, and says what is wrong with the first rule that fails.
 */
export function parseIdNumber(raw: string, options: IdNumberOptions): IdNumberResult {
  const id = raw.trim().toUpperCase();
  if (id === '') return fail(text('registry:idEmpty'));

  const stray = /[^0-9X]/u.exec(id);
  if (stray) {
    return fail(text('registry:idStray', { ...strayChar(stray[0]), position: stray.index + 1 }));
  }
  if (id.length !== 18) return fail(lengthReason(id.length));
  const earlyX = id.indexOf('X');
  if (earlyX !== -1 && earlyX < 17) {
    return fail(text('registry:idEarlyX', { position: earlyX + 1 }));
  }

  const addressCode = id.slice(0, 6);
  if (!options.regionExists(addressCode) && !PROVINCE_CODES.has(id.slice(0, 2))) {
    return fail(text('registry:idAddressCode', { addressCode }));
  }

  const digits = id.slice(6, 14);
  const [year, month, day] = [digits.slice(0, 4), digits.slice(4, 6), digits.slice(6, 8)];
  if (!isRealDate(Number(year), Number(month), Number(day))) {
    return fail(text('registry:idBirthNotReal', { digits }));
  }
  const birthDate = `${year}-${month}-${day}`;
  if (birthDate < EARLIEST_BIRTH_DATE) {
    return fail(text('registry:idBirthBefore1900', { digits }));
  }
  if (birthDate > marketDay(options.today)) return fail(text('registry:idBirthFuture'));

  if (idCheckCharacter(id.slice(0, 17)) !== id.charAt(17)) {
    return fail(text('registry:idCheck'));
  }

  const sex = Number(id.charAt(16)) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value: { normalized: id, addressCode, birthDate, sex } };
}

/**
 * Whole years of age on the calendar day of `on` in Asia/Shanghai. The birthday counts on the day
 * itself; someone born on 29 February turns a year older on 1 March in other years.
 */
export function ageOn(birthDate: string, on: Date): number {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(birthDate))
    throw new RangeError('ageOn needs a YYYY-MM-DD birth date');
  const day = marketDay(on);
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  // 'MM-DD' strings order like the dates, and 03-01 comes after 02-29 as the rule wants.
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** The form shown on screens and in logs: the region and the last four, never the birth date. */
export function maskIdNumber(normalized: string): string {
  // The message leaves the value out: it may be a whole ID number.
  if (normalized.length !== 18) throw new RangeError('maskIdNumber needs an 18-character ID number');
  return `${normalized.slice(0, 4)}${'*'.repeat(10)}${normalized.slice(14)}`;
}
