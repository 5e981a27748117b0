import { type Text, text } from '../../i18n/text.js';
import { strayChar } from './id-number.js';

/** A unified social credit code (统一社会信用代码) as GB 32100-2015 reads it. */
export type CreditCode = {
  /** Upper case, without surrounding spaces: the form to store and compare. */
  normalized: string;
  /** Characters 3 to 8: the administrative division of the registering authority. */
  divisionCode: string;
};

export type CreditCodeResult = { ok: true; value: CreditCode } | { ok: false; reason: Text };

// Digits and capitals without I, O, Z, S and V; a symbol's value is its index here.
const SYMBOLS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// The weight of each position is 3^index mod 31.
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

// The standard leaves these letters out because they are read for these symbols.
const LOOKALIKES: Record<string, string> = { I: '1', O: '0', Z: '2', S: '5', V: 'U' };

const FIRST_17 = new RegExp(`^[${SYMBOLS}]{17}$`);

const fail = (reason: Text): CreditCodeResult => ({ ok: false, reason });

/** The 18th character that the first 17 call for. */
export function creditCheckCharacter(first17: string): string {
  if (!FIRST_17.test(first17)) throw new RangeError('creditCheckCharacter needs 17 symbols of GB 32100');
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * SYMBOLS.indexOf(first17.charAt(i)), 0);
  return SYMBOLS.charAt((31 - (sum % 31)) % 31);
}

/**
 * Checks the symbols, the length, the division code and the check character. The registration
 * authority and organisation type codes (characters 1 and 2) are not checked against a list: the
 * authorities have added codes since 2015, and the check character already catches slips there.
 */
export function parseCreditCode(raw: string): CreditCodeResult {
  const code = raw.trim().toUpperCase();
  if (code === '') return fail(text('registry:creditEmpty'));

  const forbidden = /[IOZSV]/.exec(code);
  if (forbidden) {
    const letter = forbidden[0];
    return fail(
      text('registry:creditLookalike', {
        letter,
        position: forbidden.index + 1,
        digit: LOOKALIKES[letter] ?? letter,
      }),
    );
  }
  const stray = /[^0-9A-Z]/u.exec(code);
  if (stray) {
    return fail(text('registry:creditStray', { ...strayChar(stray[0]), position: stray.index + 1 }));
  }
  if (code.length !== 18) return fail(text('registry:creditLength', { length: code.length }));

  const divisionCode = code.slice(2, 8);
  const letterInDivision = /[^0-9]/.exec(divisionCode);
  if (letterInDivision) {
    return fail(
      text('registry:creditDivision', {
        found: letterInDivision[0],
        position: letterInDivision.index + 3,
      }),
    );
  }

  if (creditCheckCharacter(code.slice(0, 17)) !== code.charAt(17)) {
    return fail(text('registry:creditCheck'));
  }
  return { ok: true, value: { normalized: code, divisionCode } };
}
