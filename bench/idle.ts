// `npm run bench:idle [-- --windows 6 --seconds 10 --settle 5]`: how busy an API with no requests
// is on the search benchmark's market (.data/bench, filled by `npm run bench:search`): its event
// loop's utilization, its process's CPU and the statements it sends, per window. Background work
// (outbox polls, offer sweeps, statistics) competes with every request on a small machine.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/build.js';
import { loadBenchConfig } from './bench-config.js';
import { codeVersion, sleep } from './harness.js';

const { values } = parseArgs({
  options: {
    windows: { type: 'string', default: '6' },
    seconds: { type: 'string', default: '10' },
    settle: { type: 'string', default: '5' },
  },
});
const windows = Number(values.windows);
const seconds = Number(values.seconds);

const app = await buildApp({ config: loadBenchConfig() });
await app.listen({ host: '127.0.0.1', port: 0 });
const [market] = await app.sql<{ gigs: number; waiting: number }[]>`
  select (select count(*)::int from gigs) as gigs,
         (select count(*)::int from gig_dispatch where state <> 'DONE') as waiting`;
await sleep(Number(values.settle) * 1000);

type Window = { elu: number; cpu: number; statements: Map<string, number> };
const measured: Window[] = [];
for (let i = 0; i < windows; i++) {
  const statements = new Map<string, number>();
  const stop = app.observeQueries((query) => {
    const key = query.replace(/\s+/g, ' ').slice(0, 70);
    statements.set(key, (statements.get(key) ?? 0) + 1);
  });
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = process.cpuUsage();
  await sleep(seconds * 1000);
  const elu = performance.eventLoopUtilization(elu0).utilization * 100;
  const used = process.cpuUsage(cpu0);
  stop();
  measured.push({ elu, cpu: (used.user + used.system) / (seconds * 10_000), statements });
}
await app.close();

const total = (w: Window) => [...w.statements.values()].reduce((a, b) => a + b, 0);
const all = new Map<string, number>();
for (const w of measured) for (const [k, n] of w.statements) all.set(k, (all.get(k) ?? 0) + n);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)] ?? 0;

console.log(
  [
    '## Idle API',
    '',
    `- ${codeVersion()}, Node ${process.version}; market: ${market?.gigs} gigs, ${market?.waiting} instant gigs whose offers are still scheduled (gig_dispatch not DONE)`,
    `- ${windows} windows of ${seconds} s after ${values.settle} s settling; no requests`,
    '',
    '| Window | event loop busy % | process CPU % of a core | statements |',
    '|---|---|---|---|',
    ...measured.map((w, i) => `| ${i + 1} | ${w.elu.toFixed(1)} | ${w.cpu.toFixed(1)} | ${total(w)} |`),
    `| median | ${median(measured.map((w) => w.elu)).toFixed(1)} | ${median(measured.map((w) => w.cpu)).toFixed(1)} | ${median(measured.map(total))} |`,
    '',
    'Statements over all windows, most sent first:',
    '',
    ...[...all]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([k, n]) => `- ${n} × \`${k}\``),
  ].join('\n'),
);
