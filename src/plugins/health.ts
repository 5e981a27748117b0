import fp from 'fastify-plugin';

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_resolve, reject) => {
      setTimeout(
        () => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)),
        CHECK_TIMEOUT_MS,
      ).unref();
    }),
  ]);
}

async function probe(check: () => Promise<unknown>, what: string): Promise<{ ok: boolean; error?: string }> {
  try {
    await withTimeout(check(), what);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** `/healthz`: the process is alive. `/readyz`: it can serve, i.e. PostgreSQL and Meilisearch answer. */
export default fp(
  async (fastify) => {
    fastify.get('/healthz', { logLevel: 'warn' }, async () => ({ status: 'ok' }));

    fastify.get('/readyz', { logLevel: 'warn' }, async (_request, reply) => {
      const [postgres, meilisearch] = await Promise.all([
        probe(() => fastify.sql`select 1`, 'PostgreSQL'),
        probe(async () => {
          const health = await fastify.meili.client.health();
          if (health.status !== 'available') throw new Error(`Meilisearch status is ${health.status}`);
        }, 'Meilisearch'),
      ]);
      const down = [!postgres.ok && 'postgres', !meilisearch.ok && 'meilisearch'].filter(Boolean);
      reply.code(down.length === 0 ? 200 : 503);
      return { status: down.length === 0 ? 'ready' : 'unavailable', down, checks: { postgres, meilisearch } };
    });
  },
  { name: 'health', dependencies: ['db', 'search'], fastify: '5.x' },
);
