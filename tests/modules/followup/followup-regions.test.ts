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
import { LIANGSHAN } from '../../support/gigs.js';
import { testClock } from '../../support/hiring.js';
import { adminToken, registerWorker } from '../../support/people.js';

const DAY = 86_400_000;
type Problem = { field: string; message: string };
const ids = (entries: { workerId: string }[]) => entries.map((e) => e.workerId).sort();

/** A region's own days (setFollowUpIdleDays) win over FOLLOW_UP_IDLE_DAYS, the nearest first. */
describe('the days without work of a region', () => {
  const clock = testClock();
  let t: TestApp;
  let admin: string;
  let a: StaffedStation;
  const SET = `mutation ($r: ID!, $d: Int) {
    setFollowUpIdleDays(regionCode: $r, days: $d) { regionCode days setForRegionCode ownDays }
  }`;
  const GET = 'query ($r: ID!) { followUpIdleDays(regionCode: $r) { days setForRegionCode ownDays } }';
  const setDays = async (r: string, d: number | null) => {
    const answer = await t.gql(SET, { r, d }, admin);
    if (answer.errors) throw new Error(`setFollowUpIdleDays failed: ${JSON.stringify(answer.errors)}`);
    return answer.data?.setFollowUpIdleDays;
  };

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { FOLLOW_UP_IDLE_DAYS: '60' } });
    admin = await adminToken(t);
    a = await staffedStation(t, { name: '梁山县城零工驿站', location: LIANGSHAN, serviceRadiusKm: 5 });
  });
  afterAll(() => t?.close());

  it('refuses days out of range and an unknown region, naming both, and changes nothing', async () => {
    const answer = await t.gql(SET, { r: '999999', d: 0 }, admin);
    const problems = (answer.errors?.[0]?.extensions?.problems ?? []) as Problem[];
    expect(problems.map((p) => p.field).sort()).toEqual(['days', 'regionCode']);
    const rows = await t.app.db.execute(sql`select 1 from follow_up_region_settings`);
    expect(rows).toHaveLength(0);
  });

  it('the county’s 7 days put a priority worker on the list where the city’s 20 and the default 60 would not', async () => {
    const worker = await oneWorker(t, { near: LIANGSHAN, spreadKm: 0.2, priorityGroups: ['DISABLED'] });
    clock.advance(8 * DAY);
    expect(await followUpList(t, a.operator)).toEqual([]);
    expect(await setDays('370800', 20)).toEqual({
      regionCode: '370800',
      days: 20,
      setForRegionCode: '370800',
      ownDays: 20,
    });
    expect(await followUpList(t, a.operator)).toEqual([]);
    const county = await t.gql(GET, { r: '370832' }, a.operator);
    expect(county.data?.followUpIdleDays).toEqual({ days: 20, setForRegionCode: '370800', ownDays: null });
    expect(await setDays('370832', 7)).toMatchObject({ days: 7, setForRegionCode: '370832' });
    const list = await followUpList(t, a.operator);
    expect(ids(list)).toEqual([worker.id]);
    expect(list[0]?.thresholdDays).toBe(7);
    // Cleared, the county follows its city again: 8 days are not 20.
    expect(await setDays('370832', null)).toMatchObject({ days: 20, ownDays: null });
    expect(await followUpList(t, a.operator)).toEqual([]);
    const audited = (await t.app.db.execute(sql`select subject_id, details from audit_log
      where action = 'FOLLOW_UP_IDLE_DAYS_SET' order by id`)) as unknown as {
      subject_id: string;
      details: unknown;
    }[];
    expect(audited).toEqual([
      { subject_id: '370800', details: { from: null, to: 20 } },
      { subject_id: '370832', details: { from: null, to: 7 } },
      { subject_id: '370832', details: { from: 7, to: null } },
    ]);
  });

  it('a person who erased their account leaves the list; their request goes, their contacts lose the notes', async () => {
    await setDays('370832', 7);
    const person = await registerWorker(t, { location: LIANGSHAN });
    const asked = await t.gql(ASK_FOR_HELP, {}, person.token);
    expect(asked.errors).toBeUndefined();
    clock.advance(8 * DAY);
    expect(ids(await followUpList(t, a.operator))).toContain(person.id);
    const recorded = await t.gql(
      RECORD_FOLLOW_UP,
      {
        i: {
          workerId: person.id,
          channel: 'VISIT',
          outcome: 'NEEDS_OTHER_HELP',
          note: '腿脚不便，想找近处的活',
        },
      },
      a.operator,
    );
    expect(recorded.errors).toBeUndefined();
    // The export (PIPL) shows what the ledger holds of them.
    const exported = await t.gql<{ exportMyData: { worker: { followUp: unknown } } }>(
      '{ exportMyData }',
      {},
      person.token,
    );
    expect(exported.data?.exportMyData.worker.followUp).toMatchObject({
      helpRequests: [{ workerId: person.id }],
      contacts: [{ outcome: 'NEEDS_OTHER_HELP', note: '腿脚不便，想找近处的活' }],
    });
    const erased = await t.gql('mutation { deleteMyAccount(password: "worker-pass-1") }', {}, person.token);
    expect(erased.data?.deleteMyAccount).toBe(true);
    // The erasure moved their home to nowhere, so no station holds them; the county is kept, and
    // the admins' view by region must not show them either.
    expect(ids(await followUpList(t, a.operator))).not.toContain(person.id);
    expect(ids(await followUpList(t, admin, { r: '370832' }))).not.toContain(person.id);
    // The request went; the contact stays as the bureau's record of the service, without the note.
    expect(
      await t.app.db.execute(sql`select 1 from help_requests where worker_id = ${person.id}`),
    ).toHaveLength(0);
    const contacts = await t.app.db.execute(
      sql`select outcome, note from follow_up_contacts where worker_id = ${person.id}`,
    );
    expect(contacts).toEqual([{ outcome: 'NEEDS_OTHER_HELP', note: null }]);
  });
});
