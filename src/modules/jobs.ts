/**
 * A domain's timer: `run` is one round of clock-driven work (claimed rows, conditional updates), so
 * any number of nodes may run it. The `jobs` plugin runs every module's jobs every `everyMs`,
 * never two rounds of one job at once, and stops them before the app closes.
 */
export type Job = {
  /** Names the job in logs: "work sweep". */
  name: string;
  everyMs: number;
  run: () => Promise<unknown>;
};
