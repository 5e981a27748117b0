import type { Job } from '../jobs.js';
import type { WarningsService } from './warnings.service.js';

/**
 * Computes every county's early-warning reading every `sweepMs` (default hourly, so a change is
 * seen within the day it happens); an advisory lock lets one node compute at a time.
 */
export function warningsJobs(
  warnings: Pick<WarningsService, 'computeAll'>,
  settings: { sweepMs: number },
): Job[] {
  return [{ name: 'employment warnings', everyMs: settings.sweepMs, run: () => warnings.computeAll() }];
}
