import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fp from 'fastify-plugin';
import { requireUuid } from '../errors.js';
import { renderAny } from '../i18n/render.js';
import { requestLocale } from '../i18n/request-locale.js';
import { text } from '../i18n/text.js';
import { renderCoursePage } from '../kiosk/course-page.js';
import { renderGigPage, renderNotFoundPage } from '../kiosk/gig-page.js';
import { kioskQueriesModule } from '../kiosk/persisted-queries.js';
import { projectPath } from '../paths.js';
import { marketDay } from '../time.js';
import { bearerToken } from './auth.js';
import { asset, loadAssets, servePage } from './static-files.js';

const require = createRequire(import.meta.url);

const asUuid = (value: string | undefined): string | null => {
  try {
    return value ? requireUuid('id', value) : null;
  } catch {
    return null;
  }
};

/**
 * The job-station kiosk page at `/kiosk` (opened as `/kiosk#token=…`: a fragment never reaches a
 * server log), its station card at `/kiosk/station.json`, and the public gig page `/g/:id` that the
 * kiosk's QR codes link to, rendered here so a phone needs no app and no script to read it.
 */
export default fp(
  async (fastify) => {
    // The kiosk's own files (public/kiosk) and the browser bundles of socket.io-client and qrcode-generator.
    const socketIo = join(dirname(require.resolve('socket.io-client/package.json')), 'dist/socket.io.min.js');
    const assets = await loadAssets(projectPath('public/kiosk'), {
      'vendor/socket.io.min.js': socketIo,
      'vendor/qrcode.js': require.resolve('qrcode-generator'),
    });
    // The hashes of the kiosk's GraphQL documents: the page sends these, never query text.
    assets.set('queries.js', asset(Buffer.from(kioskQueriesModule()), 'text/javascript; charset=utf-8'));
    servePage(fastify, '/kiosk', assets);

    fastify.get('/kiosk/station.json', async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const { viewer, problem } = await fastify.authenticate(bearerToken(request.headers.authorization));
      if (viewer?.kind !== 'kiosk') {
        const message = renderAny(problem ?? text('api:kioskNeedsToken'), requestLocale(request));
        return reply.code(401).send({ error: { code: 'UNAUTHENTICATED', message } });
      }
      const station = await fastify.services.stations.station(viewer.stationId);
      return {
        id: station.id,
        name: station.name,
        address: station.address,
        phone: station.phone,
        openingHours: station.openingHours,
        serviceRadiusKm: station.serviceRadiusKm,
      };
    });

    fastify.get<{ Params: { id: string }; Querystring: { s?: string } }>('/g/:id', async (request, reply) => {
      const { services } = fastify;
      reply.type('text/html; charset=utf-8').header('x-content-type-options', 'nosniff');
      const id = asUuid(request.params.id);
      const [gig] = id ? await services.gigs.byIds([id]) : [];
      if (!gig) return reply.code(404).header('cache-control', 'no-cache').send(renderNotFoundPage());

      const stationId = asUuid(request.query.s);
      const [skills, taxonomy, [employer], region, [station], [cover]] = await Promise.all([
        services.gigs.skillsOf([gig.id]),
        services.reference.taxonomy(),
        services.employers.byIds([gig.employerId]),
        services.reference.region(gig.regionCode),
        stationId ? services.stations.byIds([stationId]) : [],
        services.insurance.coverOfGigs([gig.id]),
      ]);
      const names = new Map(taxonomy.map((s) => [s.code, s.name]));
      const html = renderGigPage({
        gig,
        employer: employer ? { name: employer.name, verified: employer.verifiedAt !== null } : null,
        skillNames: skills.map((s) => names.get(s.skillCode) ?? s.skillCode),
        requiresOperationCertificate: skills.some(
          (s) => taxonomy.find((t) => t.code === s.skillCode)?.specialOperation,
        ),
        accidentCover: cover ?? {
          required: false,
          payer: null,
          provider: null,
          insurer: null,
          policyNumber: null,
        },
        regionName: region?.name ?? null,
        station: station ?? null,
        now: fastify.clock.now(),
      });
      return reply.header('cache-control', 'public, max-age=60').send(html);
    });

    /** The public page of a course: where the 培训 tab's QR codes lead. */
    fastify.get<{ Params: { id: string }; Querystring: { s?: string } }>('/c/:id', async (request, reply) => {
      const { services } = fastify;
      reply.type('text/html; charset=utf-8').header('x-content-type-options', 'nosniff');
      const id = asUuid(request.params.id);
      const [course] = id ? await services.courses.byIds([id]) : [];
      if (!course) return reply.code(404).header('cache-control', 'no-cache').send(renderNotFoundPage());
      const stationId = asUuid(request.query.s);
      const [taxonomy, [provider], region, [station]] = await Promise.all([
        services.reference.taxonomy(),
        services.trainingProviders.byIds([course.providerId]),
        services.reference.region(course.regionCode),
        stationId ? services.stations.byIds([stationId]) : [],
      ]);
      const html = renderCoursePage({
        course,
        providerName: provider?.name ?? null,
        skillName: taxonomy.find((s) => s.code === course.skillCode)?.name ?? course.skillCode,
        regionName: region?.name ?? null,
        station: station ?? null,
        today: marketDay(fastify.clock.now()),
      });
      return reply.header('cache-control', 'public, max-age=60').send(html);
    });
  },
  { name: 'kiosk-pages', dependencies: ['auth', 'services'], fastify: '5.x' },
);
