import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, createProblems } from '../errors.js';
import { renderAny } from '../i18n/render.js';
import { requestLocale } from '../i18n/request-locale.js';
import { text } from '../i18n/text.js';
import type { Actor } from '../modules/accounts/viewer.js';
import { projectPath } from '../paths.js';
import { bearerToken } from './auth.js';
import { loadAssets, servePage } from './static-files.js';

const require = createRequire(import.meta.url);

type SeriesQuery = { regionCode?: string; from?: string; to?: string };

/** The range of the query parameters as instants; both refused at once when neither is ISO 8601. */
function range(query: SeriesQuery): { from: Date; to: Date } {
  const problems = createProblems();
  const instant = (field: 'from' | 'to') => {
    const value = query[field];
    const at = value ? new Date(value) : new Date(Number.NaN);
    if (Number.isNaN(at.getTime())) problems.add(field, text('stats:dateTimeFormat', { field }));
    return at;
  };
  const found = { from: instant('from'), to: instant('to') };
  problems.throwIfAny();
  return found;
}

/**
 * The bureau's dashboard at `/dashboard` (public/dashboard, charts by Apache ECharts; it signs in
 * as an admin, reads the statistics through GraphQL and hears warnings over socket.io), and for an admin's bearer token the CSV
 * export of a region's daily series at `/stats/series.csv?regionCode=…&from=…&to=…` and of the
 * shortage report at `/training/shortage.csv?regionCode=…&from=YYYY-MM-DD&to=YYYY-MM-DD`, and of
 * the follow-up list at `/followup/list.csv?regionCode=…` (or `stationId=…`; audited).
 */
export default fp(
  async (fastify) => {
    const echarts = join(dirname(require.resolve('echarts/package.json')), 'dist/echarts.min.js');
    // socket.io's browser client: the warnings panel hears `warning:changed` on the admins' room.
    const socketIo = join(dirname(require.resolve('socket.io-client/package.json')), 'dist/socket.io.min.js');
    servePage(
      fastify,
      '/dashboard',
      await loadAssets(projectPath('public/dashboard'), {
        'vendor/echarts.min.js': echarts,
        'vendor/socket.io.min.js': socketIo,
      }),
    );

    /** An admin's CSV: 401 without a token, 403 for anyone else, 400 naming the bad field. */
    async function adminCsv(
      request: FastifyRequest,
      reply: FastifyReply,
      make: (actor: Actor) => Promise<{ filename: string; body: string }>,
    ) {
      reply.header('cache-control', 'no-store');
      const locale = requestLocale(request);
      const { viewer, problem } = await fastify.authenticate(bearerToken(request.headers.authorization));
      if (!viewer) {
        const message = renderAny(problem ?? text('stats:exportNeedsToken'), locale);
        return reply.code(401).send({ error: { code: 'UNAUTHENTICATED', message } });
      }
      if (viewer.kind !== 'account' || viewer.role !== 'ADMIN') {
        const message = renderAny(text('stats:exportAdminOnly'), locale);
        return reply.code(403).send({ error: { code: 'FORBIDDEN', message } });
      }
      try {
        const origin = { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null };
        const csv = await make({ ...viewer, origin });
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${csv.filename}"`)
          .send(csv.body);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return reply.code(400).send({
          error: { code: error.code, message: error.messageIn(locale), ...error.detailsIn(locale) },
        });
      }
    }

    fastify.get<{ Querystring: SeriesQuery }>('/stats/series.csv', (request, reply) =>
      adminCsv(request, reply, () => {
        const { from, to } = range(request.query);
        return fastify.services.stats.seriesCsv(request.query.regionCode ?? '', from, to);
      }),
    );

    // 急需紧缺 (docs/training.md "The shortage report"): from and to are market days, YYYY-MM-DD.
    fastify.get<{ Querystring: SeriesQuery }>('/training/shortage.csv', (request, reply) =>
      adminCsv(request, reply, () => {
        const { regionCode = '', from = '', to = '' } = request.query;
        return fastify.services.shortage.shortageCsv(regionCode, from, to);
      }),
    );

    // 帮扶台账 (docs/followup.md): the follow-up list of a region (regionCode) or a station
    // (stationId), or all; every download is in the audit log like a read of the list.
    fastify.get<{ Querystring: { regionCode?: string; stationId?: string; overdueOnly?: string } }>(
      '/followup/list.csv',
      (request, reply) =>
        adminCsv(request, reply, (actor) => {
          const { regionCode, stationId, overdueOnly } = request.query;
          return fastify.services.followUp.csv(actor, {
            regionCode: regionCode ?? null,
            stationId: stationId ?? null,
            overdueOnly: overdueOnly === 'true',
          });
        }),
    );
  },
  { name: 'dashboard', dependencies: ['auth', 'services'], fastify: '5.x' },
);
