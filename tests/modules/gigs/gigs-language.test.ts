import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { gigInput, POST_GIG, postGig, verifiedEmployer } from '../../support/gigs.js';

const HOUR = 3_600_000;
const CJK = /[\u3400-\u9fff]/;

/**
 * Posting, calling off and searching gigs speak the reader's language: Chinese by default,
 * English when the device asks; the codes and fields stay the same; a mutation with several
 * inputs names every bad one in one answer.
 */
describe('gigs in the reader’s language', () => {
  let t: TestApp;
  let employer: Awaited<ReturnType<typeof verifiedEmployer>>;
  let minimumFen: number;

  beforeAll(async () => {
    t = await createTestApp();
    employer = await verifiedEmployer(t);
    const { data } = await t.gql<{ region: { minHourlyWageFen: number } }>(
      '{ region(code: "370832") { minHourlyWageFen } }',
    );
    minimumFen = data?.region.minHourlyWageFen as number;
  });
  afterAll(() => t?.close());

  const ask = (query: string, variables: Record<string, unknown>, token?: string, language?: string) =>
    t.gql(query, variables, token, language ? { 'accept-language': language } : {});

  it('refuses pay under the minimum wage in Chinese, in English when asked, with the same code and data', async () => {
    const input = gigInput({ payFen: 500, payUnit: 'DAY' });
    const chinese = (await ask(POST_GIG, { input }, employer.token)).errors?.[0];
    const minimum = (minimumFen / 100).toFixed(2);
    expect(chinese?.message).toBe(
      `这份工资折合每小时 0.55 元，低于梁山县每小时 ${minimum} 元的最低工资。请提高工资，或核对工时。`,
    );
    const english = (await ask(POST_GIG, { input }, employer.token, 'en-GB,en;q=0.8')).errors?.[0];
    expect(english?.message).toBe(
      `This pay comes to 0.55 元 an hour, under the minimum of ${minimum} 元 an hour in 梁山县. Raise the pay or check the hours.`,
    );
    expect(english?.extensions).toEqual(chinese?.extensions);
    expect(chinese?.extensions).toMatchObject({
      code: 'BELOW_MINIMUM_WAGE',
      field: 'payFen',
      minimumHourlyFen: minimumFen,
    });
  });

  it('lists every problem of a gig in the reader’s language', async () => {
    const input = gigInput({
      headcount: 0,
      startsAt: new Date(Date.now() - HOUR).toISOString(),
      endsAt: new Date(Date.now() + 7 * HOUR).toISOString(),
      payDueDays: 90,
    });
    const chinese = (await ask(POST_GIG, { input }, employer.token)).errors?.[0];
    expect(chinese?.message).toBe('招几个人：1 到 500 人。');
    expect(chinese?.extensions?.problems).toEqual([
      { field: 'headcount', message: '招几个人：1 到 500 人。' },
      { field: 'startsAt', message: '开工时间要在现在以后。' },
      { field: 'payDueDays', message: '工资要在干完活后 30 天内付清（填 0 就是当天付）。' },
    ]);
    const english = (await ask(POST_GIG, { input }, employer.token, 'en')).errors?.[0];
    expect(english?.extensions?.problems?.map((p) => p.field)).toEqual([
      'headcount',
      'startsAt',
      'payDueDays',
    ]);
    for (const problem of english?.extensions?.problems ?? []) expect(problem.message).not.toMatch(CJK);
    expect(english?.extensions?.problems?.[1]?.message).toBe('The gig must start in the future.');
  });

  it('cancelGig names a bad gig id and a missing reason in one answer', async () => {
    const CANCEL = 'mutation ($id: ID!, $r: String!) { cancelGig(gigId: $id, reason: $r) { status } }';
    const answer = await ask(CANCEL, { id: 'gig-7', r: ' ' }, employer.token);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'gigId' });
    expect(answer.errors?.[0]?.extensions?.problems).toEqual([
      { field: 'gigId', message: 'gigId 不是有效的编号：请从列表里复制。' },
      { field: 'reason', message: '请写明为什么取消（2 到 200 个字），工人会看到。' },
    ]);
  });

  it('says in words why a gig can no longer be called off', async () => {
    const gig = await postGig(t, employer.token);
    const CANCEL = 'mutation ($id: ID!, $r: String!) { cancelGig(gigId: $id, reason: $r) { status } }';
    await ask(CANCEL, { id: gig.id, r: '钢材未到货，改期' }, employer.token);
    const again = (await ask(CANCEL, { id: gig.id, r: '再取消一次' }, employer.token)).errors?.[0];
    expect(again?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'gigId', status: 'CANCELLED' });
    expect(again?.message).toBe('这个零工已经取消，不能再取消了；如果已经开工，请和工人商量解决。');
    const english = (await ask(CANCEL, { id: gig.id, r: '再取消一次' }, employer.token, 'en')).errors?.[0];
    expect(english?.message).toBe(
      'This gig is cancelled and can no longer be called off; if it started, settle it with the workers.',
    );
  });

  it('lists every problem of a search in the reader’s language', async () => {
    const search = await ask('query ($s: GigSearch) { gigs(search: $s, first: 500) { totalCount } }', {
      s: { near: { lat: 135.8, lng: 116.1, radiusKm: 10 }, skills: [] },
    });
    expect(search.errors?.[0]?.extensions?.problems).toEqual([
      { field: 'search.near.lat', message: '纬度（lat）要在 -90 到 90 之间。' },
      { field: 'first', message: '每页要 1 到 100 个零工。' },
    ]);
    const english = await ask(
      'query ($s: GigSearch) { gigs(search: $s, first: 500) { totalCount } }',
      { s: { near: { lat: 135.8, lng: 116.1, radiusKm: 10 } } },
      undefined,
      'en',
    );
    expect(english.errors?.[0]?.extensions?.problems?.map((p) => p.message)).toEqual([
      'lat is -90 to 90.',
      'Ask for 1 to 100 gigs per page.',
    ]);
  });

  it('labels the pay-unit facet in the reader’s language', async () => {
    await postGig(t, employer.token);
    const FACETS = '{ gigs(first: 1) { totalCount facets { payUnits { value label } } } }';
    type Facets = { gigs: { totalCount: number; facets: { payUnits: { value: string; label: string }[] } } };
    const facets = async (language?: string) => {
      for (let tries = 0; tries < 50; tries++) {
        const { data } = (await ask(FACETS, {}, undefined, language)) as { data?: Facets };
        if (data && data.gigs.totalCount > 0) return data.gigs.facets.payUnits;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('the posted gig never became searchable');
    };
    expect(await facets()).toEqual([{ value: 'DAY', label: '按天' }]);
    expect(await facets('en')).toEqual([{ value: 'DAY', label: 'by the day' }]);
  });
});
