import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedMeilisearch, type EmbeddedMeilisearch } from '../../src/embedded/meilisearch.js';
import { isAlive, waitForExit } from '../../src/embedded/processes.js';
import { createTestApp, type GraphQLResponse, type TestApp } from '../support/app.js';
import { mkdtempShared, until } from '../support/faults.js';
import { gigInput, POST_GIG, verifiedEmployer } from '../support/gigs.js';
import { freePort } from '../support/ports.js';

const ALL = `query ($after: String) {
  gigs(search: { regionCode: "370800" }, first: 100, after: $after) {
    degraded totalCount edges { node { id } } pageInfo { hasNextPage endCursor }
  }
}`;
type Page = {
  gigs: {
    degraded: boolean;
    totalCount: number;
    edges: { node: { id: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};
type Phase = 'before' | 'during' | 'after';

// A Meilisearch of this file's own: it is killed outright, as the OOM killer or a crash would.
let dataDir: string;
let meili: EmbeddedMeilisearch;
let t: TestApp;

beforeAll(async () => {
  dataDir = await mkdtempShared('lingong-meili-killed-');
  meili = createEmbeddedMeilisearch({ dataDir, port: await freePort(), log: pino({ level: 'silent' }) });
  const { url, masterKey } = await meili.start();
  t = await createTestApp({
    env: {
      MEILI_URL: url,
      MEILI_MASTER_KEY: masterKey,
      MEILI_QUERY_TIMEOUT_MS: '500',
      // One employer posts a gig every few tens of milliseconds for the whole test.
      MUTATION_RATE_LIMIT: '100000',
    },
  });
});
afterAll(async () => {
  await t?.close();
  await meili?.stop();
  // Whatever a failed test left running must not outlive the run.
  const pid = await meiliPid().catch(() => 0);
  if (pid && isAlive(pid)) process.kill(pid, 'SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

async function meiliPid(): Promise<number> {
  return Number.parseInt(await readFile(join(dataDir, 'meili', 'meili.pid'), 'utf8'), 10);
}

/** Every gig the `gigs` query lists, page by page, and whether any page came from the fallback. */
async function listAll(): Promise<{ ids: Set<string>; degraded: boolean; totalCount: number }> {
  const ids = new Set<string>();
  let degraded = false;
  let totalCount = 0;
  let after: string | null = null;
  for (;;) {
    const { data, errors }: GraphQLResponse<Page> = await t.gql<Page>(ALL, { after });
    if (!data?.gigs) throw new Error(`gigs failed: ${JSON.stringify(errors)}`);
    for (const edge of data.gigs.edges) ids.add(edge.node.id);
    degraded ||= data.gigs.degraded;
    totalCount = data.gigs.totalCount;
    if (!data.gigs.pageInfo.hasNextPage) return { ids, degraded, totalCount };
    after = data.gigs.pageInfo.endCursor;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Meilisearch killed with SIGKILL while gigs are being posted', () => {
  it('keeps posting, answers from PostgreSQL while it is gone, and indexes every gig once it is back', async () => {
    const employer = await verifiedEmployer(t);
    const posted: { id: string; phase: Phase }[] = [];
    const failures: unknown[] = [];
    let phase: Phase = 'before';
    let posting = true;
    let n = 0;

    // One employer posting without pause, as a busy market would, for the whole outage.
    const poster = (async () => {
      while (posting) {
        const at = phase;
        const { data, errors } = await t.gql<{ postGig: { id: string } }>(
          POST_GIG,
          { input: gigInput({ title: `故障演练电焊活${++n}号` }) },
          employer.token,
        );
        if (data?.postGig) posted.push({ id: data.postGig.id, phase: at });
        else failures.push(errors);
        await sleep(20);
      }
    })();

    try {
      await until('ten gigs posted and indexed', async () => posted.length >= 10, 10_000);
      const first = posted.slice(0, 10).map((p) => p.id);
      await until('the first gigs are searchable', async () => {
        const up = await listAll();
        return !up.degraded && first.every((id) => up.ids.has(id));
      });

      const pid = await meiliPid();
      process.kill(pid, 'SIGKILL');
      expect(await waitForExit(pid, 5_000)).toBe(true);
      phase = 'during';
      const killedAt = Date.now();

      // While it is gone: posts go on, and the search answers from PostgreSQL, every gig included.
      const during = () => posted.filter((p) => p.phase === 'during').length;
      // Long enough for the outbox to fail a few times and back off.
      await until(
        'gigs posted during the outage',
        async () => during() >= 20 && Date.now() - killedAt >= 3_000,
        15_000,
      );
      const upTo = posted.map((p) => p.id);
      const began = performance.now();
      const down = await listAll();
      const downMs = performance.now() - began;
      expect(down.degraded).toBe(true);
      expect(upTo.filter((id) => !down.ids.has(id))).toEqual([]);
      expect(await t.app.outbox.pending()).toBeGreaterThan(0);
      const ready = await t.app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ down: ['meilisearch'] });

      await meili.start(); // the same port and data folder
      const outageMs = Date.now() - killedAt;
      phase = 'after';
      await until('gigs posted after the restart', async () => posted.some((p) => p.phase === 'after'));
      await sleep(500);
      posting = false;
      await poster;

      // The outbox catches up: a search served by Meilisearch itself finds every gig ever posted.
      const all = new Set(posted.map((p) => p.id));
      const caughtUpBegan = performance.now();
      await until(
        'every gig posted before, during and after the outage is in the index',
        async () => {
          const up = await listAll();
          return !up.degraded && up.totalCount === all.size && [...all].every((id) => up.ids.has(id));
        },
        30_000,
      );
      const caughtUpMs = performance.now() - caughtUpBegan;
      // The dispatcher deletes its rows once Meilisearch reports their task done, a moment after
      // the documents show: the outbox drains too, and nothing stays behind.
      await until('the outbox is drained', async () => (await t.app.outbox.pending()) === 0, 10_000);
      expect(failures).toEqual([]);
      const count = (p: Phase) => posted.filter((g) => g.phase === p).length;
      expect(count('during')).toBeGreaterThanOrEqual(20);
      console.info(
        `meili-killed: ${posted.length} gigs posted (${count('before')} before, ${count('during')} during, ${count('after')} after the outage of ${outageMs} ms), 0 failed; degraded listing of ${down.ids.size} gigs took ${downMs.toFixed(0)} ms; the index caught up ${caughtUpMs.toFixed(0)} ms after posting stopped`,
      );
    } finally {
      posting = false;
      await poster;
    }
  }, 90_000);
});
