import { readFile, rm, writeFile } from 'node:fs/promises';
import { projectPath } from '../paths.js';
import { isAlive } from './processes.js';

/**
 * Where the market of this checkout runs: written by `npm start` once it listens, removed when it
 * closes, read by the command-line tools (`npm run admin`) so they find the running server's data
 * folder without being given its DATA_DIR. It holds no secret: a server on DATABASE_URL is only
 * said to be one.
 */
export type MarketPointer = { pid: number; dataDir: string; database: 'embedded' | 'DATABASE_URL' };

export const marketPointerFile = () => projectPath('.data-running.json');

export async function writeMarketPointer(pointer: Omit<MarketPointer, 'pid'>): Promise<void> {
  await writeFile(marketPointerFile(), `${JSON.stringify({ pid: process.pid, ...pointer })}\n`);
}

export async function removeMarketPointer(): Promise<void> {
  const current = await readMarketPointer();
  if (current?.pid === process.pid) await rm(marketPointerFile(), { force: true });
}

/** The running market of this checkout, if its process is alive. */
export async function readMarketPointer(): Promise<MarketPointer | undefined> {
  try {
    const pointer = JSON.parse(await readFile(marketPointerFile(), 'utf8')) as Partial<MarketPointer>;
    if (typeof pointer.pid !== 'number' || typeof pointer.dataDir !== 'string' || !isAlive(pointer.pid)) {
      return undefined;
    }
    return {
      pid: pointer.pid,
      dataDir: pointer.dataDir,
      database: pointer.database === 'DATABASE_URL' ? 'DATABASE_URL' : 'embedded',
    };
  } catch {
    return undefined;
  }
}
