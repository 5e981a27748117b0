import Fastify from 'fastify';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { requestLogger } from '../../src/logging.js';
import { captureLogs } from '../support/logs.js';

/** A fastify whose routes log at warn and info, with the app's request logger, at `level`. */
async function appAt(level: string) {
  const logs = captureLogs();
  const logger = pino({ level }, logs.stream);
  const child = vi.spyOn(logger, 'child');
  const fastify = Fastify({ loggerInstance: logger, childLoggerFactory: requestLogger });
  fastify.get('/quiet', async (request) => {
    request.log.info('only at info');
    return 'ok';
  });
  fastify.get('/loud', async (request) => {
    request.log.warn({ why: 'test' }, 'a warning of the request');
    request.log.error('an error of the request');
    return 'ok';
  });
  await fastify.ready();
  return { fastify, logs, children: () => child.mock.calls.length };
}

describe('the request logger (src/logging.ts requestLogger)', () => {
  it('makes no child for a request that logs nothing at warn, and one that carries reqId when it does', async () => {
    const { fastify, logs, children } = await appAt('warn');
    const atStart = children(); // fastify's own, at startup
    for (let i = 0; i < 5; i++) expect((await fastify.inject('/quiet')).body).toBe('ok');
    expect(children() - atStart).toBe(0);
    expect(logs.text()).toBe('');
    await fastify.inject('/loud');
    expect(children() - atStart).toBe(1);
    const [warned] = logs.withMessage('a warning of the request');
    const [errored] = logs.withMessage('an error of the request');
    expect(warned).toMatchObject({ level: 40, why: 'test', reqId: expect.any(String) });
    expect(errored?.reqId).toBe(warned?.reqId);
    await fastify.close();
  });

  it("at info logs every request's lines as fastify does, each with its reqId", async () => {
    const { fastify, logs } = await appAt('info');
    await fastify.inject('/quiet');
    const incoming = logs.withMessage('incoming request');
    const own = logs.withMessage('only at info');
    const completed = logs.withMessage('request completed');
    expect([incoming.length, own.length, completed.length]).toEqual([1, 1, 1]);
    expect(own[0]?.reqId).toBe(incoming[0]?.reqId);
    expect(completed[0]?.reqId).toBe(incoming[0]?.reqId);
    await fastify.close();
  });
});
