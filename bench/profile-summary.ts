// `npx tsx bench/profile-summary.ts <file.cpuprofile>… [--top 40] [--searches N] [--under fn]… [--callers fn]… [--depth 4] [--windows file.json]`
// Self time of V8 CPU profiles (node --cpu-prof, or bench:search's --api-cpu-prof), summed over the
// files: by package or source folder and by function, idle left out; with --searches, per search.
// --under: time in samples whose stack holds a function (its callees included; synchronous stacks
// only, so an async function counts up to its first await). --callers: a function's self time by
// the chain of its nearest callers. --windows: only the samples inside a JSON list of { from, to }
// (µs of the monotonic clock, the profile's own), as bench:offers --api-cpu-prof writes per race.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    top: { type: 'string', default: '40' },
    searches: { type: 'string' },
    under: { type: 'string', multiple: true },
    callers: { type: 'string', multiple: true },
    depth: { type: 'string', default: '4' },
    windows: { type: 'string' },
  },
});
if (positionals.length === 0) throw new Error('usage: profile-summary.ts <file.cpuprofile>…');

/** Where a function lives: a package of node_modules, node's own, or a folder of this project. */
function placeOf(url: string): string {
  if (!url) return '(native / VM)';
  if (url.startsWith('node:')) return url;
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  const src = url.indexOf('/src/');
  if (src >= 0) return url.slice(src + 1).replace(/\/[^/]*$/, '/');
  const bench = url.indexOf('/bench/');
  return bench >= 0 ? 'bench/' : url;
}
const nameOf = (node: Node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const short = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(src|bench)\//, '$1/');
  return `${functionName || '(anonymous)'} ${short}:${lineNumber + 1}`;
};
const windows = values.windows
  ? (JSON.parse(readFileSync(values.windows, 'utf8')) as { from: number; to: number }[])
  : null;
const IDLE = new Set(['(idle)', '(program)']);

const byPlace = new Map<string, number>();
const byFunction = new Map<string, number>();
const under = new Map<string, number>();
const callers = new Map<string, Map<string, number>>();
let busy = 0;
let idle = 0;
const add = <K>(map: Map<K, number>, key: K, micros: number) => map.set(key, (map.get(key) ?? 0) + micros);

for (const file of positionals) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<number, number>();
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (windows && !windows.some((w) => t >= w.from && t <= w.to)) return;
    add(self, id, delta);
  });
  for (const [id, micros] of self) {
    const node = byId.get(id);
    if (!node) continue;
    if (IDLE.has(node.callFrame.functionName)) {
      idle += micros;
      continue;
    }
    busy += micros;
    add(byPlace, placeOf(node.callFrame.url), micros);
    add(byFunction, nameOf(node), micros);
    const stack: Node[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (frame) stack.push(frame);
    }
    const names = new Set(stack.map((f) => f.callFrame.functionName));
    for (const wanted of values.under ?? []) if (names.has(wanted)) add(under, wanted, micros);
    for (const wanted of values.callers ?? []) {
      if (node.callFrame.functionName !== wanted) continue;
      const chain = stack
        .slice(1, 1 + Number(values.depth))
        .map(nameOf)
        .join(' < ');
      const into = callers.get(wanted) ?? new Map<string, number>();
      add(into, chain, micros);
      callers.set(wanted, into);
    }
  }
}

const searches = values.searches ? Number(values.searches) : undefined;
const line = ([key, micros]: [string, number]) =>
  `${(micros / 1000).toFixed(0).padStart(8)} ms ${((100 * micros) / busy).toFixed(1).padStart(5)} %${searches ? ` ${(micros / 1000 / searches).toFixed(3).padStart(7)} ms/search` : ''}  ${key}`;
const sorted = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1]);
const top = Number(values.top);

console.log(
  `${positionals.length} profile(s)${windows ? `, inside ${windows.length} windows` : ''}: ${(busy / 1000).toFixed(0)} ms busy, ${(idle / 1000).toFixed(0)} ms idle${searches ? `; ${(busy / 1000 / searches).toFixed(3)} ms busy per search over ${searches}` : ''}`,
);
console.log('\nSelf time by package or folder (percentages of busy time):');
for (const entry of sorted(byPlace).slice(0, top)) console.log(line(entry));
console.log('\nSelf time by function:');
for (const entry of sorted(byFunction).slice(0, top)) console.log(line(entry));
if (under.size > 0) {
  console.log('\nTime in samples under a function (callees included):');
  for (const entry of sorted(under)) console.log(line(entry));
}
for (const [wanted, chains] of callers) {
  console.log(`\nCallers of ${wanted}:`);
  for (const entry of sorted(chains).slice(0, 15)) console.log(line(entry));
}
