import { readFileSync } from 'node:fs';
import { type FieldDefinitionNode, Kind, type ListValueNode, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResponse, type TestApp } from '../support/app.js';
import { postGig, verifiedEmployer } from '../support/gigs.js';
import {
  adminToken,
  employerInput,
  login,
  operatorToken,
  REGISTER_WORKER,
  registerEmployer,
  registerWorker,
  uniquePhone,
  withPhoneCode,
  workerInput,
} from '../support/people.js';

const CALLERS = ['anonymous', 'worker', 'employer', 'operator', 'admin', 'kiosk'] as const;
type Caller = (typeof CALLERS)[number];
const SIGNED_IN: Caller[] = ['worker', 'employer', 'operator', 'admin'];
// The public, with or without an account; a kiosk token is not part of it.
const ANYONE: Caller[] = ['anonymous', ...SIGNED_IN];
const PUBLIC_AND_KIOSK: Caller[] = [...ANYONE, 'kiosk'];
const CALLER_OF_ROLE: Record<string, Caller> = {
  WORKER: 'worker',
  EMPLOYER: 'employer',
  STATION_OPERATOR: 'operator',
  ADMIN: 'admin',
};

/**
 * Who may call each operation, as its @auth in schema.graphql says. `resolverRefuses`: callers the
 * directive lets through but the resolver then refuses with FORBIDDEN (message matched here).
 */
