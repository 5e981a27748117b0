import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  buildSchema,
  type GraphQLField,
  type GraphQLInputType,
  getNamedType,
  isInputObjectType,
  isLeafType,
  type ListValueNode,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { resolveValue, usesFixture } from '../support/arbitraries/fixture-values.js';
import { argumentsArbitrary } from '../support/arbitraries/inputs.js';
import { createFingerprinter, type Fingerprint } from '../support/db-fingerprint.js';
import { testClock } from '../support/hiring.js';
import {
  buildMarketFixture,
  type Caller,
  CONSUMABLE,
  type MarketFixture,
  refreshMarketFixture,
} from '../support/market/fixture.js';

/**
 * Property tests over the arguments of every Mutation field of schema.graphql (a new one is covered
 * without a line here): random values, sent as variables by every caller its @auth lets in, never
 * give a 5xx or a hidden fault, every error says what is wrong, and an error leaves the database
 * exactly as it was (no half-writes). FC_RUNS sets the runs per mutation, FC_SEED the seed.
 */
const RUNS = Number(process.env.FC_RUNS ?? 25);
const SEED = Number(process.env.FC_SEED ?? 20_251_130);

const schema = buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
const mutations = Object.values(schema.getMutationType()?.getFields() ?? {});

/**
 * Tables a failed mutation may see change, because something else writes them. Keep it short.
 * - outbox: the search-sync queue. A write adds its rows in its own transaction, and the dispatcher
 *   deletes them whenever Meilisearch has applied them, in the background, after earlier successes.
 * - login_failures: the lock-out's counter of failed sign-ins. A failed login must write it; that
 *   is the point of it (tests/modules/accounts/lockout.test.ts).
 * - refresh_tokens.revoked_at, sessions.ended_at and sessions.end_reason (those columns only): a
 *   used refresh token offered again is refused, ends its session and revokes every refresh token of
 *   its account, someone having kept a copy (tests/modules/accounts/sessions.test.ts,
 *   tests/integrity/sessions.test.ts).
 * - search_watermarks: the bulk search dispatcher raises it in the background as transactions end,
 *   any transaction (src/search/tiers.ts; tests/search/tiers.test.ts).
 * - phone_codes.attempts (the column only): a wrong one-time code counts against its code, refused
 *   or not; that is how a few wrong tries use a code up (tests/modules/accounts/phone-codes.test.ts).
 */
const NOT_FINGERPRINTED = [
  'outbox',
  'login_failures',
  'refresh_tokens.revoked_at',
  'search_watermarks',
  'phone_codes.attempts',
  'sessions.ended_at',
  'sessions.end_reason',
];

const SIGNED_IN: Caller[] = ['worker', 'employer', 'operator', 'admin'];
const CALLER_OF_ROLE: Record<string, Caller> = {
  WORKER: 'worker',
  EMPLOYER: 'employer',
  STATION_OPERATOR: 'operator',
  ADMIN: 'admin',
  TRAINING_PROVIDER: 'provider',
};

/** The callers a mutation's @auth lets through (as tests/graphql/role-matrix.test.ts reads it; no mutation takes a kiosk yet). */
function callersOf(field: GraphQLField<unknown, unknown>): Caller[] {
  const auth = field.astNode?.directives?.find((d) => d.name.value === 'auth');
  const list = auth?.arguments?.find((a) => a.name.value === 'requires')?.value as ListValueNode | undefined;
  const requires = (list?.values ?? []).map((v) => (v as { value: string }).value);
  const kiosk: Caller[] = requires.includes('KIOSK') ? ['kiosk'] : [];
  if (requires.includes('ANYONE')) return ['anonymous', ...SIGNED_IN, ...kiosk];
  if (requires.includes('SIGNED_IN')) return [...SIGNED_IN, ...kiosk];
  // A training provider is tried only where its role is named (it is not one of SIGNED_IN here).
  const roles: Caller[] = [...SIGNED_IN, 'provider'];
  return [...roles.filter((c) => requires.some((r) => CALLER_OF_ROLE[r] === c)), ...kiosk];
}

/** The mutation with one variable per argument, named as the argument; the answer's __typename only. */
function documentOf(field: GraphQLField<unknown, unknown>): string {
  const variables = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return `mutation Fuzz${variables ? `(${variables})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
}

