import fp from 'fastify-plugin';

/**
 * The wait for hiring's background work (accept batches, waves sent after commit) on shutdown,
 * so no hire is left half told. Its timer, the offer sweep, runs with every module's jobs.
 */
export default fp(
  async (fastify) => {
    const hiring = fastify.services.hiring;
    fastify.addHook('preClose', async () => {
      await hiring.drain();
    });
  },
  { name: 'instant-hire', dependencies: ['services'], fastify: '5.x' },
);
