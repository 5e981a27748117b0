import fp from 'fastify-plugin';
import { type Clock, systemClock } from '../clock.js';
import type { Config } from '../config.js';
import { createServices, type Services } from '../modules/index.js';
import { createPiiVault } from '../security/pii-vault.js';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    clock: Clock;
  }
}

/** Builds the domain services over the infrastructure; the only place that wires them together. */
export default fp(
  async (fastify, { config, clock = systemClock }: { config: Config; clock?: Clock }) => {
    fastify.decorate('clock', clock);
    fastify.decorate(
      'services',
      createServices({
        db: fastify.db,
        search: fastify.meili,
        clock,
        log: fastify.log,
        vault: createPiiVault(fastify.secrets.piiKey),
        signAccessToken: fastify.signAccessToken,
        notify: (room, event, payload) => {
          (fastify.io.to(room) as unknown as { emit: (e: string, p: unknown) => void }).emit(event, payload);
        },
        searchTimeoutMs: config.meili.queryTimeoutMs,
        auth: {
          accessTokenTtlSeconds: config.auth.accessTokenTtlSeconds,
          refreshTokenTtlDays: config.auth.refreshTokenTtlDays,
        },
      }),
    );
    if (config.auth.admin) {
      const outcome = await fastify.services.accounts.ensureAdmin(config.auth.admin);
      fastify.log.info({ phone: config.auth.admin.phone, outcome }, 'admin account from ADMIN_PHONE');
    }
  },
  { name: 'services', dependencies: ['db', 'search', 'io', 'auth', 'secrets'], fastify: '5.x' },
);