type Row = { allowed: Caller[]; resolverRefuses?: Partial<Record<Caller, RegExp>> };
const TABLE = {
  me: { allowed: SIGNED_IN },
  privacyNotice: { allowed: ANYONE },
  exportMyData: { allowed: SIGNED_IN },
  employers: { allowed: ['admin'] },
  auditLog: { allowed: ['admin'] },
  minimumWages: { allowed: ANYONE },
  worker: { allowed: ['admin', 'operator'] },
  // Operators act for walk-in workers of their station (they name the worker, or the offer does).
  myOffers: { allowed: ['worker', 'operator'] },
  acceptOffer: { allowed: ['worker', 'operator'] },
  declineOffer: { allowed: ['worker', 'operator'] },
  applyToGig: { allowed: ['worker', 'operator'] },
  // An operator names a walk-in worker of their station; without one, the answer is BAD_USER_INPUT.
  setSmsOffers: { allowed: ['worker', 'operator'] },
  skills: { allowed: PUBLIC_AND_KIOSK },
  regions: { allowed: PUBLIC_AND_KIOSK },
  stationBoard: { allowed: ['kiosk', 'operator', 'admin'] },
  stations: { allowed: ['operator', 'admin'] },
  kioskTokens: { allowed: ['operator', 'admin'] },
  createStation: { allowed: ['admin'] },
  assignStationOperator: { allowed: ['admin'] },
  issueKioskToken: { allowed: ['operator', 'admin'] },
  revokeKioskToken: { allowed: ['operator', 'admin'] },
  registerWalkInWorker: { allowed: ['operator', 'admin'] },
  verifyWorkerIdentity: { allowed: ['operator', 'admin'] },
  verifyMyIdentity: { allowed: ['worker'] },
  recordWorkerCertificate: { allowed: ['operator', 'admin'] },
  region: { allowed: PUBLIC_AND_KIOSK },
  // The wage and statistics operations (their own issues): the rows pin who may call them.
  acceptContract: { allowed: ['worker', 'employer', 'operator'] },
  checkIn: { allowed: ['worker', 'operator', 'employer'] },
  arrangeAccidentCover: { allowed: ['employer', 'admin'] },
  checkOut: { allowed: ['worker', 'operator'] },
  markNoShow: { allowed: ['employer'] },
  recordPayment: { allowed: ['employer'] },
  confirmPayment: { allowed: ['worker', 'operator'] },
  openDispute: { allowed: ['worker', 'employer', 'operator'] },
  resolveDispute: { allowed: ['admin'] },
  rate: { allowed: ['worker', 'employer'] },
  disputes: { allowed: ['admin'] },
  myDisputes: { allowed: ['worker', 'employer', 'operator'] },
  arrearsCases: { allowed: ['admin'] },
  checkInWithCode: { allowed: ['employer', 'operator'] },
  confirmOffSiteCheckIn: { allowed: ['employer'] },
  confirmAttendance: { allowed: ['employer', 'operator'] },
  contestAttendance: { allowed: ['employer'] },
  settleAttendance: { allowed: ['admin'] },
  cancelEngagement: { allowed: ['worker', 'operator'] },
  mediateDispute: { allowed: ['admin'] },
  addDisputeNote: { allowed: ['worker', 'employer', 'operator'] },
  resolveArrears: { allowed: ['admin'] },
  regionStats: { allowed: ['admin'] },
  regionSeries: { allowed: ['admin'] },
  regionBreakdown: { allowed: ['admin'] },
  regionStatsByTrade: { allowed: ['admin'] },
  shortageReport: { allowed: ['admin'] },
  countyWarnings: { allowed: ['admin'] },
  countyWarningHistory: { allowed: ['admin'] },
  gigCandidates: { allowed: ['employer'] },
  gigOffers: { allowed: ['employer'] },
  gigApplications: { allowed: ['employer'] },
  decideApplication: { allowed: ['employer'] },
  myEngagements: { allowed: ['worker', 'employer', 'operator'] },
  myRoster: { allowed: ['employer'] },
  addToRoster: { allowed: ['employer'] },
  removeFromRoster: { allowed: ['employer'] },
  myCrews: { allowed: ['worker'] },
  createCrew: { allowed: ['worker'] },
  inviteToCrew: { allowed: ['worker'] },
  joinCrew: { allowed: ['worker'] },
  leaveCrew: { allowed: ['worker'] },
  offerGigToCrew: { allowed: ['employer'] },
  acceptCrewOffer: { allowed: ['worker'] },
  mySavedSearches: { allowed: ['worker'] },
  saveSearch: { allowed: ['worker'] },
  deleteSavedSearch: { allowed: ['worker'] },
  registerWorker: { allowed: ANYONE },
  registerEmployer: { allowed: ANYONE },
  // A code for a new number goes to the signed-in account alone; the rest are for anyone (BAD_USER_INPUT here).
  requestPhoneCode: { allowed: ANYONE },
  resetPassword: { allowed: ANYONE },
  unlockSignIn: { allowed: ANYONE },
  changePhone: { allowed: SIGNED_IN },
  login: { allowed: ANYONE },
  refreshSession: { allowed: ANYONE },
  // Operators will set availability for walk-in workers; until then the resolver refuses them.
  setAvailability: { allowed: ['worker', 'operator'], resolverRefuses: { operator: /只有工人本人/ } },
  verifyEmployer: { allowed: ['admin'] },
  setMinimumWage: { allowed: ['admin'] },
  createStaffAccount: { allowed: ['admin'] },
  deleteMyAccount: { allowed: SIGNED_IN },
  signOut: { allowed: SIGNED_IN },
  changePassword: { allowed: SIGNED_IN },
  suspendAccount: { allowed: ['admin'] },
  reinstateAccount: { allowed: ['admin'] },
  setMyLocale: { allowed: SIGNED_IN },
  postGig: { allowed: ['employer'] },
  cancelGig: { allowed: ['employer'] },
  myGigs: { allowed: ['employer'] },
  gig: { allowed: PUBLIC_AND_KIOSK },
  gigs: { allowed: PUBLIC_AND_KIOSK },
  // Training providers and courses (docs/training.md). The provider-only operations admit none of
  // these callers (a TRAINING_PROVIDER account is not among them).
  courses: { allowed: PUBLIC_AND_KIOSK },
  course: { allowed: PUBLIC_AND_KIOSK },
  stationCourses: { allowed: ['kiosk', 'operator', 'admin'] },
  myTrainingProvider: { allowed: [] },
  myCourses: { allowed: [] },
  trainingProviders: { allowed: ['admin'] },
  registerTrainingProvider: { allowed: ANYONE },
  verifyTrainingProvider: { allowed: ['admin'] },
  postCourse: { allowed: [] },
  cancelCourse: { allowed: [] },
  // Training: a worker enrols, or an operator for a walk-in of their station (naming the worker).
  myEnrolments: { allowed: ['worker', 'operator'] },
  enrolInCourse: { allowed: ['worker', 'operator'] },
  withdrawFromCourse: { allowed: ['worker', 'operator'] },
  // The course's provider only (TRAINING_PROVIDER): every caller of this table is refused.
  recordAttendance: { allowed: [] },
  recordCourseResults: { allowed: [] },
  // Training wishes and ordered training (docs/training.md). TRAINING_PROVIDER is no caller of this
  // table: trainingOrders is also a provider's, and takeTrainingOrder a provider's alone.
  myTrainingWishes: { allowed: ['worker', 'operator'] },
  setMyTrainingWishes: { allowed: ['worker', 'operator'] },
  trainingOrders: { allowed: ['employer', 'admin'] },
  placeTrainingOrder: { allowed: ['employer'] },
  cancelTrainingOrder: { allowed: ['employer'] },
  takeTrainingOrder: { allowed: [] },
  // The follow-up ledger (docs/followup.md): a worker id that names nobody is no operator's person
  // (FORBIDDEN) and, for an admin, NOT_FOUND past @auth.
  followUpList: { allowed: ['operator', 'admin'] },
  followUpCounts: { allowed: ['admin'] },
  recordFollowUp: {
    allowed: ['operator', 'admin'],
    resolverRefuses: { operator: /不在您所在驿站的服务范围内/ },
  },
  askForHelp: { allowed: ['worker'] },
  followUpIdleDays: { allowed: ['operator', 'admin'] },
  setFollowUpIdleDays: { allowed: ['admin'] },
} satisfies Record<string, Row>;

