import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearch, SearchRequestError, settled } from '../../src/search/client.js';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await settled(
    t.app.meili.index('gigs').addDocuments([
      { id: 'client-1', title: '招焊工三名', skills: ['X01'], payUnit: 'DAY', regionCodes: ['370000'] },
      { id: 'client-2', title: '焊工两名，管道', skills: ['X01'], payUnit: 'HOUR', regionCodes: ['370000'] },
      { id: 'client-3', title: '宾馆保洁半天', skills: ['X02'], payUnit: 'DAY', regionCodes: ['320000'] },
    ]),
  );
});
afterAll(() => t?.close());

/** A server that records each request and answers with `answer`, or never answers when it is null. */
async function recorder(answer: { status: number; body: unknown } | null) {
  const seen: IncomingMessage[] = [];
  const server: Server = createServer((request, response) => {
    seen.push(request);
    request.resume();
    if (!answer) return;
    response
      .writeHead(answer.status, { 'content-type': 'application/json' })
      .end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('the search path (query)', () => {
  it('answers as the official client does, hits and facets alike', async () => {
    const params = { filter: ['skills IN [X01]'], facets: ['payUnit', 'regionCodes'], sort: undefined };
    const ours = await t.app.meili.query('gigs', '焊工', params);
    const official = await t.app.meili.index('gigs').search('焊工', params);
    expect(ours.hits.map((h) => h.id).sort()).toEqual(['client-1', 'client-2']);
    expect(ours.hits).toEqual(official.hits);
    expect(ours.facetDistribution).toEqual({ payUnit: { DAY: 1, HOUR: 1 }, regionCodes: { '370000': 2 } });
    expect(ours.estimatedTotalHits).toBe(official.estimatedTotalHits);
  });

  it("throws Meilisearch's own code and message when it refuses a search", async () => {
    const refused = t.app.meili.query('gigs', '', { filter: 'noSuchField = 1' });
    await expect(refused).rejects.toBeInstanceOf(SearchRequestError);
    await expect(refused).rejects.toMatchObject({
      status: 400,
      answer: { code: 'invalid_search_filter' },
      indexUid: `${t.indexPrefix}_gigs`,
    });
  });

  it('keeps a path prefix of the server URL and sends the key', async () => {
    const fake = await recorder({ status: 200, body: { hits: [], query: '' } });
    const search = createSearch({ url: `${fake.url}/meili/`, apiKey: 'k-123', prefix: 'p' });
    try {
      await search.query('gigs', 'x', { limit: 1 });
      expect(fake.seen.map((r) => [r.method, r.url, r.headers.authorization])).toEqual([
        ['POST', '/meili/indexes/p_gigs/search', 'Bearer k-123'],
      ]);
    } finally {
      await search.close();
      await fake.close();
    }
  });

  it('gives up on a server that does not answer, by its timeout or by the signal', async () => {
    const silent = await recorder(null);
    const search = createSearch({ url: silent.url, prefix: 'p', timeoutMs: 300 });
    try {
      const began = performance.now();
      await expect(search.query('gigs', 'x', {})).rejects.toThrow();
      expect(performance.now() - began).toBeLessThan(3_000);
      await expect(search.query('gigs', 'x', {}, AbortSignal.timeout(50))).rejects.toThrow();
    } finally {
      await search.close();
      await silent.close();
    }
  });
});

describe('waiting for a task (settled)', () => {
  it('asks every 10 ms at first, then every 50 ms once the task has taken 150 ms', async () => {
    const asked: number[] = [];
    const started = performance.now();
    const server: Server = createServer((request, response) => {
      request.resume();
      const json = (body: unknown) =>
        response
          .writeHead(request.method === 'POST' ? 202 : 200, { 'content-type': 'application/json' })
          .end(JSON.stringify(body));
      if (request.method === 'POST')
        return json({
          taskUid: 7,
          indexUid: 'p-gigs',
          status: 'enqueued',
          type: 'documentAdditionOrUpdate',
          enqueuedAt: new Date().toISOString(),
        });
      const at = performance.now() - started;
      asked.push(at);
      json({
        uid: 7,
        indexUid: 'p-gigs',
        status: at < 700 ? 'processing' : 'succeeded',
        type: 'documentAdditionOrUpdate',
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const search = createSearch({
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      prefix: 'p',
    });
    try {
      const task = await settled(search.index('gigs').addDocuments([{ id: 'x' }]));
      expect(task.status).toBe('succeeded');
    } finally {
      server.closeAllConnections();
      server.close();
    }
    const gaps = asked.slice(1).map((at, i) => at - (asked[i] ?? 0));
    const early = gaps.filter((_, i) => (asked[i + 1] ?? 0) < 120);
    const late = gaps.filter((_, i) => (asked[i] ?? 0) > 400);
    expect(early.length).toBeGreaterThan(2);
    expect(late.length).toBeGreaterThan(1);
    // A timer of 50 ms between questions (and the question's own round trip).
    expect(Math.min(...late)).toBeGreaterThanOrEqual(45);
  });
});
