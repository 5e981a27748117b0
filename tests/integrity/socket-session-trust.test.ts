import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { seedWorkers } from '../support/hiring.js';
import { connectSocket } from '../support/sockets.js';

/**
 * A socket's session, once found live, is not read again for each of its events while its node
 * provably hears `lingong_sessions` (src/plugins/sessions.ts `trusted`). A node that may have
 * missed a notice (its LISTEN connection cut and opened again) reads again at the next event.
 * A short SESSION_CHECK_CACHE_MS here, so the node pings itself every 200 ms.
 */
let t: TestApp;
let url: string;

beforeAll(async () => {
  t = await createTestApp({ env: { SESSION_CHECK_CACHE_MS: '600' } });
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t?.close());

type Reply = { ok: boolean; error?: { code: string } };
const accept = async (socket: Socket) =>
  (await socket.timeout(3_000).emitWithAck('offer:accept', { offerId: randomUUID() })) as Reply;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function sessionOf(token: string): string {
  const [, payload] = token.split('.');
  return (JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as { sid: string }).sid;
}

describe('a socket whose session is trusted between reads', () => {
  it('refuses its events once its node listens again after a cut, when the ending was never heard', async () => {
    const [worker] = await seedWorkers(t, 1, { skills: [{ code: 'bricklayer', level: 4 }] });
    if (!worker) throw new Error('no worker seeded');
    const socket = await connectSocket(url, { token: worker.token });
    // Let through: an offer that is not the worker's.
    expect((await accept(socket)).error?.code).toBe('NOT_FOUND');
    await sleep(1_000);
    expect((await accept(socket)).error?.code).toBe('NOT_FOUND');

    // The session ends without its notice (as if sent while the node's LISTEN was down)…
    const sid = sessionOf(worker.token);
    await t.app.sql.begin(async (sql) => {
      await sql`alter table sessions disable trigger sessions_ended`;
      await sql`update sessions set ended_at = now(), end_reason = 'SIGNED_OUT' where id = ${sid}`;
      await sql`alter table sessions enable trigger sessions_ended`;
    });
    // …and the node's LISTEN connection is cut; postgres.js listens again.
    const cut = await t.app.sql<{ ok: boolean }[]>`
      select pg_terminate_backend(pid) as ok from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and query ilike 'listen%'`;
    expect(cut.length).toBeGreaterThan(0);

    // Once it listens again (and has heard its own pings since), its next event reads the session.
    await sleep(1_500);
    const reply = await accept(socket).catch(() => ({ ok: false, error: { code: 'CUT' } }));
    expect(reply.error?.code).toBe('UNAUTHENTICATED');
    socket.close();
  });
});
