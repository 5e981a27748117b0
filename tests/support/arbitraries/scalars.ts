import fc from 'fast-check';
import { FromNow } from './fixture-values.js';

/**
 * Values of each scalar the schema uses, ordinary and odd: text in Chinese and ASCII, empty, very
 * long, Unicode's edge cases, injection-looking; edge integers and floats; DateTimes that are and
 * are not ones.
 */

export const CHINESE = fc.string({
  unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 24,
});
export const ORDINARY = [
  '张三',
  '梁山县拳铺镇工业园区8号',
  '钢结构厂房电焊工',
  '家里有事',
  'Zhang San',
  'welder',
];
const ODD = [
  '',
  ' ',
  '\t\r\n',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF',
  '🧑‍🌾👷🏽‍♀️',
  'e\u0301\u0301\u0301',
  '\u202Eevil',
  '\u200B',
  '\uFEFF张三',
  '\u3000张三\u3000',
  '\u00A0\u00A0',
  '焊\uD800工',
  'ｆｕｌｌｗｉｄｔｈ１２３',
  '\\',
  '"',
  '2026-02-30',
  '0000-01-01',
  '2026-1-1',
];
const INJECTION = [
  "' OR '1'='1",
  "'; drop table accounts; --",
  "1'); select pg_sleep(5); --",
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection probe, sent as text
  '${7*7}{{7*7}}',
  '%s%s%n',
  '../../etc/passwd',
  '{"$gt": ""}',
  'null',
  'NaN',
  '-1',
  '1e309',
];
const STRING = fc.oneof(
  { arbitrary: fc.constantFrom(...ORDINARY, ...ODD, ...INJECTION), weight: 4 },
  { arbitrary: CHINESE, weight: 2 },
  { arbitrary: fc.string({ maxLength: 30 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 10 }), weight: 1 },
  { arbitrary: fc.constantFrom(200, 1_000, 20_000).map((n) => '长'.repeat(n)), weight: 1 },
);

const INT32 = 2 ** 31 - 1;
const INT = fc.oneof(
  fc.constantFrom(0, 1, -1, 2, 7, 100, 1_000, 30_000, INT32, -INT32 - 1),
  fc.integer({ min: -10, max: 400 }),
  fc.integer(),
);
const FLOAT = fc.oneof(
  fc.constantFrom(0, -0, 1e308, -1e308, 5e-324, 1e-9, 90, -90, 180, -180, 35.8, 116.1, 0.5),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -200, max: 200, noNaN: true }),
);
export const ID = fc.oneof(
  fc.uuid(),
  fc.constantFrom('00000000-0000-4000-8000-000000000000', 'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF'),
  STRING,
  fc.integer(),
);
const DATE_TIME = fc.oneof(
  fc
    .tuple(fc.integer({ min: -3 * 1440, max: 30 * 1440 }), fc.constantFrom('Z' as const, '+08:00' as const))
    .map(([minutes, offset]) => new FromNow(minutes, offset)),
  fc
    .date({
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  fc.constantFrom('0000-01-01T00:00:00Z', '9999-12-31T23:59:59.999+14:00', '1970-01-01T00:00:00Z'),
);
/** Not DateTimes, though some look like one: each must be refused by the scalar. */
const NOT_DATE_TIME = fc.constantFrom(
  'soon',
  '',
  '2026-13-01T00:00:00Z',
  '2026-02-30T10:00:00Z',
  '2026-11-25',
  '2026-11-25T10:00:00',
  '2026-11-25T25:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  1_732_500_000_000,
);

/** Values that are not of the type at all; only `broken` sends them. */
export const NOT_OF_TYPE: Record<string, fc.Arbitrary<unknown>> = {
  Int: fc.constantFrom(INT32 + 1, -(2 ** 40), 1.5, '12', 1e20, true),
  Float: fc.constantFrom('1.5', true, Number.NaN, [1]),
  Boolean: fc.constantFrom('true', 1, 0, 'yes'),
  String: fc.constantFrom(12, true, ['a'], { a: 1 }),
  ID: fc.constantFrom(1.5, true, ['a'], { id: 1 }),
  DateTime: NOT_DATE_TIME,
};

/** Values of each scalar, by its name in the schema. */
export const SCALARS: Record<string, fc.Arbitrary<unknown>> = {
  String: STRING,
  Int: INT,
  Float: FLOAT,
  Boolean: fc.boolean(),
  ID,
  DateTime: DATE_TIME,
  JSON: fc.jsonValue({ maxDepth: 3 }),
};
