import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { lockDataDir } from '../embedded/instance-lock.js';
import { createEmbeddedMeilisearch } from '../embedded/meilisearch.js';
import { createEmbeddedPostgres, loadEmbeddedPostgres } from '../embedded/postgres.js';

export type BackingServices = {
  databaseUrl: string;
  meiliUrl: string;
  meiliKey: string | undefined;
  /** The fresh gig tier's server (src/search/tiers.ts); the same as meiliUrl when there is no other. */
  meiliFreshUrl: string;
  /** Which of them this process started itself (and will stop on close). */
  embedded: { postgres: boolean; meilisearch: boolean; meilisearchFresh: boolean };
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
    // With MEILI_URL and no MEILI_FRESH_URL, the fresh tier shares MEILI_URL's server.
    const meiliFresh =
      config.meili.url || config.meili.freshUrl
        ? undefined
        : createEmbeddedMeilisearch({
            dataDir: config.dataDir,
            port: config.meili.freshEmbeddedPort,
            bin: config.meili.bin,
            log,
            tier: 'fresh',
          });
    const all = [postgres, meili, meiliFresh];

    fastify.addHook('onClose', async () => {
      await Promise.all(all.map((service) => service?.stop()));
      await lock?.release();
    });

    // Loaded before any child starts: loading it takes off the exit listeners added meanwhile.
    if (postgres) await loadEmbeddedPostgres();
    // Every start is let finish before anything is stopped, so none starts a child after its stop.
    const started = await Promise.allSettled([postgres?.start(), meili?.start(), meiliFresh?.start()]);
    const failed = started.find((outcome) => outcome.status === 'rejected');
    if (failed) {
      await Promise.allSettled(all.map((service) => service?.stop()));
      await lock?.release();
      throw failed.reason;
    }
    const value = <T>(outcome: PromiseSettledResult<T>) =>
      outcome.status === 'fulfilled' ? outcome.value : undefined;
    const [pg, ms, fresh] = [value(started[0]), value(started[1]), value(started[2])];

    const meiliUrl = config.meili.url ?? (ms as { url: string }).url;
    fastify.decorate('backing', {
      databaseUrl: config.database.url ?? (pg as { url: string }).url,
      meiliUrl,
      meiliKey: config.meili.url ? config.meili.masterKey : ms?.masterKey,
      meiliFreshUrl: config.meili.freshUrl ?? fresh?.url ?? meiliUrl,
      embedded: {
        postgres: Boolean(postgres),
        meilisearch: Boolean(meili),
        meilisearchFresh: Boolean(meiliFresh),
      },
    });
  },
  { name: 'embedded-services', fastify: '5.x' },
);
