import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { adminToken } from '../support/people.js';

type Skill = { code: string; name: string; category: string; synonyms: string[] };
type Region = {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  minHourlyWageFen: number | null;
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('skills', () => {
  it('lists the whole taxonomy with categories and synonyms', async () => {
    const { data, errors } = await t.gql<{ skills: Skill[] }>('{ skills { code name category synonyms } }');
    expect(errors).toBeUndefined();
    const skills = data?.skills ?? [];
    expect(skills.length).toBeGreaterThanOrEqual(40);
    const welder = skills.find((s) => s.name === '焊工');
    expect(welder?.code).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(welder?.synonyms).toContain('电焊工');
    for (const trade of [
      '电工',
      '瓦工',
      '保洁',
      '养老护理',
      '采摘',
      '快递分拣',
      '植保无人机',
      '柳编',
      '叉车',
    ]) {
      expect(skills.map((s) => s.name)).toContain(trade);
    }
  });

  it('finds 焊工 when a worker types the colloquial 电焊', async () => {
    const { data, errors } = await t.gql<{ skills: Skill[] }>('{ skills(q: "电焊") { name } }');
    expect(errors).toBeUndefined();
    expect(data?.skills[0]?.name).toBe('焊工');
  });

  it('narrows the taxonomy to one category', async () => {
    const all = (await t.gql<{ skills: Skill[] }>('{ skills { category } }')).data?.skills ?? [];
    const category = all[0]?.category as string;
    const { data } = await t.gql<{ skills: Skill[] }>(
      'query ($c: String) { skills(category: $c) { category } }',
      {
        c: category,
      },
    );
    expect(data?.skills.length).toBeGreaterThan(0);
    expect(data?.skills.every((s) => s.category === category)).toBe(true);
    expect(data?.skills.length).toBeLessThan(all.length);
  });

  it('refuses a search text longer than 50 characters, naming q', async () => {
    const { errors } = await t.gql(`{ skills(q: "${'焊'.repeat(51)}") { name } }`);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'q' });
  });
});

describe('regions', () => {
  it('lists the counties of 济宁, 梁山县 among them', async () => {
    const { data, errors } = await t.gql<{ regions: Region[] }>(
      '{ regions(parentCode: "370800") { code name level parentCode minHourlyWageFen } }',
    );
    expect(errors).toBeUndefined();
    const counties = data?.regions ?? [];
    expect(counties.length).toBeGreaterThanOrEqual(11);
    expect(counties).toContainEqual(
      expect.objectContaining({ code: '370832', name: '梁山县', level: 'county' }),
    );
    expect(counties.every((c) => c.parentCode === '370800' && (c.minHourlyWageFen ?? 0) > 0)).toBe(true);
  });

  it('starts from the provinces when no parent is given', async () => {
    const { data } = await t.gql<{ regions: Region[] }>('{ regions { code name level } }');
    expect(data?.regions.map((r) => r.code).sort()).toEqual(['140000', '320000', '370000']);
    expect(data?.regions.every((r) => r.level === 'province')).toBe(true);
  });

  it('walks from a province to its cities', async () => {
    const { data } = await t.gql<{ regions: Region[] }>('{ regions(parentCode: "370000") { code name } }');
    expect(data?.regions.map((r) => r.code).sort()).toEqual(['370800', '371300']);
  });

  it('answers one region by code, and null for a code that does not exist', async () => {
    const { data } = await t.gql<{ a: Region | null; b: Region | null }>(
      '{ a: region(code: "141000") { name level } b: region(code: "999999") { name } }',
    );
    expect(data?.a).toEqual({ name: '临汾市', level: 'city' });
    expect(data?.b).toBeNull();
  });

  it('refuses a parent code that is not six digits, naming parentCode', async () => {
    const { data, errors } = await t.gql('{ regions(parentCode: "3708") { code } }');
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parentCode' });
    expect(errors?.[0]?.message).toBe('地区代码是 6 位数字，例如济宁市是 370800。');
  });

  it('reports a malformed query as the caller’s to fix', async () => {
    const { errors } = await t.gql('{ regions(parentCode: 370800) { nope } }');
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('the language of a refusal', () => {
  const askRegions = (headers: Record<string, string>) =>
    t.app
      .inject({
        method: 'POST',
        url: '/graphql',
        headers,
        payload: { query: '{ regions(parentCode: "3708") { code } }' },
      })
      .then((response) => response.json());

  it('reads in Chinese by default and in English with accept-language: en, with the same code and field', async () => {
    const chinese = await askRegions({});
    expect(chinese.errors[0]).toMatchObject({
      message: '地区代码是 6 位数字，例如济宁市是 370800。',
      extensions: { code: 'BAD_USER_INPUT', field: 'parentCode' },
    });
    const english = await askRegions({ 'accept-language': 'en' });
    expect(english.errors[0]).toMatchObject({
      message: 'A region code has 6 digits, e.g. 370800 for 济宁市.',
      extensions: { code: 'BAD_USER_INPUT', field: 'parentCode' },
    });
  });
});

describe('setMinimumWage', () => {
  const SET = `mutation ($r: ID!, $f: Int!, $d: String, $s: String) {
    setMinimumWage(regionCode: $r, hourlyFen: $f, effectiveFrom: $d, source: $s) { code } }`;

  it('lists every wrong field in one answer and adds nothing', async () => {
    const admin = await adminToken(t);
    const count = async () =>
      (await t.app.sql<{ n: number }[]>`select count(*)::int as n from minimum_wages`)[0]?.n;
    const before = await count();
    const { data, errors } = await t.gql(
      SET,
      { r: '999999', f: 5, d: '2026-02-30', s: '文'.repeat(201) },
      admin,
    );
    expect(data).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode' });
    const problems = errors?.[0]?.extensions?.problems as { field: string; message: string }[];
    expect(problems.map((p) => p.field)).toEqual(['regionCode', 'hourlyFen', 'effectiveFrom', 'source']);
    expect(problems[0]?.message).toBe('没有代码为 999999 的地区，请从地区列表里选。');
    expect(problems[3]?.message).toBe('来源说明最多 200 个字。');
    expect(await count()).toBe(before);
  });
});
