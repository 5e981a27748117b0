import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hourlyRate, mostOneHireEarns } from '../../../src/modules/gigs/pay.js';
import { paymentCeiling, recordedHours, type WageTerms, wagesFor } from '../../../src/modules/work/wages.js';

const HOUR = 3_600_000;
const START = Date.parse('2026-12-10T07:00:00+08:00');

/** A contract as the market makes them: any unit, a window of 1 hour to 5 days, stated or unstated hours. */
const contracts = fc
  .record({
    payUnit: fc.constantFrom('HOUR', 'DAY', 'TOTAL', 'PIECE' as const),
    windowHours: fc.oneof(fc.integer({ min: 1, max: 14 }), fc.integer({ min: 25, max: 120 })),
    statedHours: fc.option(fc.integer({ min: 1, max: 12 }), { nil: null }),
    payFen: fc.integer({ min: 1, max: 1_000_000 }),
    piecesPerHour: fc.integer({ min: 1, max: 10_000 }),
    minimumHourlyFen: fc.integer({ min: 1_000, max: 3_000 }),
  })
  .map(({ payUnit, windowHours, statedHours, payFen, piecesPerHour, minimumHourlyFen }) => {
    const days = Math.ceil(windowHours / 24);
    const hoursPerDay = statedHours === null && days === 1 ? null : Math.min(statedHours ?? 8, windowHours);
    const workingHours = Math.min(windowHours, days * (hoursPerDay ?? windowHours));
    const hourlyFen =
      payUnit === 'HOUR'
        ? payFen
        : payUnit === 'PIECE'
          ? minimumHourlyFen
          : Math.floor(payFen / (payUnit === 'DAY' ? (hoursPerDay ?? windowHours) : workingHours));
    const terms: WageTerms = {
      startsAt: new Date(START).toISOString(),
      endsAt: new Date(START + windowHours * HOUR).toISOString(),
      payFen,
      payUnit,
      hourlyFen: Math.max(hourlyFen, 1),
      hoursPerDay,
      piecesPerHour: payUnit === 'PIECE' ? piecesPerHour : null,
      minimumHourlyFen,
    };
    // What the contract promises for its own working hours, worked out apart from wagesFor.
    const promisedFen =
      payUnit === 'HOUR'
        ? payFen * workingHours
        : payUnit === 'DAY'
          ? payFen * days
          : payUnit === 'TOTAL'
            ? payFen
            : 0;
    return { terms, windowHours, workingHours, promisedFen };
  });

/** The hours of a contract's window: settled hours never exceed them. */
const contractWindow = (terms: WageTerms) => (Date.parse(terms.endsAt) - Date.parse(terms.startsAt)) / HOUR;

/** An attendance record: check-in and check-out anywhere from two hours before to two after the window. */
const records = fc.record({
  inAt: fc.double({ min: -2, max: 130, noNaN: true }),
  stay: fc.double({ min: -3, max: 130, noNaN: true }),
});

