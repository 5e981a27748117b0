import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import {
  ASK_FOR_HELP,
  followUpList,
  oneWorker,
  RECORD_FOLLOW_UP,
  type StaffedStation,
  staffedStation,
} from '../../support/followup.js';
import { LIANGSHAN, verifiedEmployer } from '../../support/gigs.js';
import { hireThroughApplication, testClock } from '../../support/hiring.js';
import { QUANPU } from '../../support/kiosk.js';
import { adminToken, registerWorker } from '../../support/people.js';

const DAY = 86_400_000;
/** A point of 任城区 (370811), the city's seat, about 50 km from 梁山县. */
const RENCHENG = { lat: 35.414, lng: 116.595 };
const ids = (entries: { workerId: string }[]) => entries.map((e) => e.workerId).sort();

/**
 * The rule's remaining edges (docs/followup.md): a hire the worker did not come to is no work; the
 * region whose days count is where they live, not their household registration; a worker who
 * moves is their new station's. FOLLOW_UP_IDLE_DAYS is 30 (the default); 梁山县 sets 7.
 */
describe('the follow-up list at its edges', () => {
  const clock = testClock();
  let t: TestApp;
  let admin: string;
  let a: StaffedStation;
  let c: StaffedStation;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await adminToken(t);
    a = await staffedStation(t, { name: '梁山县城零工驿站', location: LIANGSHAN, serviceRadiusKm: 5 });
    c = await staffedStation(t, { name: '拳铺镇零工驿站', location: QUANPU, serviceRadiusKm: 3 });
    const set = await t.gql(
      'mutation { setFollowUpIdleDays(regionCode: "370832", days: 7) { days } }',
      {},
      admin,
    );
    expect(set.errors).toBeUndefined();
  });
  afterAll(() => t?.close());

  it('counts the days of the county a worker lives in, not of their household registration', async () => {
    const priority = { priorityGroups: ['LOW_INCOME'], skills: [{ code: 'welder', level: 2 }] };
    // Registered in 任城区, living in 梁山县: 梁山县's 7 days.
    const movedIn = await registerWorker(t, {
      ...priority,
      homeRegionCode: '370811',
      residenceRegionCode: '370832',
      location: LIANGSHAN,
    });
    // Registered in 梁山县, living in 任城区: the default 30.
    const movedOut = await registerWorker(t, {
      ...priority,
      homeRegionCode: '370832',
      residenceRegionCode: '370811',
      location: RENCHENG,
    });
    // No residence given: their household registration's county, 梁山县.
    const local = await registerWorker(t, { ...priority, homeRegionCode: '370832', location: LIANGSHAN });

    clock.advance(8 * DAY);
    const liangshan = await followUpList(t, admin, { r: '370832' });
    expect(ids(liangshan)).toEqual([movedIn.id, local.id].sort());
    expect(liangshan.every((e) => e.regionCode === '370832' && e.thresholdDays === 7)).toBe(true);
    expect(await followUpList(t, admin, { r: '370811' })).toEqual([]);
    expect(ids(await followUpList(t, admin))).toEqual([movedIn.id, local.id].sort());

    clock.advance(23 * DAY);
    const rencheng = await followUpList(t, admin, { r: '370811' });
    expect(rencheng.map((e) => [e.workerId, e.regionCode, e.thresholdDays])).toEqual([
      [movedOut.id, '370811', 30],
    ]);
    // The city holds both counties.
    expect(ids(await followUpList(t, admin, { r: '370800' }))).toEqual(
      [movedIn.id, movedOut.id, local.id].sort(),
    );

    // The dashboard's counts go by the same county: 梁山县's two at the seat's station (the other
    // has nobody), 任城区's one at no station; an unknown region is refused on its field.
    const COUNTS = 'query ($r: ID) { followUpCounts(regionCode: $r) { stationId onList overdue } }';
    const counts = async (r: string) =>
      (await t.gql<{ followUpCounts: { stationId: string | null; onList: number }[] }>(COUNTS, { r }, admin))
        .data?.followUpCounts;
    expect(await counts('370832')).toEqual(
      expect.arrayContaining([
        { stationId: a.stationId, onList: 2, overdue: expect.any(Number) },
        { stationId: c.stationId, onList: 0, overdue: 0 },
      ]),
    );
    expect((await counts('370832'))?.length).toBe(2);
    expect((await counts('370811'))?.map((r) => [r.stationId, r.onList])).toEqual([[null, 1]]);
    const unknown = await t.gql(COUNTS, { r: '999999' }, admin);
    expect(unknown.errors?.[0]?.extensions?.field).toBe('regionCode');
  });

  it('a hire the worker did not come to (NO_SHOW) is no work: the spell and the request run on', async () => {
    const free = {
      startsAt: new Date(clock.now().getTime() - DAY),
      endsAt: new Date(clock.now().getTime() + 60 * DAY),
    };
    const worker = await oneWorker(t, { near: LIANGSHAN, spreadKm: 0.2, free });
    expect((await t.gql(ASK_FOR_HELP, {}, worker.token)).errors).toBeUndefined();
    const employer = await verifiedEmployer(t);
    const engagementId = await hireThroughApplication(t, employer.token, worker, 1);
    expect((await followUpList(t, a.operator)).map((e) => e.workerId)).not.toContain(worker.id);

    // Two days on, the hire's start and grace have passed and the employer marks the no-show.
    clock.advance(2 * DAY);
    const marked = await t.gql<{ markNoShow: { status: string } }>(
      'mutation ($e: ID!) { markNoShow(engagementId: $e) { status } }',
      { e: engagementId },
      employer.token,
    );
    expect(marked.errors).toBeUndefined();
    expect(marked.data?.markNoShow.status).toBe('NO_SHOW');

    // Eight days after registering, 梁山县's 7 have passed as if the hire had never been.
    clock.advance(6 * DAY);
    const entry = (await followUpList(t, a.operator)).find((e) => e.workerId === worker.id);
    expect(entry?.reasons).toEqual(['ASKED_FOR_HELP']);
    const [registered] = (await t.app.db.execute(
      sql`select created_at from workers where id = ${worker.id}`,
    )) as unknown as { created_at: string }[];
    expect(new Date(entry?.idleSince ?? 0).getTime()).toBe(new Date(registered?.created_at ?? 1).getTime());
  });

  it('a worker who moves home leaves one station’s list for the next, and is that station’s to record', async () => {
    const worker = await oneWorker(t, { near: LIANGSHAN, spreadKm: 0.2, priorityGroups: ['DISABLED'] });
    clock.advance(8 * DAY);
    expect((await followUpList(t, a.operator)).map((e) => e.workerId)).toContain(worker.id);
    expect((await followUpList(t, c.operator)).map((e) => e.workerId)).not.toContain(worker.id);

    // No API moves a home yet (docs/followup.md): the row is changed as a move would change it.
    await t.app.db.execute(
      sql`update workers set lat = ${QUANPU.lat}, lng = ${QUANPU.lng} where id = ${worker.id}`,
    );
    expect((await followUpList(t, a.operator)).map((e) => e.workerId)).not.toContain(worker.id);
    const atC = (await followUpList(t, c.operator)).find((e) => e.workerId === worker.id);
    expect(atC).toMatchObject({ stationId: c.stationId, stationName: '拳铺镇零工驿站' });

    const contact = { i: { workerId: worker.id, channel: 'VISIT', outcome: 'CONSIDERING' } };
    const refused = await t.gql(RECORD_FOLLOW_UP, contact, a.operator);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const recorded = await t.gql<{ recordFollowUp: { stationId: string } }>(
      RECORD_FOLLOW_UP,
      contact,
      c.operator,
    );
    expect(recorded.data?.recordFollowUp.stationId).toBe(c.stationId);
  });
});
