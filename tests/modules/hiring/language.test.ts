import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { postGig, verifiedEmployer } from '../../support/gigs.js';
import { seedWorkers } from '../../support/hiring.js';

type Problems = { field: string; message: string }[];

/** Hiring's refusals: Chinese by default, English on request, every problem of an input at once. */
describe('hiring in the reader’s language', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  async function ok<T>(query: string, variables: Record<string, unknown>, token: string) {
    const response = await t.gql<T>(query, variables, token);
    if (!response.data) throw new Error(`${query.slice(0, 50)} failed: ${JSON.stringify(response.errors)}`);
    return response.data;
  }
  const count = async (table: 'saved_searches' | 'engagements') =>
    (await t.app.sql<{ n: number }[]>`select count(*)::int as n from ${t.app.sql(table)}`)[0]?.n;

  it('refuses a crew name in Chinese by default and in English with accept-language: en', async () => {
    const [worker] = await seedWorkers(t, 1);
    if (!worker) throw new Error('no worker seeded');
    const create = (headers: Record<string, string>) =>
      t.app
        .inject({
          method: 'POST',
          url: '/graphql',
          headers: { authorization: `Bearer ${worker.token}`, ...headers },
          payload: { query: 'mutation { createCrew(name: "班") { id } }' },
        })
        .then((response) => response.json());
    const chinese = await create({});
    expect(chinese.errors[0]).toMatchObject({
      message: '班组名称要 2 到 30 个字，例如：韩垓镇焊工班。',
      extensions: { code: 'BAD_USER_INPUT', field: 'name' },
    });
    const english = await create({ 'accept-language': 'en' });
    expect(english.errors[0]).toMatchObject({
      message: 'Give the crew a name of 2 to 30 characters, e.g. 韩垓镇焊工班.',
      extensions: { code: 'BAD_USER_INPUT', field: 'name' },
    });
  });

  it('lists a saved search’s bad name and every bad filter in one answer, and saves nothing', async () => {
    const [worker] = await seedWorkers(t, 1);
    if (!worker) throw new Error('no worker seeded');
    const before = await count('saved_searches');
    const { data, errors } = await t.gql(
      'mutation ($s: GigSearch!) { saveSearch(name: "   ", search: $s) { id } }',
      { s: { minHourlyFen: -1, sort: 'NEAREST' } },
      worker.token,
    );
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    const problems = errors?.[0]?.extensions?.problems as Problems;
    expect(problems.map((p) => p.field)).toEqual(['name', 'search.minHourlyFen', 'search.sort']);
    expect(problems[0]?.message).toBe('搜索名称要 1 到 30 个字，例如：附近焊工。');
    expect(await count('saved_searches')).toBe(before);
  });

  it('names every worker of a crew accept who is not in the crew, in one answer, and hires nobody', async () => {
    const employer = await verifiedEmployer(t);
    const [leader, outsiderA, outsiderB] = await seedWorkers(t, 3, {
      skills: [{ code: 'bricklayer', level: 3 }],
    });
    if (!leader || !outsiderA || !outsiderB) throw new Error('no workers seeded');
    const crew = await ok<{ createCrew: { id: string } }>(
      'mutation { createCrew(name: "韩垓镇瓦工班") { id } }',
      {},
      leader.token,
    );
    const gig = await postGig(t, employer.token, { headcount: 3, skills: ['bricklayer'] });
    const offer = await ok<{ offerGigToCrew: { id: string } }>(
      'mutation ($g: ID!, $c: ID!) { offerGigToCrew(gigId: $g, crewId: $c) { id } }',
      { g: gig.id, c: crew.createCrew.id },
      employer.token,
    );
    const before = await count('engagements');
    const { data, errors } = await t.gql(
      'mutation ($o: ID!, $m: [ID!]!) { acceptCrewOffer(offerId: $o, memberIds: $m) { id } }',
      { o: offer.offerGigToCrew.id, m: [leader.id, outsiderA.id, outsiderB.id] },
      leader.token,
    );
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'memberIds' });
    const problems = errors?.[0]?.extensions?.problems as Problems;
    expect(problems).toEqual([
      {
        field: 'memberIds',
        message: `工人 ${outsiderA.id} 不是这个班组的成员；只有已经加入的成员才能去。`,
      },
      {
        field: 'memberIds',
        message: `工人 ${outsiderB.id} 不是这个班组的成员；只有已经加入的成员才能去。`,
      },
    ]);
    expect(await count('engagements')).toBe(before);
  });
});
