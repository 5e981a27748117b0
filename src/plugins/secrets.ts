import { join } from 'node:path';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { persistentSecret } from '../embedded/secrets.js';

declare module 'fastify' {
  interface FastifyInstance {
    secrets: { jwtSecret: string; piiKey: string };
  }
}

/**
 * The signing secret for tokens and the key for personal data. Production must pass them (config
 * refuses to start without); in development they are generated once into DATA_DIR and kept.
 */
export default fp(
  async (fastify, { config }: { config: Config }) => {
    fastify.decorate('secrets', {
      jwtSecret: config.auth.jwtSecret ?? (await persistentSecret(join(config.dataDir, 'jwt-secret'), 32)),
      piiKey: config.piiKey ?? (await persistentSecret(join(config.dataDir, 'pii-key'), 32)),
    });
  },
  { name: 'secrets', fastify: '5.x' },
);
