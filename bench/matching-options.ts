// The options `MatchingRepository.eligible` takes, as the matcher (src/modules/hiring/matching.ts)
// builds them for a wave, for benchmarks that run the statement on its own.
import { olderBornBy, RECENT_HIRE_DAYS, RECENT_WORK_DAYS } from '../src/modules/hiring/matching.js';

export function waveMatchingOptions(ids: string[], reachKm: number, now = new Date()) {
  return {
    ids,
    fresh: true,
    recentSince: new Date(now.getTime() - RECENT_HIRE_DAYS * 86_400_000),
    workSince: new Date(now.getTime() - RECENT_WORK_DAYS * 86_400_000),
    olderBorn: olderBornBy(now),
    reachKm,
    now,
  };
}
