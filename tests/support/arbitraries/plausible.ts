import fc from 'fast-check';
import { creditCheckCharacter } from '../../../src/modules/registry/credit-code.js';
import { idCheckCharacter } from '../../../src/modules/registry/id-number.js';
import { FromNow } from './fixture-values.js';
import { ORDINARY } from './scalars.js';

/** Valid ID numbers and credit codes (check characters right), as registrations need. */
const serial = (digits: number) =>
  fc.integer({ min: 0, max: 10 ** digits - 1 }).map((n) => String(n).padStart(digits, '0'));
const idNumber = fc
  .tuple(
    fc.date({ min: new Date('1950-01-01'), max: new Date('2008-01-01'), noInvalidDate: true }),
    serial(3),
  )
  .map(([born, s]) => {
    const first17 = `370832${born.toISOString().slice(0, 10).replaceAll('-', '')}${s}`;
    return first17 + idCheckCharacter(first17);
  });
const creditCode = serial(8).map((s) => {
  const first17 = `91370832${s}A`;
  return first17 + creditCheckCharacter(first17);
});
const REGION = fc.oneof(
  { arbitrary: fc.constant('370832'), weight: 3 },
  { arbitrary: fc.constantFrom('370800', '370000', '110101', '999999'), weight: 2 },
);
const TEXT = fc.oneof(
  fc.string({
    unit: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)),
    minLength: 4,
    maxLength: 30,
  }),
  fc.constantFrom(...ORDINARY),
);
/** A start a day or two ahead, and an end after it, hours apart: a plausible window of work. */
const fromNow = (min: number, max: number) =>
  fc
    .tuple(fc.integer({ min: min * 60, max: max * 60 }), fc.constantFrom('Z' as const, '+08:00' as const))
    .map(([minutes, offset]) => new FromNow(minutes, offset));
/** Calendar days as YYYY-MM-DD, and some of that shape that are no day (or none PostgreSQL takes). */
const DAY = fc.oneof(
  fc
    .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2026-02-30', '2026-02-29', '2026-04-31', '0000-01-01', '2026-1-1'),
);

/**
 * Plausible values by the name of an argument or input field: what a real client would send. The
 * names are the schema's; a name not listed gets only values of its type.
 */
export const PLAUSIBLE: Record<string, fc.Arbitrary<unknown>> = {
  phone: serial(9).map((s) => `13${s}`),
  password: fc.constantFrom('worker-pass-1', 'a-new-password-9'),
  idNumber,
  creditCode,
  regionCode: REGION,
  homeRegionCode: REGION,
  residenceRegionCode: REGION,
  code: fc.constantFrom('welder', 'harvest_picking', 'electrician', '123456'),
  skills: fc.constantFrom('welder', 'harvest_picking', 'bricklayer'),
  lat: fc.double({ min: 35.6, max: 36, noNaN: true }),
  lng: fc.double({ min: 116, max: 116.3, noNaN: true }),
  radiusKm: fc.integer({ min: 1, max: 60 }),
  travelRadiusKm: fc.integer({ min: 1, max: 80 }),
  searchRadiusKm: fc.integer({ min: 1, max: 60 }),
  serviceRadiusKm: fc.integer({ min: 1, max: 60 }),
  level: fc.integer({ min: 1, max: 5 }),
  headcount: fc.integer({ min: 1, max: 10 }),
  payFen: fc.integer({ min: 15_000, max: 40_000 }),
  hourlyFen: fc.integer({ min: 1_500, max: 4_000 }),
  amountFen: fc.integer({ min: 1, max: 30_000 }),
  payDueDays: fc.integer({ min: 0, max: 30 }),
  hoursPerDay: fc.integer({ min: 1, max: 12 }),
  piecesPerHour: fc.integer({ min: 1, max: 100 }),
  stars: fc.integer({ min: 1, max: 5 }),
  effectiveFrom: DAY,
  startsAt: fromNow(24, 60),
  endsAt: fromNow(64, 90),
  title: TEXT,
  description: TEXT,
  address: TEXT,
  name: TEXT,
  displayName: TEXT,
  reason: TEXT,
  note: TEXT,
  resolution: TEXT,
  label: TEXT,
  comment: TEXT,
};
