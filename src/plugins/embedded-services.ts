import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { lockDataDir } from '../embedded/instance-lock.js';
import { createEmbeddedMeilisearch } from '../embedded/meilisearch.js';
import { createEmbeddedPostgres } from '../embedded/postgres.js';

export type BackingServices = {
  databaseUrl: string;
  meiliUrl: string;
  meiliKey: string | undefined;
  /** Which of the two this process started itself (and will stop on close). */
  embedded: { postgres: boolean; meilisearch: boolean };
};

declare module 'fastify' {
  interface FastifyInstance {
    backing: BackingServices;
  }
}

/**
 * Where PostgreSQL and Meilisearch are: the URLs from the environment, or servers of our own
 * started as child processes with their data under DATA_DIR. Closed last, after everything that
 * uses them.
 */
export default fp(
  async (fastify, { config }: { config: Config }) => {
    const log = fastify.log.child({ plugin: 'embedded-services' });
    const lock = !config.database.url || !config.meili.url ? await lockDataDir(config.dataDir) : undefined;
    const postgres = config.database.url
      ? undefined
      : createEmbeddedPostgres({ dataDir: config.dataDir, port: config.database.embeddedPort, log });
    const meili = config.meili.url
      ? undefined
      : createEmbeddedMeilisearch({
          dataDir: config.dataDir,
          port: config.meili.embeddedPort,
          bin: config.meili.bin,
          log,
        });

    fastify.addHook('onClose', async () => {
      await Promise.all([postgres?.stop(), meili?.stop()]);
      await lock?.release();
    });

    const [pg, ms] = await Promise.all([postgres?.start(), meili?.start()]).catch(async (error) => {
      await Promise.allSettled([postgres?.stop(), meili?.stop()]);
      await lock?.release();
      throw error;
    });

    fastify.decorate('backing', {
      databaseUrl: config.database.url ?? (pg as { url: string }).url,
      meiliUrl: config.meili.url ?? (ms as { url: string }).url,
      meiliKey: config.meili.url ? config.meili.masterKey : ms?.masterKey,
      embedded: { postgres: Boolean(postgres), meilisearch: Boolean(meili) },
    });
  },
  { name: 'embedded-services', fastify: '5.x' },
);
