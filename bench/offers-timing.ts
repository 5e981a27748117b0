import { readFileSync } from 'node:fs';

/** One wave's marks as the API logs them with OFFER_WAVE_TIMING (src/modules/hiring/wave-timing.ts). */
type Timing = { gigId: string; offers: number; steps: [string, number][] };

/** Every JSON line of the API's log that carries `key`, as that field's value. */
function logField<T>(logFile: string, key: string): T[] {
  const found: T[] = [];
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.includes(`"${key}"`)) continue;
    try {
      const value = (JSON.parse(line) as Record<string, unknown>)[key];
      if (value) found.push(value as T);
    } catch {
      // not a log line of ours
    }
  }
  return found;
}

/** Every `waveTiming` line of the API's log. */
export function readWaveTimings(logFile: string): Timing[] {
  return logField<Timing>(logFile, 'waveTiming');
}

/**
 * Where each wave's time went (`--wave-timing`): ms from the wave's start (for a first wave, the
 * posting's commit: `kick` starts it in the same flow) to each step, one row per wave that sent
 * offers, and the range of each step.
 */
export function waveTimingTable(timings: readonly Timing[]): string {
  if (timings.length === 0) return 'No wave timing in the API log.';
  const steps: string[] = [];
  for (const t of timings) for (const [step] of t.steps) if (!steps.includes(step)) steps.push(step);
  const at = (t: Timing, step: string) => t.steps.find(([s]) => s === step)?.[1];
  const rows = timings.map(
    (t, i) => `| ${i + 1} | ${t.offers} | ${steps.map((s) => at(t, s)?.toFixed(1) ?? '—').join(' | ')} |`,
  );
  const range = steps.map((s) => {
    const values = timings.map((t) => at(t, s)).filter((v): v is number => v !== undefined);
    return values.length === 0 ? '—' : `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
  });
  return [
    `| Wave | offers | ${steps.join(' | ')} |`,
    `|---|---|${steps.map(() => '---').join('|')}|`,
    ...rows,
    `| range | | ${range.join(' | ')} |`,
  ].join('\n');
}

/** One batch's marks as the API logs them with ACCEPT_TIMING (src/modules/hiring/accept-timing.ts). */
type BatchMarks = { gigId: string; accepts: number; steps: [string, number][] };

/** Every `acceptTiming` line of the API's log, as rows of the same table (a batch's accepts as its count). */
export function readAcceptTimings(logFile: string): Timing[] {
  return logField<BatchMarks>(logFile, 'acceptTiming').map((t) => ({
    gigId: t.gigId,
    offers: t.accepts,
    steps: t.steps,
  }));
}

/**
 * Where each batch of accepts' time went (`--accept-timing`): ms from its first accept received
 * (before its session check) to each step, one row per batch, and the range of each step.
 */
export function acceptTimingTable(timings: readonly Timing[]): string {
  if (timings.length === 0) return 'No accept timing in the API log.';
  return waveTimingTable(timings).replace('| Wave | offers |', '| Batch | accepts |');
}

/** The report's section of `--accept-timing`: what each column means, and the table. */
export function acceptTimingSection(logFile: string): string[] {
  return [
    '',
    "### Where each API batch of accepts' time went (ms from its first accept received, --accept-timing)",
    '',
    "checked: its last accept through the session check; facts: the gig's facts read; begun: its transaction open; taken: its accepts taken; seats: hires, answered offers and withdrawals written; committed; answered: the turn after its answers were resolved (the acks written).",
    '',
    acceptTimingTable(readAcceptTimings(logFile)),
  ];
}