describe('what settled hours earn', () => {
  it('is never under the minimum wage for the settled hours, nor over what the contract promises for them', () => {
    fc.assert(
      fc.property(contracts, records, ({ terms, windowHours, workingHours, promisedFen }, record) => {
        const checkedInAt = new Date(START + record.inAt * HOUR);
        const checkedOutAt = new Date(START + (record.inAt + record.stay) * HOUR);
        const window = { startsAt: new Date(terms.startsAt), endsAt: new Date(terms.endsAt) };
        const hours = recordedHours(window, checkedInAt, checkedOutAt);
        const owed = wagesFor(terms, hours);
        const minimum = terms.minimumHourlyFen ?? 0;

        expect(hours).toBeGreaterThanOrEqual(0);
        expect(hours).toBeLessThanOrEqual(windowHours);
        expect(Number.isInteger(owed)).toBe(true);
        expect(owed).toBeGreaterThanOrEqual(minimum * hours - 1e-6);
        // The promise for the hours worked: the agreed amount pro rata up to the contract's hours,
        // the agreed hourly rate (or the minimum, if higher) beyond them; never less than the floor.
        const within = Math.min(hours, workingHours);
        const beyond = Math.max(0, hours - workingHours);
        const promise = (promisedFen * within) / workingHours + Math.max(terms.hourlyFen, minimum) * beyond;
        expect(owed).toBeLessThanOrEqual(Math.max(Math.ceil(promise + 0.5), Math.ceil(minimum * hours)));
      }),
      { numRuns: 2_000 },
    );
  });

  it('never owes nor lets be paid more than postGig found one hire could come to, for pay at or above the minimum', () => {
    fc.assert(
      fc.property(contracts, fc.double({ min: 0, max: 130, noNaN: true }), ({ terms }, given) => {
        const pay = { ...terms, startsAt: new Date(terms.startsAt), endsAt: new Date(terms.endsAt) };
        const rate = hourlyRate(pay);
        // postGig refuses pay under the minimum; these are the terms it lets through.
        fc.pre(rate.ok && rate.hourlyFen >= (terms.minimumHourlyFen ?? 0));
        if (!rate.ok) return;
        const most = mostOneHireEarns(pay, rate);
        const owed = wagesFor(terms, given);
        expect(owed).toBeLessThanOrEqual(most);
        expect(paymentCeiling(terms, Math.min(given, contractWindow(terms)), owed)).toBeLessThanOrEqual(most);
      }),
      { numRuns: 2_000 },
    );
  });

  it('owes nothing for no hours, more for more hours, and the whole contract for its whole hours', () => {
    fc.assert(
      fc.property(
        contracts,
        fc.double({ min: 0, max: 1, noNaN: true }),
        ({ terms, workingHours, promisedFen }, share) => {
          expect(wagesFor(terms, 0)).toBe(0);
          const fewer = workingHours * share;
          expect(wagesFor(terms, fewer)).toBeLessThanOrEqual(wagesFor(terms, workingHours));
          const floor = Math.ceil((terms.minimumHourlyFen ?? 0) * workingHours);
          expect(wagesFor(terms, workingHours)).toBe(Math.max(Math.round(promisedFen), floor));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('pays hours beyond stated daily hours at no less than the minimum: 25 元 a day stated as 1 hour, worked 07:00–19:00', () => {
    const terms: WageTerms = {
      startsAt: '2026-12-10T07:00:00+08:00',
      endsAt: '2026-12-10T19:00:00+08:00',
      payFen: 2_500,
      payUnit: 'DAY',
      hourlyFen: 2_500,
      hoursPerDay: 1,
      piecesPerHour: null,
      minimumHourlyFen: 2_180,
    };
    // 1 stated hour for 25 元, then 11 hours at the contract's 25 元 an hour.
    expect(wagesFor(terms, 12)).toBe(2_500 + 11 * 2_500);
    expect(wagesFor(terms, 12)).toBeGreaterThanOrEqual(12 * 2_180);
  });

  it('guarantees piece work the minimum for its hours, whatever rate the employer states', () => {
    const terms: WageTerms = {
      startsAt: '2026-12-10T08:00:00+08:00',
      endsAt: '2026-12-10T16:00:00+08:00',
      payFen: 1,
      payUnit: 'PIECE',
      hourlyFen: 2_180,
      hoursPerDay: null,
      piecesPerHour: 10_000,
      minimumHourlyFen: 2_180,
    };
    expect(wagesFor(terms, 8)).toBe(8 * 2_180);
    expect(wagesFor(terms, 2.5)).toBe(Math.ceil(2.5 * 2_180));
  });

  it('counts only the stay inside the contract window', () => {
    const window = {
      startsAt: new Date('2026-12-10T08:00:00+08:00'),
      endsAt: new Date('2026-12-10T16:00:00+08:00'),
    };
    const at = (time: string) => new Date(`2026-12-10T${time}:00+08:00`);
    expect(recordedHours(window, at('07:10'), at('07:59'))).toBe(0);
    expect(recordedHours(window, at('07:10'), at('12:00'))).toBe(4);
    expect(recordedHours(window, at('09:00'), at('18:00'))).toBe(7);
    expect(recordedHours(window, at('09:00'), at('09:00'))).toBe(0);
    expect(recordedHours(window, null, at('12:00'))).toBe(0);
  });
});
