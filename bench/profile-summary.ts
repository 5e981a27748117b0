// `npx tsx bench/profile-summary.ts <file.cpuprofile> [--top 40] [--match offers] [--under 'offer src/modules/hiring/notices']`
// A V8 CPU profile (node --cpu-prof; bench:offers --api-cpu-prof) summed up: self time by
// function (name, file and line), the busiest first, and total time (self and everything it
// called) of the functions whose file or name contains --match. Idle and GC are listed too.
// With --under, only the samples with a frame whose label contains that text count: what a
// function spends its time on.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    top: { type: 'string', default: '40' },
    match: { type: 'string' },
    under: { type: 'string' },
  },
});
const file = positionals[0];
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [--top N] [--match text]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfUs = new Map<number, number>();
for (const [i, id] of profile.samples.entries())
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));

const short = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^.*node_modules\//, 'nm:')
    .replace(/^.*\/(src|bench)\//, '$1/');
const label = (n: Node) =>
  `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

if (values.under) {
  const under = values.under;
  const inside = (id: number) => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
      if (label(byId.get(at) as Node).includes(under)) return true;
    return false;
  };
  for (const id of [...selfUs.keys()]) if (!inside(id)) selfUs.delete(id);
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const self = new Map<string, number>();
for (const [id, us] of selfUs) {
  const key = label(byId.get(id) as Node);
  self.set(key, (self.get(key) ?? 0) + us);
}
const ms = (us: number) => (us / 1000).toFixed(1).padStart(9);
console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled\n\nself time by function:`);
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top)))
  console.log(`${ms(us)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${key}`);

if (values.match) {
  // Inclusive time: each sample counted once for every distinct matching function on its stack.
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = byId.get(at) as Node;
      const key = label(n);
      if (!seen.has(key) && (key.includes(values.match) || n.callFrame.url.includes(values.match))) {
        seen.add(key);
        inclusive.set(key, (inclusive.get(key) ?? 0) + us);
      }
    }
  }
  console.log(`\ntotal time (self and callees) of functions matching "${values.match}":`);
  for (const [key, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top)))
    console.log(`${ms(us)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${key}`);
}
