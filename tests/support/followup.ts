import { sql } from 'drizzle-orm';
import type { TestApp } from './app.js';
import { type SeededWorker, seedWorkers } from './hiring.js';
import { adminToken, operatorToken } from './people.js';

/** The fields of one entry the tests read. */
export const FOLLOW_UP_ENTRY = `workerId name priorityGroups reasons regionCode stationId stationName idleSince idleDays
    thresholdDays askedForHelpAt onListSince nextOn dueOn overdue
    lastContact { id channel outcome contactedAt offeredGigIds offeredCourseIds note nextOn recordedById stationId }`;

export const FOLLOW_UP_LIST = `query ($s: ID, $r: ID, $o: Boolean, $first: Int, $after: String) {
  followUpList(stationId: $s, regionCode: $r, overdueOnly: $o, first: $first, after: $after) {
    edges { cursor node { ${FOLLOW_UP_ENTRY} } }
    pageInfo { hasNextPage endCursor }
    totalCount overdueCount
  }
}`;

export const RECORD_FOLLOW_UP = `mutation ($i: RecordFollowUpInput!) {
  recordFollowUp(input: $i) { id workerId stationId recordedById channel outcome contactedAt
    offeredGigIds offeredCourseIds note nextOn }
}`;

export const ASK_FOR_HELP = 'mutation ($n: String) { askForHelp(note: $n) { id askedAt note } }';

export type FollowUpEntry = {
  workerId: string;
  name: string;
  priorityGroups: string[];
  reasons: string[];
  regionCode: string;
  stationId: string | null;
  stationName: string | null;
  idleSince: string;
  idleDays: number;
  thresholdDays: number;
  askedForHelpAt: string | null;
  onListSince: string;
  nextOn: string | null;
  dueOn: string | null;
  overdue: boolean;
  lastContact: { id: string; outcome: string; nextOn: string | null; stationId: string | null } | null;
};

export type StaffedStation = { stationId: string; operator: string; operatorId: string };

/** A station made by the admin, with a new operator assigned to it. */
export async function staffedStation(
  t: TestApp,
  station: { name: string; location: { lat: number; lng: number }; serviceRadiusKm: number },
): Promise<StaffedStation> {
  const admin = await adminToken(t);
  const created = await t.gql<{ createStation: { id: string } }>(
    'mutation ($input: CreateStationInput!) { createStation(input: $input) { id } }',
    { input: { regionCode: '370832', address: `${station.name}便民服务中心`, ...station } },
    admin,
  );
  const stationId = created.data?.createStation.id;
  if (!stationId) throw new Error(`createStation failed: ${JSON.stringify(created.errors)}`);
  const operator = await operatorToken(t);
  const { data: me } = await t.gql<{ me: { id: string } }>('{ me { id } }', {}, operator);
  const operatorId = me?.me.id as string;
  const assigned = await t.gql(
    'mutation ($s: ID!, $a: ID!) { assignStationOperator(stationId: $s, accountId: $a) { id } }',
    { s: stationId, a: operatorId },
    admin,
  );
  if (assigned.errors) throw new Error(`assignStationOperator failed: ${JSON.stringify(assigned.errors)}`);
  return { stationId, operator, operatorId };
}

export type FollowUpPage = {
  edges: { cursor: string; node: FollowUpEntry }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
  overdueCount: number;
};

/** One page of the follow-up list as the caller reads it; throws on any error. */
export async function followUpPage(
  t: TestApp,
  token: string,
  args: { s?: string; r?: string; o?: boolean; first?: number; after?: string } = {},
): Promise<FollowUpPage> {
  const { data, errors } = await t.gql<{ followUpList: FollowUpPage }>(FOLLOW_UP_LIST, args, token);
  if (!data?.followUpList) throw new Error(`followUpList failed: ${JSON.stringify(errors)}`);
  return data.followUpList;
}

/** The first page of the follow-up list (up to 100 entries), entries only; throws on any error. */
export async function followUpList(
  t: TestApp,
  token: string,
  args: { s?: string; r?: string; o?: boolean } = {},
): Promise<FollowUpEntry[]> {
  const page = await followUpPage(t, token, { ...args, first: 100 });
  return page.edges.map((e) => e.node);
}

/** The audit log's reads of the follow-up list by one account, oldest first. */
export async function listReads(t: TestApp, accountId: string) {
  return (await t.app.db.execute(sql`
    select subject_type, subject_id, details from audit_log
    where action = 'FOLLOW_UP_LIST_READ' and actor_account_id = ${accountId} order by id`)) as unknown as {
    subject_type: string;
    subject_id: string;
    details: { workerIds: string[]; stationIds: string[] | null; regionCode: string | null };
  }[];
}

/** One seeded worker (seedWorkers' options). */
export async function oneWorker(
  t: TestApp,
  options: Parameters<typeof seedWorkers>[2],
): Promise<SeededWorker> {
  const [worker] = await seedWorkers(t, 1, options);
  if (!worker) throw new Error('no worker seeded');
  return worker;
}
