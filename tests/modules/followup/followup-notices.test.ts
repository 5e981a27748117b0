import { sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FollowUpNotice } from '../../../src/modules/followup/followup.events.js';
import { marketDay } from '../../../src/time.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { oneWorker, RECORD_FOLLOW_UP, type StaffedStation, staffedStation } from '../../support/followup.js';
import { LIANGSHAN, verifiedEmployer } from '../../support/gigs.js';
import { hireThroughApplication, type SeededWorker, testClock } from '../../support/hiring.js';
import { QUANPU } from '../../support/kiosk.js';
import { connectSocket } from '../../support/sockets.js';

const DAY = 86_400_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The station's operators are told over their socket when someone joins its follow-up list and
 * when they turn overdue, each at most once per spell without work, by the domain's sweep (run
 * here by hand, as its job would). Days without work 7; the first contact due 7 days later.
 */
describe('follow-up notices on the operator’s socket', () => {
  const clock = testClock();
  let t: TestApp;
  let a: StaffedStation;
  let b: StaffedStation;
  let worker: SeededWorker;
  let far: SeededWorker;
  let socketA: Socket;
  let socketB: Socket;
  const heardA: FollowUpNotice[] = [];
  const heardB: FollowUpNotice[] = [];

  /** One sweep, then a moment for the emits to arrive. */
  async function sweep() {
    const sent = await t.app.services.followUp.sendNotices();
    await sleep(300);
    return sent;
  }

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { FOLLOW_UP_IDLE_DAYS: '7' } });
    const baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
    a = await staffedStation(t, { name: '梁山县城零工驿站', location: LIANGSHAN, serviceRadiusKm: 5 });
    b = await staffedStation(t, { name: '拳铺镇零工驿站', location: QUANPU, serviceRadiusKm: 3 });
    const free = {
      startsAt: new Date(clock.now().getTime() - DAY),
      endsAt: new Date(clock.now().getTime() + 200 * DAY),
    };
    worker = await oneWorker(t, { near: LIANGSHAN, spreadKm: 0.2, priorityGroups: ['LOW_INCOME'], free });
    far = await oneWorker(t, {
      near: { lat: 35.95, lng: 116.25 },
      spreadKm: 0.2,
      priorityGroups: ['DISABLED'],
    });
    socketA = await connectSocket(baseUrl, { token: a.operator });
    socketB = await connectSocket(baseUrl, { token: b.operator });
    socketA.on('followup:notice', (notice: FollowUpNotice) => heardA.push(notice));
    socketB.on('followup:notice', (notice: FollowUpNotice) => heardB.push(notice));
  });
  afterAll(async () => {
    socketA?.disconnect();
    socketB?.disconnect();
    await t?.close();
  });

  it('says nothing while nobody is on a list', async () => {
    expect(await sweep()).toEqual([]);
    expect(heardA).toEqual([]);
  });

  it('tells the station’s operator once that a worker joined its list', async () => {
    clock.advance(8 * DAY);
    await sweep();
    expect(heardA).toHaveLength(1);
    const onListSince = heardA[0]?.joined[0]?.onListSince ?? '';
    expect(heardA[0]).toEqual({
      stationId: a.stationId,
      stationName: '梁山县城零工驿站',
      joined: [{ workerId: worker.id, name: worker.name, onListSince, dueOn: expect.any(String) }],
      overdue: [],
    });
    expect(onListSince).toMatch(/\+08:00$/);
    // The other station's operator hears nothing; the home no station holds tells nobody.
    expect(heardB).toEqual([]);
    expect(JSON.stringify(heardA)).not.toContain(far.id);

    await sweep();
    expect(heardA).toHaveLength(1);
  });

  it('tells them once that the worker turned overdue, not again after a contact lapses', async () => {
    clock.advance(8 * DAY);
    await sweep();
    expect(heardA).toHaveLength(2);
    expect(heardA[1]).toMatchObject({
      stationId: a.stationId,
      joined: [],
      overdue: [{ workerId: worker.id }],
    });
    await sweep();
    expect(heardA).toHaveLength(2);

    // A contact sets the next day in two days; past it the worker is overdue again, in the same spell.
    const nextOn = marketDay(new Date(clock.now().getTime() + 2 * DAY));
    const recorded = await t.gql(
      RECORD_FOLLOW_UP,
      { i: { workerId: worker.id, channel: 'CALL', outcome: 'CONSIDERING', nextOn } },
      a.operator,
    );
    expect(recorded.errors).toBeUndefined();
    clock.advance(4 * DAY);
    await sweep();
    expect(heardA).toHaveLength(2);
  });

  it('a new spell without work is a new joining, told again', async () => {
    const employer = await verifiedEmployer(t);
    await hireThroughApplication(t, employer.token, worker, 1);
    clock.advance(2 * DAY);
    await sweep();
    expect(heardA).toHaveLength(2);
    clock.advance(8 * DAY);
    await sweep();
    expect(heardA).toHaveLength(3);
    expect(heardA[2]).toMatchObject({ joined: [{ workerId: worker.id }], overdue: [] });

    const rows = (await t.app.db.execute(sql`
      select kind, station_id from follow_up_notices where worker_id = ${worker.id} order by sent_at, kind`)) as unknown as {
      kind: string;
      station_id: string;
    }[];
    expect(rows).toEqual([
      { kind: 'JOINED', station_id: a.stationId },
      { kind: 'OVERDUE', station_id: a.stationId },
      { kind: 'JOINED', station_id: a.stationId },
    ]);
    expect(heardB).toEqual([]);
  });
});
