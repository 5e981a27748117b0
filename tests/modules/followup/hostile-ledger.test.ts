import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { LIANGSHAN } from '../../support/gigs.js';
import { type SeededWorker, testClock } from '../../support/hiring.js';
import { QUANPU } from '../../support/kiosk.js';
import { adminToken } from '../../support/people.js';

const DAY = 86_400_000;

/**
 * A curious operator, and workers, against the follow-up ledger: nothing about another station's
 * people by any path (the list, a region, a contact, the CSV, the audit log, a field elsewhere,
 * an error's wording), and every read that shows people in the audit log, under its station.
 */
describe('hostile moves on the follow-up ledger', () => {
  const clock = testClock();
  let t: TestApp;
  let admin: string;
  let a: StaffedStation;
  let b: StaffedStation;
  let ours: SeededWorker;
  let theirs: SeededWorker;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { FOLLOW_UP_IDLE_DAYS: '7' } });
    admin = await adminToken(t);
    // 梁山县城 and 拳铺镇 are 9 km apart: areas of 4 km hold nobody in common.
    a = await staffedStation(t, { name: '梁山县城零工驿站', location: LIANGSHAN, serviceRadiusKm: 4 });
    b = await staffedStation(t, { name: '拳铺镇零工驿站', location: QUANPU, serviceRadiusKm: 4 });
    ours = await oneWorker(t, { near: LIANGSHAN, spreadKm: 0.2, priorityGroups: ['OLDER_WORKER'] });
    theirs = await oneWorker(t, { near: QUANPU, spreadKm: 0.2, priorityGroups: ['DISABLED'] });
    await t.gql(ASK_FOR_HELP, { n: '腿脚不便，想找离家近的活' }, theirs.token);
    clock.advance(8 * DAY);
    const recorded = await t.gql(
      RECORD_FOLLOW_UP,
      { i: { workerId: theirs.id, channel: 'VISIT', outcome: 'CONSIDERING', note: '家中有老人需照顾' } },
      b.operator,
    );
    expect(recorded.errors).toBeUndefined();
  }, 60_000);
  afterAll(() => t?.close());

  const contactRows = async () =>
    (await t.app.db.execute(
      sql`select worker_id, station_id, recorded_by_account_id from follow_up_contacts order by created_at`,
    )) as unknown as { worker_id: string; station_id: string; recorded_by_account_id: string }[];

  it('refuses another station’s list, a region and a made-up station alike, and shows only its own', async () => {
    expect((await followUpList(t, a.operator)).map((e) => e.workerId)).toEqual([ours.id]);
    const readsBefore = (await listReads(t, a.operatorId)).length;
    const other = await t.gql(FOLLOW_UP_LIST, { s: b.stationId }, a.operator);
    const madeUp = await t.gql(FOLLOW_UP_LIST, { s: randomUUID() }, a.operator);
    for (const res of [other, madeUp]) {
      expect(res.data).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    // The same words whether the station exists or not.
    expect(madeUp.errors?.[0]?.message).toBe(other.errors?.[0]?.message);
    const region = await t.gql(FOLLOW_UP_LIST, { r: '370832' }, a.operator);
    expect(region.data).toBeNull();
    expect(region.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // An alias beside its own list: its own answers, the other station's is refused. (Only
    // __typename is asked, so the query holds whether the list is a list or a page of edges.)
    const aliased = await t.gql<{ mine: unknown; other: unknown }>(
      'query ($s: ID) { mine: followUpList { __typename } other: followUpList(stationId: $s) { __typename } }',
      { s: b.stationId },
      a.operator,
    );
    expect(aliased.errors).toHaveLength(1);
    expect(aliased.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(aliased.errors?.[0]?.path).toEqual(['other']);
    // The refusals wrote nothing. The alias `mine` was read (and is logged) though the answer
    // carries no data: the refusal of `other` nulls it, and graphql-js answers before `mine` ends.
    expect(aliased.data ?? null).toBeNull();
    const deadline = Date.now() + 3_000;
    let reads = (await listReads(t, a.operatorId)).length;
    while (reads < readsBefore + 1 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      reads = (await listReads(t, a.operatorId)).length;
    }
    await new Promise((r) => setTimeout(r, 200));
    expect((await listReads(t, a.operatorId)).length).toBe(readsBefore + 1);
  });

  it('records no contact with another station’s worker, and says the same of a worker who does not exist', async () => {
    const before = await contactRows();
    const input = (workerId: string) => ({ i: { workerId, channel: 'CALL', outcome: 'NOT_REACHED' } });
    const other = await t.gql(RECORD_FOLLOW_UP, input(theirs.id), a.operator);
    const nobody = await t.gql(RECORD_FOLLOW_UP, input(randomUUID()), a.operator);
    for (const res of [other, nobody]) {
      expect(res.data).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(nobody.errors?.[0]?.message).toBe(other.errors?.[0]?.message);
    // A worker may not record one, of themselves or anyone.
    for (const id of [ours.id, theirs.id]) {
      const byWorker = await t.gql(RECORD_FOLLOW_UP, input(id), ours.token);
      expect(byWorker.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await contactRows()).toEqual(before);
  });

  it('gives no one but an admin the CSV or the audit log, and a worker no list', async () => {
    for (const token of [a.operator, b.operator, ours.token]) {
      for (const url of [
        '/followup/list.csv',
        `/followup/list.csv?stationId=${b.stationId}`,
        '/followup/list.csv?regionCode=370832',
      ]) {
        const res = await t.app.inject({ url, headers: { authorization: `Bearer ${token}` } });
        expect([url, res.statusCode]).toEqual([url, 403]);
        expect(res.body).not.toContain(theirs.id);
      }
      const audit = await t.gql(
        '{ auditLog(action: "FOLLOW_UP_LIST_READ") { edges { node { subjectId } } } }',
        {},
        token,
      );
      expect(audit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const list = await t.gql(FOLLOW_UP_LIST, {}, token);
      if (token === ours.token) expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await t.app.inject('/followup/list.csv')).statusCode).toBe(401);
  });

  it('exposes contacts and requests for help on no other type, and a worker’s own only in their export', async () => {
    const { data } = await t.gql<{
      __schema: { types: { name: string; fields: { name: string; type: unknown }[] | null }[] };
    }>(
      '{ __schema { types { name fields { name type { name kind ofType { name kind ofType { name kind ofType { name } } } } } } } }',
      {},
      admin,
    );
    const holders = (data?.__schema.types ?? []).flatMap((type) =>
      (type.fields ?? [])
        .filter((f) => /FollowUpContact|HelpRequest|FollowUpEntry/.test(JSON.stringify(f.type)))
        .map((f) => `${type.name}.${f.name}`),
    );
    // Only the ledger's own types and its own root fields hold them: nothing on Worker, Station…
    const ledgerOwn = ['Mutation.askForHelp', 'Mutation.recordFollowUp', 'Query.followUpList'];
    expect(holders.filter((h) => !h.startsWith('FollowUp') && !ledgerOwn.includes(h))).toEqual([]);
    expect(holders).toContain('FollowUpEntry.lastContact');
    // Another station's worker read as a worker: no priority group, no request for help.
    const asWorker = await t.gql(
      'query ($w: ID!) { worker(id: $w) { id priorityGroups } }',
      { w: theirs.id },
      a.operator,
    );
    expect(asWorker.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(asWorker.data)).not.toContain('DISABLED');
    // A kiosk at a station reads no list.
    const kiosk = await t.gql<{ issueKioskToken: { token: string } }>(
      'mutation ($s: ID!) { issueKioskToken(stationId: $s, label: "大厅屏") { token } }',
      { s: b.stationId },
      admin,
    );
    const byKiosk = await t.gql(FOLLOW_UP_LIST, { s: b.stationId }, kiosk.data?.issueKioskToken.token);
    expect(byKiosk.data ?? null).toBeNull();
    expect(byKiosk.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The worker's export holds their own request and contacts (PIPL), nobody else's.
    const mine = await t.gql<{ exportMyData: unknown }>('{ exportMyData }', {}, theirs.token);
    expect(JSON.stringify(mine.data)).toContain('家中有老人需照顾');
    const others = await t.gql<{ exportMyData: unknown }>('{ exportMyData }', {}, ours.token);
    expect(JSON.stringify(others.data)).not.toContain('家中有老人需照顾');
    expect(JSON.stringify(others.data)).not.toContain(theirs.id);
  });

  it('audits every read that shows people: each station of an operator’s under that station, the CSV, and an admin’s all', async () => {
    // The operator of both stations reads both at once: each station's read is on its own entry.
    const both = await t.gql(
      'mutation ($s: ID!, $a: ID!) { assignStationOperator(stationId: $s, accountId: $a) { id } }',
      { s: b.stationId, a: a.operatorId },
      admin,
    );
    expect(both.errors).toBeUndefined();
    const seen = await followUpList(t, a.operator);
    expect(seen.map((e) => e.workerId).sort()).toEqual([ours.id, theirs.id].sort());
    const reads = (await listReads(t, a.operatorId)).slice(-2);
    expect(
      reads
        .map((r) => [r.subject_type, r.subject_id, r.details.workerIds])
        .sort((x, y) => String(x[1]).localeCompare(String(y[1]))),
    ).toEqual(
      [
        ['STATION', a.stationId, [ours.id]],
        ['STATION', b.stationId, [theirs.id]],
      ].sort((x, y) => String(x[1]).localeCompare(String(y[1]))),
    );

    const adminId = (await t.gql<{ me: { id: string } }>('{ me { id } }', {}, admin)).data?.me.id as string;
    await followUpList(t, admin);
    const csv = await t.app.inject({
      url: '/followup/list.csv?regionCode=370832',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(theirs.id);
    const adminReads = (await listReads(t, adminId)).slice(-2);
    expect(adminReads.map((r) => [r.subject_type, r.subject_id])).toEqual([
      ['REGION', 'ALL'],
      ['REGION', '370832'],
    ]);
    for (const r of adminReads) expect(r.details.workerIds.sort()).toEqual([ours.id, theirs.id].sort());
    expect((adminReads[1]?.details as { format?: string } | undefined)?.format).toBe('CSV');
  });
});
