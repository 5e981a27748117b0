import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { render } from '../../../src/i18n/render.js';
import { maskMobile, parseMobile } from '../../../src/modules/registry/phone.js';

const SHAPE = 'A mobile number has 11 digits and starts with 1, e.g. 13812345678.';

function reasonOf(raw: string): string {
  const result = parseMobile(raw);
  if (result.ok) throw new Error(`${raw} was accepted`);
  // The English words these cases were written in; the Chinese ones are checked below.
  return render(result.reason, 'en');
}

function chineseReasonOf(raw: string): string {
  const result = parseMobile(raw);
  if (result.ok) throw new Error(`${raw} was accepted`);
  return render(result.reason, 'zh-CN');
}

describe('parseMobile', () => {
  it('accepts 11 digits starting with 13 to 19', () => {
    for (const n of [
      '13812345678',
      '14512345678',
      '15012345678',
      '16612345678',
      '17712345678',
      '18612345678',
    ]) {
      expect(parseMobile(n)).toEqual({ ok: true, value: n });
    }
    expect(parseMobile('19912345678')).toEqual({ ok: true, value: '19912345678' });
  });

  it('takes off the country code, spaces and hyphens', () => {
    for (const raw of [
      '+86 138 1234 5678',
      '+8613812345678',
      '86-138-1234-5678',
      '8613812345678',
      ' 138-1234-5678 ',
      '138 1234 5678',
    ]) {
      expect(parseMobile(raw)).toEqual({ ok: true, value: '13812345678' });
    }
  });

  it('refuses an empty number', () => {
    expect(reasonOf(' - ')).toBe(`Enter a mobile number. ${SHAPE}`);
  });

  it('refuses too few or too many digits and says how many there are', () => {
    expect(reasonOf('1381234567')).toBe(`${SHAPE} This one has 10 digits.`);
    expect(reasonOf('138123456789')).toBe(`${SHAPE} This one has 12 digits.`);
    expect(reasonOf('+86 138 1234 567')).toBe(`${SHAPE} This one has 10 digits.`);
  });

  it('refuses numbers that do not start with 13 to 19', () => {
    expect(reasonOf('12812345678')).toBe(`No mobile number starts with 12: check the first digits. ${SHAPE}`);
    expect(reasonOf('05371234567')).toBe(`No mobile number starts with 05: check the first digits. ${SHAPE}`);
  });

  it('refuses letters and other signs', () => {
    expect(reasonOf('138l2345678')).toBe(
      "A mobile number may contain only digits, spaces and hyphens (found 'l'): type the 11 digits, e.g. 13812345678.",
    );
    expect(reasonOf('(138)12345678')).toMatch(/found '\('/);
  });

  it('refuses numbers of other countries', () => {
    expect(reasonOf('+1 415 555 0100')).toBe(
      `Only mainland China mobile numbers (+86) can be used. ${SHAPE}`,
    );
    expect(reasonOf('+852 9123 4567')).toMatch(/^Only mainland China/);
  });

  it('gives back the 11 digits however they were grouped', () => {
    const mobiles = fc
      .tuple(
        fc.constantFrom(...'3456789'),
        fc.array(fc.constantFrom(...'0123456789'), { minLength: 9, maxLength: 9 }),
      )
      .map(([second, rest]) => `1${second}${rest.join('')}`);
    const separator = fc.constantFrom('', ' ', '-', ' - ');
    fc.assert(
      fc.property(
        mobiles,
        fc.constantFrom('', '+86', '86', '+86 '),
        separator,
        separator,
        (n, prefix, s1, s2) => {
          const written = `${prefix}${n.slice(0, 3)}${s1}${n.slice(3, 7)}${s2}${n.slice(7)}`;
          expect(parseMobile(written)).toEqual({ ok: true, value: n });
        },
      ),
    );
  });
});

describe('parseMobile in Chinese (the default language)', () => {
  it('says what is wrong and what a number looks like, without English words', () => {
    expect(chineseReasonOf('1381234567')).toBe(
      '手机号是 11 位数字，以 1 开头，例如 13812345678。现在是 10 位。',
    );
    expect(chineseReasonOf('138l2345678')).toBe(
      '手机号只能有数字、空格和短横线（这里有“l”）：请填 11 位数字，例如 13812345678。',
    );
    expect(chineseReasonOf('')).not.toMatch(/[A-Za-z]{3,}/);
  });
});

describe('maskMobile', () => {
  it('keeps the first three and the last four digits', () => {
    expect(maskMobile('13812345678')).toBe('138****5678');
  });

  it('refuses anything but a whole number rather than show it', () => {
    expect(() => maskMobile('1381234567')).toThrow(RangeError);
  });
});
