import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from '@fastify/cors';
import type { FastifyError, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import type { Config } from '../config.js';
import { bodyTooLarge } from '../errors.js';

/**
 * GraphiQL (outside production) is served from this server's own files (src/plugins/graphiql.ts):
 * its routes get helmet's default policy with every source narrowed to this origin. Its stylesheet
 * inlines its fonts and icons (data: URLs); nothing comes from a CDN.
 */
const GRAPHIQL_CSP = {
  useDefaults: true,
  directives: {
    scriptSrc: ["'self'"],
    // Its dialogs (settings, shortcuts) write a <style> element to hold the page still: inline
    // styles only, never a stylesheet or script from elsewhere.
    styleSrc: ["'self'", "'unsafe-inline'"],
    fontSrc: ["'self'", 'data:'],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    upgradeInsecureRequests: null,
  },
};

const isGraphiql = (url: string) => url === '/graphiql' || url.startsWith('/graphiql/');

/**
 * The headers helmet's middleware sets for `options`, worked out once. They depend on no request
 * (no CSP directive here is a function, and no nonces), so running helmet on every request, as
 * @fastify/helmet does, would rebuild the same strings each time.
 */
function helmetHeaders(options: HelmetOptions): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string) => {
      headers[name.toLowerCase()] = value;
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  // helmet only sets and removes headers on the response, which the recorder takes down.
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return Object.freeze(headers);
}

/** helmet's headers on every answer but GraphiQL's: its default policy without `upgrade-insecure-requests`. */
export const SECURITY_HEADERS = helmetHeaders({
  contentSecurityPolicy: { useDefaults: true, directives: { upgradeInsecureRequests: null } },
});
const GRAPHIQL_HEADERS = helmetHeaders({ contentSecurityPolicy: GRAPHIQL_CSP });
/** GraphiQL's content security policy, for its page's own answer (static-files.ts sets one per page). */
export const GRAPHIQL_POLICY = (() => {
  const policy = GRAPHIQL_HEADERS['content-security-policy'];
  if (!policy) throw new Error('helmet set no content-security-policy for GraphiQL');
  return policy;
})();

const sendSecurityHeaders: onRequestHookHandler = (_request, reply, done) => {
  reply.headers(SECURITY_HEADERS);
  done();
};
const sendGraphiqlHeaders: onRequestHookHandler = (_request, reply, done) => {
  reply.headers(GRAPHIQL_HEADERS);
  done();
};

/**
 * The HTTP answers' own protection, for every route: helmet's headers (built once, at start), CORS for the origins
 * CORS_ORIGINS names (none by default), and a worded 413 for a body over BODY_LIMIT_BYTES.
 *
 * CSP: helmet's default policy on every answer, without `upgrade-insecure-requests` (job stations
 * may reach the API over plain HTTP on their own network). The kiosk and dashboard pages send their
 * own stricter policy (static-files.ts), which wins: fastify writes a route's own headers over
 * those helmet set first. GraphiQL's routes get their own policy (GRAPHIQL_CSP): its fonts and
 * icons are data: URLs.
 */
export default fp(
  async (fastify, { config }: { config: Config }) => {
    // Every answer, a 404 too; GraphiQL's routes then write their own set over it.
    fastify.addHook('onRequest', sendSecurityHeaders);
    fastify.addHook('onRoute', (route) => {
      if (!isGraphiql(route.url)) return;
      const own = route.onRequest ? [route.onRequest].flat() : [];
      route.onRequest = [...own, sendGraphiqlHeaders];
    });

    const allowed = new Set(config.http.corsOrigins);
    await fastify.register(cors, {
      // A refused origin gets no CORS headers, and its preflight a 404; false turns CORS off.
      origin:
        allowed.size === 0 ? false : (origin, callback) => callback(null, !!origin && allowed.has(origin)),
      methods: ['GET', 'HEAD', 'POST'],
      // Bearer tokens, never cookies: a browser need not send credentials.
      credentials: false,
      maxAge: 600,
    });

    // The limit on the error, for GraphQL's error formatter (mercurius's own error handler words
    // errors on /graphql); every other route gets the answer below.
    fastify.addHook('onError', async (request, _reply, error) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        Object.assign(error, { limitBytes: request.routeOptions.bodyLimit ?? config.http.bodyLimitBytes });
      }
    });
    fastify.setErrorHandler(async (error: FastifyError, request, reply) => {
      const refused = bodyTooLarge(error);
      // Anything else goes on to fastify's own handler.
      if (!refused) throw error;
      request.log.info({ limitBytes: refused.details.limitBytes }, 'request body too large');
      return reply
        .code(413)
        .send({ error: { code: refused.code, message: refused.message, ...refused.details } });
    });
  },
  { name: 'http-security', fastify: '5.x' },
);
