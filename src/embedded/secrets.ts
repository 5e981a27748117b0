import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * A secret generated on the first start and kept in the data folder, so restarts find the same one.
 * Safe to call twice at once (both Meilisearch servers read the master key as they start): the
 * file is created exclusively, and whoever loses the race reads the winner's secret.
 */
export async function persistentSecret(file: string, bytes = 24): Promise<string> {
  const existing = async () => (await readFile(file, 'utf8').catch(() => '')).trim();
  const found = await existing();
  if (found) return found;
  const secret = randomBytes(bytes).toString('base64url');
  await mkdir(dirname(file), { recursive: true });
  try {
    await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Created between our read and our write: its content may still be on the way.
    for (let i = 0; i < 50; i++) {
      const theirs = await existing();
      if (theirs) return theirs;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`${file} exists but stays empty`);
  }
}
