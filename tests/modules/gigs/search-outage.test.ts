import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddedMeilisearch, type EmbeddedMeilisearch } from '../../../src/embedded/meilisearch.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { postGig, verifiedEmployer } from '../../support/gigs.js';
import { freePort } from '../../support/ports.js';

const FIND = `query ($q: String) { gigs(search: { q: $q, regionCode: "370800" }) { degraded totalCount edges { node { id } } } }`;
type Found = { gigs: { degraded: boolean; totalCount: number; edges: { node: { id: string } }[] } };

// A Meilisearch of this file's own, so it can be stopped and started without touching other files.
let dataDir: string;
let meili: EmbeddedMeilisearch;
let t: TestApp;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'lingong-outage-'));
  await chmod(dataDir, 0o755);
  meili = createEmbeddedMeilisearch({ dataDir, port: await freePort(), log: pino({ level: 'silent' }) });
  const { url, masterKey } = await meili.start();
  t = await createTestApp({
    env: { MEILI_URL: url, MEILI_MASTER_KEY: masterKey, MEILI_QUERY_TIMEOUT_MS: '500' },
  });
});
afterAll(async () => {
  await t?.close();
  await meili?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
}

describe('a Meilisearch outage', () => {
  it('answers from PostgreSQL while it is down and loses nothing posted meanwhile', async () => {
    const employer = await verifiedEmployer(t);
    const before = await postGig(t, employer.token, { title: '停机前发布的电焊活' });
    await t.app.outbox.drain();
    const up = await t.gql<Found>(FIND, { q: '电焊' });
    expect(up.data?.gigs).toMatchObject({ degraded: false, edges: [{ node: { id: before.id } }] });

    await meili.stop();
    const down = await t.gql<Found>(FIND, { q: '电焊' });
    expect(down.data?.gigs).toMatchObject({ degraded: true, edges: [{ node: { id: before.id } }] });

    const during = await postGig(t, employer.token, { title: '停机期间发布的电焊活' });
    const whileDown = await t.gql<Found>(FIND, { q: '停机期间' });
    expect(whileDown.data?.gigs).toMatchObject({ degraded: true, edges: [{ node: { id: during.id } }] });
    expect(await t.app.outbox.pending()).toBeGreaterThan(0);

    await meili.start(); // same port, same data
    await until('the gig posted during the outage is searchable', async () => {
      const { data } = await t.gql<Found>(FIND, { q: '停机期间' });
      return data?.gigs.degraded === false && data.gigs.edges[0]?.node.id === during.id;
    });
    const after = await t.gql<Found>(FIND, { q: '电焊' });
    expect(after.data?.gigs).toMatchObject({ degraded: false, totalCount: 2 });
    // The bulk tier catches up too (its batches are paced, so not necessarily yet).
    await until('the outbox is drained', async () => (await t.app.outbox.pending()) === 0);
  });
});
