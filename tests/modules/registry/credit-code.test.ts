import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { render } from '../../../src/i18n/render.js';
import { creditCheckCharacter, parseCreditCode } from '../../../src/modules/registry/credit-code.js';

const SYMBOLS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const CHECK_MISMATCH =
  'The last character of the credit code does not match the others: check each character and type it again.';

/**
 * GB 32100-2015's check written apart from the module: position i (1-based) of the first 17 weighs
 * 3^(i - 1) mod 31, the 18th weighs 1, and the weighted sum of a valid code is 0 modulo 31.
 */
function satisfiesMod31(code: string): boolean {
  let sum = 0;
  let weight = 1;
  for (let i = 0; i < 17; i++) {
    sum += SYMBOLS.indexOf(code.charAt(i)) * weight;
    weight = (weight * 3) % 31;
  }
  return (sum + SYMBOLS.indexOf(code.charAt(17))) % 31 === 0;
}

function withCheck(first17: string): string {
  const check = [...SYMBOLS].find((c) => satisfiesMod31(first17 + c));
  if (check === undefined) throw new Error(`no check character for ${first17}`);
  return first17 + check;
}

function reasonOf(raw: string): string {
  const result = parseCreditCode(raw);
  if (result.ok) throw new Error(`${raw} was accepted`);
  // The English words these cases were written in; the Chinese ones are checked below.
  return render(result.reason, 'en');
}

function chineseReasonOf(raw: string): string {
  const result = parseCreditCode(raw);
  if (result.ok) throw new Error(`${raw} was accepted`);
  return render(result.reason, 'zh-CN');
}

describe('parseCreditCode', () => {
  it('accepts the commonly cited sample and codes printed on real business licences', () => {
    const examples = [
      '91350100M000100Y43', // the sample of many validator write-ups
      '914403001922038216', // Huawei Technologies Co., Ltd.
      '91440300708461136T', // Shenzhen Tencent Computer Systems Co., Ltd.
      '91330100716105852F', // Alibaba (China) Co., Ltd.
    ];
    for (const code of examples) {
      expect(satisfiesMod31(code), code).toBe(true);
      expect(creditCheckCharacter(code.slice(0, 17))).toBe(code.slice(17));
      expect(parseCreditCode(code)).toEqual({
        ok: true,
        value: { normalized: code, divisionCode: code.slice(2, 8) },
      });
    }
  });

  it('accepts lower case and surrounding spaces, and normalises to upper case', () => {
    expect(parseCreditCode(' 91350100m000100y43 ')).toEqual({
      ok: true,
      value: { normalized: '91350100M000100Y43', divisionCode: '350100' },
    });
  });

  it('computes a check character for every value, Y for 30 and 0 for a sum divisible by 31', () => {
    expect(creditCheckCharacter('00000000000000000')).toBe('0');
    expect(creditCheckCharacter('10000000000000000')).toBe('Y');
    expect(() => creditCheckCharacter('9135010000010OY4')).toThrow(RangeError);
  });

  it('refuses an empty code', () => {
    expect(reasonOf('  ')).toBe(
      'The credit code is empty: type the 18 characters printed on the business licence.',
    );
  });

  it('refuses a code of the wrong length and says how long it is', () => {
    expect(reasonOf('91350100M000100Y')).toBe('The credit code must have 18 characters; this one has 16.');
    expect(reasonOf('91350100M000100Y431')).toBe('The credit code must have 18 characters; this one has 19.');
  });

  it('refuses the letters I, O, Z, S and V and names the symbol each is mistaken for', () => {
    expect(reasonOf('9135O100M000100Y43')).toBe(
      "The credit code may not contain the letters I, O, Z, S or V (found 'O' at position 5): check for a 0 typed as O.",
    );
    expect(reasonOf('91350100M000100Yi3')).toBe(
      "The credit code may not contain the letters I, O, Z, S or V (found 'I' at position 17): check for a 1 typed as I.",
    );
    expect(reasonOf('9135010OM')).toMatch(/found 'O' at position 8/);
    expect(reasonOf('91350100Z000100Y43')).toMatch(/check for a 2 typed as Z\.$/);
    expect(reasonOf('91350100S000100Y43')).toMatch(/check for a 5 typed as S\.$/);
    expect(reasonOf('91350100V000100Y43')).toMatch(/check for a U typed as V\.$/);
  });

  it('refuses spaces and punctuation inside the code', () => {
    expect(reasonOf('91350100-M000100Y43')).toBe(
      "The credit code may contain only digits and capital letters (found '-' at position 9): type it without spaces or punctuation.",
    );
    expect(reasonOf('91350100 M000100Y43')).toMatch(/found a space at position 9/);
  });

  it('refuses a letter in the administrative division code', () => {
    expect(reasonOf(withCheck('9135A100M000100Y4'))).toBe(
      "Characters 3 to 8 of the credit code are a region code and must be digits (found 'A' at position 5): check what you typed.",
    );
  });

  it('refuses a wrong check character', () => {
    expect(reasonOf('91350100M000100Y44')).toBe(CHECK_MISMATCH);
    expect(reasonOf('914403001922038217')).toBe(CHECK_MISMATCH);
  });
});

describe('parseCreditCode in Chinese (the default language)', () => {
  it('says which look-alike letter was typed for which digit', () => {
    expect(chineseReasonOf('9135O100M000100Y43')).toBe(
      '统一社会信用代码里没有字母 I、O、Z、S、V（第 5 位是 O）：请看看是不是把 0 写成了 O。',
    );
    expect(chineseReasonOf('91350100 M000100Y43')).toMatch(/第 9 位是空格/);
  });
});

describe('properties', () => {
  const symbol = fc.constantFrom(...SYMBOLS);
  const digit = fc.constantFrom(...'0123456789');
  const symbols = (n: number) => fc.array(symbol, { minLength: n, maxLength: n }).map((a) => a.join(''));
  const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((a) => a.join(''));

  const validCodes = fc
    .tuple(symbols(2), digits(6), symbols(9))
    .map(([kind, division, organisation]) => withCheck(kind + division + organisation));

  it('accepts every generated valid code', () => {
    fc.assert(
      fc.property(validCodes, (code) => {
        expect(creditCheckCharacter(code.slice(0, 17))).toBe(code.slice(17));
        expect(parseCreditCode(code)).toEqual({
          ok: true,
          value: { normalized: code, divisionCode: code.slice(2, 8) },
        });
      }),
      { numRuns: 500 },
    );
  });

  it('refuses every single-character substitution with another symbol of the set', () => {
    fc.assert(
      fc.property(validCodes, (code) => {
        for (let position = 0; position < 18; position++) {
          for (const replacement of SYMBOLS) {
            if (replacement === code[position]) continue;
            const changed = code.slice(0, position) + replacement + code.slice(position + 1);
            const result = parseCreditCode(changed);
            expect(result.ok, changed).toBe(false);
            // Outside the division code no other rule applies, so only the check character can catch these.
            const inDivision = position >= 2 && position < 8;
            if (!inDivision && !result.ok) expect(render(result.reason, 'en')).toBe(CHECK_MISMATCH);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
