import Fastify from 'fastify';
import fp from 'fastify-plugin';
import type { DestinationStream } from 'pino';
import app, { type AppOptions } from './app.js';
import { RedactingLogController, requestLogger, serializeRequest } from './logging.js';

/**
 * A fastify instance with the app registered and ready; the caller decides whether to listen.
 * `logStream` sends the log somewhere else than stdout (tests read what was logged).
 */
export async function buildApp(options: AppOptions & { logger?: boolean; logStream?: DestinationStream }) {
  const { config } = options;
  const fastify = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            // No query string in the log: it may hold a GraphQL query's password or a callback's token.
            serializers: { req: serializeRequest },
            ...(options.logStream && { stream: options.logStream }),
          },
    logController: new RedactingLogController(),
    // Each request's child logger made on its first line (nearly none log at warn and above).
    childLoggerFactory: requestLogger,
    trustProxy: config.trustProxy,
    // Larger bodies are refused with 413 before they are parsed (http-security.ts words the answer).
    bodyLimit: config.http.bodyLimitBytes,
    forceCloseConnections: 'idle',
    pluginTimeout: 120_000,
  });
  // Unwrapped, so tests and server.ts see the app's decorations (db, io, services) on the root.
  await fastify.register(fp(app, { name: 'lingong' }), options);
  try {
    await fastify.ready();
  } catch (error) {
    // The plugins that did start (the embedded servers among them) are stopped by their onClose.
    await fastify.close().catch(() => {});
    throw error;
  }
  return fastify;
}
