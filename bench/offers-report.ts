import type { Via } from './offers-protocol.js';
import type { Race, Row, Wave } from './offers-rounds.js';
import { raceLatencies } from './offers-rounds.js';
import { type Stats, stats } from './report.js';

/**
 * The issue's goals: each API p99 against the bare floor's p99 measured in the same run (issue 29),
 * and the API's RSS at 10k sockets. 1 GB is read as 10^9 bytes, the stricter of GB and GiB.
 */
export const GOALS = {
  offerRatio: 1.3,
  graphqlRatio: 1.3,
  socketRatio: 1.5,
  rssBytes: 1e9,
  rssAtSockets: 10_000,
};

export type MemoryRun = {
  sockets: number;
  connectSeconds: number;
  failed: number;
  rssAfterConnect: number;
  rssAfterLoad: number;
  peak: number;
};

/** One measure at one size: the bare floor's row and the API's, and whether the ratio holds. */
export type Ratio = {
  sockets: number;
  measure: string;
  bare: Stats;
  api: Stats;
  ratio: number;
  goal: number;
  /** Every offer received and every accept answered, in both rows. */
  complete: boolean;
  passed: boolean;
  /**
   * A line that explains another and has no goal (the API's push against the bare server plus
   * the durable write): `bare` holds that row's figures, and `passed` is always true.
   */
  diagnostic?: boolean;
};

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 2 : 1) : '—');
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const table = (head: string[], rows: string[][]) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

const waveComplete = (w: Wave) => w.latencies.length === w.offers && w.offers > 0;
const raceComplete = (r: Race) => r.unanswered === 0 && r.answers.length === r.offers && r.offers > 0;

function ratioOf(
  sockets: number,
  measure: string,
  goal: number,
  rows: { bare: number[]; api: number[] },
  complete: boolean,
): Ratio {
  const bare = stats(rows.bare);
  const api = stats(rows.api);
  const ratio = api.p99 / bare.p99;
  return { sockets, measure, bare, api, ratio, goal, complete, passed: complete && ratio <= goal };
}

/**
 * The three ratios at one size, from its waves and races, and after the push's a diagnostic one:
 * the API's push against the bare server's that writes and commits the offer rows first.
 */
export function ratiosAt(sockets: number, waves: Wave[], races: Race[]): Ratio[] {
  const of = (row: Row) => waves.filter((w) => w.row === row);
  const latencies = (row: Row) => of(row).flatMap((w) => w.latencies);
  const ratios = [
    ratioOf(
      sockets,
      'offer push (post → `offer` received)',
      GOALS.offerRatio,
      { bare: latencies('bare'), api: latencies('api') },
      [...of('bare'), ...of('api')].every(waveComplete),
    ),
  ];
  if (of('durable').length > 0) {
    const complete = [...of('durable'), ...of('api')].every(waveComplete);
    const durable = ratioOf(
      sockets,
      'offer push: API / (bare + durable write)',
      Number.NaN,
      { bare: latencies('durable'), api: latencies('api') },
      complete,
    );
    ratios.push({ ...durable, passed: true, diagnostic: true });
  }
  for (const via of ['graphql', 'socket'] as Via[]) {
    const mine = races.filter((r) => r.via === via);
    if (mine.length === 0) continue;
    const rows = {
      bare: mine.filter((r) => r.row === 'bare').flatMap(raceLatencies),
      api: mine.filter((r) => r.row === 'api').flatMap(raceLatencies),
    };
    ratios.push(
      via === 'graphql'
        ? ratioOf(sockets, 'GraphQL `acceptOffer` race', GOALS.graphqlRatio, rows, mine.every(raceComplete))
        : ratioOf(sockets, 'socket `offer:accept` race', GOALS.socketRatio, rows, mine.every(raceComplete)),
    );
  }
  return ratios;
}

