import { GraphQLError } from 'graphql';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { formatGraphQLErrors } from '../../src/graphql/errors.js';
import { createTestApp, type TestApp } from '../support/app.js';

const log = pino({ level: 'silent' });

describe('GraphQL error shaping', () => {
  it('keeps our own errors, hides faults, and shows the client its own mistakes', () => {
    const shaped = (error: GraphQLError) => formatGraphQLErrors([error], log)[0];
    const ours = new AppError('BAD_USER_INPUT', 'Pick a region.', { field: 'regionCode' });
    expect(shaped(new GraphQLError(ours.message, { path: ['x'], originalError: ours }))).toMatchObject({
      message: 'Pick a region.',
      extensions: { code: 'BAD_USER_INPUT', field: 'regionCode' },
    });
    // A scalar refusing a variable, before any resolver: the client's to fix.
    const scalar = new TypeError('DateTime cannot represent soon');
    expect(
      shaped(new GraphQLError('Variable "$at" got invalid value "soon"', { originalError: scalar })),
    ).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    // A hook's database error, also before or after any resolver: ours, and never shown.
    const leak = new Error('insert into audit_log (ip) values ($1) - params: 10.0.0.1');
    const hidden = shaped(new GraphQLError(leak.message, { originalError: leak }));
    expect(hidden?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(hidden?.message).not.toContain('audit_log');
  });
});

describe('GraphQL errors through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('answers a syntax error and an unknown field as BAD_USER_INPUT with what is wrong', async () => {
    const syntax = await t.gql('{ skills { code ');
    expect(syntax.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(syntax.errors?.[0]?.message).toMatch(/Syntax Error/);
    const unknown = await t.gql('{ skills { nope } }');
    expect(unknown.errors?.[0]?.message).toContain('nope');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badVariable = await t.gql(
      'query ($from: DateTime!) { regionStats(regionCode: "370832", from: $from, to: $from) { hires } }',
      { from: 'soon' },
    );
    expect(badVariable.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
