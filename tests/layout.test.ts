import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const CRUISER = join(ROOT, 'node_modules', '.bin', 'depcruise');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');

type Violation = { rule: { name: string }; from: string; to: string };

/** The layout rule's verdict on a tree: its violations, by rule and file. */
async function cruise(cwd: string): Promise<Violation[]> {
  const { stdout } = await run(CRUISER, ['src', '--config', CONFIG, '--output-type', 'json'], {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('the layout rule (docs/architecture.md, .dependency-cruiser.cjs)', () => {
  const made: string[] = [];
  afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('holds for src/: no cycle, no module reaching into a plugin, no plugin into a module', async () => {
    const violations = await cruise(ROOT);
    expect(violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  }, 120_000);

  it('catches each kind of break in a tree made to break it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lingong-layout-'));
    made.push(dir);
    const files: Record<string, string> = {
      'tsconfig.json': JSON.stringify({
        compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' },
      }),
      'package.json': JSON.stringify({ type: 'module' }),
      // A cycle at run time.
      'src/modules/a/one.ts': "import { two } from './two.js';\nexport const one = () => two();\n",
      'src/modules/a/two.ts': "import { one } from './one.js';\nexport const two = (): number => one();\n",
      // A module calling a plugin, and a plugin reaching into a module's service.
      'src/plugins/db.ts': 'export const db = 1;\n',
      'src/modules/b/b.service.ts': "import { db } from '../../plugins/db.js';\nexport const b = db;\n",
      'src/plugins/uses-b.ts': "import { b } from '../modules/b/b.service.js';\nexport const c = b;\n",
      // Infrastructure calling a module.
      'src/realtime/rooms.ts': "import { b } from '../modules/b/b.service.js';\nexport const r = b;\n",
    };
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    const names = new Set((await cruise(dir)).map((v) => v.rule.name));
    expect([...names].sort()).toEqual([
      'infrastructure-imports-module',
      'module-imports-plugin',
      'no-circular',
      'plugin-imports-module-internals',
    ]);
  }, 120_000);
});
