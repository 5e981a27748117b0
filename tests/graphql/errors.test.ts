import { GraphQLError } from 'graphql';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { formatGraphQLErrors } from '../../src/graphql/errors.js';
import { text } from '../../src/i18n/text.js';
import { createTestApp, type TestApp } from '../support/app.js';

const log = pino({ level: 'silent' });

describe('GraphQL error shaping', () => {
  it('keeps our own errors, hides faults, and shows the client its own mistakes', () => {
    const shaped = (error: GraphQLError) => formatGraphQLErrors([error], log)[0];
    const ours = new AppError('BAD_USER_INPUT', text('common:invalidId', { field: 'regionCode' }), {
      field: 'regionCode',
    });
    expect(shaped(new GraphQLError(ours.message, { path: ['x'], originalError: ours }))).toMatchObject({
      message: 'regionCode 不是有效的编号：请从列表里复制。',
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

  it('answers a body that is not JSON as the client’s mistake, not as a fault of ours', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: '{ "query": "{ skills { code } }',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('GraphQL limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      env: { GRAPHQL_MAX_DEPTH: '5', GRAPHQL_MAX_ALIASES: '3', GRAPHQL_MAX_COST: '500' },
    });
  });
  afterAll(() => t?.close());

  it('refuses a query past the depth limit, and one with too many aliases, naming the limit', async () => {
    const five = await t.gql('{ gigs(first: 1) { edges { node { employer { name } } } } }');
    expect(five.errors).toBeUndefined();
    const six = await t.gql('{ gigs(first: 1) { edges { node { employer { region { code } } } } } }');
    expect(six.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(six.errors?.[0]?.message).toMatch(/depth/i);

    const three = await t.gql('{ a: skills { code } b: skills { code } c: skills { code } }');
    expect(three.errors).toBeUndefined();
    const four = await t.gql(
      '{ a: skills { code } b: skills { code } c: skills { code } d: skills { code } }',
    );
    expect(four.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(four.errors?.[0]?.message).toMatch(/alias/i);
  });

  it('refuses a query costlier than the limit before it runs, naming the limit and its cost', async () => {
    const five = await t.gql('{ gigs(first: 5) { edges { node { id title } } } }');
    expect(five.errors).toBeUndefined();
    const hundred = await t.gql('{ gigs(first: 100) { edges { node { id title } } } }');
    expect(hundred.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(hundred.errors?.[0]?.message).toBe(
      '这个查询太大了（算下来 1625，最多 500）。请每页少要几条（first）或少要几个字段，或者分成两个查询。',
    );
    // A page size in a variable is costed as the largest page (100), whatever the variable says.
    const byVariable = await t.gql('query ($n: Int) { gigs(first: $n) { edges { node { id title } } } }', {
      n: 5,
    });
    expect(byVariable.errors?.[0]?.message).toMatch(/最多 500/);
    const english = await t.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'accept-language': 'en' },
      payload: { query: '{ gigs(first: 100) { edges { node { id title } } } }' },
    });
    expect(english.json().errors[0]).toMatchObject({
      message:
        'Query Cost limit of 500 exceeded, found 1625. Ask for fewer items per page (first) or fewer fields, or split the query in two.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('still answers the introspection query GraphiQL sends (exempt from the depth and cost limits)', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const introspection = await t.gql(getIntrospectionQuery());
    expect(introspection.errors).toBeUndefined();
  });

  it('refuses a batch of operations in one request', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/graphql',
      payload: [{ query: '{ skills { code } }' }, { query: '{ skills { name } }' }],
    });
    expect(response.statusCode).toBe(400);
  });
});

describe('GraphQL in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { NODE_ENV: 'production', METRICS_TOKEN: 'metrics-token-0123456789' } });
  });
  afterAll(() => t?.close());

  it('refuses introspection and serves no GraphiQL, and still answers queries', async () => {
    const introspection = await t.gql('{ __schema { types { name } } }');
    expect(introspection.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(introspection.errors?.[0]?.message).toMatch(/introspection/i);
    expect((await t.app.inject({ method: 'GET', url: '/graphiql' })).statusCode).toBe(404);
    const skills = await t.gql<{ skills: unknown[] }>('{ skills { code } }');
    expect(skills.data?.skills.length).toBeGreaterThan(0);
  });
});
