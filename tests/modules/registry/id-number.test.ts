import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { render } from '../../../src/i18n/render.js';
import {
  ageOn,
  idCheckCharacter,
  maskIdNumber,
  parseIdNumber,
} from '../../../src/modules/registry/id-number.js';

// Noon of 15 June 2025 in Shanghai.
const TODAY = new Date('2025-06-15T04:00:00Z');
const options = { today: TODAY, regionExists: () => false };

const CHECK_MISMATCH =
  'The last character of the ID number does not match the others: check each digit and type it again.';

/**
 * ISO 7064 MOD 11-2 as the standard states validity, written apart from the module so the tests do
 * not check the code against itself: every position i (1-based, 18 of them) weighs 2^(18 - i) mod 11,
 * X is worth 10, and the weighted sum of a valid number is 1 modulo 11.
 */
function satisfiesMod11_2(id: string): boolean {
  let sum = 0;
  for (let i = 0; i < 18; i++) {
    const value = id[i] === 'X' ? 10 : Number(id[i]);
    sum += value * (2 ** (17 - i) % 11);
  }
  return sum % 11 === 1;
}

function withCheck(first17: string): string {
  const check = [...'0123456789X'].find((c) => satisfiesMod11_2(first17 + c));
  if (check === undefined) throw new Error(`no check character for ${first17}`);
  return first17 + check;
}

function reasonOf(raw: string, opts = options): string {
  const result = parseIdNumber(raw, opts);
  if (result.ok) throw new Error(`${raw} was accepted`);
  // The English words these cases were written in; the Chinese ones are checked below.
  return render(result.reason, 'en');
}

function chineseReasonOf(raw: string): string {
  const result = parseIdNumber(raw, options);
  if (result.ok) throw new Error(`${raw} was accepted`);
  return render(result.reason, 'zh-CN');
}