/** Every name a mutation takes: its arguments and the fields of their input types, at any depth. */
function inputNames(field: GraphQLField<unknown, unknown>): Set<string> {
  const names = new Set<string>();
  const visit = (type: GraphQLInputType) => {
    const named = getNamedType(type);
    if (!isInputObjectType(named)) return;
    for (const f of Object.values(named.getFields())) {
      if (names.has(f.name)) continue;
      names.add(f.name);
      visit(f.type);
    }
  };
  for (const a of field.args) {
    names.add(a.name);
    visit(a.type);
  }
  return names;
}

type Answer = {
  data?: Record<string, unknown> | null;
  errors?: { message?: unknown; path?: unknown; extensions?: { code?: unknown; field?: unknown } }[];
};

/** What is wrong with an answer, by the promises of src/graphql/errors.ts and the README; [] if nothing. */
function problemsOf(status: number, answer: Answer, field: GraphQLField<unknown, unknown>): string[] {
  const problems: string[] = [];
  if (status >= 500) problems.push(`HTTP ${status}`);
  const names = inputNames(field);
  for (const error of answer.errors ?? []) {
    const code = error.extensions?.code;
    if (typeof code !== 'string') problems.push('an error without extensions.code');
    // A fault of ours, or (PostgreSQL being up all along) a statement error taken for an outage.
    if (code === 'INTERNAL_SERVER_ERROR' || code === 'SERVICE_UNAVAILABLE') problems.push(String(code));
    if (typeof error.message !== 'string' || error.message.trim() === '') problems.push('an empty message');
    if (code !== 'BAD_USER_INPUT') continue;
    if (error.path) {
      // Refused by a resolver: extensions.field names the argument or input field at fault.
      const named = error.extensions?.field;
      const parts =
        typeof named === 'string' ? named.split(/[.[\]]/).filter((p) => p && !/^\d+$/.test(p)) : [];
      if (parts.length === 0 || parts.some((p) => !names.has(p)))
        problems.push(
          `BAD_USER_INPUT names field ${JSON.stringify(named)}, not one of this mutation's inputs`,
        );
    } else {
      // Refused before any resolver (a scalar, or the variable's type): extensions has only the code,
      // and the message names the variable, or (graphql-jit, from mercurius' second call) the field.
      const variable = /Variable "\$(\w+)"/.exec(String(error.message))?.[1];
      if (!variable || !names.has(variable))
        problems.push('BAD_USER_INPUT before the resolver without naming the variable or field');
    }
  }
  return problems;
}

let t: TestApp;
let fixture: MarketFixture;
let fingerprints: Awaited<ReturnType<typeof createFingerprinter>>;

beforeAll(async () => {
  // Time stands still for the app: nothing falls due while a call is judged (the first wave of an
  // instant gig, due when posted, is sent by settle() before the next print is taken).
  t = await createTestApp({
    clock: testClock(),
    env: {
      // The limiters have their own tests: here every call must reach the mutation itself.
      AUTH_RATE_LIMIT_MAX: '100000',
      MUTATION_RATE_LIMIT: '1000000',
      LOGIN_MAX_FAILURES: '1000',
      LOGIN_SLOW_AFTER: '1000',
      LOGIN_NUMBER_MAX_FAILURES: '100000',
      // The clock-driven sweeps as seldom as they go: only the calls (and settle()) change the database.
      GIG_SWEEP_MS: '3600000',
      WORK_SWEEP_MS: '3600000',
      STATS_FOLD_MS: '3600000',
      OFFER_SWEEP_MS: '60000',
    },
  });
  fixture = await buildMarketFixture(t);
  fingerprints = await createFingerprinter(t.databaseUrl, NOT_FINGERPRINTED);
}, 120_000);
afterAll(async () => {
  await fingerprints?.close();
  await t?.close();
});

/**
 * Does now the work an earlier call left for later (an instant gig's first wave, hire notices,
 * SMS), so that it is not counted against the next call.
 */
async function settle() {
  await t.app.services.hiring.sweep();
  await t.app.services.hiring.drain();
  await t.app.services.sms.drain();
}