const schemaText = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');

/** Every field of `type Query` and `type Mutation` (extensions included), by root type. */
function rootFields(): { root: string; field: FieldDefinitionNode }[] {
  return parse(schemaText).definitions.flatMap((d) =>
    (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) &&
    (d.name.value === 'Query' || d.name.value === 'Mutation')
      ? (d.fields ?? []).map((field) => ({ root: d.name.value, field }))
      : [],
  );
}

/** The callers a root field's @auth lets through (OWNER means nothing on a root field). */
function directiveAllows(field: FieldDefinitionNode): Caller[] {
  const auth = field.directives?.find((d) => d.name.value === 'auth');
  const list = auth?.arguments?.find((a) => a.name.value === 'requires')?.value as ListValueNode | undefined;
  const requires = (list?.values ?? []).map((v) => (v as { value: string }).value);
  const kiosk: Caller[] = requires.includes('KIOSK') ? ['kiosk'] : [];
  if (requires.includes('ANYONE')) return [...ANYONE, ...kiosk];
  if (requires.includes('SIGNED_IN')) return [...SIGNED_IN, ...kiosk];
  return [...CALLERS.filter((c) => requires.some((r) => CALLER_OF_ROLE[r] === c)), ...kiosk];
}

describe('schema declarations', () => {
  it('every Query and Mutation field declares who may call it with @auth', () => {
    const fields = rootFields();
    expect(fields.length).toBeGreaterThan(40);
    const undeclared = fields
      .filter(({ field }) => !field.directives?.some((d) => d.name.value === 'auth'))
      .map(({ root, field }) => `${root}.${field.name.value}`);
    expect(undeclared).toEqual([]);
  });

  it('the table names every Query and Mutation field, so every one is tried by every caller (a kiosk too)', () => {
    const named = new Set(Object.keys(TABLE));
    expect(
      rootFields()
        .filter(({ field }) => !named.has(field.name.value))
        .map(({ field }) => field.name.value),
    ).toEqual([]);
  });

  it('every operation of the table exists in the schema, with the callers its @auth allows', () => {
    const byName = new Map(rootFields().map(({ field }) => [field.name.value, field]));
    for (const [operation, { allowed }] of Object.entries(TABLE as Record<string, Row>)) {
      const field = byName.get(operation);
      expect(field, `${operation} is not in schema.graphql`).toBeDefined();
      if (field) expect([...allowed].sort(), operation).toEqual(directiveAllows(field).sort());
    }
  });
});

let t: TestApp;
const tokens = {} as Record<Caller, string | undefined>;
let workerId: string;
let employerId: string;
let gigId: string;
let stationId: string;
let operatorAccountId: string;

beforeAll(async () => {
  t = await createTestApp();
  const [worker, employer, operator, admin] = await Promise.all([
    registerWorker(t),
    registerEmployer(t),
    operatorToken(t),
    adminToken(t),
  ]);
  Object.assign(tokens, {
    anonymous: undefined,
    worker: worker.token,
    employer: employer.token,
    operator,
    admin,
  });
  workerId = worker.id;
  employerId = employer.id;
  const poster = await verifiedEmployer(t);
  gigId = (await postGig(t, poster.token)).id;
  // A station the operator works at, and a kiosk of it.
  const created = await t.gql<{ createStation: { id: string } }>(
    'mutation ($i: CreateStationInput!) { createStation(input: $i) { id } }',
    { i: STATION },
    admin,
  );
  stationId = created.data?.createStation.id as string;
  const me = await t.gql<{ me: { id: string } }>('{ me { id } }', {}, operator);
  operatorAccountId = me.data?.me.id as string;
  await t.gql(
    'mutation ($s: ID!, $a: ID!) { assignStationOperator(stationId: $s, accountId: $a) { id } }',
    { s: stationId, a: operatorAccountId },
    admin,
  );
  const kiosk = await t.gql<{ issueKioskToken: { token: string } }>(
    'mutation ($s: ID!) { issueKioskToken(stationId: $s, label: "大厅屏") { token } }',
    { s: stationId },
    admin,
  );
  tokens.kiosk = kiosk.data?.issueKioskToken.token;
  if (!tokens.kiosk) throw new Error(`no kiosk token: ${JSON.stringify(kiosk.errors)}`);
});
afterAll(() => t?.close());

