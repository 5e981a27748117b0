import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { readTaxonomy } from '../db/seed/reference.js';
import { createSearch, type Search } from '../search/client.js';

declare module 'fastify' {
  interface FastifyInstance {
    meili: Search;
  }
}

const RETRY_MS = 5_000;

/**
 * The Meilisearch client and its indexes. Settings are applied at start; if Meilisearch does not
 * answer, the API starts anyway (search falls back to PostgreSQL) and keeps trying in the background.
 */
export default fp(
  async (fastify, { config }: { config: Config }) => {
    const search = createSearch({
      url: fastify.backing.meiliUrl,
      apiKey: fastify.backing.meiliKey,
      prefix: config.meili.indexPrefix,
      fresh: { url: fastify.backing.meiliFreshUrl, apiKey: fastify.backing.meiliKey },
    });
    fastify.decorate('meili', search);

    const taxonomy = await readTaxonomy();
    let timer: NodeJS.Timeout | undefined;
    let closed = false;
    const prepare = async (): Promise<void> => {
      try {
        await search.prepare(taxonomy);
        fastify.log.info('search indexes ready');
      } catch (error) {
        fastify.log.warn({ err: error }, `search indexes not prepared; retrying in ${RETRY_MS / 1000} s`);
        if (!closed) timer = setTimeout(prepare, RETRY_MS);
      }
    };
    fastify.addHook('onClose', async () => {
      closed = true;
      clearTimeout(timer);
      await search.close();
    });
    await prepare();
  },
  { name: 'search', dependencies: ['embedded-services'], fastify: '5.x' },
);
