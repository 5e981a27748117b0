import type { Via } from './offers-protocol.js';
import type { Stats } from './report.js';

/** The issue's goals. 1 GB is read as 10^9 bytes, the stricter of GB and GiB. */
export const GOALS = { offerP99Ms: 50, rssBytes: 1e9, rssAtSockets: 10_000, acceptP99Ms: 200 };

export type OfferRun = {
  sockets: number;
  gigs: number;
  /** Offer rows the API wrote for the measured gigs, and how many reached a client. */
  sent: number;
  received: number;
  delivered: number;
  duplicates: number;
  postGig: Stats;
  latency: Stats;
  perGigP99: number[];
  /** Per gig: postGig sent → its first offer arrived; and from its first offer to its last. */
  firstOffer: Stats;
  spread: Stats;
  /** Cores busy on average while the gigs were timed: the benchmark's processes, and all others. */
  cpu: { ours: number; others: number };
};

export type MemoryRun = {
  sockets: number;
  connectSeconds: number;
  failed: number;
  rssAfterConnect: number;
  rssAfterLoad: number;
  peak: number;
};

export type RaceRun = {
  sockets: number;
  via: Via;
  offers: number;
  answers: number;
  unanswered: number;
  wins: number;
  codes: Record<string, number>;
  engagements: number;
  filled: number;
  latency: Stats;
  /** From the common start until the last answer arrived. */
  settleMs: number;
  /** How late the last accept left its phone, after the common start. */
  sendSpreadMs: number;
  cpu: { ours: number; others: number };
};

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 2 : 1) : '—');
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const cores = (cpu: { ours: number; others: number }) => `${cpu.ours.toFixed(2)} / ${cpu.others.toFixed(2)}`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const table = (head: string[], rows: string[][]) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

/** A goal is met only if every offer was received: a lost offer has no latency, and must not vanish. */
export const offerPassed = (r: OfferRun) => r.received === r.sent && r.latency.p99 < GOALS.offerP99Ms;

export function offerTable(runs: OfferRun[]): string {
  return table(
    [
      'Sockets connected',
      'Gigs',
      'Offers sent',
      'Received',
      'Acked (delivered_at)',
      'postGig answer p50 ms',
      'offer p50 ms',
      'offer p99 ms',
      'max ms',
      'p99 of each gig ms',
      'first offer ms (median gig)',
      'first → last offer ms (median gig)',
      'CPU cores: bench / others',
      `Goal p99 < ${GOALS.offerP99Ms} ms`,
    ],
    runs.map((r) => [
      r.sockets.toLocaleString('en'),
      String(r.gigs),
      String(r.sent),
      `${r.received}${r.duplicates > 0 ? ` (+${r.duplicates} re-sent)` : ''}`,
      String(r.delivered),
      ms(r.postGig.p50),
      ms(r.latency.p50),
      ms(r.latency.p99),
      ms(r.latency.max),
      r.perGigP99.map(ms).join(', '),
      ms(r.firstOffer.p50),
      ms(r.spread.p50),
      cores(r.cpu),
      verdict(offerPassed(r)),
    ]),
  );
}

export const memoryPassed = (runs: MemoryRun[]) => {
  const at = runs.find((r) => r.sockets === GOALS.rssAtSockets);
  return (
    at !== undefined && at.failed === 0 && Math.max(at.rssAfterConnect, at.rssAfterLoad) < GOALS.rssBytes
  );
};

export function memoryTable(runs: MemoryRun[], baseline: number): string {
  return table(
    [
      'Sockets connected',
      'connect time s',
      'failed',
      'API RSS after connect MiB',
      'after gigs and races MiB',
      'peak (VmHWM) MiB',
      'MiB per 1k sockets over idle',
      'Goal 10k < 1 GB',
    ],
    runs.map((r) => [
      r.sockets.toLocaleString('en'),
      r.connectSeconds.toFixed(1),
      String(r.failed),
      mib(r.rssAfterConnect),
      mib(r.rssAfterLoad),
      mib(r.peak),
      ((r.rssAfterConnect - baseline) / 2 ** 20 / (r.sockets / 1000)).toFixed(1),
      r.sockets === GOALS.rssAtSockets
        ? verdict(r.failed === 0 && Math.max(r.rssAfterConnect, r.rssAfterLoad) < GOALS.rssBytes)
        : '',
    ]),
  );
}

export const racePassed = (r: RaceRun, headcount: number) => ({
  hires: r.wins === headcount && r.engagements === headcount && r.filled === headcount,
  latency: r.unanswered === 0 && r.answers === r.offers && r.latency.p99 < GOALS.acceptP99Ms,
});

export function raceTable(runs: RaceRun[], headcount: number): string {
  return table(
    [
      'Sockets connected',
      'Accept via',
      'Offers',
      'Answers',
      'won',
      'refused (codes)',
      'engagements in DB',
      'gig.filled',
      'accept p50 ms',
      'accept p99 ms',
      'settle ms',
      'last send ms',
      'CPU cores: bench / others',
      `Goal exactly ${headcount} hires`,
      `Goal p99 < ${GOALS.acceptP99Ms} ms`,
    ],
    runs.map((r) => {
      const passed = racePassed(r, headcount);
      const refused = Object.entries(r.codes)
        .filter(([code]) => code !== 'OK')
        .map(([code, n]) => `${n} ${code}`)
        .join(', ');
      return [
        r.sockets.toLocaleString('en'),
        r.via === 'socket' ? 'socket `offer:accept`' : 'GraphQL `acceptOffer`',
        String(r.offers),
        `${r.answers}${r.unanswered > 0 ? ` (${r.unanswered} unanswered)` : ''}`,
        String(r.wins),
        refused || '—',
        String(r.engagements),
        String(r.filled),
        ms(r.latency.p50),
        ms(r.latency.p99),
        ms(r.settleMs),
        ms(r.sendSpreadMs),
        cores(r.cpu),
        verdict(passed.hires),
        verdict(passed.latency),
      ];
    }),
  );
}
