import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distanceKm } from '../../../src/modules/gigs/distance.js';
import { marketDay } from '../../../src/time.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { testClock } from '../../support/hiring.js';
import { kioskQuery, stationWithKiosk } from '../../support/kiosk.js';
import { operatorToken, registerWorker } from '../../support/people.js';
import {
  courseInput,
  dayAhead,
  enrolDirectly,
  POST_COURSE,
  SCHOOL,
  VILLAGE,
  verifiedProvider,
} from '../../support/training-courses.js';

const COURSES = `query ($search: CourseSearch, $first: Int, $after: String) {
  courses(search: $search, first: $first, after: $after) {
    totalCount degraded
    pageInfo { hasNextPage endCursor }
    edges { cursor distanceKm node { id title seatsLeft subsidised skill { code } region { code } provider { name } } }
    facets { skills { value label count } regions { value label count } subsidised { value label count } }
  }
}`;

type Facet = { value: string; label: string; count: number };
type Connection = {
  totalCount: number;
  degraded: boolean;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: {
    cursor: string;
    distanceKm: number | null;
    node: { id: string; title: string; seatsLeft: number };
  }[];
  facets: { skills: Facet[]; regions: Facet[]; subsidised: Facet[] };
};

const DAY = 86_400_000;
const JINXIANG = { lat: 35.067, lng: 116.312 };
const clock = testClock();
let t: TestApp;
let pg: TestApp; // the same market with Meilisearch unreachable: PostgreSQL answers
const ids = {} as Record<'weld' | 'baby' | 'cook' | 'full' | 'today' | 'cancelled', string>;
const nameOf = new Map<string, string>();

async function find(app: TestApp, search: Record<string, unknown>, first?: number, after?: string) {
  const { data, errors } = await app.gql<{ courses: Connection }>(COURSES, { search, first, after });
  if (!data?.courses) throw new Error(JSON.stringify(errors));
  return data.courses;
}
const names = (c: Connection) => c.edges.map((e) => nameOf.get(e.node.id));

beforeAll(async () => {
  t = await createTestApp({ clock });
  const school = await verifiedProvider(t, { name: '梁山县鲁源职业技能培训学校' });
  const jinxiang = await verifiedProvider(t, {
    name: '金乡县烹饪职业培训学校',
    regionCode: '370828',
    location: JINXIANG,
  });
  const post = async (name: keyof typeof ids, token: string, overrides: Record<string, unknown>) => {
    const { data, errors } = await t.gql<{ postCourse: { id: string } }>(
      POST_COURSE,
      { input: courseInput(overrides, clock.now()) },
      token,
    );
    if (!data?.postCourse) throw new Error(JSON.stringify(errors));
    ids[name] = data.postCourse.id;
    nameOf.set(data.postCourse.id, name);
  };
  await post('weld', school.token, {});
  await post('baby', school.token, {
    title: '育婴员职业技能培训班',
    description: '婴幼儿生活照料、保健与早期教育，考核合格发职业技能等级证书。',
    skillCode: 'infant_care',
    certificate: 'SKILL_LEVEL',
    targetLevel: 1,
    startsOn: dayAhead(10, clock.now()),
  });
  await post('cook', jinxiang.token, {
    title: '中式烹调师（四级）培训班',
    description: '刀工、火候、鲁菜常见菜品，考核合格发四级证书。',
    skillCode: 'cook',
    certificate: 'SKILL_LEVEL',
    targetLevel: 2,
    subsidised: false,
    subsidySource: null,
    feeFen: 80_000,
    regionCode: '370828',
    address: '金乡县金乡街道烹饪学校',
    location: JINXIANG,
    startsOn: dayAhead(14, clock.now()),
    endsOn: dayAhead(40, clock.now()),
  });
  await post('full', school.token, {
    title: '焊工特种作业复审班',
    seats: 1,
    startsOn: dayAhead(12, clock.now()),
  });
  await post('today', school.token, { title: '电焊工速成培训班', startsOn: marketDay(clock.now()) });
  await post('cancelled', school.token, { title: '电焊工周末培训班', startsOn: dayAhead(9, clock.now()) });
  const learner = await registerWorker(t);
  await enrolDirectly(t, ids.full, learner.id);
  await t.gql(
    'mutation ($c: ID!) { cancelCourse(courseId: $c, reason: "报名人数不足") { id } }',
    { c: ids.cancelled },
    school.token,
  );
  // Tomorrow: the course that started today no longer takes enrolments.
  clock.advance(DAY);
  await t.app.outbox.drain();
  pg = await createTestApp({ sameDatabaseAs: t, clock, env: { MEILI_URL: 'http://127.0.0.1:9' } });
});
afterAll(async () => {
  await pg?.close();
  await t?.close();
});

