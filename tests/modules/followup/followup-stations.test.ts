import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import {
  ASK_FOR_HELP,
  followUpList,
  oneWorker,
  type StaffedStation,
  staffedStation,
} from '../../support/followup.js';
import { LIANGSHAN, verifiedEmployer } from '../../support/gigs.js';
import { hireThroughApplication, testClock } from '../../support/hiring.js';
import { QUANPU } from '../../support/kiosk.js';
import { adminToken } from '../../support/people.js';

const DAY = 86_400_000;
/** About 21 km north-east of 梁山县's seat and 30 km from 拳铺镇: no station below holds it. */
const FAR = { lat: 35.95, lng: 116.25 };

/**
 * Whose list a worker is on: the nearest station whose service area holds their home. Station A
 * holds 5 km around the county seat; station C at 拳铺镇 (9 km away) holds 20 km, so both hold
 * the seat and the seat's workers are A's.
 */
describe('the station of a worker on the follow-up list', () => {
  const clock = testClock();
  let t: TestApp;
  let admin: string;
  let a: StaffedStation;
  let c: StaffedStation;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { FOLLOW_UP_IDLE_DAYS: '7' } });
    admin = await adminToken(t);
    a = await staffedStation(t, { name: '梁山县城零工驿站', location: LIANGSHAN, serviceRadiusKm: 5 });
    c = await staffedStation(t, { name: '拳铺镇零工驿站', location: QUANPU, serviceRadiusKm: 20 });
  });
  afterAll(() => t?.close());

  it('goes to the nearest station that holds the home; a home no station holds is on the admins’ list only', async () => {
    const atSeat = await oneWorker(t, { near: LIANGSHAN, spreadKm: 0.2, priorityGroups: ['OLDER_WORKER'] });
    const atQuanpu = await oneWorker(t, { near: QUANPU, spreadKm: 0.2, priorityGroups: ['OLDER_WORKER'] });
    const far = await oneWorker(t, { near: FAR, spreadKm: 0.2, priorityGroups: ['OLDER_WORKER'] });
    clock.advance(8 * DAY);

    expect((await followUpList(t, a.operator)).map((e) => e.workerId)).toEqual([atSeat.id]);
    expect((await followUpList(t, c.operator)).map((e) => e.workerId)).toEqual([atQuanpu.id]);
    const all = await followUpList(t, admin, { r: '370832' });
    const stationOf = new Map(all.map((e) => [e.workerId, e.stationId]));
    expect(stationOf).toEqual(
      new Map([
        [atSeat.id, a.stationId],
        [atQuanpu.id, c.stationId],
        [far.id, null],
      ]),
    );
  });

  it('a hire the worker called off is no work: they stay on the list, and their request stays open', async () => {
    const free = {
      startsAt: new Date(clock.now().getTime() - DAY),
      endsAt: new Date(clock.now().getTime() + 60 * DAY),
    };
    const worker = await oneWorker(t, { near: LIANGSHAN, spreadKm: 0.2, free });
    expect((await t.gql(ASK_FOR_HELP, {}, worker.token)).errors).toBeUndefined();
    clock.advance(8 * DAY);
    expect((await followUpList(t, a.operator)).map((e) => e.workerId)).toContain(worker.id);

    const employer = await verifiedEmployer(t);
    const engagementId = await hireThroughApplication(t, employer.token, worker, 3);
    expect((await followUpList(t, a.operator)).map((e) => e.workerId)).not.toContain(worker.id);
    const cancelled = await t.gql(
      'mutation ($e: ID!) { cancelEngagement(engagementId: $e, reason: "家里有事去不了") { status } }',
      { e: engagementId },
      worker.token,
    );
    expect(cancelled.data?.cancelEngagement).toEqual({ status: 'CANCELLED' });
    const entry = (await followUpList(t, a.operator)).find((e) => e.workerId === worker.id);
    expect(entry?.reasons).toEqual(['ASKED_FOR_HELP']);
  });
});
