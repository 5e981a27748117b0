import { describe, expect, it } from 'vitest';
import { judgeAttendance } from '../../../src/modules/work/attendance.js';
import type { WageTerms } from '../../../src/modules/work/wages.js';

const SETTINGS = { farAwayKm: 50, shortStayShare: 0.5, answerHours: 48 };
const at = (time: string) => new Date(`2026-12-10T${time}:00+08:00`);
const TERMS: WageTerms = {
  startsAt: at('08:00').toISOString(),
  endsAt: at('17:00').toISOString(),
  payFen: 20_000,
  payUnit: 'DAY',
  hourlyFen: 2_222,
  hoursPerDay: null,
  piecesPerHour: null,
  minimumHourlyFen: 2_000,
};
const record = (over: Partial<Parameters<typeof judgeAttendance>[0]> = {}) => ({
  startsAt: at('08:00'),
  endsAt: at('17:00'),
  checkedInAt: at('08:00'),
  checkedOutAt: at('17:00'),
  checkInDistanceM: 20,
  checkInOffSite: false,
  offSiteConfirmedAt: null,
  ...over,
});

describe("judging a finished hire's record", () => {
  it('lets a clean record stand', () => {
    expect(judgeAttendance(record(), TERMS, SETTINGS)).toEqual({ hours: 9, doubts: [], impossible: false });
  });

  it('doubts a check-out the clock made, but does not call it impossible', () => {
    expect(judgeAttendance(record({ checkedOutAuto: true }), TERMS, SETTINGS)).toMatchObject({
      doubts: ['NO_CHECK_OUT'],
      impossible: false,
    });
  });

  it("takes an employer's confirmation of an off-site check-in as vouching for the place, however far", () => {
    const far = { checkInDistanceM: 60_000, checkInOffSite: true };
    expect(judgeAttendance(record(far), TERMS, SETTINGS)).toMatchObject({
      doubts: ['FAR_AWAY'],
      impossible: true,
    });
    expect(
      judgeAttendance(record({ ...far, offSiteConfirmedAt: at('09:00') }), TERMS, SETTINGS).doubts,
    ).toEqual([]);
  });

  it("caps one stay over several days at the contract's working hours", () => {
    const threeDays = {
      ...TERMS,
      endsAt: new Date(at('17:00').getTime() + 2 * 86_400_000).toISOString(),
      hoursPerDay: 8,
    };
    const stay = record({
      endsAt: new Date(threeDays.endsAt),
      checkedOutAt: new Date(threeDays.endsAt),
    });
    expect(judgeAttendance(stay, threeDays, SETTINGS)).toMatchObject({ hours: 24, doubts: [] });
  });
});