describe('parseIdNumber', () => {
  it('accepts the published sample 11010519491231002X', () => {
    expect(satisfiesMod11_2('11010519491231002X')).toBe(true);
    expect(parseIdNumber('11010519491231002X', options)).toEqual({
      ok: true,
      value: {
        normalized: '11010519491231002X',
        addressCode: '110105',
        birthDate: '1949-12-31',
        sex: 'female',
      },
    });
  });

  it('accepts real-format numbers whose check character an independent implementation computed', () => {
    const examples = [
      { first17: '37080219900101123', birthDate: '1990-01-01', sex: 'male' },
      { first17: '44030620000229046', birthDate: '2000-02-29', sex: 'female' },
      { first17: '65010219850715008', birthDate: '1985-07-15', sex: 'female' },
      { first17: '81000019701231999', birthDate: '1970-12-31', sex: 'male' },
      { first17: '51132219630808201', birthDate: '1963-08-08', sex: 'male' },
    ];
    for (const { first17, birthDate, sex } of examples) {
      const id = withCheck(first17);
      expect(idCheckCharacter(first17)).toBe(id.slice(17));
      expect(parseIdNumber(id, options)).toEqual({
        ok: true,
        value: { normalized: id, addressCode: first17.slice(0, 6), birthDate, sex },
      });
    }
  });

  it('computes the check character X when the weighted sum calls for 10', () => {
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    expect(() => idCheckCharacter('1101051949123100')).toThrow(RangeError);
  });

  it('accepts a lower-case x and surrounding spaces, and normalises to upper case', () => {
    const result = parseIdNumber('  11010519491231002x\t', options);
    expect(result.ok && result.value.normalized).toBe('11010519491231002X');
  });

  it('refuses an empty number', () => {
    expect(reasonOf('   ')).toBe(
      'The ID number is empty: type the 18 characters printed on the identity card.',
    );
  });

  it('refuses a number of the wrong length and says how long it is', () => {
    expect(reasonOf('11010519491231002')).toBe('The ID number must have 18 characters; this one has 17.');
    expect(reasonOf('11010519491231002X1')).toBe('The ID number must have 18 characters; this one has 19.');
  });

  it('tells the holder of an old 15-digit number to use the current card', () => {
    expect(reasonOf('110105491231002')).toBe(
      'The ID number must have 18 characters; this one has 15. Old 15-digit numbers are no longer valid: use the one on the current card.',
    );
  });

  it('refuses letters and inner spaces, naming the position', () => {
    expect(reasonOf('1101A519491231002X')).toBe(
      "The ID number may contain only digits and a final X (found 'A' at position 5): check what you typed.",
    );
    expect(reasonOf('110105 19491231002X')).toBe(
      'The ID number may contain only digits and a final X (found a space at position 7): check what you typed.',
    );
  });

  it('refuses an X anywhere but at the end', () => {
    expect(reasonOf('1101051949123100X2')).toBe(
      'Only the last character of the ID number may be an X (found one at position 17): check what you typed.',
    );
  });

  it('refuses an address code whose province does not exist', () => {
    const id = withCheck('99000019900101123');
    expect(reasonOf(id)).toBe('The address code 990000 at the start of the ID number is not a known region.');
  });

  it('accepts any code of a real province although the region table does not know it', () => {
    const asked: string[] = [];
    const regionExists = (code: string) => {
      asked.push(code);
      return false;
    };
    expect(parseIdNumber(withCheck('15999919900101123'), { today: TODAY, regionExists }).ok).toBe(true);
    expect(asked).toEqual(['159999']);
  });

  it('accepts an address code outside the province list when the region table knows it', () => {
    // A Taiwan resident's residence permit number starts with 830000.
    const id = withCheck('83000019900101123');
    expect(reasonOf(id)).toMatch(/^The address code 830000 /);
    expect(parseIdNumber(id, { today: TODAY, regionExists: (code) => code === '830000' }).ok).toBe(true);
  });

  it('refuses a birth date that is not a real date', () => {
    expect(reasonOf(withCheck('37080219991340123'))).toBe(
      'The birth date 19991340 in the ID number is not a real date.',
    );
    expect(reasonOf(withCheck('37080219990431123'))).toBe(
      'The birth date 19990431 in the ID number is not a real date.',
    );
    expect(reasonOf(withCheck('37080219990100123'))).toBe(
      'The birth date 19990100 in the ID number is not a real date.',
    );
  });

  it('knows the leap years: 29 February 2000 is real, in 1900 and 2023 it is not', () => {
    expect(parseIdNumber(withCheck('37080220000229123'), options).ok).toBe(true);
    expect(parseIdNumber(withCheck('37080219960229123'), options).ok).toBe(true);
    expect(reasonOf(withCheck('37080219000229123'))).toBe(
      'The birth date 19000229 in the ID number is not a real date.',
    );
    expect(reasonOf(withCheck('37080220230229123'))).toBe(
      'The birth date 20230229 in the ID number is not a real date.',
    );
  });

  it('refuses a birth date before 1900, even the example printed in the standard itself', () => {
    expect(satisfiesMod11_2('440524188001010014')).toBe(true);
    expect(reasonOf('440524188001010014')).toBe(
      'The birth date 18800101 in the ID number is before 1900: check digits 7 to 14.',
    );
    expect(reasonOf(withCheck('37080218991231123'))).toMatch(/before 1900/);
    expect(parseIdNumber(withCheck('37080219000101123'), options).ok).toBe(true);
  });

  it('refuses a birth date after today in Shanghai, and accepts one born today', () => {
    expect(reasonOf(withCheck('37080220250616123'))).toBe('The birth date is in the future.');
    expect(reasonOf(withCheck('37080230000101123'))).toBe('The birth date is in the future.');
    expect(parseIdNumber(withCheck('37080220250615123'), options).ok).toBe(true);
    // 16:30 UTC on 15 June is already 16 June in Shanghai.
    const lateEvening = { today: new Date('2025-06-15T16:30:00Z'), regionExists: () => false };
    expect(parseIdNumber(withCheck('37080220250616123'), lateEvening).ok).toBe(true);
  });

  it('refuses a wrong check character', () => {
    expect(reasonOf('110105194912310021')).toBe(CHECK_MISMATCH);
    expect(reasonOf('110105194912310020')).toBe(CHECK_MISMATCH);
  });

  it('reports the first broken rule: address before birth date before check character', () => {
    expect(reasonOf('990000199913401231')).toMatch(/^The address code 990000 /);
    expect(reasonOf('370802199913401231')).toMatch(/^The birth date 19991340 /);
  });
});

