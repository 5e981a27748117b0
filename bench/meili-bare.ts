// A bare Meilisearch of the benchmarks' own on an empty temporary folder (bench:meili-batches,
// bench:meili-cities), and a gig document of the shape the gig tiers index.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Meilisearch } from 'meilisearch';
import { findMeilisearchBinary, waitUntilHealthy } from '../src/embedded/meilisearch.js';
import { freePort } from '../tests/support/ports.js';

const KEY = 'bench-meili-bare-key-0123456789abcdef';

/** `memory`: MEILI_MAX_INDEXING_MEMORY, or 'default' for Meilisearch's own (2/3 of the RAM). */
export async function startBareMeilisearch(memory: string) {
  const dir = await mkdtemp(join(tmpdir(), 'lingong-meili-bare-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MEILI_MASTER_KEY: KEY,
    MEILI_HTTP_ADDR: `127.0.0.1:${port}`,
    MEILI_NO_ANALYTICS: 'true',
    MEILI_LOG_LEVEL: 'WARN',
  };
  delete env.MEILI_MAX_INDEXING_MEMORY;
  if (memory !== 'default') env.MEILI_MAX_INDEXING_MEMORY = memory;
  const server: ChildProcess = spawn(
    findMeilisearchBinary(process.env.MEILI_BIN),
    ['--db-path', join(dir, 'data.ms')],
    {
      env,
      stdio: 'ignore',
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitUntilHealthy(url, server, 30_000);
  return {
    meili: new Meilisearch({ host: url, apiKey: KEY }),
    pid: server.pid ?? 0,
    async stop() {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A gig document of the shape the gig tiers index (src/modules/gigs/gigs.documents.ts). */
export const gigDocument = (
  i: number,
  place = { lat: 35.79 + i / 10_000, lng: 116.09 },
  cityCode = '3708',
) => ({
  id: `bench-${i}`,
  title: `梁山县果园摘苹果，招${(i % 9) + 1}名工人`,
  description: '在果园采摘苹果，按天结算，提供午饭，工作时间8小时，欢迎年龄大的朋友。',
  skillNames: ['采摘'],
  address: '山东省济宁市梁山县拳铺镇',
  employerName: '梁山县果业合作社',
  skills: ['harvest_picking'],
  regionCodes: ['37', cityCode, `${cityCode}32`],
  status: 'OPEN',
  startsAt: Date.now() + 86_400_000 + i,
  postedAt: Date.now(),
  hourlyFen: 2500 + i,
  payUnit: 'DAY',
  olderFriendly: i % 2 === 0,
  publicWelfare: false,
  instant: i % 3 === 0,
  employerId: 'bench-employer',
  postXid: 1000 + i,
  _geo: place,
});
