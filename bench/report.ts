export type Stats = { count: number; p50: number; p99: number; mean: number; max: number };

/** Nearest-rank percentiles: p99 of 500 samples is the 495th, a latency some request really had. */
export function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
  const sum = sorted.reduce((total, x) => total + x, 0);
  return { count: sorted.length, p50: rank(50), p99: rank(99), mean: sum / sorted.length, max: rank(100) };
}

export const median = (values: readonly number[]) => stats(values).p50;

export const THROUGH = {
  meili: 'Meilisearch',
  front: 'bare Node front',
  api: 'API',
} as const;
export type Through = (typeof THROUGH)[keyof typeof THROUGH];

export type Run = {
  scenario: string;
  clients: number;
  engine: Through;
  latency: Stats;
  perSecond: number;
  medianHits: number;
  /**
   * CPU the API's process used per search while this row ran (warm-up included), its background
   * work too: for the Meilisearch rows, that background alone.
   */
  apiCpuMs: number;
};

const ms = (x: number) => x.toFixed(x < 10 ? 2 : 1);
export const table = (head: string[], rows: string[][]) =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

export function latencyTable(runs: Run[]): string {
  return table(
    [
      'Scenario',
      'Clients',
      'Through',
      'Requests',
      'p50 ms',
      'p99 ms',
      'mean ms',
      'req/s',
      'median totalCount',
      'API process CPU per search ms',
    ],
    runs.map((r) => [
      r.scenario,
      String(r.clients),
      r.engine,
      String(r.latency.count),
      ms(r.latency.p50),
      ms(r.latency.p99),
      ms(r.latency.mean),
      r.perSecond.toFixed(0),
      String(r.medianHits),
      r.apiCpuMs.toFixed(2),
    ]),
  );
}

/** The goal of issue 4: the API may add half of Meilisearch's p99 and 3 ms, no more. */
export const apiLimit = (meiliP99: number) => 1.5 * meiliP99 + 3;

export function goalTable(runs: Run[]): { text: string; passed: boolean } {
  let passed = true;
  const rows: string[][] = [];
  for (const api of runs.filter((r) => r.engine === 'API')) {
    const meili = runs.find(
      (r) => r.engine === 'Meilisearch' && r.scenario === api.scenario && r.clients === api.clients,
    );
    if (!meili) continue;
    const ok = api.latency.p99 <= apiLimit(meili.latency.p99);
    passed &&= ok;
    rows.push([
      api.scenario,
      String(api.clients),
      ms(api.latency.p99),
      ms(meili.latency.p99),
      `${(api.latency.p99 / meili.latency.p99).toFixed(2)}×`,
      ms(apiLimit(meili.latency.p99)),
      ok ? 'PASS' : 'FAIL',
    ]);
  }
  const text = table(
    ['Scenario', 'Clients', 'API p99 ms', 'Meili p99 ms', 'API / Meili', 'limit 1.5×Meili+3 ms', 'Goal'],
    rows,
  );
  return { text, passed };
}

/**
 * Not a goal: what a bare Node front (bench/bare-front.ts) adds to Meilisearch's p99 in the same
 * run, beside the API's: the least any Node API in front of Meilisearch adds on this machine.
 */
export function frontTable(runs: Run[]): string {
  const rows: string[][] = [];
  for (const front of runs.filter((r) => r.engine === THROUGH.front)) {
    const same = (engine: Through) =>
      runs.find((r) => r.engine === engine && r.scenario === front.scenario && r.clients === front.clients);
    const meili = same(THROUGH.meili);
    const api = same(THROUGH.api);
    if (!meili || !api) continue;
    rows.push([
      front.scenario,
      String(front.clients),
      ms(meili.latency.p99),
      `${ms(front.latency.p99)} (${(front.latency.p99 / meili.latency.p99).toFixed(2)}×)`,
      `${ms(api.latency.p99)} (${(api.latency.p99 / meili.latency.p99).toFixed(2)}×)`,
      front.apiCpuMs.toFixed(2),
      api.apiCpuMs.toFixed(2),
    ]);
  }
  return table(
    [
      'Scenario',
      'Clients',
      'Meili p99 ms',
      'bare front p99 ms (/ Meili)',
      'API p99 ms (/ Meili)',
      'bare front CPU per search ms',
      'API CPU per search ms',
    ],
    rows,
  );
}

export function postTable(post: Stats, searchable: Stats): { text: string; passed: boolean } {
  const passed = searchable.p99 < 1000;
  const text = table(
    [
      'Posted gigs',
      'postGig p50 ms',
      'postGig p99 ms',
      'searchable p50 ms',
      'searchable p99 ms',
      'max ms',
      'Goal p99 < 1 s',
    ],
    [
      [
        String(searchable.count),
        ms(post.p50),
        ms(post.p99),
        ms(searchable.p50),
        ms(searchable.p99),
        ms(searchable.max),
        passed ? 'PASS' : 'FAIL',
      ],
    ],
  );
  return { text, passed };
}
