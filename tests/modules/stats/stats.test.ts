import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { histogramMedian } from '../../../src/modules/stats/stats.service.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { LIANGSHAN, postGig, verifiedEmployer } from '../../support/gigs.js';
import { type SeededWorker, seedWorkers, testClock } from '../../support/hiring.js';
import { coverHires } from '../../support/insurance.js';
import { adminToken } from '../../support/people.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// The timers run by hand: the fold only when the test says, so both sides of it are seen.
const ENV = {
  OFFER_SWEEP_MS: '60000',
  WORK_SWEEP_MS: '3600000',
  GIG_SWEEP_MS: '3600000',
  STATS_FOLD_MS: '3600000',
  CHECK_OUT_GRACE_MINUTES: '120',
};
/** 2026-12-01 08:30 in China Standard Time: the scripted day. */
const DAY_ONE = Date.parse('2026-12-01T00:30:00Z');
const RENCHENG = { lat: 35.414, lng: 116.595 };

const FIGURES = `gigsPosted gigsFilled fillRate medianMinutesToFill hires wagesPaidFen wagesPaidYuan openArrears
  arrearsOpened arrearsClosed olderWorkerHires olderWorkerShare hiresByOrigin { value label count }`;

type Figures = {
  gigsPosted: number;
  gigsFilled: number;
  fillRate: number;
  medianMinutesToFill: number | null;
  hires: number;
  wagesPaidFen: number;
  wagesPaidYuan: number;
  openArrears: number;
  arrearsOpened: number;
  arrearsClosed: number;
  olderWorkerHires: number;
  olderWorkerShare: number;
  hiresByOrigin: { value: string; label: string; count: number }[];
};

const origins = (local: number, outOfCounty: number, outOfCity: number) => [
  { value: 'LOCAL', label: '本地（本县）', count: local },
  { value: 'OUT_OF_COUNTY', label: '县外（本市）', count: outOfCounty },
  { value: 'OUT_OF_CITY', label: '市外', count: outOfCity },
];

