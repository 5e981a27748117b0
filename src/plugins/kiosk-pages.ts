import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { requireUuid } from '../errors.js';
import { renderGigPage, renderNotFoundPage } from '../kiosk/gig-page.js';
import { projectPath } from '../paths.js';
import { bearerToken } from './auth.js';

const require = createRequire(import.meta.url);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Only our own files and the two vendored bundles; the page talks only to this origin. */
const KIOSK_CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

type Asset = { body: Buffer; type: string; etag: string };

const asset = (body: Buffer, type: string): Asset => ({
  body,
  type,
  etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
});

/** The kiosk's own files (public/kiosk) and the browser bundles of socket.io-client and qrcode-generator. */
async function loadAssets(): Promise<Map<string, Asset>> {
  const folder = projectPath('public/kiosk');
  const assets = new Map<string, Asset>();
  for (const name of await readdir(folder)) {
    const type = TYPES[extname(name)];
    if (type) assets.set(name, asset(await readFile(join(folder, name)), type));
  }
  const socketIo = join(dirname(require.resolve('socket.io-client/package.json')), 'dist/socket.io.min.js');
  assets.set('vendor/socket.io.min.js', asset(await readFile(socketIo), TYPES['.js'] as string));
  assets.set(
    'vendor/qrcode.js',
    asset(await readFile(require.resolve('qrcode-generator')), TYPES['.js'] as string),
  );
  return assets;
}

function send(request: FastifyRequest, reply: FastifyReply, file: Asset) {
  reply
    .header('content-type', file.type)
    .header('etag', file.etag)
    // Revalidated each load: a kiosk left running for months still picks up a new release.
    .header('cache-control', 'no-cache')
    .header('x-content-type-options', 'nosniff');
  if (file.type.startsWith('text/html')) {
    reply.header('content-security-policy', KIOSK_CSP).header('referrer-policy', 'no-referrer');
  }
  if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
  return reply.send(file.body);
}

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
    const assets = await loadAssets();
    const index = assets.get('index.html');
    if (!index) throw new Error('public/kiosk/index.html is missing');

    fastify.get('/kiosk', (request, reply) => send(request, reply, index));
    for (const [name, file] of assets) {
      if (name !== 'index.html')
        fastify.get(`/kiosk/${name}`, (request, reply) => send(request, reply, file));
    }

    fastify.get('/kiosk/station.json', async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const { viewer, problem } = await fastify.authenticate(bearerToken(request.headers.authorization));
      if (viewer?.kind !== 'kiosk') {
        const message = problem ?? 'Send the kiosk token as "Authorization: Bearer <token>".';
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
      const [skills, taxonomy, [employer], region, [station]] = await Promise.all([
        services.gigs.skillsOf([gig.id]),
        services.reference.taxonomy(),
        services.employers.byIds([gig.employerId]),
        services.reference.region(gig.regionCode),
        stationId ? services.stations.byIds([stationId]) : [],
      ]);
      const names = new Map(taxonomy.map((s) => [s.code, s.name]));
      const html = renderGigPage({
        gig,
        employer: employer ? { name: employer.name, verified: employer.verifiedAt !== null } : null,
        skillNames: skills.map((s) => names.get(s.skillCode) ?? s.skillCode),
        regionName: region?.name ?? null,
        station: station ?? null,
        now: fastify.clock.now(),
      });
      return reply.header('cache-control', 'public, max-age=60').send(html);
    });
  },
  { name: 'kiosk-pages', dependencies: ['auth', 'services'], fastify: '5.x' },
);
