import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fp from 'fastify-plugin';
import { projectPath } from '../paths.js';
import { GRAPHIQL_POLICY } from './http-security.js';
import { loadAssets, servePage } from './static-files.js';

const require = createRequire(import.meta.url);

/** A file a package installed with the project ships: [package, path inside it]. */
export type PackageFile = readonly [pkg: string, file: string];

/**
 * The browser bundles GraphiQL's page loads, served under /graphiql/vendor/. graphiql's UMD build
 * (its last major with one) takes React and ReactDOM as globals; React 18 is the last with UMD files.
 */
export const GRAPHIQL_VENDOR: Record<string, PackageFile> = {
  'vendor/react.production.min.js': ['react', 'umd/react.production.min.js'],
  'vendor/react-dom.production.min.js': ['react-dom', 'umd/react-dom.production.min.js'],
  'vendor/graphiql.min.js': ['graphiql', 'graphiql.min.js'],
  'vendor/graphiql.min.css': ['graphiql', 'graphiql.min.css'],
};

/** Each file's path, or the packages that are not installed (`npm ci --omit=dev` leaves them out). */
function locate(files: Record<string, PackageFile>): { paths: Record<string, string>; missing: string[] } {
  const paths: Record<string, string> = {};
  const missing = new Set<string>();
  for (const [name, [pkg, file]] of Object.entries(files)) {
    try {
      paths[name] = join(dirname(require.resolve(`${pkg}/package.json`)), file);
    } catch {
      missing.add(pkg);
    }
  }
  return { paths, missing: [...missing] };
}

/**
 * GraphiQL at /graphiql (registered outside production only): public/graphiql with graphiql, react
 * and react-dom from node_modules, all from this server, so it works with no internet. Its policy
 * (http-security.ts) allows nothing but this origin. Without those (dev) packages, /graphiql says
 * what to install instead of showing a blank page.
 */
export default fp<{ vendor?: Record<string, PackageFile> }>(
  async (fastify, { vendor = GRAPHIQL_VENDOR }) => {
    const { paths, missing } = locate(vendor);
    if (missing.length > 0) {
      const message = `GraphiQL is not available: the packages ${missing.join(', ')} are not installed (they are dev dependencies; run \`npm ci\` without --omit=dev). /graphql works without them.`;
      fastify.log.warn({ missing }, message);
      fastify.get('/graphiql', (_request, reply) =>
        reply.code(503).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(message),
      );
      return;
    }
    servePage(fastify, '/graphiql', await loadAssets(projectPath('public/graphiql'), paths), {
      csp: GRAPHIQL_POLICY,
    });
  },
  { name: 'graphiql', fastify: '5.x' },
);