describe('market statistics (监测) after a scripted day', () => {
  const clock = testClock(new Date(DAY_ONE));
  let t: TestApp;
  let admin: string;
  const range = { from: '2026-12-01T00:00:00+08:00', to: '2026-12-03T00:00:00+08:00' };
  /** The hire left unpaid past its pay-by date, and who can settle it. */
  const unpaid = { hireId: '', employerToken: '', workerToken: '' };

  async function ok<T>(query: string, variables: Record<string, unknown>, token: string) {
    const response = await t.gql<T>(query, variables, token);
    if (!response.data) throw new Error(`${query.slice(0, 60)} failed: ${JSON.stringify(response.errors)}`);
    return response.data;
  }
  const at = (ms: number) => clock.advance(ms - clock.now().getTime());
  async function hire(employerToken: string, gigId: string, worker: SeededWorker): Promise<string> {
    const { applyToGig } = await ok<{ applyToGig: { id: string } }>(
      'mutation ($g: ID!) { applyToGig(gigId: $g) { id } }',
      { g: gigId },
      worker.token,
    );
    await ok(
      'mutation ($a: ID!) { decideApplication(applicationId: $a, accept: true) { id } }',
      { a: applyToGig.id },
      employerToken,
    );
    const [row] = (await t.app.db.execute(
      sql`select id from engagements where application_id = ${applyToGig.id}`,
    )) as unknown as { id: string }[];
    if (!row) throw new Error('no hire');
    return row.id;
  }
  const stats = async (regionCode: string, r = range) =>
    (
      await ok<{ regionStats: Figures & { region: { code: string } } }>(
        `query ($r: ID!, $from: DateTime!, $to: DateTime!) { regionStats(regionCode: $r, from: $from, to: $to) { region { code } ${FIGURES} } }`,
        { r: regionCode, ...r },
        admin,
      )
    ).regionStats;

  beforeAll(async () => {
    t = await createTestApp({ env: ENV, clock });
    admin = await adminToken(t);

    // Day one, 08:30: four gigs for tomorrow, three at 梁山县 and one at 任城区 (both 济宁市).
    const employer = await verifiedEmployer(t);
    const tomorrow = { startsAt: '2026-12-02T08:00:00+08:00', endsAt: '2026-12-02T17:00:00+08:00' };
    const a = await postGig(t, employer.token, { ...tomorrow, headcount: 2 });
    const b = await postGig(t, employer.token, { ...tomorrow, headcount: 1, skills: ['plasterer'] });
    const c = await postGig(t, employer.token, { ...tomorrow, headcount: 2, payDueDays: 0 });
    const d = await postGig(t, employer.token, {
      ...tomorrow,
      headcount: 1,
      regionCode: '370811',
      address: '任城区建设路1号',
      location: RENCHENG,
    });
    const free = { startsAt: new Date(DAY_ONE), endsAt: new Date(DAY_ONE + 3 * DAY) };
    const birthDate = '1995-05-01'; // 31: only \`older\` (56) counts as an older worker
    const [young] = await seedWorkers(t, 1, { free, birthDate, skills: [{ code: 'plasterer', level: 3 }] });
    const [older] = await seedWorkers(t, 1, { free, birthDate: '1970-03-01' });
    const [fromRencheng, atRencheng] = await seedWorkers(t, 2, { free, birthDate });
    const [fromLinfen] = await seedWorkers(t, 1, { free, birthDate });
    if (!young || !older || !fromRencheng || !atRencheng || !fromLinfen) throw new Error('no workers');
    await t.app.db.execute(
      sql`update workers set home_region_code = '370811' where id in (${fromRencheng.id}, ${atRencheng.id})`,
    );
    await t.app.db.execute(sql`update workers set home_region_code = '141002' where id = ${fromLinfen.id}`);

    at(DAY_ONE + 10 * MINUTE);
    const youngHire = await hire(employer.token, b.id, young); // b full after 10 minutes
    at(DAY_ONE + 20 * MINUTE);
    const olderHire = await hire(employer.token, a.id, older);
    at(DAY_ONE + 30 * MINUTE);
    await hire(employer.token, a.id, fromRencheng); // a full after 30 minutes
    at(DAY_ONE + 40 * MINUTE);
    const unpaidHire = await hire(employer.token, c.id, fromLinfen); // c stays half empty
    at(DAY_ONE + 50 * MINUTE);
    await hire(employer.token, d.id, atRencheng); // d (任城区) full after 50 minutes

    // Day two: the work; pay for two hires; gig c's pay-by passes unpaid (its pay is due at the end).
    at(Date.parse('2026-12-02T07:50:00+08:00'));
    const worked = [
      [youngHire, young],
      [olderHire, older],
      [unpaidHire, fromLinfen],
    ] as const;
    // Every hire here is covered (per-day accident insurance is tested in tests/modules/insurance/).
    await coverHires(t);
    for (const [hireId, worker] of worked) {
      await ok(
        'mutation ($e: ID!, $at: GeoPointInput!) { checkIn(engagementId: $e, at: $at) { id } }',
        { e: hireId, at: LIANGSHAN },
        worker.token,
      );
    }
    at(Date.parse('2026-12-02T17:00:00+08:00'));
    for (const [hireId, worker] of worked) {
      await ok('mutation ($e: ID!) { checkOut(engagementId: $e) { id } }', { e: hireId }, worker.token);
    }
    const PAY = 'mutation ($e: ID!, $f: Int!) { recordPayment(engagementId: $e, amountFen: $f) { paidFen } }';
    await ok(PAY, { e: youngHire, f: 20_000 }, employer.token);
    await ok(PAY, { e: olderHire, f: 10_000 }, employer.token);
    // Paid "the same day" means by the end of that market day: the case opens at its last moment.
    at(Date.parse('2026-12-02T23:59:59.999+08:00'));
    await t.app.services.work.sweep();
    Object.assign(unpaid, {
      hireId: unpaidHire,
      employerToken: employer.token,
      workerToken: fromLinfen.token,
    });
  });
  afterAll(() => t?.close());

  it('counts the county exactly: posts, fills, minutes to fill, hires by origin, older workers, pay, arrears', async () => {
    expect(await stats('370832')).toEqual({
      region: { code: '370832' },
      gigsPosted: 3,
      gigsFilled: 2,
      fillRate: 2 / 3,
      medianMinutesToFill: 20, // 10 and 30
      hires: 4,
      wagesPaidFen: 30_000,
      wagesPaidYuan: 300,
      openArrears: 1,
      arrearsOpened: 1,
      arrearsClosed: 0,
      olderWorkerHires: 1,
      olderWorkerShare: 0.25,
      hiresByOrigin: origins(2, 1, 1),
    });
  });

  it('sums the counties into their city and province, and breaks the city down by county', async () => {
    const city = await stats('370800');
    expect(city).toMatchObject({
      region: { code: '370800' },
      gigsPosted: 4,
      gigsFilled: 3,
      fillRate: 0.75,
      medianMinutesToFill: 30, // 10, 30 and 50
      hires: 5,
      wagesPaidFen: 30_000,
      openArrears: 1,
      olderWorkerHires: 1,
      hiresByOrigin: origins(3, 1, 1),
    });
    expect({ ...(await stats('370000')), region: city.region }).toEqual(city);

    const { regionBreakdown } = await ok<{
      regionBreakdown: (Figures & { region: { code: string } })[];
    }>(
      `query ($from: DateTime!, $to: DateTime!) { regionBreakdown(regionCode: "370800", from: $from, to: $to) { region { code } gigsPosted hires medianMinutesToFill } }`,
      range,
      admin,
    );
    const busy = regionBreakdown.filter((r) => r.gigsPosted > 0);
    expect(busy).toEqual([
      { region: { code: '370811' }, gigsPosted: 1, hires: 1, medianMinutesToFill: 50 },
      { region: { code: '370832' }, gigsPosted: 3, hires: 4, medianMinutesToFill: 20 },
    ]);
    expect(regionBreakdown.length).toBeGreaterThan(2); // the quiet counties are listed with zeros
  });

  it('gives a daily series, with arrears open at the end of each day', async () => {
    const { regionSeries } = await ok<{ regionSeries: (Figures & { day: string })[] }>(
      `query ($from: DateTime!, $to: DateTime!) { regionSeries(regionCode: "370832", from: $from, to: $to) { day ${FIGURES} } }`,
      range,
      admin,
    );
    expect(regionSeries.map((d) => d.day)).toEqual(['2026-12-01', '2026-12-02']);
    expect(regionSeries[0]).toMatchObject({
      gigsPosted: 3,
      gigsFilled: 2,
      hires: 4,
      wagesPaidFen: 0,
      openArrears: 0,
    });
    expect(regionSeries[1]).toMatchObject({
      gigsPosted: 0,
      hires: 0,
      wagesPaidFen: 30_000,
      arrearsOpened: 1,
      openArrears: 1,
    });
  });

  it('cuts the same figures by trade (a gig counts under its first skill)', async () => {
    const { regionStatsByTrade } = await ok<{
      regionStatsByTrade: {
        tradeCode: string;
        skill: { name: string };
        gigsPosted: number;
        gigsFilled: number;
        hires: number;
        medianMinutesToFill: number;
        wagesPaidFen: number;
      }[];
    }>(
      `query ($from: DateTime!, $to: DateTime!) { regionStatsByTrade(regionCode: "370832", from: $from, to: $to) {
        tradeCode skill { name } gigsPosted gigsFilled hires medianMinutesToFill wagesPaidFen } }`,
      range,
      admin,
    );
    expect(regionStatsByTrade).toEqual([
      {
        tradeCode: 'welder',
        skill: { name: '焊工' },
        gigsPosted: 2,
        gigsFilled: 1,
        hires: 3,
        medianMinutesToFill: 30,
        wagesPaidFen: 10_000,
      },
      {
        tradeCode: 'plasterer',
        skill: expect.objectContaining({ name: expect.any(String) }),
        gigsPosted: 1,
        gigsFilled: 1,
        hires: 1,
        medianMinutesToFill: 10,
        wagesPaidFen: 20_000,
      },
    ]);
  });

  it('answers the same before and after the deltas are folded into the rollups', async () => {
    const before = await Promise.all([stats('370832'), stats('370800')]);
    const pending = async () =>
      Number(
        (
          (await t.app.db.execute(sql`select count(*)::int as n from stat_deltas`)) as unknown as {
            n: number;
          }[]
        )[0]?.n,
      );
    expect(await pending()).toBeGreaterThan(0);
    const moved = await t.app.services.stats.fold(3); // several small batches
    expect(moved).toBeGreaterThan(0);
    expect(await pending()).toBe(0);
    expect(await Promise.all([stats('370832'), stats('370800')])).toEqual(before);
    // Folding again moves nothing and changes nothing.
    expect(await t.app.services.stats.fold()).toBe(0);
    expect(await stats('370832')).toEqual(before[0]);
  });

  it('closes the case when the worker confirms full pay (清零); earlier ranges still show it open', async () => {
    at(Date.parse('2026-12-03T10:00:00+08:00'));
    const dayThree = { from: '2026-12-03T00:00:00+08:00', to: '2026-12-04T00:00:00+08:00' };
    const byTrade = async () =>
      (
        await ok<{
          regionStatsByTrade: {
            tradeCode: string;
            hires: number;
            openArrears: number;
            arrearsClosed: number;
            wagesPaidFen: number;
          }[];
        }>(
          `query ($from: DateTime!, $to: DateTime!) { regionStatsByTrade(regionCode: "370832", from: $from, to: $to) {
            tradeCode hires openArrears arrearsClosed wagesPaidFen } }`,
          dayThree,
          admin,
        )
      ).regionStatsByTrade;
    // A quiet day still lists the trade whose case is open from before.
    expect(await byTrade()).toEqual([
      { tradeCode: 'welder', hires: 0, openArrears: 1, arrearsClosed: 0, wagesPaidFen: 0 },
    ]);
    await ok(
      'mutation ($e: ID!, $f: Int!) { recordPayment(engagementId: $e, amountFen: $f) { paidFen } }',
      { e: unpaid.hireId, f: 20_000 },
      unpaid.employerToken,
    );
    await ok(
      'mutation ($e: ID!) { confirmPayment(engagementId: $e) { confirmedFen } }',
      { e: unpaid.hireId },
      unpaid.workerToken,
    );

    const threeDays = { from: range.from, to: '2026-12-04T00:00:00+08:00' };
    expect(await stats('370832', threeDays)).toMatchObject({
      wagesPaidFen: 50_000,
      openArrears: 0,
      arrearsOpened: 1,
      arrearsClosed: 1,
    });
    expect(await stats('370832')).toMatchObject({ openArrears: 1, arrearsClosed: 0 });
    expect(await byTrade()).toEqual([
      { tradeCode: 'welder', hires: 0, openArrears: 0, arrearsClosed: 1, wagesPaidFen: 20_000 },
    ]);
    const { regionSeries } = await ok<{
      regionSeries: { day: string; openArrears: number; arrearsClosed: number }[];
    }>(
      `query ($from: DateTime!, $to: DateTime!) { regionSeries(regionCode: "370800", from: $from, to: $to) { day openArrears arrearsClosed } }`,
      threeDays,
      admin,
    );
    expect(regionSeries).toEqual([
      { day: '2026-12-01', openArrears: 0, arrearsClosed: 0 },
      { day: '2026-12-02', openArrears: 1, arrearsClosed: 0 },
      { day: '2026-12-03', openArrears: 0, arrearsClosed: 1 },
    ]);
  });

  it('exports the series as CSV for an admin, and refuses everyone else', async () => {
    const csv = (query: Record<string, string>, token?: string) =>
      t.app.inject({
        method: 'GET',
        url: `/stats/series.csv?${new URLSearchParams(query)}`,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    const ok = await csv({ regionCode: '370832', ...range }, admin);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(ok.headers['content-disposition']).toBe(
      'attachment; filename="lingong-370832-2026-12-01-2026-12-02.csv"',
    );
    const [header, ...days] = ok.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(header?.split(',').slice(0, 4)).toEqual([
      '地区代码 region_code',
      '地区 region',
      '日期 day',
      '发布岗位 gigs_posted',
    ]);
    // region, day, posted, filled, rate, median, hires, local, out of county, out of city, older, yuan, opened, closed, open
    expect(days).toEqual([
      '370832,梁山县,2026-12-01,3,2,0.6667,20,4,2,1,1,1,0.00,0,0,0',
      '370832,梁山县,2026-12-02,0,0,0.0000,,0,0,0,0,0,300.00,1,0,1',
    ]);
    // Every date or time in the file is a market day (Asia/Shanghai), never a UTC instant.
    const dated = days.flatMap((line) => line.split(',')).filter((cell) => /\d{4}-\d\d-\d\d/.test(cell));
    expect(dated).toEqual(['2026-12-01', '2026-12-02']);

    expect((await csv({ regionCode: '370832', ...range })).statusCode).toBe(401);
    expect((await csv({ regionCode: '370832', ...range }, unpaid.workerToken)).statusCode).toBe(403);
    const badRegion = await csv({ regionCode: '37083', ...range }, admin);
    expect(badRegion.statusCode).toBe(400);
    expect(badRegion.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT', field: 'regionCode' } });
    const badDate = await csv({ regionCode: '370832', from: 'yesterday', to: range.to }, admin);
    expect(badDate.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT', field: 'from' } });
    // The refusals read in Chinese, or in English when asked; both bad dates are named at once.
    expect((await csv({ regionCode: '370832', ...range })).json().error.message).toMatch(
      /^请用管理员登录后拿到的令牌导出/,
    );
    expect((await csv({ regionCode: '370832', ...range }, unpaid.workerToken)).json().error).toEqual({
      code: 'FORBIDDEN',
      message: '只有县人社局（管理员）才能导出统计数据。',
    });
    expect(badRegion.json().error.message).toBe(
      '地区代码是 6 位数字，例如梁山县是 370832，济宁市是 370800。',
    );
    const bothDates = await csv({ regionCode: '370832', from: 'yesterday', to: 'today' }, admin);
    expect(bothDates.json().error).toMatchObject({
      field: 'from',
      message: '请把 from 写成带时区的日期时间，例如 2026-12-01T00:00:00+08:00。',
      problems: [
        { field: 'from', message: '请把 from 写成带时区的日期时间，例如 2026-12-01T00:00:00+08:00。' },
        { field: 'to', message: '请把 to 写成带时区的日期时间，例如 2026-12-01T00:00:00+08:00。' },
      ],
    });
    const english = await t.app.inject({
      method: 'GET',
      url: `/stats/series.csv?${new URLSearchParams({ regionCode: '370832', from: 'yesterday', to: range.to })}`,
      headers: { authorization: `Bearer ${admin}`, 'accept-language': 'en' },
    });
    expect(english.json().error.message).toBe(
      'Give `from` as an ISO 8601 date-time, e.g. 2026-12-01T00:00:00+08:00.',
    );
  });

  it('refuses a bad region or range with the field to fix', async () => {
    const bad = async (variables: Record<string, unknown>) =>
      (
        await t.gql(
          'query ($r: ID!, $from: DateTime!, $to: DateTime!) { regionSeries(regionCode: $r, from: $from, to: $to) { day } }',
          variables,
          admin,
        )
      ).errors?.[0]?.extensions;
    expect(await bad({ r: '999999', ...range })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'regionCode',
    });
    expect(await bad({ r: '370832', from: range.to, to: range.from })).toMatchObject({ field: 'to' });
    expect(
      await bad({ r: '370832', from: '2025-01-01T00:00:00Z', to: '2026-12-01T00:00:00Z' }),
    ).toMatchObject({
      field: 'to',
      maxDays: 400,
    });
  });

  it('names a bad region and a backwards range together, in Chinese or in English', async () => {
    const ask = (headers: Record<string, string>) =>
      t.app
        .inject({
          method: 'POST',
          url: '/graphql',
          headers: { authorization: `Bearer ${admin}`, ...headers },
          payload: {
            query:
              'query ($r: ID!, $from: DateTime!, $to: DateTime!) { regionStats(regionCode: $r, from: $from, to: $to) { hires } }',
            variables: { r: '999999', from: range.to, to: range.from },
          },
        })
        .then((response) => response.json().errors[0]);
    expect(await ask({})).toMatchObject({
      message: '没有代码为 999999 的地区：请从地区列表里选。',
      extensions: {
        code: 'BAD_USER_INPUT',
        field: 'regionCode',
        problems: [
          { field: 'regionCode', message: '没有代码为 999999 的地区：请从地区列表里选。' },
          {
            field: 'to',
            message: '结束时间（to）要晚于开始时间（from）：统计从 from 开始，到 to 之前为止。',
          },
        ],
      },
    });
    expect(await ask({ 'accept-language': 'en-US' })).toMatchObject({
      message: 'No region 999999: pick one from the regions list.',
      extensions: {
        problems: [
          { field: 'regionCode' },
          {
            field: 'to',
            message: '`to` must be after `from`: the range covers from `from` up to just before `to`.',
          },
        ],
      },
    });
  });

  it('computes medians exactly, the mean of the middle two for an even count', () => {
    expect(histogramMedian([])).toBeNull();
    expect(histogramMedian([[7, 1]])).toBe(7);
    expect(
      histogramMedian([
        [10, 1],
        [30, 1],
      ]),
    ).toBe(20);
    expect(
      histogramMedian([
        [1, 2],
        [5, 1],
        [9, 3],
      ]),
    ).toBe(7); // 1 1 5 9 9 9
    expect(
      histogramMedian([
        [1, 3],
        [5, 1],
        [9, 1],
      ]),
    ).toBe(1); // 1 1 1 5 9
  });
});
