import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fp from 'fastify-plugin';
import { AppError, badInput } from '../errors.js';
import { projectPath } from '../paths.js';
import { bearerToken } from './auth.js';
import { loadAssets, servePage } from './static-files.js';

const require = createRequire(import.meta.url);

type SeriesQuery = { regionCode?: string; from?: string; to?: string };

/** An ISO 8601 instant from a query parameter, or a BAD_USER_INPUT naming it. */
function instant(field: 'from' | 'to', value: string | undefined): Date {
  const at = value ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(at.getTime())) {
    throw badInput(field, `Give \`${field}\` as an ISO 8601 date-time, e.g. 2026-12-01T00:00:00+08:00.`);
  }
  return at;
}

/**
 * The bureau's dashboard at `/dashboard` (public/dashboard, charts by Apache ECharts; it signs in
 * as an admin and reads the statistics through GraphQL), and the CSV export of a region's daily
 * series at `/stats/series.csv?regionCode=…&from=…&to=…` for an admin's bearer token.
 */
export default fp(
  async (fastify) => {
    const echarts = join(dirname(require.resolve('echarts/package.json')), 'dist/echarts.min.js');
    servePage(
      fastify,
      '/dashboard',
      await loadAssets(projectPath('public/dashboard'), { 'vendor/echarts.min.js': echarts }),
    );

    fastify.get<{ Querystring: SeriesQuery }>('/stats/series.csv', async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const { viewer, problem } = await fastify.authenticate(bearerToken(request.headers.authorization));
      if (!viewer) {
        const message = problem ?? 'Send an admin access token as "Authorization: Bearer <token>".';
        return reply.code(401).send({ error: { code: 'UNAUTHENTICATED', message } });
      }
      if (viewer.kind !== 'account' || viewer.role !== 'ADMIN') {
        return reply.code(403).send({
          error: { code: 'FORBIDDEN', message: 'Only the labour bureau (an admin) may export statistics.' },
        });
      }
      try {
        const { regionCode = '', from, to } = request.query;
        const csv = await fastify.services.stats.seriesCsv(
          regionCode,
          instant('from', from),
          instant('to', to),
        );
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${csv.filename}"`)
          .send(csv.body);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return reply
          .code(400)
          .send({ error: { code: error.code, message: error.message, ...error.details } });
      }
    });
  },
  { name: 'dashboard', dependencies: ['auth', 'services'], fastify: '5.x' },
);