export function ratioTable(ratios: Ratio[]): string {
  return table(
    [
      'Sockets',
      'Measure',
      'samples bare / API',
      'bare p50 ms',
      'bare p99 ms',
      'API p50 ms',
      'API p99 ms',
      'p99 ratio',
      'goal',
      'verdict',
    ],
    ratios.map((r) => [
      r.sockets.toLocaleString('en'),
      r.measure,
      `${r.bare.count} / ${r.api.count}`,
      ms(r.bare.p50),
      ms(r.bare.p99),
      ms(r.api.p50),
      ms(r.api.p99),
      `${r.ratio.toFixed(2)}×`,
      r.diagnostic ? '—' : `≤ ${r.goal}×`,
      `${r.diagnostic ? 'diagnostic, no goal' : verdict(r.passed)}${r.complete ? '' : ' (lost offers or answers)'}`,
    ]),
  );
}

/** Each wave on its own: what was sent, received and acked, and its latencies. */
export function waveTable(sockets: number, waves: Wave[]): string {
  return table(
    [
      'Sockets',
      'Row',
      'Waves',
      'Offers sent',
      'Received',
      'Acked',
      'post answered p50 ms',
      'offer p50 ms',
      'offer p99 ms',
      'max ms',
      'p99 of each wave ms',
      'first offer ms (median wave)',
    ],
    (['bare', 'api', 'durable'] as Row[]).flatMap((row) => {
      const mine = waves.filter((w) => w.row === row);
      if (mine.length === 0) return [];
      const all = stats(mine.flatMap((w) => w.latencies));
      const duplicates = mine.reduce((sum, w) => sum + w.duplicates, 0);
      const label = { bare: 'bare', api: 'API', durable: 'bare + durable write' }[row];
      return [
        [
          sockets.toLocaleString('en'),
          label,
          String(mine.length),
          String(mine.reduce((sum, w) => sum + w.offers, 0)),
          `${all.count}${duplicates > 0 ? ` (+${duplicates} re-sent)` : ''}`,
          String(mine.reduce((sum, w) => sum + w.delivered, 0)),
          ms(stats(mine.map((w) => w.postMs)).p50),
          ms(all.p50),
          ms(all.p99),
          ms(all.max),
          mine.map((w) => ms(stats(w.latencies).p99)).join(', '),
          ms(stats(mine.map((w) => Math.min(...w.latencies))).p50),
        ],
      ];
    }),
  );
}

/** Exactly `headcount` hires in every API race: winners, engagements in the database, seats taken. */
export const hiresPassed = (r: Race, headcount: number) =>
  r.row !== 'api' ||
  (r.answers.filter((a) => a.ok).length === headcount &&
    r.engagements === headcount &&
    r.filled === headcount);

export function raceTable(sockets: number, races: Race[], headcount: number): string {
  return table(
    [
      'Sockets',
      'Accept via',
      'Row',
      'Races',
      'Accepts',
      'Answers',
      'won',
      'refused (codes)',
      'engagements in DB',
      'gig.filled',
      'accept p50 ms',
      'accept p99 ms',
      'server CPU ms',
      `exactly ${headcount} hires`,
    ],
    races.map((r) => {
      const codes: Record<string, number> = {};
      for (const a of r.answers) codes[a.code] = (codes[a.code] ?? 0) + 1;
      const refused = Object.entries(codes)
        .filter(([code]) => code !== 'OK')
        .map(([code, n]) => `${n} ${code}`)
        .join(', ');
      const s = stats(raceLatencies(r));
      return [
        sockets.toLocaleString('en'),
        r.via === 'socket' ? 'socket `offer:accept`' : 'GraphQL `acceptOffer` (bare: `node:http`)',
        r.row === 'api' ? 'API' : 'bare',
        '1',
        String(r.offers),
        `${r.answers.length}${r.unanswered > 0 ? ` (${r.unanswered} unanswered)` : ''}`,
        String(r.answers.filter((a) => a.ok).length),
        refused || '—',
        r.engagements === null ? '—' : String(r.engagements),
        r.filled === null ? '—' : String(r.filled),
        ms(s.p50),
        ms(s.p99),
        r.serverCpuMs === null ? '—' : r.serverCpuMs.toFixed(0),
        r.row === 'api' ? verdict(hiresPassed(r, headcount)) : '—',
      ];
    }),
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
      'after waves and races MiB',
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