describe.each([
  ['Meilisearch', () => t, false],
  ['the PostgreSQL fallback', () => pg, true],
] as const)('finding courses through %s', (_engine, app, degraded) => {
  it('finds the subsidised welding course by 电焊培训 near a village, and not the 育婴 course', async () => {
    const found = await find(app(), { q: '电焊培训', near: { ...VILLAGE, radiusKm: 20 } });
    expect(found.degraded).toBe(degraded);
    expect(names(found)).toEqual(['weld']);
    expect(found.edges[0]?.distanceKm).toBeCloseTo(distanceKm(VILLAGE, SCHOOL), 1);
    expect(found.edges[0]?.node).toMatchObject({ seatsLeft: 30 });
  });

  it('reads 培训, 培训班 and a trailing 班 as "a course", and trade words through their synonyms', async () => {
    for (const q of ['电焊培训班', '焊工班', '电焊 培训', '焊接']) {
      expect(names(await find(app(), { q })), q).toEqual(['weld']);
    }
    expect(names(await find(app(), { q: '育婴培训' }))).toEqual(['baby']);
    expect(names(await find(app(), { q: '带孩子' }))).toEqual(['baby']);
    expect(names(await find(app(), { q: '培训' }))).toEqual(['weld', 'baby', 'cook']);
  });

  it('lists open courses still taking enrolments with a seat left, soonest first, unless asked', async () => {
    expect(names(await find(app(), {}))).toEqual(['weld', 'baby', 'cook']);
    expect(names(await find(app(), { hasSeats: false }))).toEqual(['weld', 'baby', 'full', 'cook']);
    expect(names(await find(app(), { statuses: ['OPEN'] }))).toEqual(['today', 'weld', 'baby', 'cook']);
    expect(names(await find(app(), { statuses: ['CANCELLED'] }))).toEqual(['cancelled']);
  });

  it('filters by trade, county or any region above it, dates, subsidy and distance', async () => {
    expect(names(await find(app(), { skills: ['cook'] }))).toEqual(['cook']);
    expect(names(await find(app(), { regionCode: '370828' }))).toEqual(['cook']);
    expect(names(await find(app(), { regionCode: '370800' }))).toEqual(['weld', 'baby', 'cook']);
    expect(names(await find(app(), { regionCode: '321000' }))).toEqual([]);
    expect(names(await find(app(), { subsidised: false }))).toEqual(['cook']);
    expect(names(await find(app(), { subsidised: true }))).toEqual(['weld', 'baby']);
    // The clock moved a day on since posting: 育婴 starts in 9 days, 烹调 in 13.
    const from = dayAhead(9, clock.now());
    const to = dayAhead(12, clock.now());
    expect(names(await find(app(), { startsFrom: from, startsTo: to }))).toEqual(['baby']);
    const near = await find(app(), { near: { ...JINXIANG, radiusKm: 5 } });
    expect(names(near)).toEqual(['cook']);
    const nearest = await find(app(), { near: { ...JINXIANG, radiusKm: 200 } });
    expect(names(nearest)).toEqual(['cook', 'weld', 'baby']);
  });

  it('counts trades, regions at every level and subsidy over all matches', async () => {
    const found = await find(app(), {}, 1);
    expect(found.totalCount).toBe(3);
    expect(found.edges).toHaveLength(1);
    expect(found.facets.skills).toEqual([
      { value: 'cook', label: '厨师', count: 1 },
      { value: 'infant_care', label: '育婴', count: 1 },
      { value: 'welder', label: '焊工', count: 1 },
    ]);
    expect(found.facets.regions).toEqual(
      expect.arrayContaining([
        { value: '370000', label: '山东省', count: 3 },
        { value: '370800', label: '济宁市', count: 3 },
        { value: '370832', label: '梁山县', count: 2 },
        { value: '370828', label: '金乡县', count: 1 },
      ]),
    );
    expect(found.facets.subsidised).toEqual([
      { value: 'true', label: '补贴培训', count: 2 },
      { value: 'false', label: '自费培训', count: 1 },
    ]);
  });

  it('pages with opaque cursors that belong to their own search', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await find(app(), { hasSeats: false }, 1, after);
      seen.push(...names(page).map(String));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor ?? undefined;
    }
    expect(seen).toEqual(['weld', 'baby', 'full', 'cook']);
    const first = await find(app(), {}, 1);
    const { errors } = await app().gql(COURSES, {
      search: { subsidised: true },
      first: 1,
      after: first.pageInfo.endCursor,
    });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('both engines', () => {
  it('give the same courses, counts, distances and facets', async () => {
    const searches = [
      {},
      { q: '电焊培训', near: { ...VILLAGE, radiusKm: 20 } },
      { hasSeats: false, near: { ...SCHOOL, radiusKm: 150 } },
      { regionCode: '370800', sort: 'SOONEST' },
      { statuses: ['OPEN', 'CANCELLED'], hasSeats: false },
    ];
    for (const search of searches) {
      const [meili, fallback] = [await find(t, search), await find(pg, search)];
      expect(meili.degraded).toBe(false);
      expect(fallback.degraded).toBe(true);
      expect(names(fallback)).toEqual(names(meili));
      expect(fallback.totalCount).toBe(meili.totalCount);
      expect(fallback.edges.map((e) => e.distanceKm)).toEqual(meili.edges.map((e) => e.distanceKm));
      expect(fallback.facets).toEqual(meili.facets);
    }
  });

  it('refuse a bad search naming the field', async () => {
    const { errors } = await t.gql(COURSES, {
      search: { startsFrom: '明天', skills: ['nope'], sort: 'NEAREST' },
    });
    const problems = (errors?.[0]?.extensions?.problems ?? []) as { field: string }[];
    expect(problems.map((p) => p.field)).toEqual(['search.skills', 'search.startsFrom', 'search.sort']);
  });
});

describe("a station's courses", () => {
  it('shows a kiosk the open courses around its station, soonest first', async () => {
    const station = await stationWithKiosk(t);
    const answer = await kioskQuery<{
      stationCourses: { edges: { distanceKm: number; node: { id: string; seatsLeft: number } }[] };
    }>(t, station.token, 'KioskCourses', { after: null });
    expect(answer.errors).toBeUndefined();
    const listed = answer.data?.stationCourses.edges.map((e) => nameOf.get(e.node.id));
    expect(listed).toEqual(['weld', 'baby']);
    expect(answer.data?.stationCourses.edges[0]?.distanceKm).toBeGreaterThan(0);
  });

  it('is refused to an operator of another station, and asks staff which station', async () => {
    const station = await stationWithKiosk(t);
    const operator = await operatorToken(t);
    const STATION = 'query ($s: ID) { stationCourses(stationId: $s) { totalCount } }';
    const other = await t.gql(STATION, { s: station.stationId }, operator);
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unnamed = await t.gql(STATION, {}, operator);
    expect(unnamed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'stationId' });
  });
});
