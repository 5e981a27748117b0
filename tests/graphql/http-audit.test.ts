import { type AuditResult, auditServer } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { freePort } from '../support/ports.js';

const named = (results: AuditResult[]) =>
  results.map((r) => `${r.id} ${r.name}${'reason' in r ? `: ${r.reason}` : ''}`);

describe('GraphQL over HTTP (graphql-http audit of /graphql)', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await createTestApp();
    const port = await freePort();
    await t.app.listen({ port, host: '127.0.0.1' });
    url = `http://127.0.0.1:${port}/graphql`;
  });
  afterAll(() => t?.close());

  it('meets every MUST of the spec, and lists the SHOULDs it does not', async () => {
    const results = await auditServer({ url, fetchFn: fetch });
    const failed = (status: string) => results.filter((r) => r.status === status);
    const counts = ['ok', 'notice', 'warn', 'error'].map((s) => `${failed(s).length} ${s}`).join(', ');
    console.info(`graphql-http audit of /graphql: ${results.length} audits, ${counts}`);
    if (failed('warn').length > 0)
      console.info(`graphql-http warnings:\n  ${named(failed('warn')).join('\n  ')}`);
    if (failed('notice').length > 0)
      console.info(`graphql-http notices:\n  ${named(failed('notice')).join('\n  ')}`);
    expect(named(failed('error')), 'failing MUST audits').toEqual([]);
  });

  const post = (payload: unknown, accept?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}) },
      payload: JSON.stringify(payload),
    });

  it('answers a client that reads only the body as before: JSON, 200 for a wrong query, errors listed', async () => {
    for (const accept of [undefined, '*/*', 'application/json']) {
      const wrong = await post({ query: '{ skills { nope } }' }, accept);
      expect(wrong.statusCode, accept).toBe(200);
      expect(wrong.headers['content-type'], accept).toBe('application/json; charset=utf-8');
      expect(wrong.json(), accept).toMatchObject({
        data: null,
        errors: [{ extensions: { code: 'BAD_USER_INPUT' } }],
      });
    }
    const right = await post({ query: '{ skills { code } }', variables: null, extensions: null });
    expect(right.statusCode).toBe(200);
    expect(right.json().errors).toBeUndefined();
    expect(right.headers.vary).toMatch(/accept/i);
  });

  it('answers application/graphql-response+json with its own type, and 4xx without data when nothing ran', async () => {
    const accept = 'application/graphql-response+json, application/json;q=0.9';
    const right = await post({ query: '{ skills { code } }' }, accept);
    expect(right.statusCode).toBe(200);
    expect(right.headers['content-type']).toBe('application/graphql-response+json; charset=utf-8');
    const wrong = await post({ query: '{ skills { nope } }' }, accept);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.headers['content-type']).toBe('application/graphql-response+json; charset=utf-8');
    expect(wrong.json()).not.toHaveProperty('data');
    expect(wrong.json().errors[0].extensions.code).toBe('BAD_USER_INPUT');
    // Execution ran and a field was refused: 200 with data, as for any client.
    const refused = await post({ query: '{ me { id } }' }, accept);
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({
      data: { me: null },
      errors: [{ extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });

  it('refuses a parameter of the wrong type instead of turning it into a string', async () => {
    for (const [name, value] of [
      ['query', 0],
      ['query', ['{ skills { code } }']],
      ['operationName', false],
      ['variables', 0],
      ['extensions', 'x'],
    ] as const) {
      const response = await post({ query: '{ skills { code } }', [name]: value });
      expect(response.statusCode, `${name}: ${JSON.stringify(value)}`).toBe(400);
      expect(response.json().errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: name });
    }
  });
});
