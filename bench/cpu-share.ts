// Who used the machine's CPU while something was timed: this process and everything it started
// (the API, the socket clients, PostgreSQL, Meilisearch), or other processes. On a shared 2-core
// machine another program's build or test run slows every number; the report says how much.
import { readdirSync, readFileSync } from 'node:fs';

/** Linux counts CPU time in ticks of 1/100 s (USER_HZ) on every common build. */
const TICKS_PER_SECOND = 100;

export type CpuSample = { at: number; busy: number; ours: Map<number, number> };

function machineBusyTicks(): number {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1);
  // user nice system idle iowait irq softirq steal: everything but idle and iowait is busy.
  const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
  return (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
}

/** utime + stime of every live process under `root` (itself included), by pid. */
export function treeTicks(root: number): Map<number, number> {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command may hold spaces and parentheses: the fields start after its last ')'.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(rest[1]));
      ticks.set(Number(name), Number(rest[11]) + Number(rest[12]));
    } catch {
      // gone meanwhile
    }
  }
  const ours = new Map<number, number>();
  for (const [pid, used] of ticks) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) {
      if (p === root) {
        ours.set(pid, used);
        break;
      }
    }
  }
  return ours;
}

export function cpuSample(): CpuSample {
  return { at: performance.now(), busy: machineBusyTicks(), ours: treeTicks(process.pid) };
}

/** Cores used on average between two samples: by the benchmark's processes, and by all the others. */
export function cpuBetween(
  start: CpuSample,
  end: CpuSample,
): { seconds: number; ours: number; others: number } {
  const seconds = (end.at - start.at) / 1000;
  let ours = 0;
  for (const [pid, used] of end.ours) ours += used - (start.ours.get(pid) ?? 0);
  const busy = end.busy - start.busy;
  const perSecond = (t: number) => (seconds > 0 ? t / TICKS_PER_SECOND / seconds : 0);
  return { seconds, ours: perSecond(ours), others: perSecond(Math.max(0, busy - ours)) };
}

/** Cores one of the benchmark's processes used on average between two samples. */
export function coresOf(start: CpuSample, end: CpuSample, pid: number): number {
  const seconds = (end.at - start.at) / 1000;
  const used = (end.ours.get(pid) ?? 0) - (start.ours.get(pid) ?? 0);
  return seconds > 0 ? used / TICKS_PER_SECOND / seconds : 0;
}