/** A fresh account of the caller's kind, for cells that must not touch the shared ones. */
async function throwawayToken(caller: Caller): Promise<string | undefined> {
  if (caller === 'worker') return (await registerWorker(t)).token;
  if (caller === 'employer') return (await registerEmployer(t)).token;
  if (caller === 'operator') return operatorToken(t);
  if (caller === 'anonymous') return undefined;
  if (caller === 'kiosk') return tokens.kiosk;
  const phone = uniquePhone();
  const { errors } = await t.gql(
    'mutation ($i: CreateStaffAccountInput!) { createStaffAccount(input: $i) { id } }',
    { i: { role: 'ADMIN', phone, password: 'admin-pass-22', displayName: '县人社局' } },
    await adminToken(t),
  );
  if (errors) throw new Error(`createStaffAccount failed: ${JSON.stringify(errors)}`);
  return login(t, phone, 'admin-pass-22');
}

const NOBODY = '00000000-0000-4000-8000-000000000000';
const tomorrow = (hour: number) => new Date(Date.now() + 86_400_000 + hour * 3_600_000).toISOString();
const as =
  (query: string, variables: () => Record<string, unknown> = () => ({})) =>
  (c: Caller) =>
    t.gql(query, variables(), tokens[c]);

const GIG = {
  title: '钢结构焊工',
  description: '厂房钢梁焊接，自带焊帽',
  skills: ['welder'],
  headcount: 2,
  regionCode: '370832',
  address: '梁山县拳铺镇工业园',
  location: { lat: 35.79, lng: 116.09 },
  payFen: 30_000,
  payUnit: 'DAY',
  payDueDays: 3,
};
const STATION = {
  name: '拳铺镇零工驿站',
  regionCode: '370832',
  location: { lat: 35.84, lng: 116.12 },
  address: '梁山县拳铺镇政府东100米',
};
const STAFF = { role: 'STATION_OPERATOR', password: 'operator-pass-9', displayName: '馆驿镇驿站' };

