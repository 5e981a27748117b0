import type { Logger } from 'pino';
import type { Config } from '../src/config.js';
import { createEmbeddedMeilisearch } from '../src/embedded/meilisearch.js';
import { createSearch, type Search } from '../src/search/client.js';

/**
 * Runs a command-line task with the search engine: MEILI_URL, or the embedded server (the one a
 * running market started, else its own, stopped again afterwards). Long timeouts: commands send
 * big batches.
 */
export async function withSearch<T>(
  config: Config,
  log: Logger,
  task: (search: Search) => Promise<T>,
): Promise<T> {
  const embedded = config.meili.url
    ? undefined
    : createEmbeddedMeilisearch({
        dataDir: config.dataDir,
        port: config.meili.embeddedPort,
        bin: config.meili.bin,
        log,
        attach: true,
      });
  try {
    const engine = embedded
      ? await embedded.start()
      : { url: config.meili.url as string, masterKey: config.meili.masterKey };
    return await task(
      createSearch({
        url: engine.url,
        apiKey: engine.masterKey,
        prefix: config.meili.indexPrefix,
        timeoutMs: 60_000,
      }),
    );
  } finally {
    await embedded?.stop();
  }
}
