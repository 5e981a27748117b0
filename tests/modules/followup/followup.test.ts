import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { marketDay } from '../../../src/time.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import {
  ASK_FOR_HELP,
  FOLLOW_UP_LIST,
  followUpList,
  listReads,
  oneWorker,
  RECORD_FOLLOW_UP,
  type StaffedStation,
  staffedStation,
} from '../../support/followup.js';
import { LIANGSHAN, verifiedEmployer } from '../../support/gigs.js';
import { hireThroughApplication, type SeededWorker, testClock } from '../../support/hiring.js';
import { QUANPU } from '../../support/kiosk.js';
import { adminToken } from '../../support/people.js';

const DAY = 86_400_000;
type Problem = { field: string; message: string };
const ids = (entries: { workerId: string }[]) => entries.map((e) => e.workerId).sort();
const contactCount = async (t: TestApp) => {
  const [row] = (await t.app.db.execute(
    sql`select count(*)::int as n from follow_up_contacts`,
  )) as unknown as {
    n: number;
  }[];
  return row?.n ?? 0;
};

/**
 * The follow-up ledger (帮扶台账, docs/followup.md) through the API: who appears on a station's list
 * and when, who leaves it by being hired, what another station's operator may not see or write,
 * and that every read is in the audit log. FOLLOW_UP_IDLE_DAYS is 30 (the default).
 */
