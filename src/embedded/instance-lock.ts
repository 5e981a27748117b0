import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { text } from '../i18n/text.js';
import { StartupError } from '../startup-error.js';
import { isAlive } from './processes.js';

/**
 * One Lingong process per data folder. Its pid file tells a second `npm start` that the folder is
 * in use (refused), and tells a start after a crash that the servers left behind are stale (stopped).
 */
export async function lockDataDir(dataDir: string): Promise<{ release: () => Promise<void> }> {
  const file = join(dataDir, 'lingong.pid');
  await mkdir(dataDir, { recursive: true });
  const other = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
  if (Number.isInteger(other) && other !== process.pid && isAlive(other)) {
    const cmd = await readFile(`/proc/${other}/cmdline`, 'utf8').catch(() => '');
    if (cmd.includes('node')) {
      throw new StartupError(text('console:start.dataDirInUse', { dataDir, pid: other }));
    }
  }
  await writeFile(file, `${process.pid}\n`);
  return { release: () => rm(file, { force: true }) };
}