describe('parseIdNumber in Chinese (the default language)', () => {
  it('names the position of a stray character, a space as 空格', () => {
    expect(chineseReasonOf('3708A2198506151234')).toBe(
      '身份证号只能有数字和最后一位的 X（第 5 位是字符“A”）：请核对。',
    );
    expect(chineseReasonOf('370802 98506151234')).toBe(
      '身份证号只能有数字和最后一位的 X（第 7 位是空格）：请核对。',
    );
    expect(chineseReasonOf('370802850615123')).toMatch(/旧的 15 位号码已不能用/);
  });
});

describe('ageOn', () => {
  const at = (shanghaiDay: string) => new Date(`${shanghaiDay}T12:00:00+08:00`);

  it('counts the birthday on the day itself', () => {
    expect(ageOn('1990-06-15', at('2025-06-14'))).toBe(34);
    expect(ageOn('1990-06-15', at('2025-06-15'))).toBe(35);
    expect(ageOn('1990-06-15', at('2025-06-16'))).toBe(35);
    expect(ageOn('1990-06-15', at('1990-06-15'))).toBe(0);
  });

  it('reads the day in Shanghai, not in UTC', () => {
    expect(ageOn('1990-06-15', new Date('2025-06-14T16:00:00Z'))).toBe(35);
    expect(ageOn('1990-06-15', new Date('2025-06-14T15:59:59Z'))).toBe(34);
  });

  it('makes someone born on 29 February a year older on 1 March in other years', () => {
    expect(ageOn('2000-02-29', at('2018-02-28'))).toBe(17);
    expect(ageOn('2000-02-29', at('2018-03-01'))).toBe(18);
    expect(ageOn('2000-02-29', at('2024-02-28'))).toBe(23);
    expect(ageOn('2000-02-29', at('2024-02-29'))).toBe(24);
  });

  it('refuses a birth date that is not YYYY-MM-DD', () => {
    expect(() => ageOn('20000229', TODAY)).toThrow(RangeError);
  });
});

describe('maskIdNumber', () => {
  it('keeps the first four and the last four characters', () => {
    expect(maskIdNumber('370802199001011234')).toBe('3708**********1234');
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });

  it('refuses anything but a whole number rather than show it', () => {
    expect(() => maskIdNumber('3708021990010112')).toThrow(RangeError);
  });
});

describe('properties', () => {
  // Written out again, not imported, so that a code dropped from the module's list shows here.
  // biome-ignore format: a table
  const PROVINCES = [
    '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42',
    '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
  ];
  const DAY = 86_400_000;
  const pad = (n: number, width: number) => String(n).padStart(width, '0');

  const validIds = fc
    .record({
      province: fc.constantFrom(...PROVINCES),
      county: fc.integer({ min: 0, max: 9999 }),
      day: fc.integer({ min: Date.UTC(1930, 0, 1) / DAY, max: Date.UTC(2010, 11, 31) / DAY }),
      sequence: fc.integer({ min: 0, max: 999 }),
    })
    .map(({ province, county, day, sequence }) => {
      const birthDate = new Date(day * DAY).toISOString().slice(0, 10);
      const first17 = `${province}${pad(county, 4)}${birthDate.replaceAll('-', '')}${pad(sequence, 3)}`;
      return { id: withCheck(first17), birthDate, sex: sequence % 2 === 1 ? 'male' : 'female' };
    });

  it('accepts every generated valid number and gives back its birth date and sex', () => {
    fc.assert(
      fc.property(validIds, ({ id, birthDate, sex }) => {
        expect(idCheckCharacter(id.slice(0, 17))).toBe(id.slice(17));
        const result = parseIdNumber(id, options);
        expect(result).toEqual({
          ok: true,
          value: { normalized: id, addressCode: id.slice(0, 6), birthDate, sex },
        });
        expect(parseIdNumber(` ${id.toLowerCase()} `, options)).toEqual(result);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses every single-character substitution of a valid number', () => {
    fc.assert(
      fc.property(validIds, ({ id }) => {
        for (let position = 0; position < 18; position++) {
          const allowed = position < 17 ? '0123456789' : '0123456789X';
          for (const replacement of allowed) {
            if (replacement === id[position]) continue;
            const changed = id.slice(0, position) + replacement + id.slice(position + 1);
            const result = parseIdNumber(changed, options);
            expect(result.ok, changed).toBe(false);
            // The sequence and the check character feed no other rule, so only MOD 11-2 can catch these.
            if (position >= 14 && !result.ok) expect(render(result.reason, 'en')).toBe(CHECK_MISMATCH);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