describe('the follow-up list', () => {
  const clock = testClock();
  let t: TestApp;
  let admin: string;
  // Station A holds 梁山县's seat within 5 km; station B is at 拳铺镇, 9 km away, also 5 km.
  let a: StaffedStation;
  let b: StaffedStation;
  let priority: SeededWorker;
  let asker: SeededWorker;
  let bystander: SeededWorker;
  let employer: { token: string };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await adminToken(t);
    a = await staffedStation(t, { name: '梁山县城零工驿站', location: LIANGSHAN, serviceRadiusKm: 5 });
    b = await staffedStation(t, { name: '拳铺镇零工驿站', location: QUANPU, serviceRadiusKm: 5 });
    const free = {
      startsAt: new Date(clock.now().getTime() - DAY),
      endsAt: new Date(clock.now().getTime() + 200 * DAY),
    };
    priority = await oneWorker(t, {
      near: LIANGSHAN,
      spreadKm: 0.2,
      priorityGroups: ['LOW_INCOME'],
      free,
    });
    asker = await oneWorker(t, { near: LIANGSHAN, spreadKm: 0.2, free });
    bystander = await oneWorker(t, { near: LIANGSHAN, spreadKm: 0.2, free });
    employer = await verifiedEmployer(t);
  });
  afterAll(() => t?.close());

  it('holds nobody who registered today, priority group or not', async () => {
    expect(await followUpList(t, a.operator)).toEqual([]);
  });

  it('a worker asking for help gets one open request, however often they ask', async () => {
    const first = await t.gql<{ askForHelp: { id: string; note: string } }>(
      ASK_FOR_HELP,
      { n: ' 家里困难，想找活 ' },
      asker.token,
    );
    const again = await t.gql<{ askForHelp: { id: string } }>(ASK_FOR_HELP, { n: '还是没活' }, asker.token);
    expect(first.errors).toBeUndefined();
    expect(first.data?.askForHelp.note).toBe('家里困难，想找活');
    expect(again.data?.askForHelp.id).toBe(first.data?.askForHelp.id);
    const rows = await t.app.db.execute(sql`select id from help_requests where worker_id = ${asker.id}`);
    expect(rows).toHaveLength(1);
    // Asking for help is not work: the request alone puts nobody on the list before the days pass.
    expect(await followUpList(t, a.operator)).toEqual([]);
  });

  it('after 30 days without work, the priority worker and the one who asked appear on their station’s list', async () => {
    clock.advance(31 * DAY);
    const list = await followUpList(t, a.operator);
    expect(ids(list)).toEqual([priority.id, asker.id].sort());
    const p = list.find((e) => e.workerId === priority.id);
    expect(p).toMatchObject({
      reasons: ['PRIORITY_GROUP'],
      priorityGroups: ['LOW_INCOME'],
      stationId: a.stationId,
      stationName: '梁山县城零工驿站',
      regionCode: '370832',
      thresholdDays: 30,
      askedForHelpAt: null,
      lastContact: null,
      nextOn: null,
      overdue: false,
    });
    expect(p?.idleDays).toBeGreaterThanOrEqual(30);
    expect(p?.idleSince).toMatch(/\+08:00$/);
    expect(list.find((e) => e.workerId === asker.id)?.reasons).toEqual(['ASKED_FOR_HELP']);
    // The bystander is in no priority group and asked for nothing.
    expect(ids(list)).not.toContain(bystander.id);
  });

  it('an operator of another station sees none of them and is refused station A’s list', async () => {
    expect(ids(await followUpList(t, b.operator))).toEqual([]);
    const refused = await t.gql(FOLLOW_UP_LIST, { s: a.stationId }, b.operator);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.data?.followUpList ?? null).toBeNull();
    const byRegion = await t.gql(FOLLOW_UP_LIST, { r: '370832' }, b.operator);
    expect(byRegion.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('an operator of another station cannot record a contact for station A’s worker', async () => {
    const before = await contactCount(t);
    const refused = await t.gql(
      RECORD_FOLLOW_UP,
      { i: { workerId: priority.id, channel: 'CALL', outcome: 'CONSIDERING' } },
      b.operator,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await contactCount(t)).toBe(before);
  });

  it('admins see every station’s people, by region and everything under it', async () => {
    expect(ids(await followUpList(t, admin, { r: '370832' }))).toEqual([priority.id, asker.id].sort());
    expect(ids(await followUpList(t, admin, { r: '370800' }))).toEqual([priority.id, asker.id].sort());
    expect(ids(await followUpList(t, admin, { s: b.stationId }))).toEqual([]);
    const unknown = await t.gql(FOLLOW_UP_LIST, { r: '999999' }, admin);
    expect(unknown.errors?.[0]?.extensions?.field).toBe('regionCode');
  });

  it('a contact with bad fields names every problem at once and writes nothing', async () => {
    const before = await contactCount(t);
    const answer = await t.gql(
      RECORD_FOLLOW_UP,
      {
        i: {
          workerId: priority.id,
          channel: 'VISIT',
          outcome: 'DECLINED',
          contactedAt: new Date(clock.now().getTime() - 40 * DAY).toISOString(),
          nextOn: '2001-01-01',
          offeredGigIds: ['not-an-id'],
          note: '很'.repeat(1001),
        },
      },
      a.operator,
    );
    expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = ((answer.errors?.[0]?.extensions?.problems ?? []) as Problem[]).map((p) => p.field).sort();
    expect(fields).toEqual(['contactedAt', 'nextOn', 'note', 'offeredGigIds[0]']);
    expect(await contactCount(t)).toBe(before);
  });

  it('records a contact, shows it on the list, and flags the worker once the next day has passed', async () => {
    const nextOn = marketDay(new Date(clock.now().getTime() + 2 * DAY));
    const recorded = await t.gql<{ recordFollowUp: { id: string; stationId: string; recordedById: string } }>(
      RECORD_FOLLOW_UP,
      { i: { workerId: priority.id, channel: 'CALL', outcome: 'CONSIDERING', note: '想学电工', nextOn } },
      a.operator,
    );
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data?.recordFollowUp).toMatchObject({
      stationId: a.stationId,
      recordedById: a.operatorId,
    });
    const [row] = (await t.app.db.execute(
      sql`select channel, outcome, next_on::text as next_on, recorded_by_account_id from follow_up_contacts where worker_id = ${priority.id}`,
    )) as unknown as { channel: string; outcome: string; next_on: string; recorded_by_account_id: string }[];
    expect(row).toEqual({
      channel: 'CALL',
      outcome: 'CONSIDERING',
      next_on: nextOn,
      recorded_by_account_id: a.operatorId,
    });
    const audited = await t.app.db.execute(
      sql`select 1 from audit_log where action = 'FOLLOW_UP_RECORDED' and subject_id = ${priority.id}`,
    );
    expect(audited).toHaveLength(1);

    let entry = (await followUpList(t, a.operator)).find((e) => e.workerId === priority.id);
    expect(entry).toMatchObject({ nextOn, overdue: false, lastContact: { outcome: 'CONSIDERING', nextOn } });
    expect(await followUpList(t, a.operator, { o: true })).toEqual([]);

    clock.advance(3 * DAY);
    entry = (await followUpList(t, a.operator)).find((e) => e.workerId === priority.id);
    expect(entry?.overdue).toBe(true);
    expect(ids(await followUpList(t, a.operator, { o: true }))).toEqual([priority.id]);
  });

  it('a worker nobody contacted is overdue once the first contact’s days have passed', async () => {
    const before = (await followUpList(t, a.operator)).find((e) => e.workerId === asker.id);
    expect(before?.overdue).toBe(false);
    const onList = new Date(before?.onListSince ?? '');
    expect(before?.dueOn).toBe(marketDay(new Date(onList.getTime() + 7 * DAY)));
    clock.advance(4 * DAY);
    const after = (await followUpList(t, a.operator)).find((e) => e.workerId === asker.id);
    expect(after).toMatchObject({ lastContact: null, nextOn: null, overdue: true });
    expect(ids(await followUpList(t, a.operator, { o: true }))).toEqual([priority.id, asker.id].sort());
  });

  it('a worker hired leaves the list by themselves; the one who asked for help has been answered', async () => {
    await hireThroughApplication(t, employer.token, priority, 1);
    await hireThroughApplication(t, employer.token, asker, 1);
    expect(ids(await followUpList(t, a.operator))).toEqual([]);
    expect(ids(await followUpList(t, admin))).toEqual([]);
    // The contact that led to the hire is recorded after it: the worker is still the station's person.
    const took = { i: { workerId: priority.id, channel: 'AT_STATION', outcome: 'TOOK_OFFER' } };
    const recorded = await t.gql<{ recordFollowUp: { stationId: string } }>(
      RECORD_FOLLOW_UP,
      took,
      a.operator,
    );
    expect(recorded.data?.recordFollowUp.stationId).toBe(a.stationId);
    expect((await t.gql(RECORD_FOLLOW_UP, took, b.operator)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // Thirty days after the hire ended: the priority worker is back for a new spell, with no
    // contact of it yet; the request for help was answered by the hire, so the other stays off.
    clock.advance(33 * DAY);
    const list = await followUpList(t, a.operator);
    expect(ids(list)).toEqual([priority.id]);
    expect(list[0]).toMatchObject({ lastContact: null, nextOn: null, overdue: false });
  });

  it('every read of the list is in the audit log, with the people it showed', async () => {
    const reads = await listReads(t, a.operatorId);
    // Reads of station A's operator in this file: every followUpList call above, none refused.
    expect(reads.length).toBe(12);
    expect(reads.every((r) => r.subject_type === 'STATION' && r.subject_id === a.stationId)).toBe(true);
    expect(reads.at(-1)?.details.workerIds).toEqual([priority.id]);
    const adminReads = await listReads(
      t,
      (await t.gql<{ me: { id: string } }>('{ me { id } }', {}, admin)).data?.me.id as string,
    );
    expect(adminReads.map((r) => `${r.subject_type}:${r.subject_id}`)).toEqual([
      'REGION:370832',
      'REGION:370800',
      `STATION:${b.stationId}`,
      'REGION:ALL',
    ]);
  });
  it('the bureau’s CSV: the admin’s list of a region, refused to operators, and audited as a read', async () => {
    const csv = (token: string, query: string) =>
      t.app.inject({
        method: 'GET',
        url: `/followup/list.csv?${query}`,
        headers: { authorization: `Bearer ${token}` },
      });
    const refused = await csv(a.operator, 'regionCode=370832');
    expect(refused.statusCode).toBe(403);
    const bad = await csv(admin, 'regionCode=999999');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('regionCode');

    const answer = await csv(admin, 'regionCode=370832');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/csv/);
    const lines = answer.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]?.split(',').slice(0, 2)).toEqual(['劳动者编号 worker_id', '姓名 name']);
    expect(lines).toHaveLength(2);
    expect(
      lines[1]?.startsWith(`${priority.id},工人001,LOW_INCOME,PRIORITY_GROUP,370832,梁山县城零工驿站,`),
    ).toBe(true);
    expect(lines[1]?.endsWith(',否 no')).toBe(true);
    const [read] = (await t.app.db.execute(sql`select subject_id, details from audit_log
      where action = 'FOLLOW_UP_LIST_READ' and details->>'format' = 'CSV'`)) as unknown as {
      subject_id: string;
      details: { workerIds: string[] };
    }[];
    expect(read).toMatchObject({ subject_id: '370832', details: { workerIds: [priority.id] } });
  });
});