/** How each operation is called, with arguments that would pass validation. */
const CALLS: Record<keyof typeof TABLE, (caller: Caller) => Promise<GraphQLResponse>> = {
  me: as('{ me { id role } }'),
  privacyNotice: as('{ privacyNotice { version } }'),
  exportMyData: as('{ exportMyData }'),
  employers: as('{ employers(verified: false) { id } }'),
  auditLog: as(
    '{ auditLog(action: "EMPLOYER_VERIFIED", first: 5) { totalCount edges { node { id actor { id } } } } }',
  ),
  minimumWages: as('{ minimumWages(regionCode: "370832") { hourlyFen } }'),
  worker: as('query ($id: ID!) { worker(id: $id) { id name } }', () => ({ id: workerId })),
  myOffers: as('{ myOffers(status: PENDING) { id } }'),
  skills: as('{ skills(category: "建筑") { code } }'),
  regions: as('{ regions { code } }'),
  stationBoard: as('query ($s: ID) { stationBoard(first: 3, stationId: $s) { totalCount } }', () => ({
    s: stationId,
  })),
  stations: as('{ stations { id } }'),
  region: as('{ region(code: "370832") { name } }'),
  acceptContract: as('mutation ($e: ID!) { acceptContract(engagementId: $e) { id } }', () => ({ e: NOBODY })),
  checkIn: as(
    'mutation ($e: ID!) { checkIn(engagementId: $e, at: { lat: 35.8, lng: 116.1 }) { id } }',
    () => ({
      e: NOBODY,
    }),
  ),
  checkOut: as('mutation ($e: ID!) { checkOut(engagementId: $e) { id } }', () => ({ e: NOBODY })),
  arrangeAccidentCover: as('mutation ($e: ID!) { arrangeAccidentCover(engagementId: $e) { id } }', () => ({
    e: NOBODY,
  })),
  markNoShow: as('mutation ($e: ID!) { markNoShow(engagementId: $e) { id } }', () => ({ e: NOBODY })),
  recordPayment: as(
    'mutation ($e: ID!) { recordPayment(engagementId: $e, amountFen: 100) { amountFen } }',
    () => ({
      e: NOBODY,
    }),
  ),
  confirmPayment: as('mutation ($e: ID!) { confirmPayment(engagementId: $e) { amountFen } }', () => ({
    e: NOBODY,
  })),
  openDispute: as('mutation ($e: ID!) { openDispute(engagementId: $e, reason: "未付工资") { id } }', () => ({
    e: NOBODY,
  })),
  resolveDispute: as(
    'mutation ($d: ID!) { resolveDispute(disputeId: $d, resolution: "已调解") { id } }',
    () => ({
      d: NOBODY,
    }),
  ),
  rate: as('mutation ($e: ID!) { rate(engagementId: $e, stars: 5) { id } }', () => ({ e: NOBODY })),
  disputes: as('{ disputes { id } }'),
  myDisputes: as('{ myDisputes { id } }'),
  arrearsCases: as('{ arrearsCases { id } }'),
  checkInWithCode: as(
    'mutation ($e: ID!) { checkInWithCode(engagementId: $e, code: "123456") { id } }',
    () => ({ e: NOBODY }),
  ),
  confirmOffSiteCheckIn: as('mutation ($e: ID!) { confirmOffSiteCheckIn(engagementId: $e) { id } }', () => ({
    e: NOBODY,
  })),
  confirmAttendance: as('mutation ($e: ID!) { confirmAttendance(engagementId: $e) { id } }', () => ({
    e: NOBODY,
  })),
  contestAttendance: as(
    'mutation ($e: ID!) { contestAttendance(engagementId: $e, reason: "当天没见到此人") { id } }',
    () => ({ e: NOBODY }),
  ),
  settleAttendance: as(
    'mutation ($e: ID!) { settleAttendance(engagementId: $e, workedHours: 4, note: "工友证实到岗半天") { id } }',
    () => ({ e: NOBODY }),
  ),
  cancelEngagement: as(
    'mutation ($e: ID!) { cancelEngagement(engagementId: $e, reason: "家里有事") { id } }',
    () => ({ e: NOBODY }),
  ),
  mediateDispute: as(
    'mutation ($d: ID!) { mediateDispute(disputeId: $d, note: "已电话联系双方") { id } }',
    () => ({ d: NOBODY }),
  ),
  addDisputeNote: as(
    'mutation ($d: ID!) { addDisputeNote(disputeId: $d, note: "工资还差一半没给") { id } }',
    () => ({ d: NOBODY }),
  ),
  resolveArrears: as(
    'mutation ($c: ID!) { resolveArrears(caseId: $c, resolution: "已线下足额支付") { id } }',
    () => ({ c: NOBODY }),
  ),
  regionStats: as(
    '{ regionStats(regionCode: "370832", from: "2026-01-01T00:00:00Z", to: "2026-12-31T00:00:00Z") { hires } }',
  ),
  regionSeries: as(
    '{ regionSeries(regionCode: "370832", from: "2026-11-01T00:00:00Z", to: "2026-11-30T00:00:00Z") { day hires } }',
  ),
  regionBreakdown: as(
    '{ regionBreakdown(regionCode: "370800", from: "2026-01-01T00:00:00Z", to: "2026-12-31T00:00:00Z") { hires } }',
  ),
  regionStatsByTrade: as(
    '{ regionStatsByTrade(regionCode: "370832", from: "2026-01-01T00:00:00Z", to: "2026-12-31T00:00:00Z") { tradeCode } }',
  ),
  shortageReport: as(
    '{ shortageReport(regionCode: "370832", from: "2026-01-01", to: "2026-12-31") { rows { rank } } }',
  ),
  countyWarnings: as('{ countyWarnings(regionCode: "370800") { level } }'),
  countyWarningHistory: as(
    '{ countyWarningHistory(regionCode: "370832", from: "2026-11-01", to: "2026-11-30") { level } }',
  ),
  kioskTokens: as('query ($s: ID!) { kioskTokens(stationId: $s) { id } }', () => ({ s: stationId })),
  createStation: as('mutation ($i: CreateStationInput!) { createStation(input: $i) { id } }', () => ({
    i: STATION,
  })),
  assignStationOperator: as(
    'mutation ($s: ID!, $a: ID!) { assignStationOperator(stationId: $s, accountId: $a) { id } }',
    () => ({ s: stationId, a: operatorAccountId }),
  ),
  issueKioskToken: as('mutation ($s: ID!) { issueKioskToken(stationId: $s, label: "左屏") { id } }', () => ({
    s: stationId,
  })),
  revokeKioskToken: as('mutation ($k: ID!) { revokeKioskToken(id: $k) }', () => ({ k: NOBODY })),
  registerWalkInWorker: as(
    'mutation ($i: RegisterWorkerInput!, $s: ID) { registerWalkInWorker(input: $i, stationId: $s) { id } }',
    () => ({ i: { ...workerInput(), phone: null, password: null }, s: stationId }),
  ),
  // A worker nobody holds: an allowed caller gets NOT_FOUND, never an auth error.
  verifyWorkerIdentity: as(
    'mutation ($w: ID!, $n: String!, $s: ID) { verifyWorkerIdentity(workerId: $w, idNumber: $n, name: "张三", stationId: $s) { id } }',
    () => ({ w: NOBODY, n: workerInput().idNumber, s: stationId }),
  ),
  verifyMyIdentity: as('mutation { verifyMyIdentity { id identityStatus } }'),
  recordWorkerCertificate: as(
    `mutation ($w: ID!, $s: ID) { recordWorkerCertificate(stationId: $s, input: { workerId: $w, skillCode: "bricklayer",
      kind: SKILL_LEVEL, level: 3, number: "S3708320001", issuer: "梁山县职业技能鉴定所", issuedOn: "2024-01-10" }) { id } }`,
    () => ({ w: NOBODY, s: stationId }),
  ),
  // Ids nobody holds: an allowed caller gets NOT_FOUND, never an auth error.
  acceptOffer: as('mutation ($o: ID!) { acceptOffer(offerId: $o) { id } }', () => ({ o: NOBODY })),
  declineOffer: as('mutation ($o: ID!) { declineOffer(offerId: $o) { id } }', () => ({ o: NOBODY })),
  applyToGig: as('mutation ($g: ID!) { applyToGig(gigId: $g) { id } }', () => ({ g: NOBODY })),
  setSmsOffers: as('mutation { setSmsOffers(enabled: false) { id smsOffers } }'),
  gigCandidates: as('query ($g: ID!) { gigCandidates(gigId: $g) { score } }', () => ({ g: gigId })),
  gigOffers: as('query ($g: ID!) { gigOffers(gigId: $g) { id } }', () => ({ g: gigId })),
  gigApplications: as('query ($g: ID!) { gigApplications(gigId: $g) { id } }', () => ({ g: gigId })),
  decideApplication: as(
    'mutation ($a: ID!) { decideApplication(applicationId: $a, accept: false) { id } }',
    () => ({ a: NOBODY }),
  ),
  myEngagements: as('{ myEngagements { id } }'),
  myRoster: as('{ myRoster { id } }'),
  addToRoster: as('mutation ($w: ID!) { addToRoster(workerId: $w) { id } }', () => ({ w: workerId })),
  removeFromRoster: as('mutation ($w: ID!) { removeFromRoster(workerId: $w) }', () => ({ w: workerId })),
  myCrews: as('{ myCrews { id } }'),
  createCrew: as('mutation { createCrew(name: "韩垓焊工班") { id } }'),
  inviteToCrew: as('mutation ($c: ID!, $w: ID!) { inviteToCrew(crewId: $c, workerId: $w) { id } }', () => ({
    c: NOBODY,
    w: workerId,
  })),
  joinCrew: as('mutation ($c: ID!) { joinCrew(crewId: $c) { id } }', () => ({ c: NOBODY })),
  leaveCrew: as('mutation ($c: ID!) { leaveCrew(crewId: $c) }', () => ({ c: NOBODY })),
  offerGigToCrew: as('mutation ($g: ID!, $c: ID!) { offerGigToCrew(gigId: $g, crewId: $c) { id } }', () => ({
    g: gigId,
    c: NOBODY,
  })),
  acceptCrewOffer: as(
    'mutation ($o: ID!, $w: [ID!]!) { acceptCrewOffer(offerId: $o, memberIds: $w) { id } }',
    () => ({ o: NOBODY, w: [workerId] }),
  ),
  mySavedSearches: as('{ mySavedSearches { id } }'),
  saveSearch: as('mutation { saveSearch(name: "附近焊工", search: { skills: ["welder"] }) { id } }'),
  deleteSavedSearch: as('mutation ($s: ID!) { deleteSavedSearch(id: $s) }', () => ({ s: NOBODY })),
  registerWorker: as('mutation ($i: RegisterWorkerInput!) { registerWorker(input: $i) { token } }', () => ({
    i: workerInput(),
  })),
  registerEmployer: as(
    'mutation ($i: RegisterEmployerInput!) { registerEmployer(input: $i) { token } }',
    () => ({ i: employerInput() }),
  ),
  requestPhoneCode: as(
    'mutation ($p: String!) { requestPhoneCode(phone: $p, purpose: PASSWORD_RESET) { expiresAt } }',
    () => ({ p: uniquePhone() }),
  ),
  resetPassword: as(
    'mutation ($p: String!) { resetPassword(phone: $p, code: "000000", newPassword: "new-password-1") { token } }',
    () => ({ p: uniquePhone() }),
  ),
  unlockSignIn: as('mutation ($p: String!) { unlockSignIn(phone: $p, code: "000000") { token } }', () => ({
    p: uniquePhone(),
  })),
  changePhone: as('mutation ($p: String!) { changePhone(newPhone: $p, code: "000000") { id } }', () => ({
    p: uniquePhone(),
  })),
  login: async (c) => {
    const { phone } = await registerWorker(t);
    const query = 'mutation ($p: String!, $w: String!) { login(phone: $p, password: $w) { token } }';
    return t.gql(query, { p: phone, w: 'worker-pass-1' }, tokens[c]);
  },
  refreshSession: async (c) => {
    const registered = await t.gql<{ registerWorker: { refreshToken: string } }>(REGISTER_WORKER, {
      input: await withPhoneCode(t, workerInput()),
    });
    const r = registered.data?.registerWorker.refreshToken;
    if (!r) throw new Error(`no refresh token: ${JSON.stringify(registered.errors)}`);
    return t.gql('mutation ($r: String!) { refreshSession(refreshToken: $r) { token } }', { r }, tokens[c]);
  },
  setAvailability: as('mutation ($w: [AvailabilityInput!]!) { setAvailability(windows: $w) { id } }', () => ({
    w: [{ startsAt: tomorrow(0), endsAt: tomorrow(8) }],
  })),
  verifyEmployer: as('mutation ($e: ID!) { verifyEmployer(employerId: $e) { id } }', () => ({
    e: employerId,
  })),
  setMinimumWage: as(
    'mutation { setMinimumWage(regionCode: "370832", hourlyFen: 2150, source: "鲁政字") { code } }',
  ),
  createStaffAccount: as(
    'mutation ($i: CreateStaffAccountInput!) { createStaffAccount(input: $i) { id } }',
    () => ({ i: { ...STAFF, phone: uniquePhone() } }),
  ),
  // A throwaway account and a wrong password: an allowed caller gets BAD_USER_INPUT, nobody is deleted.
  deleteMyAccount: async (c) =>
    t.gql('mutation { deleteMyAccount(password: "not-my-password") }', {}, await throwawayToken(c)),
  // A throwaway sign-in: signing out ends the session of the token used.
  signOut: async (c) => t.gql('mutation { signOut }', {}, await throwawayToken(c)),
  // The wrong current password: BAD_USER_INPUT, and nothing changes.
  changePassword: as(
    'mutation { changePassword(currentPassword: "not-my-password", newPassword: "another-pass-1") { token } }',
  ),
  suspendAccount: as(
    'mutation ($a: ID!) { suspendAccount(accountId: $a, reason: "试试停用") { id } }',
    () => ({
      a: NOBODY,
    }),
  ),
  reinstateAccount: as('mutation ($a: ID!) { reinstateAccount(accountId: $a) { id } }', () => ({
    a: NOBODY,
  })),
  // The account's own language: Chinese, the one these callers read anyway.
  setMyLocale: as('mutation { setMyLocale(locale: ZH_CN) { id } }'),
  postGig: as('mutation ($i: PostGigInput!) { postGig(input: $i) { id } }', () => ({
    i: { ...GIG, startsAt: tomorrow(0), endsAt: tomorrow(8) },
  })),
  // Another employer's gig: the caller may call cancelGig, and gets NOT_FOUND for this one.
  cancelGig: as('mutation ($g: ID!) { cancelGig(gigId: $g, reason: "试试取消") { id } }', () => ({
    g: gigId,
  })),
  myGigs: as('{ myGigs { id } }'),
  gig: as('query ($g: ID!) { gig(id: $g) { id employer { name } } }', () => ({ g: gigId })),
  gigs: as('{ gigs(first: 5) { totalCount edges { node { id } } } }'),
  courses: as('{ courses(first: 5) { totalCount edges { node { id } } } }'),
  course: as('query ($c: ID!) { course(id: $c) { id } }', () => ({ c: NOBODY })),
  stationCourses: as('query ($s: ID) { stationCourses(first: 3, stationId: $s) { totalCount } }', () => ({
    s: stationId,
  })),
  myTrainingProvider: as('{ myTrainingProvider { id } }'),
  myCourses: as('{ myCourses { id } }'),
  trainingProviders: as('{ trainingProviders(verified: false) { id } }'),
  // A form with a wrong code: BAD_USER_INPUT for whoever may call it.
  registerTrainingProvider: as(
    'mutation ($i: RegisterTrainingProviderInput!) { registerTrainingProvider(input: $i) { token } }',
    () => ({
      i: {
        phone: uniquePhone(),
        password: 'provider-pass-1',
        phoneCode: '000000',
        name: '梁山县职业技能培训学校',
        creditCode: '91370832MA0000000X',
        regionCode: '370832',
        location: { lat: 35.79, lng: 116.09 },
      },
    }),
  ),
  verifyTrainingProvider: as('mutation ($p: ID!) { verifyTrainingProvider(providerId: $p) { id } }', () => ({
    p: NOBODY,
  })),
  postCourse: as('mutation ($i: PostCourseInput!) { postCourse(input: $i) { id } }', () => ({
    i: {
      title: '电焊工特种作业培训班',
      description: '理论加实操',
      skillCode: 'welder',
      certificate: 'SPECIAL_OPERATION',
      subsidised: false,
      feeFen: 0,
      startsOn: '2099-01-10',
      endsOn: '2099-01-20',
      hours: 40,
      regionCode: '370832',
      address: '梁山县拳铺镇培训学校',
      location: { lat: 35.79, lng: 116.09 },
      seats: 10,
      language: 'MANDARIN',
    },
  })),
  cancelCourse: as('mutation ($c: ID!) { cancelCourse(courseId: $c, reason: "试试取消") { id } }', () => ({
    c: NOBODY,
  })),
  myEnrolments: as('{ myEnrolments { id } }'),
  // A course nobody posted: NOT_FOUND for a worker; an operator naming nobody gets BAD_USER_INPUT.
  enrolInCourse: as('mutation ($c: ID!) { enrolInCourse(courseId: $c) { id } }', () => ({ c: NOBODY })),
  withdrawFromCourse: as('mutation ($e: ID!) { withdrawFromCourse(enrolmentId: $e) { id } }', () => ({
    e: NOBODY,
  })),
  recordAttendance: as(
    'mutation ($c: ID!) { recordAttendance(courseId: $c, day: "2026-12-08", entries: []) { id } }',
    () => ({ c: NOBODY }),
  ),
  recordCourseResults: as(
    'mutation ($c: ID!) { recordCourseResults(courseId: $c, results: []) { id } }',
    () => ({
      c: NOBODY,
    }),
  ),
  // An operator names no walk-in here: BAD_USER_INPUT, past @auth.
  myTrainingWishes: as('{ myTrainingWishes { source } }'),
  setMyTrainingWishes: as('mutation { setMyTrainingWishes(skillCodes: ["electrician"]) { source } }'),
  trainingOrders: as('{ trainingOrders { id progress { enrolled } } }'),
  // The shared employer is not verified: EMPLOYER_NOT_VERIFIED, past @auth.
  placeTrainingOrder: as(
    `mutation { placeTrainingOrder(input: { skillCode: "bricklayer", targetLevel: 3, headcount: 5,
      dueOn: "2099-01-01", regionCode: "370832", priorityDays: 30 }) { id } }`,
  ),
  cancelTrainingOrder: as('mutation ($o: ID!) { cancelTrainingOrder(orderId: $o) { id } }', () => ({
    o: NOBODY,
  })),
  takeTrainingOrder: as('mutation ($o: ID!) { takeTrainingOrder(orderId: $o) { id } }', () => ({
    o: NOBODY,
  })),
  followUpList: as('{ followUpList { totalCount edges { node { workerId overdue lastContact { id } } } } }'),
  followUpCounts: as('{ followUpCounts { stationId stationName onList overdue } }'),
  recordFollowUp: as(
    'mutation ($w: ID!) { recordFollowUp(input: { workerId: $w, channel: CALL, outcome: NOT_REACHED }) { id } }',
    () => ({ w: NOBODY }),
  ),
  askForHelp: as('mutation { askForHelp(note: "想找点活干") { id askedAt } }'),
  followUpIdleDays: as('{ followUpIdleDays(regionCode: "370832") { days } }'),
  // Days out of range: BAD_USER_INPUT past @auth, and nothing set for the other cells.
  setFollowUpIdleDays: as('mutation { setFollowUpIdleDays(regionCode: "370832", days: 0) { days } }'),
};

