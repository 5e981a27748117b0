import type { FastifyInstance } from 'fastify';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { seedReferenceData } from './db/seed/reference.js';
import { seedDemoMarketOnce } from './demo/demo.js';
import { seedDemoGigsOnce } from './demo/demo-gigs.js';
import { seedDemoHistoryOnce } from './demo/demo-history.js';
import { seedDemoStationOnce } from './demo/demo-stations.js';
import { seedDemoTrainingOnce } from './demo/demo-training.js';
import type { SmsGateway } from './modules/sms/sms.gateway.js';
import auth from './plugins/auth.js';
import db from './plugins/db.js';
import embeddedServices from './plugins/embedded-services.js';
import graphql from './plugins/graphql.js';
import health from './plugins/health.js';
import httpSecurity from './plugins/http-security.js';
import instantHire from './plugins/instant-hire.js';
import io from './plugins/io.js';
import jobs from './plugins/jobs.js';
import metrics, { graphqlMetrics } from './plugins/metrics.js';
import outbox from './plugins/outbox.js';
import rateLimits from './plugins/rate-limits.js';
import search from './plugins/search.js';
import secrets from './plugins/secrets.js';
import services from './plugins/services.js';
import sessions from './plugins/sessions.js';
import sms from './plugins/sms.js';
import sockets from './plugins/sockets.js';

export type AppOptions = {
  config: Config;
  clock?: Clock;
  /** An SMS adapter of the caller's instead of the one SMS_PROVIDER names (tests of failures). */
  smsGateway?: SmsGateway;
};

/** The whole API as one fastify plugin: infrastructure, then data, then the domain. Never listens. */
export default async function app(fastify: FastifyInstance, { config, clock, smsGateway }: AppOptions) {
  // First, so its headers, CORS and body-limit answers cover every route registered after it.
  await fastify.register(httpSecurity, { config });
  await fastify.register(embeddedServices, { config });
  await fastify.register(secrets, { config });
  await fastify.register(auth, { config });
  await fastify.register(rateLimits, { config, clock });
  await fastify.register(db, { config });
  await fastify.register(search, { config });
  await fastify.register(io, { config });
  // Before any route, so its request timing sees them all; before services, which count through it.
  await fastify.register(metrics, { config, clock });

  const seeded = await seedReferenceData(fastify.db);
  fastify.log.info(seeded, 'reference data loaded');

  await fastify.register(services, { config, clock, smsGateway });
  if (config.seedDemo) {
    const demo = { db: fastify.db, services: fastify.services, clock: fastify.clock, log: fastify.log };
    await seedDemoMarketOnce(demo);
    await seedDemoGigsOnce(demo);
    await seedDemoStationOnce({ ...demo, dataDir: config.dataDir });
    await seedDemoTrainingOnce(demo);
    await seedDemoHistoryOnce(demo);
  }
  await fastify.register(outbox, { config });
  await fastify.register(jobs, { config });
  await fastify.register(instantHire);
  // Before the modules' socket handlers: every event a socket sends is checked against its session.
  await fastify.register(sessions, { config });
  await fastify.register(sockets);
  await fastify.register(sms, { config });
  await fastify.register(health);
  await fastify.register(graphql, { config });
  await fastify.register(graphqlMetrics);
  await fastify.register(import('./plugins/kiosk-pages.js'));
  await fastify.register(import('./plugins/dashboard.js'));
}
