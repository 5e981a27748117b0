import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import graphiql, { GRAPHIQL_VENDOR } from '../../src/plugins/graphiql.js';
import { captureLogs } from '../support/logs.js';

const require = createRequire(import.meta.url);

/** GraphiQL's plugin alone on a bare fastify, with its log kept. */
async function serve(options: Parameters<typeof graphiql>[1] = {}) {
  const logs = captureLogs();
  const app = Fastify({ logger: { level: 'warn', stream: logs.stream } });
  await app.register(graphiql, options);
  await app.ready();
  return { app, logs };
}

describe('GraphiQL from the packages installed with the project', () => {
  it("serves graphiql's, react's and react-dom's own files, and a page that names only them and its own", async () => {
    const { app } = await serve();
    try {
      const page = await app.inject({ method: 'GET', url: '/graphiql' });
      expect(page.statusCode).toBe(200);
      const scripts = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      // Every file the page loads is under /graphiql/ on this server (the icon is an empty data: URL).
      expect(scripts.filter((url) => url !== 'data:,').every((url) => url?.startsWith('/graphiql/'))).toBe(
        true,
      );
      for (const [name, [pkg, file]] of Object.entries(GRAPHIQL_VENDOR)) {
        expect(scripts).toContain(`/graphiql/${name}`);
        const served = await app.inject({ method: 'GET', url: `/graphiql/${name}` });
        expect(served.statusCode).toBe(200);
        const installed = await readFile(join(dirname(require.resolve(`${pkg}/package.json`)), file));
        expect(served.rawPayload.equals(installed)).toBe(true);
      }
    } finally {
      await app.close();
    }
  });

  it('says which packages to install, at /graphiql and in the log, when they are missing', async () => {
    const { app, logs } = await serve({
      vendor: { ...GRAPHIQL_VENDOR, 'vendor/graphiql.min.js': ['lingong-no-such-package', 'x.js'] },
    });
    try {
      const page = await app.inject({ method: 'GET', url: '/graphiql' });
      expect(page.statusCode).toBe(503);
      expect(page.body).toMatch(/lingong-no-such-package are not installed.*npm ci/);
      expect(logs.text()).toContain('lingong-no-such-package');
    } finally {
      await app.close();
    }
  });
});
