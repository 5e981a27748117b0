import fp from 'fastify-plugin';
import { type Clock, systemClock } from '../clock.js';
import type { Config } from '../config.js';
import {
  createIdentityGateway,
  createInsurerGateway,
  createServices,
  createSmsGateway,
  type Services,
  type SmsGateway,
} from '../modules/index.js';
import { createPiiVault } from '../security/pii-vault.js';

/** socket.io's broadcast operator, loosened from the typed event maps for the domain's events. */
type Broadcast = {
  emit(event: string, payload: unknown, ack?: (error: Error | null, responses: unknown[]) => void): void;
  timeout(ms: number): Broadcast;
};

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    clock: Clock;
  }
}

/** Builds the domain services over the infrastructure; the only place that wires them together. */
export default fp(
  async (
    fastify,
    { config, clock = systemClock, smsGateway }: { config: Config; clock?: Clock; smsGateway?: SmsGateway },
  ) => {
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
        notify: (room, event, payload, ack) => {
          // Notify's generic checks every caller's event and payload (src/realtime/events.ts);
          // socket.io's emit overloads cannot follow a generic event name, so the operator is
          // seen here through the one shape it has for any event.
          const target = fastify.io.to(room) as unknown as Broadcast;
          if (!ack) {
            target.emit(event, payload);
            return;
          }
          target.timeout(ack.timeoutMs).emit(event, payload, (_error, responses) => {
            // With several sockets in the room, some may not answer; one ack is a delivery.
            if (responses && responses.length > 0) ack.onAck();
          });
        },
        searchTimeoutMs: config.meili.queryTimeoutMs,
        gigIndex: config.meili.gigIndex,
        offers: config.offers,
        work: config.work,
        auth: {
          accessTokenTtlSeconds: config.auth.accessTokenTtlSeconds,
          refreshTokenTtlDays: config.auth.refreshTokenTtlDays,
          loginLockout: config.auth.loginLockout,
          phoneCodes: config.auth.phoneCodes,
          sessionCheckCacheMs: config.auth.sessions.checkCacheMs,
        },
        metrics: { hiring: fastify.metrics.hiring },
        kiosk: { cacheMs: config.kiosk.cacheMs },
        privacy: config.privacy,
        sms: {
          gateway: smsGateway ?? createSmsGateway(config.sms, fastify.log),
          settings: {
            signName: config.sms.signName,
            quietHours: config.sms.quietHours,
            dailyCap: config.sms.dailyCap,
          },
          metrics: fastify.metrics.sms,
        },
        identity: { gateway: createIdentityGateway(config.identity.service) },
        certificates: config.certificates,
        enrolments: config.enrolments,
        trainingOrders: config.trainingOrders,
        followUp: config.followUp,
        warnings: config.warnings,
        insurance: { gateway: createInsurerGateway(config.insurance, fastify.log) },
      }),
    );
    if (config.auth.admin) {
      const outcome = await fastify.services.accounts.ensureAdmin(config.auth.admin);
      // No phone number in any log line: the number is in the configuration for whoever needs it.
      fastify.log.info({ outcome }, 'admin account from ADMIN_PHONE');
    }
  },
  { name: 'services', dependencies: ['db', 'search', 'io', 'auth', 'secrets', 'metrics'], fastify: '5.x' },
);
