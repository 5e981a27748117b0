// `npx tsx bench/cpu-profile-summary.ts <file.cpuprofile> [--windows windows.json] [--top 40]`
// Self time by function (by file, and by the nearest frame of src/ above it) of a V8 CPU profile (node --cpu-prof), only of the samples
// inside `windows` if given: a JSON list of { from, to } in microseconds of the monotonic clock
// (process.hrtime), which is the profile's own clock, as bench/accept-race.ts writes them.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: Node[]; startTime: number; samples: number[]; timeDeltas: number[] };

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { windows: { type: 'string' }, top: { type: 'string', default: '40' } },
});
const file = positionals[0];
if (!file) throw new Error('usage: cpu-profile-summary.ts <file.cpuprofile> [--windows file] [--top n]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const windows = values.windows
  ? (JSON.parse(readFileSync(values.windows, 'utf8')) as { from: number; to: number }[])
  : null;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map<number, Node>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node);
/** The nearest frame of the project's own code (src/) at or above a sample, with its caller's. */
function projectFrame(node: Node): string {
  const own: string[] = [];
  for (let at: Node | undefined = node; at && own.length < 2; at = parentOf.get(at.id)) {
    const { functionName, url, lineNumber } = at.callFrame;
    if (url.includes('/src/')) own.push(`${functionName || '(anonymous)'} ${short(url)}:${lineNumber + 1}`);
  }
  return own.length > 0 ? own.join(' ← ') : '(no project frame)';
}
const short = (url: string) =>
  url.replace(/^file:\/\//, '').replace(/^.*?\/(src|node_modules)\//, '$1/') || '(native)';

const selfByFunction = new Map<string, number>();
const selfByFile = new Map<string, number>();
const byProjectFrame = new Map<string, number>();
let total = 0;
let t = profile.startTime;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  t += delta;
  if (windows && !windows.some((w) => t >= w.from && t <= w.to)) return;
  const node = byId.get(id);
  if (!node) return;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = short(url);
  const name = `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`;
  selfByFunction.set(name, (selfByFunction.get(name) ?? 0) + delta);
  const pkg = where.startsWith('node_modules/')
    ? where
        .split('/')
        .slice(0, where.split('/')[1]?.startsWith('@') ? 3 : 2)
        .join('/')
    : where;
  selfByFile.set(pkg, (selfByFile.get(pkg) ?? 0) + delta);
  if (functionName !== '(idle)') {
    const frame = projectFrame(node);
    byProjectFrame.set(frame, (byProjectFrame.get(frame) ?? 0) + delta);
  }
  total += delta;
});
const top = Number(values.top);
const print = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(
      `${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${name}`,
    );
};
console.log(
  `${(total / 1000).toFixed(0)} ms of samples${windows ? ` inside ${windows.length} windows` : ''}`,
);
print('Self time by function', selfByFunction);
print('Self time by file or package', selfByFile);
print('Busy time by the nearest frames of src/ (the function and its caller)', byProjectFrame);
