import type { Job } from '../jobs.js';
import type { CertificatesService } from './certificates.service.js';

/**
 * The workers' registry's timers: the notice before a 特种作业操作证 expires. Each round claims the
 * certificates due (`for update skip locked`) and marks them told, so any number of nodes may run it.
 */
export function workersJobs(
  certificates: Pick<CertificatesService, 'noticeExpiring'>,
  settings: { sweepMs: number },
): Job[] {
  return [
    {
      name: 'certificate expiry notices',
      everyMs: settings.sweepMs,
      run: () => certificates.noticeExpiring(),
    },
  ];
}