const AUTH_CODES = ['UNAUTHENTICATED', 'FORBIDDEN'];
const cells = Object.entries(TABLE as Record<string, Row>).flatMap(([operation, row]) =>
  CALLERS.map((caller) => {
    const allowed = row.allowed.includes(caller);
    const refusal = row.resolverRefuses?.[caller];
    const refused = caller === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
    const outcome = !allowed ? refused : refusal ? 'let in by @auth, refused by the resolver' : 'not refused';
    return {
      name: `${caller} calling ${operation} is ${outcome}`,
      operation,
      caller,
      allowed,
      refusal,
      refused,
    };
  }),
);

describe('role matrix', () => {
  for (const { name, operation, caller, allowed, refusal, refused } of cells) {
    it(name, async () => {
      const response = await CALLS[operation as keyof typeof TABLE](caller);
      const errors = response.errors ?? [];
      const codes = errors.map((e) => e.extensions?.code);
      const shown = JSON.stringify(response);
      if (!allowed) {
        expect(codes, shown).toEqual([refused]);
        expect(errors[0]?.path, shown).toEqual([operation]);
        expect(response.data?.[operation] ?? null, shown).toBeNull();
      } else if (refusal) {
        expect(codes, shown).toEqual(['FORBIDDEN']);
        expect(errors[0]?.message, shown).toMatch(refusal);
      } else {
        const authErrors = codes.filter((c) => AUTH_CODES.includes(c ?? ''));
        expect(authErrors, shown).toEqual([]);
        // Every error came from a resolver (it has a path), not from a query this file got wrong.
        const unresolved = errors.filter((e) => !e.path);
        expect(unresolved, shown).toEqual([]);
        if (operation === 'deleteMyAccount') expect(codes, shown).toEqual(['BAD_USER_INPUT']);
      }
    });
  }
});