describe('counterexamples the properties found, kept as examples', () => {
  const call = async (query: string, variables: Record<string, unknown>, caller: Caller) => {
    await settle();
    const before = await fingerprints.take();
    const { errors } = await t.gql(query, variables, fixture.tokens[caller]);
    expect(fingerprints.changed(before, await fingerprints.take())).toEqual([]);
    return errors?.map((e) => ({ code: e.extensions?.code, field: e.extensions?.field }));
  };

  it('refuses text PostgreSQL cannot store (U+0000, a lone surrogate), naming the field', async () => {
    const crew = 'mutation ($n: String!) { createCrew(name: $n) { id } }';
    expect(await call(crew, { n: 'a\u0000b' }, 'worker')).toEqual([
      { code: 'BAD_USER_INPUT', field: 'name' },
    ]);
    const kiosk = 'mutation ($s: ID!, $l: String!) { issueKioskToken(stationId: $s, label: $l) { id } }';
    expect(await call(kiosk, { s: fixture.values.stationId?.[0], l: '\udfff' }, 'operator')).toEqual([
      { code: 'BAD_USER_INPUT', field: 'label' },
    ]);
    const search = 'mutation ($q: String) { saveSearch(name: "附近焊工", search: { q: $q }) { id } }';
    expect(await call(search, { q: '焊\ud800工' }, 'worker')).toEqual([
      { code: 'BAD_USER_INPUT', field: 'search.q' },
    ]);
  });

  it('refuses a minimum wage from a day that is no day (2026-02-30, year 0)', async () => {
    const wage =
      'mutation ($d: String) { setMinimumWage(regionCode: "370832", hourlyFen: 2300, effectiveFrom: $d) { code } }';
    for (const d of ['2026-02-30', '2026-04-31', '0000-01-01']) {
      expect(await call(wage, { d }, 'admin'), d).toEqual([
        { code: 'BAD_USER_INPUT', field: 'effectiveFrom' },
      ]);
    }
  });
});

describe('every mutation, given random arguments by every caller its @auth lets in', () => {
  it('covers every mutation of the schema', () => {
    expect(mutations.length).toBeGreaterThan(40);
    for (const field of mutations) expect(callersOf(field), field.name).not.toEqual([]);
  });

  for (const field of mutations) {
    it(`${field.name}: never a 5xx or a hidden fault, and an error writes nothing`, async () => {
      const query = documentOf(field);
      const arbitrary = fc.record({
        caller: fc.constantFrom(...callersOf(field)),
        variables: fc.oneof(
          argumentsArbitrary(field.args, 'tame', fixture.values),
          argumentsArbitrary(field.args, 'wild', fixture.values),
          argumentsArbitrary(field.args, 'broken', fixture.values),
        ),
      });
      let succeeded = false;
      let rowsUsed = false;
      // The print after a refused call is the next call's before, as nothing else writes meanwhile.
      let print: Fingerprint | undefined;
      await fc.assert(
        fc.asyncProperty(arbitrary, async ({ caller, variables }) => {
          await settle();
          const before = print ?? (await fingerprints.take());
          const token = fixture.tokens[caller];
          const response = await t.app.inject({
            method: 'POST',
            url: '/graphql',
            headers: token ? { authorization: `Bearer ${token}` } : {},
            payload: { query, variables: resolveValue(variables, fixture.values, t.app.clock.now()) },
          });
          const answer = response.json() as Answer;
          const problems = problemsOf(response.statusCode, answer, field);
          print = undefined;
          if (answer.data?.[field.name] == null) {
            await settle();
            const after = await fingerprints.take();
            const changed = fingerprints.changed(before, after);
            if (changed.length > 0) problems.push(`the error left changes in ${changed.join(', ')}`);
            else print = after;
          } else {
            succeeded = true;
            rowsUsed ||= usesFixture(variables, CONSUMABLE);
          }
          if (problems.length > 0) {
            throw new Error(`${problems.join('; ')}\nanswer: ${response.body.slice(0, 2000)}`);
          }
        }),
        { numRuns: RUNS, seed: SEED },
      );
      // A call that worked may have used up a fixture row (an offer, a hire) or deleted an account.
      if (succeeded) fixture = await refreshMarketFixture(t, fixture, rowsUsed);
    }, 300_000);
  }
});
