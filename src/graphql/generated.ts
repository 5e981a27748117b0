import type {
  GraphQLResolveInfo,
  GraphQLScalarType,
  GraphQLScalarTypeConfig,
} from "graphql";
import type { AccountRecord } from "../modules/accounts/accounts.repository.js";
import type { WorkerRecord } from "../modules/workers/workers.repository.js";
import type { CertificateRecord } from "../modules/workers/certificates.repository.js";
import type { EmployerRecord } from "../modules/employers/employers.repository.js";
import type {
  RegionRecord,
  SkillRecord,
  MinimumWageRecord,
} from "../modules/reference/reference.repository.js";
import type { GigRecord } from "../modules/gigs/gigs.repository.js";
import type { GigPage } from "../modules/gigs/gig-search.service.js";
import type {
  OfferRecord,
  EngagementRecord,
  ApplicationRecord,
} from "../modules/hiring/hiring.repository.js";
import type { CandidateMatch } from "../modules/hiring/matching.js";
import type { CrewRecord } from "../modules/hiring/crews.repository.js";
import type { SavedSearchRecord } from "../modules/hiring/saved-searches.repository.js";
import type {
  StationRecord,
  KioskTokenRecord,
} from "../modules/stations/stations.service.js";
import type { PaymentView } from "../modules/work/work.resolvers.js";
import type {
  PaymentEntry,
  ArrearsRecord,
  DisputeRecord,
  DisputeNoteView,
  RatingRecord,
} from "../modules/work/work.repository.js";
import type { AccidentPolicyRecord } from "../modules/insurance/insurance.repository.js";
import type { AuditRecord } from "../modules/audit/audit.repository.js";
import type { TrainingProviderRecord } from "../modules/training/providers.repository.js";
import type {
  CourseRecord,
  CourseEnrolmentRecord,
  TrainingOrderRecord,
} from "../modules/training/courses.repository.js";
import type { CoursePage } from "../modules/training/course-search.service.js";
import type { AuditPage } from "../modules/audit/audit.service.js";
import type {
  RegionStatsView,
  DayStatsView,
  TradeStatsView,
} from "../modules/stats/stats.service.js";
import type {
  FollowUpEntryView,
  FollowUpPage,
} from "../modules/followup/list.service.js";
import type {
  FollowUpContactRecord,
  HelpRequestRecord,
} from "../modules/followup/followup.repository.js";
import type { WarningView } from "../modules/warnings/warnings.service.js";
import type { MercuriusContext } from "mercurius";
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = {
  [K in keyof T]: T[K];
};
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & {
  [SubKey in K]?: Maybe<T[SubKey]>;
};
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & {
  [SubKey in K]: Maybe<T[SubKey]>;
};
export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo,
) =>
  | Promise<import("mercurius-codegen").DeepPartial<TResult>>
  | import("mercurius-codegen").DeepPartial<TResult>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & {
  [P in K]-?: NonNullable<T[P]>;
};
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: string;
  String: string;
  Boolean: boolean;
  Int: number;
  Float: number;
  DateTime: Date;
  JSON: unknown;
  _FieldSet: any;
};

export type Access =
  | "ANYONE"
  | "SIGNED_IN"
  | "KIOSK"
  | "OWNER"
  | "WORKER"
  | "EMPLOYER"
  | "STATION_OPERATOR"
  | "ADMIN"
  | "TRAINING_PROVIDER";

export type Role =
  "WORKER" | "EMPLOYER" | "STATION_OPERATOR" | "ADMIN" | "TRAINING_PROVIDER";

export type Locale = "ZH_CN" | "EN";

export type PayUnit = "HOUR" | "DAY" | "PIECE" | "TOTAL";

export type GigStatus =
  "OPEN" | "FILLED" | "IN_PROGRESS" | "COMPLETED" | "CANCELLED" | "EXPIRED";

export type OfferStatus =
  "PENDING" | "ACCEPTED" | "DECLINED" | "EXPIRED" | "WITHDRAWN";

export type OfferTier = "ROSTER" | "RATED" | "MATCH" | "CREW";

export type EngagementStatus =
  "CONFIRMED" | "CHECKED_IN" | "COMPLETED" | "NO_SHOW" | "CANCELLED";

export type ApplicationStatus =
  "APPLIED" | "ACCEPTED" | "REJECTED" | "WITHDRAWN";

export type PriorityGroup =
  "POVERTY_ALLEVIATED" | "LOW_INCOME" | "DISABLED" | "OLDER_WORKER";

export type WorkerOrigin = "LOCAL" | "OUT_OF_COUNTY" | "OUT_OF_CITY";

export type EmployerKind =
  | "ENTERPRISE"
  | "COOPERATIVE"
  | "FAMILY_FARM"
  | "INDIVIDUAL"
  | "PUBLIC_INSTITUTION";

export type DisputeStatus = "OPEN" | "MEDIATING" | "RESOLVED";

export type GeoPoint = {
  __typename?: "GeoPoint";
  lat: Scalars["Float"];
  lng: Scalars["Float"];
};

export type GeoPointInput = {
  lat: Scalars["Float"];
  lng: Scalars["Float"];
};

export type NearInput = {
  lat: Scalars["Float"];
  lng: Scalars["Float"];
  radiusKm: Scalars["Float"];
};

export type Region = {
  __typename?: "Region";
  code: Scalars["ID"];
  name: Scalars["String"];
  level: Scalars["String"];
  parentCode?: Maybe<Scalars["ID"]>;
  minHourlyWageFen?: Maybe<Scalars["Int"]>;
};

export type Skill = {
  __typename?: "Skill";
  code: Scalars["ID"];
  name: Scalars["String"];
  category: Scalars["String"];
  synonyms: Array<Scalars["String"]>;
  specialOperation?: Maybe<SpecialOperation>;
  accidentRisk: Scalars["Boolean"];
};

export type CoverPayer = "EMPLOYER" | "BUREAU_POOL";

export type CoverProvider =
  "DAILY_POLICY" | "EMPLOYER_GROUP_POLICY" | "BUREAU_POOL";

export type AccidentCoverInput = {
  provider: CoverProvider;
  insurer?: InputMaybe<Scalars["String"]>;
  policyNumber?: InputMaybe<Scalars["String"]>;
};

export type CoverReason = "RISKY_TRADE" | "PUBLIC_WELFARE";

export type AccidentCover = {
  __typename?: "AccidentCover";
  required: Scalars["Boolean"];
  provider?: Maybe<CoverProvider>;
  payer?: Maybe<CoverPayer>;
  insurer?: Maybe<Scalars["String"]>;
  policyNumber?: Maybe<Scalars["String"]>;
  reasons: Array<CoverReason>;
  riskyTrades: Array<Skill>;
};

export type AccidentPolicy = {
  __typename?: "AccidentPolicy";
  id: Scalars["ID"];
  coveredOn: Scalars["String"];
  insurer: Scalars["String"];
  policyNumber: Scalars["String"];
  payer: CoverPayer;
  issuedAt: Scalars["DateTime"];
};

export type SpecialOperation =
  "ELECTRICAL" | "WELDING_AND_CUTTING" | "WORK_AT_HEIGHT";

export type SkillSource = "SELF_DECLARED" | "CERTIFICATE";

export type CertificateKind =
  "SKILL_LEVEL" | "QUALIFICATION" | "SPECIAL_OPERATION";

export type CertificateVerifier = "STATION_OPERATOR" | "TRAINING_PROVIDER";

export type WorkerCertificate = {
  __typename?: "WorkerCertificate";
  id: Scalars["ID"];
  skill: Skill;
  kind: CertificateKind;
  level?: Maybe<Scalars["Int"]>;
  number: Scalars["String"];
  issuer: Scalars["String"];
  issuedOn: Scalars["String"];
  expiresOn?: Maybe<Scalars["String"]>;
  valid: Scalars["Boolean"];
  verifiedBy: CertificateVerifier;
  verifiedAt: Scalars["DateTime"];
};

export type RecordCertificateInput = {
  workerId: Scalars["ID"];
  skillCode: Scalars["ID"];
  kind: CertificateKind;
  level?: InputMaybe<Scalars["Int"]>;
  number: Scalars["String"];
  issuer: Scalars["String"];
  issuedOn: Scalars["String"];
  expiresOn?: InputMaybe<Scalars["String"]>;
};

export type Account = {
  __typename?: "Account";
  id: Scalars["ID"];
  role: Role;
  phone: Scalars["String"];
  displayName: Scalars["String"];
  worker?: Maybe<Worker>;
  employer?: Maybe<Employer>;
  suspendedAt?: Maybe<Scalars["DateTime"]>;
  locale?: Maybe<Locale>;
};

export type AuthPayload = {
  __typename?: "AuthPayload";
  token: Scalars["String"];
  account: Account;
  expiresAt: Scalars["DateTime"];
  refreshToken: Scalars["String"];
};

export type WorkerSkill = {
  __typename?: "WorkerSkill";
  skill: Skill;
  level: Scalars["Int"];
  levelName: Scalars["String"];
  certified: Scalars["Boolean"];
  source: SkillSource;
  certificate?: Maybe<WorkerCertificate>;
};

export type AvailabilityWindow = {
  __typename?: "AvailabilityWindow";
  startsAt: Scalars["DateTime"];
  endsAt: Scalars["DateTime"];
};

export type AvailabilityInput = {
  startsAt: Scalars["DateTime"];
  endsAt: Scalars["DateTime"];
};

export type WorkerSkillInput = {
  code: Scalars["ID"];
  level: Scalars["Int"];
  certified?: InputMaybe<Scalars["Boolean"]>;
};

export type IdentityStatus =
  "SELF_DECLARED" | "VERIFIED_IN_PERSON" | "VERIFIED_BY_SERVICE";

export type Worker = {
  __typename?: "Worker";
  id: Scalars["ID"];
  name: Scalars["String"];
  idNumberMasked: Scalars["String"];
  identityStatus: IdentityStatus;
  identityVerifiedAt?: Maybe<Scalars["DateTime"]>;
  identityVerifiedAtStation?: Maybe<Station>;
  idNumberLostAt?: Maybe<Scalars["DateTime"]>;
  age: Scalars["Int"];
  skills: Array<WorkerSkill>;
  certificates: Array<WorkerCertificate>;
  homeRegion: Region;
  residenceRegion?: Maybe<Region>;
  travelRadiusKm: Scalars["Int"];
  availability: Array<AvailabilityWindow>;
  laborBrand?: Maybe<Scalars["String"]>;
  reliability: Scalars["Float"];
  location?: Maybe<GeoPoint>;
  priorityGroups: Array<PriorityGroup>;
  reliabilityReport: ReliabilityReport;
  smsOffers: Scalars["Boolean"];
};

export type ReliabilityReport = {
  __typename?: "ReliabilityReport";
  score: Scalars["Float"];
  hiresCounted: Scalars["Int"];
  completed: Scalars["Int"];
  noShows: Scalars["Int"];
  lateCancellations: Scalars["Int"];
  averageStars?: Maybe<Scalars["Float"]>;
  ratingsCounted: Scalars["Int"];
  reasons: Array<Scalars["String"]>;
};

export type Employer = {
  __typename?: "Employer";
  id: Scalars["ID"];
  name: Scalars["String"];
  kind: EmployerKind;
  creditCode: Scalars["String"];
  verified: Scalars["Boolean"];
  region: Region;
  openArrears: Scalars["Int"];
  averageStars?: Maybe<Scalars["Float"]>;
  ratingsCounted: Scalars["Int"];
};

export type Gig = {
  __typename?: "Gig";
  id: Scalars["ID"];
  employer: Employer;
  title: Scalars["String"];
  description: Scalars["String"];
  skills: Array<Skill>;
  headcount: Scalars["Int"];
  filled: Scalars["Int"];
  startsAt: Scalars["DateTime"];
  endsAt: Scalars["DateTime"];
  region: Region;
  address: Scalars["String"];
  location: GeoPoint;
  payFen: Scalars["Int"];
  payUnit: PayUnit;
  payDueDays: Scalars["Int"];
  olderFriendly: Scalars["Boolean"];
  publicWelfare: Scalars["Boolean"];
  accidentCover: AccidentCover;
  instant: Scalars["Boolean"];
  status: GigStatus;
  createdAt: Scalars["DateTime"];
  hourlyFen: Scalars["Int"];
  hoursPerDay?: Maybe<Scalars["Float"]>;
  piecesPerHour?: Maybe<Scalars["Float"]>;
  employerHasArrears: Scalars["Boolean"];
  searchRadiusKm: Scalars["Float"];
  minSkillLevel?: Maybe<Scalars["Int"]>;
  requiresOperationCertificate: Scalars["Boolean"];
  cancelReason?: Maybe<Scalars["String"]>;
  cancelledAt?: Maybe<Scalars["DateTime"]>;
};

export type GigSort = "BEST" | "NEAREST" | "SOONEST" | "HIGHEST_PAY" | "NEWEST";

export type GigSearch = {
  q?: InputMaybe<Scalars["String"]>;
  skills?: InputMaybe<Array<Scalars["ID"]>>;
  regionCode?: InputMaybe<Scalars["ID"]>;
  near?: InputMaybe<NearInput>;
  startsAfter?: InputMaybe<Scalars["DateTime"]>;
  startsBefore?: InputMaybe<Scalars["DateTime"]>;
  minHourlyFen?: InputMaybe<Scalars["Int"]>;
  olderFriendly?: InputMaybe<Scalars["Boolean"]>;
  instant?: InputMaybe<Scalars["Boolean"]>;
  publicWelfare?: InputMaybe<Scalars["Boolean"]>;
  statuses?: InputMaybe<Array<GigStatus>>;
  sort?: InputMaybe<GigSort>;
};

export type FacetCount = {
  __typename?: "FacetCount";
  value: Scalars["String"];
  label: Scalars["String"];
  count: Scalars["Int"];
};

export type GigFacets = {
  __typename?: "GigFacets";
  skills: Array<FacetCount>;
  regions: Array<FacetCount>;
  payUnits: Array<FacetCount>;
};

export type PageInfo = {
  __typename?: "PageInfo";
  hasNextPage: Scalars["Boolean"];
  endCursor?: Maybe<Scalars["String"]>;
};

export type GigEdge = {
  __typename?: "GigEdge";
  cursor: Scalars["String"];
  node: Gig;
  distanceKm?: Maybe<Scalars["Float"]>;
};

export type GigConnection = {
  __typename?: "GigConnection";
  edges: Array<GigEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars["Int"];
  facets: GigFacets;
  degraded: Scalars["Boolean"];
};

export type Candidate = {
  __typename?: "Candidate";
  worker: Worker;
  distanceKm: Scalars["Float"];
  score: Scalars["Float"];
  tier: OfferTier;
};

export type Offer = {
  __typename?: "Offer";
  id: Scalars["ID"];
  gig: Gig;
  status: OfferStatus;
  wave: Scalars["Int"];
  sentAt: Scalars["DateTime"];
  expiresAt: Scalars["DateTime"];
  deliveredAt?: Maybe<Scalars["DateTime"]>;
  respondedAt?: Maybe<Scalars["DateTime"]>;
  distanceKm?: Maybe<Scalars["Float"]>;
  worker: Worker;
  tier: OfferTier;
  score?: Maybe<Scalars["Float"]>;
  crew?: Maybe<Crew>;
  smsStatus?: Maybe<Scalars["String"]>;
};

export type Contract = {
  __typename?: "Contract";
  terms: Scalars["String"];
  hash: Scalars["String"];
  workerAcceptedAt?: Maybe<Scalars["DateTime"]>;
  employerAcceptedAt?: Maybe<Scalars["DateTime"]>;
  version: Scalars["Int"];
  verified: Scalars["Boolean"];
  workerErasedAt?: Maybe<Scalars["DateTime"]>;
};

export type Payment = {
  __typename?: "Payment";
  amountFen: Scalars["Int"];
  dueAt: Scalars["DateTime"];
  paidAt?: Maybe<Scalars["DateTime"]>;
  confirmedByWorkerAt?: Maybe<Scalars["DateTime"]>;
  overdue: Scalars["Boolean"];
  paidFen: Scalars["Int"];
  confirmedFen: Scalars["Int"];
  outstandingFen: Scalars["Int"];
  records: Array<PaymentRecord>;
  arrears?: Maybe<ArrearsCase>;
};

export type PaymentRecord = {
  __typename?: "PaymentRecord";
  id: Scalars["ID"];
  amountFen: Scalars["Int"];
  recordedAt: Scalars["DateTime"];
};

export type ArrearsStatus = "OPEN" | "CLOSED";

export type ArrearsCloseReason = "PAID" | "RESOLVED";

export type ArrearsCase = {
  __typename?: "ArrearsCase";
  id: Scalars["ID"];
  engagement: Engagement;
  employer: Employer;
  worker: Worker;
  owedFen: Scalars["Int"];
  status: ArrearsStatus;
  openedAt: Scalars["DateTime"];
  closedAt?: Maybe<Scalars["DateTime"]>;
  closeReason?: Maybe<ArrearsCloseReason>;
  resolution?: Maybe<Scalars["String"]>;
};

export type CheckIn = {
  __typename?: "CheckIn";
  at: Scalars["DateTime"];
  location?: Maybe<GeoPoint>;
  distanceM?: Maybe<Scalars["Int"]>;
  offSite: Scalars["Boolean"];
  offSiteConfirmedAt?: Maybe<Scalars["DateTime"]>;
  byCode: Scalars["Boolean"];
};

export type FirstCheckIn = {
  __typename?: "FirstCheckIn";
  at: Scalars["DateTime"];
  distanceM?: Maybe<Scalars["Int"]>;
  offSite: Scalars["Boolean"];
};

export type RatingPair = {
  __typename?: "RatingPair";
  byWorker?: Maybe<Rating>;
  byEmployer?: Maybe<Rating>;
};

export type Engagement = {
  __typename?: "Engagement";
  id: Scalars["ID"];
  gig: Gig;
  worker: Worker;
  status: EngagementStatus;
  origin: WorkerOrigin;
  contract: Contract;
  checkedInAt?: Maybe<Scalars["DateTime"]>;
  checkedOutAt?: Maybe<Scalars["DateTime"]>;
  payment: Payment;
  createdAt: Scalars["DateTime"];
  crew?: Maybe<Crew>;
  accidentPolicies: Array<AccidentPolicy>;
  startsAt: Scalars["DateTime"];
  endsAt: Scalars["DateTime"];
  checkIn?: Maybe<CheckIn>;
  firstCheckIn?: Maybe<FirstCheckIn>;
  checkInCode?: Maybe<Scalars["String"]>;
  hoursWorked?: Maybe<Scalars["Float"]>;
  checkedOutAutomatically: Scalars["Boolean"];
  completedAt?: Maybe<Scalars["DateTime"]>;
  noShowAt?: Maybe<Scalars["DateTime"]>;
  cancelledAt?: Maybe<Scalars["DateTime"]>;
  cancelledBy?: Maybe<Scalars["String"]>;
  cancelledLate: Scalars["Boolean"];
  ratings: RatingPair;
  disputes: Array<Dispute>;
  attendance?: Maybe<Attendance>;
};

export type AttendanceStatus =
  "UNCONFIRMED" | "CONFIRMED" | "CONTESTED" | "SETTLED";

export type AttendanceDoubt =
  | "OFF_SITE"
  | "FAR_AWAY"
  | "NO_CHECK_IN"
  | "NO_HOURS"
  | "SHORT_STAY"
  | "NO_CHECK_OUT";

export type AttendanceDecider =
  "RECORD" | "EMPLOYER" | "OPERATOR" | "SILENCE" | "BUREAU";

export type Attendance = {
  __typename?: "Attendance";
  status: AttendanceStatus;
  doubts: Array<AttendanceDoubt>;
  recordedHours: Scalars["Float"];
  settledHours?: Maybe<Scalars["Float"]>;
  answerBy?: Maybe<Scalars["DateTime"]>;
  decidedBy?: Maybe<AttendanceDecider>;
  decidedAt?: Maybe<Scalars["DateTime"]>;
  contestReason?: Maybe<Scalars["String"]>;
};

export type Crew = {
  __typename?: "Crew";
  id: Scalars["ID"];
  name: Scalars["String"];
  leader: Worker;
  members: Array<Worker>;
  invited: Array<Worker>;
};

export type SavedSearch = {
  __typename?: "SavedSearch";
  id: Scalars["ID"];
  name: Scalars["String"];
  search: Scalars["JSON"];
  createdAt: Scalars["DateTime"];
};

export type Application = {
  __typename?: "Application";
  id: Scalars["ID"];
  gig: Gig;
  worker: Worker;
  status: ApplicationStatus;
  createdAt: Scalars["DateTime"];
};

export type DisputeKind = "WAGE" | "WORK" | "CONDUCT" | "OTHER";

export type Dispute = {
  __typename?: "Dispute";
  id: Scalars["ID"];
  engagement: Engagement;
  reason: Scalars["String"];
  status: DisputeStatus;
  resolution?: Maybe<Scalars["String"]>;
  openedAt: Scalars["DateTime"];
  kind: DisputeKind;
  openedBy: Scalars["String"];
  arrears?: Maybe<ArrearsCase>;
  notes: Array<DisputeNote>;
  resolvedAt?: Maybe<Scalars["DateTime"]>;
};

export type DisputeNote = {
  __typename?: "DisputeNote";
  by: Scalars["String"];
  note: Scalars["String"];
  createdAt: Scalars["DateTime"];
};

export type Rating = {
  __typename?: "Rating";
  id: Scalars["ID"];
  stars: Scalars["Int"];
  comment?: Maybe<Scalars["String"]>;
};

export type PrivacyNotice = {
  __typename?: "PrivacyNotice";
  version: Scalars["String"];
  text: Scalars["String"];
};

export type MinimumWage = {
  __typename?: "MinimumWage";
  region: Region;
  hourlyFen: Scalars["Int"];
  effectiveFrom: Scalars["String"];
  source: Scalars["String"];
};

export type AuditEntry = {
  __typename?: "AuditEntry";
  id: Scalars["ID"];
  at: Scalars["DateTime"];
  actor?: Maybe<Account>;
  actorRole: Scalars["String"];
  action: Scalars["String"];
  subjectType: Scalars["String"];
  subjectId: Scalars["ID"];
  details: Scalars["JSON"];
  ip?: Maybe<Scalars["String"]>;
  userAgent?: Maybe<Scalars["String"]>;
};

export type AuditEntryEdge = {
  __typename?: "AuditEntryEdge";
  cursor: Scalars["String"];
  node: AuditEntry;
};

export type AuditEntryConnection = {
  __typename?: "AuditEntryConnection";
  edges: Array<AuditEntryEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars["Int"];
};

export type CreateStaffAccountInput = {
  role: Role;
  phone: Scalars["String"];
  password: Scalars["String"];
  displayName: Scalars["String"];
};

export type StationKind =
  "COUNTY_CENTRE" | "TOWNSHIP_STATION" | "VILLAGE_POINT" | "GIG_MARKET";

export type Station = {
  __typename?: "Station";
  id: Scalars["ID"];
  name: Scalars["String"];
  region: Region;
  location: GeoPoint;
  address: Scalars["String"];
  kind: StationKind;
  openingHours?: Maybe<Scalars["String"]>;
  phone?: Maybe<Scalars["String"]>;
  serviceRadiusKm: Scalars["Float"];
  operators: Array<Account>;
};

export type KioskTokenInfo = {
  __typename?: "KioskTokenInfo";
  id: Scalars["ID"];
  label: Scalars["String"];
  createdAt: Scalars["DateTime"];
  lastSeenAt?: Maybe<Scalars["DateTime"]>;
  revokedAt?: Maybe<Scalars["DateTime"]>;
};

export type KioskToken = {
  __typename?: "KioskToken";
  id: Scalars["ID"];
  station: Station;
  label: Scalars["String"];
  token: Scalars["String"];
};

export type RegionStats = {
  __typename?: "RegionStats";
  region: Region;
  gigsPosted: Scalars["Int"];
  gigsFilled: Scalars["Int"];
  fillRate: Scalars["Float"];
  medianMinutesToFill?: Maybe<Scalars["Float"]>;
  hires: Scalars["Int"];
  wagesPaidFen: Scalars["Int"];
  openArrears: Scalars["Int"];
  olderWorkerHires: Scalars["Int"];
  hiresByOrigin: Array<FacetCount>;
  fromDay: Scalars["String"];
  toDay: Scalars["String"];
  wagesPaidYuan: Scalars["Float"];
  arrearsOpened: Scalars["Int"];
  arrearsClosed: Scalars["Int"];
  olderWorkerShare: Scalars["Float"];
  offersSent: Scalars["Int"];
  olderWorkerOffers: Scalars["Int"];
  olderWorkerOfferShare: Scalars["Float"];
};

export type RegionDayStats = {
  __typename?: "RegionDayStats";
  day: Scalars["String"];
  fromDay: Scalars["String"];
  toDay: Scalars["String"];
  gigsPosted: Scalars["Int"];
  gigsFilled: Scalars["Int"];
  fillRate: Scalars["Float"];
  medianMinutesToFill?: Maybe<Scalars["Float"]>;
  hires: Scalars["Int"];
  wagesPaidFen: Scalars["Int"];
  wagesPaidYuan: Scalars["Float"];
  openArrears: Scalars["Int"];
  arrearsOpened: Scalars["Int"];
  arrearsClosed: Scalars["Int"];
  olderWorkerHires: Scalars["Int"];
  olderWorkerShare: Scalars["Float"];
  hiresByOrigin: Array<FacetCount>;
};

export type TradeStats = {
  __typename?: "TradeStats";
  tradeCode: Scalars["String"];
  skill?: Maybe<Skill>;
  fromDay: Scalars["String"];
  toDay: Scalars["String"];
  gigsPosted: Scalars["Int"];
  gigsFilled: Scalars["Int"];
  fillRate: Scalars["Float"];
  medianMinutesToFill?: Maybe<Scalars["Float"]>;
  hires: Scalars["Int"];
  wagesPaidFen: Scalars["Int"];
  wagesPaidYuan: Scalars["Float"];
  openArrears: Scalars["Int"];
  arrearsOpened: Scalars["Int"];
  arrearsClosed: Scalars["Int"];
  olderWorkerHires: Scalars["Int"];
  olderWorkerShare: Scalars["Float"];
  hiresByOrigin: Array<FacetCount>;
};

export type RegisterWorkerInput = {
  phone?: InputMaybe<Scalars["String"]>;
  password?: InputMaybe<Scalars["String"]>;
  phoneCode?: InputMaybe<Scalars["String"]>;
  name: Scalars["String"];
  idNumber: Scalars["String"];
  homeRegionCode: Scalars["ID"];
  residenceRegionCode?: InputMaybe<Scalars["ID"]>;
  location: GeoPointInput;
  travelRadiusKm: Scalars["Int"];
  skills: Array<WorkerSkillInput>;
  laborBrand?: InputMaybe<Scalars["String"]>;
  priorityGroups?: InputMaybe<Array<PriorityGroup>>;
  trainingWishes?: InputMaybe<Array<Scalars["ID"]>>;
  consentVersion?: InputMaybe<Scalars["String"]>;
  locale?: InputMaybe<Locale>;
};

export type RegisterEmployerInput = {
  phone: Scalars["String"];
  password: Scalars["String"];
  phoneCode?: InputMaybe<Scalars["String"]>;
  name: Scalars["String"];
  kind: EmployerKind;
  creditCode: Scalars["String"];
  regionCode: Scalars["ID"];
  location: GeoPointInput;
  locale?: InputMaybe<Locale>;
};

export type PostGigInput = {
  title: Scalars["String"];
  description: Scalars["String"];
  skills: Array<Scalars["ID"]>;
  headcount: Scalars["Int"];
  startsAt: Scalars["DateTime"];
  endsAt: Scalars["DateTime"];
  regionCode: Scalars["ID"];
  address: Scalars["String"];
  location: GeoPointInput;
  payFen: Scalars["Int"];
  payUnit: PayUnit;
  payDueDays: Scalars["Int"];
  olderFriendly?: InputMaybe<Scalars["Boolean"]>;
  publicWelfare?: InputMaybe<Scalars["Boolean"]>;
  instant?: InputMaybe<Scalars["Boolean"]>;
  searchRadiusKm?: InputMaybe<Scalars["Float"]>;
  hoursPerDay?: InputMaybe<Scalars["Float"]>;
  piecesPerHour?: InputMaybe<Scalars["Float"]>;
  minSkillLevel?: InputMaybe<Scalars["Int"]>;
  accidentCover?: InputMaybe<AccidentCoverInput>;
};

export type CreateStationInput = {
  name: Scalars["String"];
  regionCode: Scalars["ID"];
  location: GeoPointInput;
  address: Scalars["String"];
  kind?: InputMaybe<StationKind>;
  openingHours?: InputMaybe<Scalars["String"]>;
  phone?: InputMaybe<Scalars["String"]>;
  serviceRadiusKm?: InputMaybe<Scalars["Float"]>;
};

export type Query = {
  __typename?: "Query";
  me?: Maybe<Account>;
  skills: Array<Skill>;
  regions: Array<Region>;
  region?: Maybe<Region>;
  gig?: Maybe<Gig>;
  gigs: GigConnection;
  stationBoard: GigConnection;
  stations: Array<Station>;
  kioskTokens: Array<KioskTokenInfo>;
  myGigs: Array<Gig>;
  gigCandidates: Array<Candidate>;
  gigOffers: Array<Offer>;
  gigApplications: Array<Application>;
  myOffers: Array<Offer>;
  myEngagements: Array<Engagement>;
  myRoster: Array<Worker>;
  myCrews: Array<Crew>;
  mySavedSearches: Array<SavedSearch>;
  disputes: Array<Dispute>;
  myDisputes: Array<Dispute>;
  arrearsCases: Array<ArrearsCase>;
  regionStats: RegionStats;
  regionSeries: Array<RegionDayStats>;
  regionBreakdown: Array<RegionStats>;
  regionStatsByTrade: Array<TradeStats>;
  privacyNotice: PrivacyNotice;
  exportMyData: Scalars["JSON"];
  worker?: Maybe<Worker>;
  employers: Array<Employer>;
  auditLog: AuditEntryConnection;
  minimumWages: Array<MinimumWage>;
  courses: CourseConnection;
  course?: Maybe<Course>;
  stationCourses: CourseConnection;
  myTrainingProvider: TrainingProvider;
  myCourses: Array<Course>;
  trainingProviders: Array<TrainingProvider>;
  myEnrolments: Array<Enrolment>;
  myTrainingWishes: Array<TrainingWish>;
  trainingOrders: Array<TrainingOrder>;
  shortageReport: ShortageReport;
  followUpList: FollowUpConnection;
  followUpCounts: Array<FollowUpStationCount>;
  followUpIdleDays: FollowUpIdleDays;
  countyWarnings: Array<CountyWarning>;
  countyWarningHistory: Array<CountyWarning>;
};

export type QueryskillsArgs = {
  q?: InputMaybe<Scalars["String"]>;
  category?: InputMaybe<Scalars["String"]>;
};

export type QueryregionsArgs = {
  parentCode?: InputMaybe<Scalars["ID"]>;
};

export type QueryregionArgs = {
  code: Scalars["ID"];
};

export type QuerygigArgs = {
  id: Scalars["ID"];
};

export type QuerygigsArgs = {
  search?: InputMaybe<GigSearch>;
  first?: InputMaybe<Scalars["Int"]>;
  after?: InputMaybe<Scalars["String"]>;
};

export type QuerystationBoardArgs = {
  search?: InputMaybe<GigSearch>;
  first?: InputMaybe<Scalars["Int"]>;
  after?: InputMaybe<Scalars["String"]>;
  stationId?: InputMaybe<Scalars["ID"]>;
};

export type QuerykioskTokensArgs = {
  stationId: Scalars["ID"];
};

export type QuerygigCandidatesArgs = {
  gigId: Scalars["ID"];
  first?: InputMaybe<Scalars["Int"]>;
};

export type QuerygigOffersArgs = {
  gigId: Scalars["ID"];
};

export type QuerygigApplicationsArgs = {
  gigId: Scalars["ID"];
};

export type QuerymyOffersArgs = {
  status?: InputMaybe<OfferStatus>;
  workerId?: InputMaybe<Scalars["ID"]>;
};

export type QuerymyEngagementsArgs = {
  workerId?: InputMaybe<Scalars["ID"]>;
};

export type QuerydisputesArgs = {
  status?: InputMaybe<DisputeStatus>;
};

export type QuerymyDisputesArgs = {
  workerId?: InputMaybe<Scalars["ID"]>;
};

export type QueryarrearsCasesArgs = {
  status?: InputMaybe<ArrearsStatus>;
  employerId?: InputMaybe<Scalars["ID"]>;
};

export type QueryregionStatsArgs = {
  regionCode: Scalars["ID"];
  from: Scalars["DateTime"];
  to: Scalars["DateTime"];
};

export type QueryregionSeriesArgs = {
  regionCode: Scalars["ID"];
  from: Scalars["DateTime"];
  to: Scalars["DateTime"];
};

export type QueryregionBreakdownArgs = {
  regionCode: Scalars["ID"];
  from: Scalars["DateTime"];
  to: Scalars["DateTime"];
};

export type QueryregionStatsByTradeArgs = {
  regionCode: Scalars["ID"];
  from: Scalars["DateTime"];
  to: Scalars["DateTime"];
};

export type QueryworkerArgs = {
  id: Scalars["ID"];
};

export type QueryemployersArgs = {
  verified?: InputMaybe<Scalars["Boolean"]>;
};

export type QueryauditLogArgs = {
  action?: InputMaybe<Scalars["String"]>;
  subjectType?: InputMaybe<Scalars["String"]>;
  subjectId?: InputMaybe<Scalars["ID"]>;
  actorId?: InputMaybe<Scalars["ID"]>;
  from?: InputMaybe<Scalars["DateTime"]>;
  to?: InputMaybe<Scalars["DateTime"]>;
  first?: InputMaybe<Scalars["Int"]>;
  after?: InputMaybe<Scalars["String"]>;
};

export type QueryminimumWagesArgs = {
  regionCode: Scalars["ID"];
};

export type QuerycoursesArgs = {
  search?: InputMaybe<CourseSearch>;
  first?: InputMaybe<Scalars["Int"]>;
  after?: InputMaybe<Scalars["String"]>;
};

export type QuerycourseArgs = {
  id: Scalars["ID"];
};

export type QuerystationCoursesArgs = {
  search?: InputMaybe<CourseSearch>;
  first?: InputMaybe<Scalars["Int"]>;
  after?: InputMaybe<Scalars["String"]>;
  stationId?: InputMaybe<Scalars["ID"]>;
};

export type QuerytrainingProvidersArgs = {
  verified?: InputMaybe<Scalars["Boolean"]>;
};

export type QuerymyEnrolmentsArgs = {
  workerId?: InputMaybe<Scalars["ID"]>;
};

export type QuerymyTrainingWishesArgs = {
  workerId?: InputMaybe<Scalars["ID"]>;
};

export type QuerytrainingOrdersArgs = {
  status?: InputMaybe<TrainingOrderStatus>;
  regionCode?: InputMaybe<Scalars["ID"]>;
};

export type QueryshortageReportArgs = {
  regionCode: Scalars["ID"];
  from: Scalars["String"];
  to: Scalars["String"];
};

export type QueryfollowUpListArgs = {
  stationId?: InputMaybe<Scalars["ID"]>;
  regionCode?: InputMaybe<Scalars["ID"]>;
  overdueOnly?: InputMaybe<Scalars["Boolean"]>;
  first?: InputMaybe<Scalars["Int"]>;
  after?: InputMaybe<Scalars["String"]>;
};

export type QueryfollowUpCountsArgs = {
  regionCode?: InputMaybe<Scalars["ID"]>;
};

export type QueryfollowUpIdleDaysArgs = {
  regionCode: Scalars["ID"];
};

export type QuerycountyWarningsArgs = {
  regionCode: Scalars["ID"];
  day?: InputMaybe<Scalars["String"]>;
};

export type QuerycountyWarningHistoryArgs = {
  regionCode: Scalars["ID"];
  from: Scalars["String"];
  to: Scalars["String"];
};

export type PhoneCodePurpose =
  "REGISTER" | "PHONE_CHANGE" | "PASSWORD_RESET" | "UNLOCK";

export type PhoneCodeSent = {
  __typename?: "PhoneCodeSent";
  message: Scalars["String"];
  expiresAt: Scalars["DateTime"];
  retryAfter: Scalars["DateTime"];
};

export type Mutation = {
  __typename?: "Mutation";
  requestPhoneCode: PhoneCodeSent;
  resetPassword: AuthPayload;
  unlockSignIn: AuthPayload;
  changePhone: Account;
  registerWorker: AuthPayload;
  registerEmployer: AuthPayload;
  login: AuthPayload;
  setAvailability: Worker;
  verifyEmployer: Employer;
  setMinimumWage: Region;
  postGig: Gig;
  cancelGig: Gig;
  applyToGig: Application;
  decideApplication: Application;
  acceptOffer: Engagement;
  declineOffer: Offer;
  setSmsOffers: Worker;
  addToRoster: Worker;
  removeFromRoster: Scalars["Boolean"];
  createCrew: Crew;
  inviteToCrew: Crew;
  joinCrew: Crew;
  leaveCrew: Scalars["Boolean"];
  offerGigToCrew: Offer;
  acceptCrewOffer: Array<Engagement>;
  saveSearch: SavedSearch;
  deleteSavedSearch: Scalars["Boolean"];
  acceptContract: Engagement;
  arrangeAccidentCover: Array<AccidentPolicy>;
  checkIn: Engagement;
  checkInWithCode: Engagement;
  confirmOffSiteCheckIn: Engagement;
  confirmAttendance: Engagement;
  contestAttendance: Engagement;
  settleAttendance: Engagement;
  checkOut: Engagement;
  cancelEngagement: Engagement;
  markNoShow: Engagement;
  recordPayment: Payment;
  confirmPayment: Payment;
  openDispute: Dispute;
  mediateDispute: Dispute;
  addDisputeNote: Dispute;
  resolveDispute: Dispute;
  resolveArrears: ArrearsCase;
  rate: Rating;
  createStation: Station;
  issueKioskToken: KioskToken;
  registerWalkInWorker: Worker;
  verifyWorkerIdentity: Worker;
  recordWorkerCertificate: WorkerCertificate;
  verifyMyIdentity: Worker;
  assignStationOperator: Station;
  revokeKioskToken: Scalars["Boolean"];
  refreshSession: AuthPayload;
  createStaffAccount: Account;
  deleteMyAccount: Scalars["Boolean"];
  signOut: Scalars["Boolean"];
  changePassword: AuthPayload;
  suspendAccount: Account;
  reinstateAccount: Account;
  setMyLocale: Account;
  registerTrainingProvider: AuthPayload;
  verifyTrainingProvider: TrainingProvider;
  postCourse: Course;
  cancelCourse: Course;
  enrolInCourse: Enrolment;
  withdrawFromCourse: Enrolment;
  recordAttendance: Array<Enrolment>;
  recordCourseResults: Array<Enrolment>;
  setMyTrainingWishes: Array<TrainingWish>;
  placeTrainingOrder: TrainingOrder;
  cancelTrainingOrder: TrainingOrder;
  takeTrainingOrder: TrainingOrder;
  setFollowUpIdleDays: FollowUpIdleDays;
  recordFollowUp: FollowUpContact;
  askForHelp: HelpRequest;
};

export type MutationrequestPhoneCodeArgs = {
  phone: Scalars["String"];
  purpose: PhoneCodePurpose;
};

export type MutationresetPasswordArgs = {
  phone: Scalars["String"];
  code: Scalars["String"];
  newPassword: Scalars["String"];
};

export type MutationunlockSignInArgs = {
  phone: Scalars["String"];
  code: Scalars["String"];
};

export type MutationchangePhoneArgs = {
  newPhone: Scalars["String"];
  code: Scalars["String"];
};

export type MutationregisterWorkerArgs = {
  input: RegisterWorkerInput;
};

export type MutationregisterEmployerArgs = {
  input: RegisterEmployerInput;
};

export type MutationloginArgs = {
  phone: Scalars["String"];
  password: Scalars["String"];
};

export type MutationsetAvailabilityArgs = {
  windows: Array<AvailabilityInput>;
};

export type MutationverifyEmployerArgs = {
  employerId: Scalars["ID"];
};

export type MutationsetMinimumWageArgs = {
  regionCode: Scalars["ID"];
  hourlyFen: Scalars["Int"];
  effectiveFrom?: InputMaybe<Scalars["String"]>;
  source?: InputMaybe<Scalars["String"]>;
};

export type MutationpostGigArgs = {
  input: PostGigInput;
};

export type MutationcancelGigArgs = {
  gigId: Scalars["ID"];
  reason: Scalars["String"];
};

export type MutationapplyToGigArgs = {
  gigId: Scalars["ID"];
  workerId?: InputMaybe<Scalars["ID"]>;
};

export type MutationdecideApplicationArgs = {
  applicationId: Scalars["ID"];
  accept: Scalars["Boolean"];
};

export type MutationacceptOfferArgs = {
  offerId: Scalars["ID"];
};

export type MutationdeclineOfferArgs = {
  offerId: Scalars["ID"];
};

export type MutationsetSmsOffersArgs = {
  workerId?: InputMaybe<Scalars["ID"]>;
  enabled: Scalars["Boolean"];
};

export type MutationaddToRosterArgs = {
  workerId: Scalars["ID"];
};

export type MutationremoveFromRosterArgs = {
  workerId: Scalars["ID"];
};

export type MutationcreateCrewArgs = {
  name: Scalars["String"];
};

export type MutationinviteToCrewArgs = {
  crewId: Scalars["ID"];
  workerId: Scalars["ID"];
};

export type MutationjoinCrewArgs = {
  crewId: Scalars["ID"];
};

export type MutationleaveCrewArgs = {
  crewId: Scalars["ID"];
};

export type MutationofferGigToCrewArgs = {
  gigId: Scalars["ID"];
  crewId: Scalars["ID"];
};

export type MutationacceptCrewOfferArgs = {
  offerId: Scalars["ID"];
  memberIds: Array<Scalars["ID"]>;
};

export type MutationsaveSearchArgs = {
  name: Scalars["String"];
  search: GigSearch;
};

export type MutationdeleteSavedSearchArgs = {
  id: Scalars["ID"];
};

export type MutationacceptContractArgs = {
  engagementId: Scalars["ID"];
};

export type MutationarrangeAccidentCoverArgs = {
  engagementId: Scalars["ID"];
};

export type MutationcheckInArgs = {
  engagementId: Scalars["ID"];
  at: GeoPointInput;
};

export type MutationcheckInWithCodeArgs = {
  engagementId: Scalars["ID"];
  code: Scalars["String"];
};

export type MutationconfirmOffSiteCheckInArgs = {
  engagementId: Scalars["ID"];
};

export type MutationconfirmAttendanceArgs = {
  engagementId: Scalars["ID"];
  workedHours?: InputMaybe<Scalars["Float"]>;
};

export type MutationcontestAttendanceArgs = {
  engagementId: Scalars["ID"];
  reason: Scalars["String"];
};

export type MutationsettleAttendanceArgs = {
  engagementId: Scalars["ID"];
  workedHours: Scalars["Float"];
  note: Scalars["String"];
};

export type MutationcheckOutArgs = {
  engagementId: Scalars["ID"];
};

export type MutationcancelEngagementArgs = {
  engagementId: Scalars["ID"];
  reason: Scalars["String"];
};

export type MutationmarkNoShowArgs = {
  engagementId: Scalars["ID"];
};

export type MutationrecordPaymentArgs = {
  engagementId: Scalars["ID"];
  amountFen: Scalars["Int"];
};

export type MutationconfirmPaymentArgs = {
  engagementId: Scalars["ID"];
};

export type MutationopenDisputeArgs = {
  engagementId: Scalars["ID"];
  reason: Scalars["String"];
  kind?: InputMaybe<DisputeKind>;
};

export type MutationmediateDisputeArgs = {
  disputeId: Scalars["ID"];
  note: Scalars["String"];
};

export type MutationaddDisputeNoteArgs = {
  disputeId: Scalars["ID"];
  note: Scalars["String"];
};

export type MutationresolveDisputeArgs = {
  disputeId: Scalars["ID"];
  resolution: Scalars["String"];
};

export type MutationresolveArrearsArgs = {
  caseId: Scalars["ID"];
  resolution: Scalars["String"];
};

export type MutationrateArgs = {
  engagementId: Scalars["ID"];
  stars: Scalars["Int"];
  comment?: InputMaybe<Scalars["String"]>;
};

export type MutationcreateStationArgs = {
  input: CreateStationInput;
};

export type MutationissueKioskTokenArgs = {
  stationId: Scalars["ID"];
  label: Scalars["String"];
};

export type MutationregisterWalkInWorkerArgs = {
  input: RegisterWorkerInput;
  stationId?: InputMaybe<Scalars["ID"]>;
};

export type MutationverifyWorkerIdentityArgs = {
  workerId: Scalars["ID"];
  idNumber: Scalars["String"];
  name: Scalars["String"];
  stationId?: InputMaybe<Scalars["ID"]>;
};

export type MutationrecordWorkerCertificateArgs = {
  input: RecordCertificateInput;
  stationId?: InputMaybe<Scalars["ID"]>;
};

export type MutationassignStationOperatorArgs = {
  stationId: Scalars["ID"];
  accountId: Scalars["ID"];
};

export type MutationrevokeKioskTokenArgs = {
  id: Scalars["ID"];
};

export type MutationrefreshSessionArgs = {
  refreshToken: Scalars["String"];
};

export type MutationcreateStaffAccountArgs = {
  input: CreateStaffAccountInput;
};

export type MutationdeleteMyAccountArgs = {
  password: Scalars["String"];
};

export type MutationsignOutArgs = {
  allDevices?: InputMaybe<Scalars["Boolean"]>;
};

export type MutationchangePasswordArgs = {
  currentPassword: Scalars["String"];
  newPassword: Scalars["String"];
};

export type MutationsuspendAccountArgs = {
  accountId: Scalars["ID"];
  reason: Scalars["String"];
};

export type MutationreinstateAccountArgs = {
  accountId: Scalars["ID"];
};

export type MutationsetMyLocaleArgs = {
  locale: Locale;
};

export type MutationregisterTrainingProviderArgs = {
  input: RegisterTrainingProviderInput;
};

export type MutationverifyTrainingProviderArgs = {
  providerId: Scalars["ID"];
};

export type MutationpostCourseArgs = {
  input: PostCourseInput;
};

export type MutationcancelCourseArgs = {
  courseId: Scalars["ID"];
  reason: Scalars["String"];
};

export type MutationenrolInCourseArgs = {
  courseId: Scalars["ID"];
  workerId?: InputMaybe<Scalars["ID"]>;
};

export type MutationwithdrawFromCourseArgs = {
  enrolmentId: Scalars["ID"];
};

export type MutationrecordAttendanceArgs = {
  courseId: Scalars["ID"];
  day: Scalars["String"];
  entries: Array<AttendanceInput>;
};

export type MutationrecordCourseResultsArgs = {
  courseId: Scalars["ID"];
  results: Array<CourseResultInput>;
};

export type MutationsetMyTrainingWishesArgs = {
  skillCodes: Array<Scalars["ID"]>;
  workerId?: InputMaybe<Scalars["ID"]>;
};

export type MutationplaceTrainingOrderArgs = {
  input: PlaceTrainingOrderInput;
};

export type MutationcancelTrainingOrderArgs = {
  orderId: Scalars["ID"];
};

export type MutationtakeTrainingOrderArgs = {
  orderId: Scalars["ID"];
};

export type MutationsetFollowUpIdleDaysArgs = {
  regionCode: Scalars["ID"];
  days?: InputMaybe<Scalars["Int"]>;
};

export type MutationrecordFollowUpArgs = {
  input: RecordFollowUpInput;
};

export type MutationaskForHelpArgs = {
  note?: InputMaybe<Scalars["String"]>;
};

export type TeachingLanguage = "MANDARIN" | "DIALECT" | "BILINGUAL";

export type CourseStatus = "OPEN" | "CANCELLED" | "COMPLETED";

export type CourseCertificate = "SKILL_LEVEL" | "SPECIAL_OPERATION";

export type EnrolmentStatus = "ENROLLED" | "WITHDRAWN" | "PASSED" | "FAILED";

export type TrainingWishSource = "SELF" | "REGISTRATION" | "OPERATOR";

export type TrainingOrderStatus = "OPEN" | "TAKEN" | "FULFILLED" | "CANCELLED";

export type TrainingProvider = {
  __typename?: "TrainingProvider";
  id: Scalars["ID"];
  name: Scalars["String"];
  creditCode: Scalars["String"];
  verified: Scalars["Boolean"];
  region: Region;
  location: GeoPoint;
};

export type Course = {
  __typename?: "Course";
  id: Scalars["ID"];
  provider: TrainingProvider;
  title: Scalars["String"];
  description: Scalars["String"];
  skill: Skill;
  targetLevel?: Maybe<Scalars["Int"]>;
  certificate?: Maybe<CourseCertificate>;
  subsidised: Scalars["Boolean"];
  subsidySource?: Maybe<Scalars["String"]>;
  feeFen: Scalars["Int"];
  startsOn: Scalars["String"];
  endsOn: Scalars["String"];
  hours: Scalars["Int"];
  enrolBy: Scalars["String"];
  region: Region;
  address: Scalars["String"];
  location: GeoPoint;
  seats: Scalars["Int"];
  enrolled: Scalars["Int"];
  seatsLeft: Scalars["Int"];
  language: TeachingLanguage;
  status: CourseStatus;
  order?: Maybe<TrainingOrder>;
  enrolments: Array<Enrolment>;
};

export type CourseFacets = {
  __typename?: "CourseFacets";
  skills: Array<FacetCount>;
  regions: Array<FacetCount>;
  subsidised: Array<FacetCount>;
};

export type CourseEdge = {
  __typename?: "CourseEdge";
  cursor: Scalars["String"];
  node: Course;
  distanceKm?: Maybe<Scalars["Float"]>;
};

export type CourseConnection = {
  __typename?: "CourseConnection";
  edges: Array<CourseEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars["Int"];
  facets: CourseFacets;
  degraded: Scalars["Boolean"];
};

export type CourseSort = "RELEVANCE" | "NEAREST" | "SOONEST";

export type CourseSearch = {
  q?: InputMaybe<Scalars["String"]>;
  skills?: InputMaybe<Array<Scalars["ID"]>>;
  regionCode?: InputMaybe<Scalars["ID"]>;
  near?: InputMaybe<NearInput>;
  startsFrom?: InputMaybe<Scalars["String"]>;
  startsTo?: InputMaybe<Scalars["String"]>;
  subsidised?: InputMaybe<Scalars["Boolean"]>;
  hasSeats?: InputMaybe<Scalars["Boolean"]>;
  statuses?: InputMaybe<Array<CourseStatus>>;
  sort?: InputMaybe<CourseSort>;
};

export type AttendanceDay = {
  __typename?: "AttendanceDay";
  day: Scalars["String"];
  present: Scalars["Boolean"];
};

export type Enrolment = {
  __typename?: "Enrolment";
  id: Scalars["ID"];
  course: Course;
  worker: Worker;
  status: EnrolmentStatus;
  enrolledAt: Scalars["DateTime"];
  attendance: Array<AttendanceDay>;
  daysPresent: Scalars["Int"];
  score?: Maybe<Scalars["Int"]>;
  certificate?: Maybe<WorkerCertificate>;
};

export type TrainingWish = {
  __typename?: "TrainingWish";
  skill: Skill;
  source: TrainingWishSource;
  createdAt: Scalars["DateTime"];
};

export type TrainingOrderProgress = {
  __typename?: "TrainingOrderProgress";
  enrolled: Scalars["Int"];
  passed: Scalars["Int"];
  failed: Scalars["Int"];
  onRoster: Scalars["Int"];
};

export type TrainingOrder = {
  __typename?: "TrainingOrder";
  id: Scalars["ID"];
  employer: Employer;
  skill: Skill;
  targetLevel?: Maybe<Scalars["Int"]>;
  headcount: Scalars["Int"];
  dueOn: Scalars["String"];
  region: Region;
  priorityDays: Scalars["Int"];
  note?: Maybe<Scalars["String"]>;
  status: TrainingOrderStatus;
  provider?: Maybe<TrainingProvider>;
  course?: Maybe<Course>;
  progress: TrainingOrderProgress;
};

export type ShortageRow = {
  __typename?: "ShortageRow";
  region: Region;
  skill: Skill;
  seatsPosted: Scalars["Int"];
  seatsUnfilled: Scalars["Int"];
  medianHoursToFill?: Maybe<Scalars["Float"]>;
  workersAvailable: Scalars["Int"];
  workersMatching: Scalars["Int"];
  certifiedHolders: Scalars["Int"];
  trainingWishes: Scalars["Int"];
  courseSeatsComing: Scalars["Int"];
  shortageIndex: Scalars["Float"];
  rank: Scalars["Int"];
};

export type ShortageReport = {
  __typename?: "ShortageReport";
  from: Scalars["String"];
  to: Scalars["String"];
  rows: Array<ShortageRow>;
};

export type RegisterTrainingProviderInput = {
  phone: Scalars["String"];
  password: Scalars["String"];
  phoneCode: Scalars["String"];
  name: Scalars["String"];
  creditCode: Scalars["String"];
  regionCode: Scalars["ID"];
  location: GeoPointInput;
  locale?: InputMaybe<Locale>;
};

export type PostCourseInput = {
  title: Scalars["String"];
  description: Scalars["String"];
  skillCode: Scalars["ID"];
  targetLevel?: InputMaybe<Scalars["Int"]>;
  certificate?: InputMaybe<CourseCertificate>;
  subsidised: Scalars["Boolean"];
  subsidySource?: InputMaybe<Scalars["String"]>;
  feeFen: Scalars["Int"];
  startsOn: Scalars["String"];
  endsOn: Scalars["String"];
  hours: Scalars["Int"];
  enrolBy?: InputMaybe<Scalars["String"]>;
  regionCode: Scalars["ID"];
  address: Scalars["String"];
  location: GeoPointInput;
  seats: Scalars["Int"];
  language: TeachingLanguage;
  orderId?: InputMaybe<Scalars["ID"]>;
};

export type AttendanceInput = {
  enrolmentId: Scalars["ID"];
  present: Scalars["Boolean"];
};

export type CourseResultInput = {
  enrolmentId: Scalars["ID"];
  passed: Scalars["Boolean"];
  score: Scalars["Int"];
  certificateNumber?: InputMaybe<Scalars["String"]>;
};

export type PlaceTrainingOrderInput = {
  skillCode: Scalars["ID"];
  targetLevel?: InputMaybe<Scalars["Int"]>;
  headcount: Scalars["Int"];
  dueOn: Scalars["String"];
  regionCode: Scalars["ID"];
  priorityDays: Scalars["Int"];
  note?: InputMaybe<Scalars["String"]>;
};

export type FollowUpChannel = "CALL" | "VISIT" | "AT_STATION";

export type FollowUpOutcome =
  | "NOT_REACHED"
  | "TOOK_OFFER"
  | "CONSIDERING"
  | "DECLINED"
  | "NEEDS_OTHER_HELP"
  | "FOUND_WORK_ELSEWHERE";

export type FollowUpReason = "PRIORITY_GROUP" | "ASKED_FOR_HELP";

export type FollowUpEntry = {
  __typename?: "FollowUpEntry";
  workerId: Scalars["ID"];
  name: Scalars["String"];
  priorityGroups: Array<PriorityGroup>;
  reasons: Array<FollowUpReason>;
  regionCode: Scalars["ID"];
  stationId?: Maybe<Scalars["ID"]>;
  stationName?: Maybe<Scalars["String"]>;
  idleSince: Scalars["DateTime"];
  idleDays: Scalars["Int"];
  thresholdDays: Scalars["Int"];
  askedForHelpAt?: Maybe<Scalars["DateTime"]>;
  lastContact?: Maybe<FollowUpContact>;
  onListSince: Scalars["DateTime"];
  nextOn?: Maybe<Scalars["String"]>;
  dueOn?: Maybe<Scalars["String"]>;
  overdue: Scalars["Boolean"];
};

export type FollowUpEdge = {
  __typename?: "FollowUpEdge";
  cursor: Scalars["String"];
  node: FollowUpEntry;
};

export type FollowUpConnection = {
  __typename?: "FollowUpConnection";
  edges: Array<FollowUpEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars["Int"];
  overdueCount: Scalars["Int"];
};

export type FollowUpStationCount = {
  __typename?: "FollowUpStationCount";
  stationId?: Maybe<Scalars["ID"]>;
  stationName?: Maybe<Scalars["String"]>;
  onList: Scalars["Int"];
  overdue: Scalars["Int"];
};

export type FollowUpContact = {
  __typename?: "FollowUpContact";
  id: Scalars["ID"];
  workerId: Scalars["ID"];
  stationId?: Maybe<Scalars["ID"]>;
  recordedById: Scalars["ID"];
  channel: FollowUpChannel;
  contactedAt: Scalars["DateTime"];
  offeredGigIds: Array<Scalars["ID"]>;
  offeredCourseIds: Array<Scalars["ID"]>;
  outcome: FollowUpOutcome;
  note?: Maybe<Scalars["String"]>;
  nextOn?: Maybe<Scalars["String"]>;
};

export type FollowUpIdleDays = {
  __typename?: "FollowUpIdleDays";
  regionCode: Scalars["ID"];
  days: Scalars["Int"];
  setForRegionCode?: Maybe<Scalars["ID"]>;
  ownDays?: Maybe<Scalars["Int"]>;
};

export type HelpRequest = {
  __typename?: "HelpRequest";
  id: Scalars["ID"];
  askedAt: Scalars["DateTime"];
  note?: Maybe<Scalars["String"]>;
};

export type RecordFollowUpInput = {
  workerId: Scalars["ID"];
  channel: FollowUpChannel;
  outcome: FollowUpOutcome;
  contactedAt?: InputMaybe<Scalars["DateTime"]>;
  offeredGigIds?: InputMaybe<Array<Scalars["ID"]>>;
  offeredCourseIds?: InputMaybe<Array<Scalars["ID"]>>;
  note?: InputMaybe<Scalars["String"]>;
  nextOn?: InputMaybe<Scalars["String"]>;
};

export type WarningLevel = "BLUE" | "YELLOW" | "ORANGE" | "RED";

export type WarningIndicator =
  | "SEEKERS_PER_SEAT"
  | "POSTINGS_DROP"
  | "HIRES_DROP"
  | "UNMATCHED_7D"
  | "MASS_CANCELLATION";

export type CountyWarning = {
  __typename?: "CountyWarning";
  region: Region;
  day: Scalars["String"];
  level: WarningLevel;
  previousLevel?: Maybe<WarningLevel>;
  reasons: Array<WarningIndicator>;
  seekers: Scalars["Int"];
  openSeats: Scalars["Int"];
  seekersPerSeat: Scalars["Float"];
  postings: Scalars["Int"];
  postingsBefore: Scalars["Int"];
  hires: Scalars["Int"];
  hiresBefore: Scalars["Int"];
  unmatched7d: Scalars["Int"];
  massCancellations: Scalars["Int"];
  massCancelEmployer?: Maybe<Employer>;
  computedAt: Scalars["DateTime"];
};

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = {}, TContext = {}, TArgs = {}> =
  | ResolverFn<TResult, TParent, TContext, TArgs>
  | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo,
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo,
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<
  TResult,
  TKey extends string,
  TParent,
  TContext,
  TArgs,
> {
  subscribe: SubscriptionSubscribeFn<
    { [key in TKey]: TResult },
    TParent,
    TContext,
    TArgs
  >;
  resolve?: SubscriptionResolveFn<
    TResult,
    { [key in TKey]: TResult },
    TContext,
    TArgs
  >;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<
  TResult,
  TKey extends string,
  TParent,
  TContext,
  TArgs,
> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<
  TResult,
  TKey extends string,
  TParent = {},
  TContext = {},
  TArgs = {},
> =
  | ((
      ...args: any[]
    ) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = {}, TContext = {}> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo,
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = {}, TContext = {}> = (
  obj: T,
  context: TContext,
  info: GraphQLResolveInfo,
) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<
  TResult = {},
  TParent = {},
  TContext = {},
  TArgs = {},
> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo,
) => TResult | Promise<TResult>;

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  DateTime: ResolverTypeWrapper<Scalars["DateTime"]>;
  JSON: ResolverTypeWrapper<Scalars["JSON"]>;
  Access: Access;
  Role: Role;
  Locale: Locale;
  PayUnit: PayUnit;
  GigStatus: GigStatus;
  OfferStatus: OfferStatus;
  OfferTier: OfferTier;
  EngagementStatus: EngagementStatus;
  ApplicationStatus: ApplicationStatus;
  PriorityGroup: PriorityGroup;
  WorkerOrigin: WorkerOrigin;
  EmployerKind: EmployerKind;
  DisputeStatus: DisputeStatus;
  GeoPoint: ResolverTypeWrapper<GeoPoint>;
  Float: ResolverTypeWrapper<Scalars["Float"]>;
  GeoPointInput: GeoPointInput;
  NearInput: NearInput;
  Region: ResolverTypeWrapper<RegionRecord>;
  ID: ResolverTypeWrapper<Scalars["ID"]>;
  String: ResolverTypeWrapper<Scalars["String"]>;
  Int: ResolverTypeWrapper<Scalars["Int"]>;
  Skill: ResolverTypeWrapper<SkillRecord>;
  Boolean: ResolverTypeWrapper<Scalars["Boolean"]>;
  CoverPayer: CoverPayer;
  CoverProvider: CoverProvider;
  AccidentCoverInput: AccidentCoverInput;
  CoverReason: CoverReason;
  AccidentCover: ResolverTypeWrapper<
    Omit<AccidentCover, "riskyTrades"> & {
      riskyTrades: Array<ResolversTypes["Skill"]>;
    }
  >;
  AccidentPolicy: ResolverTypeWrapper<AccidentPolicyRecord>;
  SpecialOperation: SpecialOperation;
  SkillSource: SkillSource;
  CertificateKind: CertificateKind;
  CertificateVerifier: CertificateVerifier;
  WorkerCertificate: ResolverTypeWrapper<CertificateRecord>;
  RecordCertificateInput: RecordCertificateInput;
  Account: ResolverTypeWrapper<AccountRecord>;
  AuthPayload: ResolverTypeWrapper<
    Omit<AuthPayload, "account"> & { account: ResolversTypes["Account"] }
  >;
  WorkerSkill: ResolverTypeWrapper<
    Omit<WorkerSkill, "skill" | "certificate"> & {
      skill: ResolversTypes["Skill"];
      certificate?: Maybe<ResolversTypes["WorkerCertificate"]>;
    }
  >;
  AvailabilityWindow: ResolverTypeWrapper<AvailabilityWindow>;
  AvailabilityInput: AvailabilityInput;
  WorkerSkillInput: WorkerSkillInput;
  IdentityStatus: IdentityStatus;
  Worker: ResolverTypeWrapper<WorkerRecord>;
  ReliabilityReport: ResolverTypeWrapper<ReliabilityReport>;
  Employer: ResolverTypeWrapper<EmployerRecord>;
  Gig: ResolverTypeWrapper<GigRecord>;
  GigSort: GigSort;
  GigSearch: GigSearch;
  FacetCount: ResolverTypeWrapper<FacetCount>;
  GigFacets: ResolverTypeWrapper<GigFacets>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  GigEdge: ResolverTypeWrapper<
    Omit<GigEdge, "node"> & { node: ResolversTypes["Gig"] }
  >;
  GigConnection: ResolverTypeWrapper<GigPage>;
  Candidate: ResolverTypeWrapper<CandidateMatch>;
  Offer: ResolverTypeWrapper<OfferRecord>;
  Contract: ResolverTypeWrapper<Contract>;
  Payment: ResolverTypeWrapper<PaymentView>;
  PaymentRecord: ResolverTypeWrapper<PaymentEntry>;
  ArrearsStatus: ArrearsStatus;
  ArrearsCloseReason: ArrearsCloseReason;
  ArrearsCase: ResolverTypeWrapper<ArrearsRecord>;
  CheckIn: ResolverTypeWrapper<CheckIn>;
  FirstCheckIn: ResolverTypeWrapper<FirstCheckIn>;
  RatingPair: ResolverTypeWrapper<
    Omit<RatingPair, "byWorker" | "byEmployer"> & {
      byWorker?: Maybe<ResolversTypes["Rating"]>;
      byEmployer?: Maybe<ResolversTypes["Rating"]>;
    }
  >;
  Engagement: ResolverTypeWrapper<EngagementRecord>;
  AttendanceStatus: AttendanceStatus;
  AttendanceDoubt: AttendanceDoubt;
  AttendanceDecider: AttendanceDecider;
  Attendance: ResolverTypeWrapper<Attendance>;
  Crew: ResolverTypeWrapper<CrewRecord>;
  SavedSearch: ResolverTypeWrapper<SavedSearchRecord>;
  Application: ResolverTypeWrapper<ApplicationRecord>;
  DisputeKind: DisputeKind;
  Dispute: ResolverTypeWrapper<DisputeRecord>;
  DisputeNote: ResolverTypeWrapper<DisputeNoteView>;
  Rating: ResolverTypeWrapper<RatingRecord>;
  PrivacyNotice: ResolverTypeWrapper<PrivacyNotice>;
  MinimumWage: ResolverTypeWrapper<MinimumWageRecord>;
  AuditEntry: ResolverTypeWrapper<AuditRecord>;
  AuditEntryEdge: ResolverTypeWrapper<
    Omit<AuditEntryEdge, "node"> & { node: ResolversTypes["AuditEntry"] }
  >;
  AuditEntryConnection: ResolverTypeWrapper<AuditPage>;
  CreateStaffAccountInput: CreateStaffAccountInput;
  StationKind: StationKind;
  Station: ResolverTypeWrapper<StationRecord>;
  KioskTokenInfo: ResolverTypeWrapper<KioskTokenRecord>;
  KioskToken: ResolverTypeWrapper<
    Omit<KioskToken, "station"> & { station: ResolversTypes["Station"] }
  >;
  RegionStats: ResolverTypeWrapper<RegionStatsView>;
  RegionDayStats: ResolverTypeWrapper<DayStatsView>;
  TradeStats: ResolverTypeWrapper<TradeStatsView>;
  RegisterWorkerInput: RegisterWorkerInput;
  RegisterEmployerInput: RegisterEmployerInput;
  PostGigInput: PostGigInput;
  CreateStationInput: CreateStationInput;
  Query: ResolverTypeWrapper<{}>;
  PhoneCodePurpose: PhoneCodePurpose;
  PhoneCodeSent: ResolverTypeWrapper<PhoneCodeSent>;
  Mutation: ResolverTypeWrapper<{}>;
  TeachingLanguage: TeachingLanguage;
  CourseStatus: CourseStatus;
  CourseCertificate: CourseCertificate;
  EnrolmentStatus: EnrolmentStatus;
  TrainingWishSource: TrainingWishSource;
  TrainingOrderStatus: TrainingOrderStatus;
  TrainingProvider: ResolverTypeWrapper<TrainingProviderRecord>;
  Course: ResolverTypeWrapper<CourseRecord>;
  CourseFacets: ResolverTypeWrapper<CourseFacets>;
  CourseEdge: ResolverTypeWrapper<
    Omit<CourseEdge, "node"> & { node: ResolversTypes["Course"] }
  >;
  CourseConnection: ResolverTypeWrapper<CoursePage>;
  CourseSort: CourseSort;
  CourseSearch: CourseSearch;
  AttendanceDay: ResolverTypeWrapper<AttendanceDay>;
  Enrolment: ResolverTypeWrapper<CourseEnrolmentRecord>;
  TrainingWish: ResolverTypeWrapper<
    Omit<TrainingWish, "skill"> & { skill: ResolversTypes["Skill"] }
  >;
  TrainingOrderProgress: ResolverTypeWrapper<TrainingOrderProgress>;
  TrainingOrder: ResolverTypeWrapper<TrainingOrderRecord>;
  ShortageRow: ResolverTypeWrapper<
    Omit<ShortageRow, "region" | "skill"> & {
      region: ResolversTypes["Region"];
      skill: ResolversTypes["Skill"];
    }
  >;
  ShortageReport: ResolverTypeWrapper<
    Omit<ShortageReport, "rows"> & {
      rows: Array<ResolversTypes["ShortageRow"]>;
    }
  >;
  RegisterTrainingProviderInput: RegisterTrainingProviderInput;
  PostCourseInput: PostCourseInput;
  AttendanceInput: AttendanceInput;
  CourseResultInput: CourseResultInput;
  PlaceTrainingOrderInput: PlaceTrainingOrderInput;
  FollowUpChannel: FollowUpChannel;
  FollowUpOutcome: FollowUpOutcome;
  FollowUpReason: FollowUpReason;
  FollowUpEntry: ResolverTypeWrapper<FollowUpEntryView>;
  FollowUpEdge: ResolverTypeWrapper<
    Omit<FollowUpEdge, "node"> & { node: ResolversTypes["FollowUpEntry"] }
  >;
  FollowUpConnection: ResolverTypeWrapper<FollowUpPage>;
  FollowUpStationCount: ResolverTypeWrapper<FollowUpStationCount>;
  FollowUpContact: ResolverTypeWrapper<FollowUpContactRecord>;
  FollowUpIdleDays: ResolverTypeWrapper<FollowUpIdleDays>;
  HelpRequest: ResolverTypeWrapper<HelpRequestRecord>;
  RecordFollowUpInput: RecordFollowUpInput;
  WarningLevel: WarningLevel;
  WarningIndicator: WarningIndicator;
  CountyWarning: ResolverTypeWrapper<WarningView>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  DateTime: Scalars["DateTime"];
  JSON: Scalars["JSON"];
  GeoPoint: GeoPoint;
  Float: Scalars["Float"];
  GeoPointInput: GeoPointInput;
  NearInput: NearInput;
  Region: RegionRecord;
  ID: Scalars["ID"];
  String: Scalars["String"];
  Int: Scalars["Int"];
  Skill: SkillRecord;
  Boolean: Scalars["Boolean"];
  AccidentCoverInput: AccidentCoverInput;
  AccidentCover: Omit<AccidentCover, "riskyTrades"> & {
    riskyTrades: Array<ResolversParentTypes["Skill"]>;
  };
  AccidentPolicy: AccidentPolicyRecord;
  WorkerCertificate: CertificateRecord;
  RecordCertificateInput: RecordCertificateInput;
  Account: AccountRecord;
  AuthPayload: Omit<AuthPayload, "account"> & {
    account: ResolversParentTypes["Account"];
  };
  WorkerSkill: Omit<WorkerSkill, "skill" | "certificate"> & {
    skill: ResolversParentTypes["Skill"];
    certificate?: Maybe<ResolversParentTypes["WorkerCertificate"]>;
  };
  AvailabilityWindow: AvailabilityWindow;
  AvailabilityInput: AvailabilityInput;
  WorkerSkillInput: WorkerSkillInput;
  Worker: WorkerRecord;
  ReliabilityReport: ReliabilityReport;
  Employer: EmployerRecord;
  Gig: GigRecord;
  GigSearch: GigSearch;
  FacetCount: FacetCount;
  GigFacets: GigFacets;
  PageInfo: PageInfo;
  GigEdge: Omit<GigEdge, "node"> & { node: ResolversParentTypes["Gig"] };
  GigConnection: GigPage;
  Candidate: CandidateMatch;
  Offer: OfferRecord;
  Contract: Contract;
  Payment: PaymentView;
  PaymentRecord: PaymentEntry;
  ArrearsCase: ArrearsRecord;
  CheckIn: CheckIn;
  FirstCheckIn: FirstCheckIn;
  RatingPair: Omit<RatingPair, "byWorker" | "byEmployer"> & {
    byWorker?: Maybe<ResolversParentTypes["Rating"]>;
    byEmployer?: Maybe<ResolversParentTypes["Rating"]>;
  };
  Engagement: EngagementRecord;
  Attendance: Attendance;
  Crew: CrewRecord;
  SavedSearch: SavedSearchRecord;
  Application: ApplicationRecord;
  Dispute: DisputeRecord;
  DisputeNote: DisputeNoteView;
  Rating: RatingRecord;
  PrivacyNotice: PrivacyNotice;
  MinimumWage: MinimumWageRecord;
  AuditEntry: AuditRecord;
  AuditEntryEdge: Omit<AuditEntryEdge, "node"> & {
    node: ResolversParentTypes["AuditEntry"];
  };
  AuditEntryConnection: AuditPage;
  CreateStaffAccountInput: CreateStaffAccountInput;
  Station: StationRecord;
  KioskTokenInfo: KioskTokenRecord;
  KioskToken: Omit<KioskToken, "station"> & {
    station: ResolversParentTypes["Station"];
  };
  RegionStats: RegionStatsView;
  RegionDayStats: DayStatsView;
  TradeStats: TradeStatsView;
  RegisterWorkerInput: RegisterWorkerInput;
  RegisterEmployerInput: RegisterEmployerInput;
  PostGigInput: PostGigInput;
  CreateStationInput: CreateStationInput;
  Query: {};
  PhoneCodeSent: PhoneCodeSent;
  Mutation: {};
  TrainingProvider: TrainingProviderRecord;
  Course: CourseRecord;
  CourseFacets: CourseFacets;
  CourseEdge: Omit<CourseEdge, "node"> & {
    node: ResolversParentTypes["Course"];
  };
  CourseConnection: CoursePage;
  CourseSearch: CourseSearch;
  AttendanceDay: AttendanceDay;
  Enrolment: CourseEnrolmentRecord;
  TrainingWish: Omit<TrainingWish, "skill"> & {
    skill: ResolversParentTypes["Skill"];
  };
  TrainingOrderProgress: TrainingOrderProgress;
  TrainingOrder: TrainingOrderRecord;
  ShortageRow: Omit<ShortageRow, "region" | "skill"> & {
    region: ResolversParentTypes["Region"];
    skill: ResolversParentTypes["Skill"];
  };
  ShortageReport: Omit<ShortageReport, "rows"> & {
    rows: Array<ResolversParentTypes["ShortageRow"]>;
  };
  RegisterTrainingProviderInput: RegisterTrainingProviderInput;
  PostCourseInput: PostCourseInput;
  AttendanceInput: AttendanceInput;
  CourseResultInput: CourseResultInput;
  PlaceTrainingOrderInput: PlaceTrainingOrderInput;
  FollowUpEntry: FollowUpEntryView;
  FollowUpEdge: Omit<FollowUpEdge, "node"> & {
    node: ResolversParentTypes["FollowUpEntry"];
  };
  FollowUpConnection: FollowUpPage;
  FollowUpStationCount: FollowUpStationCount;
  FollowUpContact: FollowUpContactRecord;
  FollowUpIdleDays: FollowUpIdleDays;
  HelpRequest: HelpRequestRecord;
  RecordFollowUpInput: RecordFollowUpInput;
  CountyWarning: WarningView;
};

export type authDirectiveArgs = {
  requires: Array<Access>;
};

export type authDirectiveResolver<
  Result,
  Parent,
  ContextType = MercuriusContext,
  Args = authDirectiveArgs,
> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<
  ResolversTypes["DateTime"],
  any
> {
  name: "DateTime";
}

export interface JSONScalarConfig extends GraphQLScalarTypeConfig<
  ResolversTypes["JSON"],
  any
> {
  name: "JSON";
}

export type GeoPointResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["GeoPoint"] =
    ResolversParentTypes["GeoPoint"],
> = {
  lat?: Resolver<ResolversTypes["Float"], ParentType, ContextType>;
  lng?: Resolver<ResolversTypes["Float"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type RegionResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["Region"] =
    ResolversParentTypes["Region"],
> = {
  code?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  name?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  level?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  parentCode?: Resolver<Maybe<ResolversTypes["ID"]>, ParentType, ContextType>;
  minHourlyWageFen?: Resolver<
    Maybe<ResolversTypes["Int"]>,
    ParentType,
    ContextType
  >;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type SkillResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["Skill"] =
    ResolversParentTypes["Skill"],
> = {
  code?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  name?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  category?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  synonyms?: Resolver<Array<ResolversTypes["String"]>, ParentType, ContextType>;
  specialOperation?: Resolver<
    Maybe<ResolversTypes["SpecialOperation"]>,
    ParentType,
    ContextType
  >;
  accidentRisk?: Resolver<ResolversTypes["Boolean"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type AccidentCoverResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["AccidentCover"] =
    ResolversParentTypes["AccidentCover"],
> = {
  required?: Resolver<ResolversTypes["Boolean"], ParentType, ContextType>;
  provider?: Resolver<
    Maybe<ResolversTypes["CoverProvider"]>,
    ParentType,
    ContextType
  >;
  payer?: Resolver<
    Maybe<ResolversTypes["CoverPayer"]>,
    ParentType,
    ContextType
  >;
  insurer?: Resolver<Maybe<ResolversTypes["String"]>, ParentType, ContextType>;
  policyNumber?: Resolver<
    Maybe<ResolversTypes["String"]>,
    ParentType,
    ContextType
  >;
  reasons?: Resolver<
    Array<ResolversTypes["CoverReason"]>,
    ParentType,
    ContextType
  >;
  riskyTrades?: Resolver<
    Array<ResolversTypes["Skill"]>,
    ParentType,
    ContextType
  >;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type AccidentPolicyResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["AccidentPolicy"] =
    ResolversParentTypes["AccidentPolicy"],
> = {
  id?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  coveredOn?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  insurer?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  policyNumber?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  payer?: Resolver<ResolversTypes["CoverPayer"], ParentType, ContextType>;
  issuedAt?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type WorkerCertificateResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["WorkerCertificate"] =
    ResolversParentTypes["WorkerCertificate"],
> = {
  id?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  skill?: Resolver<ResolversTypes["Skill"], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes["CertificateKind"], ParentType, ContextType>;
  level?: Resolver<Maybe<ResolversTypes["Int"]>, ParentType, ContextType>;
  number?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  issuer?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  issuedOn?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  expiresOn?: Resolver<
    Maybe<ResolversTypes["String"]>,
    ParentType,
    ContextType
  >;
  valid?: Resolver<ResolversTypes["Boolean"], ParentType, ContextType>;
  verifiedBy?: Resolver<
    ResolversTypes["CertificateVerifier"],
    ParentType,
    ContextType
  >;
  verifiedAt?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type AccountResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["Account"] =
    ResolversParentTypes["Account"],
> = {
  id?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  role?: Resolver<ResolversTypes["Role"], ParentType, ContextType>;
  phone?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  worker?: Resolver<Maybe<ResolversTypes["Worker"]>, ParentType, ContextType>;
  employer?: Resolver<
    Maybe<ResolversTypes["Employer"]>,
    ParentType,
    ContextType
  >;
  suspendedAt?: Resolver<
    Maybe<ResolversTypes["DateTime"]>,
    ParentType,
    ContextType
  >;
  locale?: Resolver<Maybe<ResolversTypes["Locale"]>, ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type AuthPayloadResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["AuthPayload"] =
    ResolversParentTypes["AuthPayload"],
> = {
  token?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  account?: Resolver<ResolversTypes["Account"], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  refreshToken?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type WorkerSkillResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["WorkerSkill"] =
    ResolversParentTypes["WorkerSkill"],
> = {
  skill?: Resolver<ResolversTypes["Skill"], ParentType, ContextType>;
  level?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  levelName?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  certified?: Resolver<ResolversTypes["Boolean"], ParentType, ContextType>;
  source?: Resolver<ResolversTypes["SkillSource"], ParentType, ContextType>;
  certificate?: Resolver<
    Maybe<ResolversTypes["WorkerCertificate"]>,
    ParentType,
    ContextType
  >;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type AvailabilityWindowResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["AvailabilityWindow"] =
    ResolversParentTypes["AvailabilityWindow"],
> = {
  startsAt?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  endsAt?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type WorkerResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["Worker"] =
    ResolversParentTypes["Worker"],
> = {
  id?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  name?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  idNumberMasked?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  identityStatus?: Resolver<
    ResolversTypes["IdentityStatus"],
    ParentType,
    ContextType
  >;
  identityVerifiedAt?: Resolver<
    Maybe<ResolversTypes["DateTime"]>,
    ParentType,
    ContextType
  >;
  identityVerifiedAtStation?: Resolver<
    Maybe<ResolversTypes["Station"]>,
    ParentType,
    ContextType
  >;
  idNumberLostAt?: Resolver<
    Maybe<ResolversTypes["DateTime"]>,
    ParentType,
    ContextType
  >;
  age?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  skills?: Resolver<
    Array<ResolversTypes["WorkerSkill"]>,
    ParentType,
    ContextType
  >;
  certificates?: Resolver<
    Array<ResolversTypes["WorkerCertificate"]>,
    ParentType,
    ContextType
  >;
  homeRegion?: Resolver<ResolversTypes["Region"], ParentType, ContextType>;
  residenceRegion?: Resolver<
    Maybe<ResolversTypes["Region"]>,
    ParentType,
    ContextType
  >;
  travelRadiusKm?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  availability?: Resolver<
    Array<ResolversTypes["AvailabilityWindow"]>,
    ParentType,
    ContextType
  >;
  laborBrand?: Resolver<
    Maybe<ResolversTypes["String"]>,
    ParentType,
    ContextType
  >;
  reliability?: Resolver<ResolversTypes["Float"], ParentType, ContextType>;
  location?: Resolver<
    Maybe<ResolversTypes["GeoPoint"]>,
    ParentType,
    ContextType
  >;
  priorityGroups?: Resolver<
    Array<ResolversTypes["PriorityGroup"]>,
    ParentType,
    ContextType
  >;
  reliabilityReport?: Resolver<
    ResolversTypes["ReliabilityReport"],
    ParentType,
    ContextType
  >;
  smsOffers?: Resolver<ResolversTypes["Boolean"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ReliabilityReportResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["ReliabilityReport"] =
    ResolversParentTypes["ReliabilityReport"],
> = {
  score?: Resolver<ResolversTypes["Float"], ParentType, ContextType>;
  hiresCounted?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  completed?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  noShows?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  lateCancellations?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  averageStars?: Resolver<
    Maybe<ResolversTypes["Float"]>,
    ParentType,
    ContextType
  >;
  ratingsCounted?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  reasons?: Resolver<Array<ResolversTypes["String"]>, ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type EmployerResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["Employer"] =
    ResolversParentTypes["Employer"],
> = {
  id?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  name?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes["EmployerKind"], ParentType, ContextType>;
  creditCode?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  verified?: Resolver<ResolversTypes["Boolean"], ParentType, ContextType>;
  region?: Resolver<ResolversTypes["Region"], ParentType, ContextType>;
  openArrears?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  averageStars?: Resolver<
    Maybe<ResolversTypes["Float"]>,
    ParentType,
    ContextType
  >;
  ratingsCounted?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type GigResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["Gig"] = ResolversParentTypes["Gig"],
> = {
  id?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  employer?: Resolver<ResolversTypes["Employer"], ParentType, ContextType>;
  title?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  description?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  skills?: Resolver<Array<ResolversTypes["Skill"]>, ParentType, ContextType>;
  headcount?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  filled?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  startsAt?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  endsAt?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  region?: Resolver<ResolversTypes["Region"], ParentType, ContextType>;
  address?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  location?: Resolver<ResolversTypes["GeoPoint"], ParentType, ContextType>;
  payFen?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  payUnit?: Resolver<ResolversTypes["PayUnit"], ParentType, ContextType>;
  payDueDays?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  olderFriendly?: Resolver<ResolversTypes["Boolean"], ParentType, ContextType>;
  publicWelfare?: Resolver<ResolversTypes["Boolean"], ParentType, ContextType>;
  accidentCover?: Resolver<
    ResolversTypes["AccidentCover"],
    ParentType,
    ContextType
  >;
  instant?: Resolver<ResolversTypes["Boolean"], ParentType, ContextType>;
  status?: Resolver<ResolversTypes["GigStatus"], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  hourlyFen?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  hoursPerDay?: Resolver<
    Maybe<ResolversTypes["Float"]>,
    ParentType,
    ContextType
  >;
  piecesPerHour?: Resolver<
    Maybe<ResolversTypes["Float"]>,
    ParentType,
    ContextType
  >;
  employerHasArrears?: Resolver<
    ResolversTypes["Boolean"],
    ParentType,
    ContextType
  >;
  searchRadiusKm?: Resolver<ResolversTypes["Float"], ParentType, ContextType>;
  minSkillLevel?: Resolver<
    Maybe<ResolversTypes["Int"]>,
    ParentType,
    ContextType
  >;
  requiresOperationCertificate?: Resolver<
    ResolversTypes["Boolean"],
    ParentType,
    ContextType
  >;
  cancelReason?: Resolver<
    Maybe<ResolversTypes["String"]>,
    ParentType,
    ContextType
  >;
  cancelledAt?: Resolver<
    Maybe<ResolversTypes["DateTime"]>,
    ParentType,
    ContextType
  >;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type FacetCountResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["FacetCount"] =
    ResolversParentTypes["FacetCount"],
> = {
  value?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  label?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  count?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type GigFacetsResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["GigFacets"] =
    ResolversParentTypes["GigFacets"],
> = {
  skills?: Resolver<
    Array<ResolversTypes["FacetCount"]>,
    ParentType,
    ContextType
  >;
  regions?: Resolver<
    Array<ResolversTypes["FacetCount"]>,
    ParentType,
    ContextType
  >;
  payUnits?: Resolver<
    Array<ResolversTypes["FacetCount"]>,
    ParentType,
    ContextType
  >;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PageInfoResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["PageInfo"] =
    ResolversParentTypes["PageInfo"],
> = {
  hasNextPage?: Resolver<ResolversTypes["Boolean"], ParentType, ContextType>;
  endCursor?: Resolver<
    Maybe<ResolversTypes["String"]>,
    ParentType,
    ContextType
  >;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type GigEdgeResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["GigEdge"] =
    ResolversParentTypes["GigEdge"],
> = {
  cursor?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  node?: Resolver<ResolversTypes["Gig"], ParentType, ContextType>;
  distanceKm?: Resolver<
    Maybe<ResolversTypes["Float"]>,
    ParentType,
    ContextType
  >;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type GigConnectionResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["GigConnection"] =
    ResolversParentTypes["GigConnection"],
> = {
  edges?: Resolver<Array<ResolversTypes["GigEdge"]>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes["PageInfo"], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  facets?: Resolver<ResolversTypes["GigFacets"], ParentType, ContextType>;
  degraded?: Resolver<ResolversTypes["Boolean"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type CandidateResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["Candidate"] =
    ResolversParentTypes["Candidate"],
> = {
  worker?: Resolver<ResolversTypes["Worker"], ParentType, ContextType>;
  distanceKm?: Resolver<ResolversTypes["Float"], ParentType, ContextType>;
  score?: Resolver<ResolversTypes["Float"], ParentType, ContextType>;
  tier?: Resolver<ResolversTypes["OfferTier"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type OfferResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["Offer"] =
    ResolversParentTypes["Offer"],
> = {
  id?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  gig?: Resolver<ResolversTypes["Gig"], ParentType, ContextType>;
  status?: Resolver<ResolversTypes["OfferStatus"], ParentType, ContextType>;
  wave?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  sentAt?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  deliveredAt?: Resolver<
    Maybe<ResolversTypes["DateTime"]>,
    ParentType,
    ContextType
  >;
  respondedAt?: Resolver<
    Maybe<ResolversTypes["DateTime"]>,
    ParentType,
    ContextType
  >;
  distanceKm?: Resolver<
    Maybe<ResolversTypes["Float"]>,
    ParentType,
    ContextType
  >;
  worker?: Resolver<ResolversTypes["Worker"], ParentType, ContextType>;
  tier?: Resolver<ResolversTypes["OfferTier"], ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes["Float"]>, ParentType, ContextType>;
  crew?: Resolver<Maybe<ResolversTypes["Crew"]>, ParentType, ContextType>;
  smsStatus?: Resolver<
    Maybe<ResolversTypes["String"]>,
    ParentType,
    ContextType
  >;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ContractResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["Contract"] =
    ResolversParentTypes["Contract"],
> = {
  terms?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  hash?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  workerAcceptedAt?: Resolver<
    Maybe<ResolversTypes["DateTime"]>,
    ParentType,
    ContextType
  >;
  employerAcceptedAt?: Resolver<
    Maybe<ResolversTypes["DateTime"]>,
    ParentType,
    ContextType
  >;
  version?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  verified?: Resolver<ResolversTypes["Boolean"], ParentType, ContextType>;
  workerErasedAt?: Resolver<
    Maybe<ResolversTypes["DateTime"]>,
    ParentType,
    ContextType
  >;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PaymentResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["Payment"] =
    ResolversParentTypes["Payment"],
> = {
  amountFen?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  dueAt?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  paidAt?: Resolver<Maybe<ResolversTypes["DateTime"]>, ParentType, ContextType>;
  confirmedByWorkerAt?: Resolver<
    Maybe<ResolversTypes["DateTime"]>,
    ParentType,
    ContextType
  >;
  overdue?: Resolver<ResolversTypes["Boolean"], ParentType, ContextType>;
  paidFen?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  confirmedFen?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  outstandingFen?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  records?: Resolver<
    Array<ResolversTypes["PaymentRecord"]>,
    ParentType,
    ContextType
  >;
  arrears?: Resolver<
    Maybe<ResolversTypes["ArrearsCase"]>,
    ParentType,
    ContextType
  >;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PaymentRecordResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["PaymentRecord"] =
    ResolversParentTypes["PaymentRecord"],
> = {
  id?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  amountFen?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  recordedAt?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ArrearsCaseResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["ArrearsCase"] =
    ResolversParentTypes["ArrearsCase"],
> = {
  id?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  engagement?: Resolver<ResolversTypes["Engagement"], ParentType, ContextType>;
  employer?: Resolver<ResolversTypes["Employer"], ParentType, ContextType>;
  worker?: Resolver<ResolversTypes["Worker"], ParentType, ContextType>;
  owedFen?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  status?: Resolver<ResolversTypes["ArrearsStatus"], ParentType, ContextType>;
  openedAt?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  closedAt?: Resolver<
    Maybe<ResolversTypes["DateTime"]>,
    ParentType,
    ContextType
  >;
  closeReason?: Resolver<
    Maybe<ResolversTypes["ArrearsCloseReason"]>,
    ParentType,
    ContextType
  >;
  resolution?: Resolver<
    Maybe<ResolversTypes["String"]>,
    ParentType,
    ContextType
  >;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type CheckInResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["CheckIn"] =
    ResolversParentTypes["CheckIn"],
> = {
  at?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  location?: Resolver<
    Maybe<ResolversTypes["GeoPoint"]>,
    ParentType,
    ContextType
  >;
  distanceM?: Resolver<Maybe<ResolversTypes["Int"]>, ParentType, ContextType>;
  offSite?: Resolver<ResolversTypes["Boolean"], ParentType, ContextType>;
  offSiteConfirmedAt?: Resolver<
    Maybe<ResolversTypes["DateTime"]>,
    ParentType,
    ContextType
  >;
  byCode?: Resolver<ResolversTypes["Boolean"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type FirstCheckInResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["FirstCheckIn"] =
    ResolversParentTypes["FirstCheckIn"],
> = {
  at?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  distanceM?: Resolver<Maybe<ResolversTypes["Int"]>, ParentType, ContextType>;
  offSite?: Resolver<ResolversTypes["Boolean"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type RatingPairResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["RatingPair"] =
    ResolversParentTypes["RatingPair"],
> = {
  byWorker?: Resolver<Maybe<ResolversTypes["Rating"]>, ParentType, ContextType>;
  byEmployer?: Resolver<
    Maybe<ResolversTypes["Rating"]>,
    ParentType,
    ContextType
  >;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type EngagementResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["Engagement"] =
    ResolversParentTypes["Engagement"],
> = {
  id?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  gig?: Resolver<ResolversTypes["Gig"], ParentType, ContextType>;
  worker?: Resolver<ResolversTypes["Worker"], ParentType, ContextType>;
  status?: Resolver<
    ResolversTypes["EngagementStatus"],
    ParentType,
    ContextType
  >;
  origin?: Resolver<ResolversTypes["WorkerOrigin"], ParentType, ContextType>;
  contract?: Resolver<ResolversTypes["Contract"], ParentType, ContextType>;
  checkedInAt?: Resolver<
    Maybe<ResolversTypes["DateTime"]>,
    ParentType,
    ContextType
  >;
  checkedOutAt?: Resolver<
    Maybe<ResolversTypes["DateTime"]>,
    ParentType,
    ContextType
  >;
  payment?: Resolver<ResolversTypes["Payment"], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  crew?: Resolver<Maybe<ResolversTypes["Crew"]>, ParentType, ContextType>;
  accidentPolicies?: Resolver<
    Array<ResolversTypes["AccidentPolicy"]>,
    ParentType,
    ContextType
  >;
  startsAt?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  endsAt?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  checkIn?: Resolver<Maybe<ResolversTypes["CheckIn"]>, ParentType, ContextType>;
  firstCheckIn?: Resolver<
    Maybe<ResolversTypes["FirstCheckIn"]>,
    ParentType,
    ContextType
  >;
  checkInCode?: Resolver<
    Maybe<ResolversTypes["String"]>,
    ParentType,
    ContextType
  >;
  hoursWorked?: Resolver<
    Maybe<ResolversTypes["Float"]>,
    ParentType,
    ContextType
  >;
  checkedOutAutomatically?: Resolver<
    ResolversTypes["Boolean"],
    ParentType,
    ContextType
  >;
  completedAt?: Resolver<
    Maybe<ResolversTypes["DateTime"]>,
    ParentType,
    ContextType
  >;
  noShowAt?: Resolver<
    Maybe<ResolversTypes["DateTime"]>,
    ParentType,
    ContextType
  >;
  cancelledAt?: Resolver<
    Maybe<ResolversTypes["DateTime"]>,
    ParentType,
    ContextType
  >;
  cancelledBy?: Resolver<
    Maybe<ResolversTypes["String"]>,
    ParentType,
    ContextType
  >;
  cancelledLate?: Resolver<ResolversTypes["Boolean"], ParentType, ContextType>;
  ratings?: Resolver<ResolversTypes["RatingPair"], ParentType, ContextType>;
  disputes?: Resolver<
    Array<ResolversTypes["Dispute"]>,
    ParentType,
    ContextType
  >;
  attendance?: Resolver<
    Maybe<ResolversTypes["Attendance"]>,
    ParentType,
    ContextType
  >;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type AttendanceResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["Attendance"] =
    ResolversParentTypes["Attendance"],
> = {
  status?: Resolver<
    ResolversTypes["AttendanceStatus"],
    ParentType,
    ContextType
  >;
  doubts?: Resolver<
    Array<ResolversTypes["AttendanceDoubt"]>,
    ParentType,
    ContextType
  >;
  recordedHours?: Resolver<ResolversTypes["Float"], ParentType, ContextType>;
  settledHours?: Resolver<
    Maybe<ResolversTypes["Float"]>,
    ParentType,
    ContextType
  >;
  answerBy?: Resolver<
    Maybe<ResolversTypes["DateTime"]>,
    ParentType,
    ContextType
  >;
  decidedBy?: Resolver<
    Maybe<ResolversTypes["AttendanceDecider"]>,
    ParentType,
    ContextType
  >;
  decidedAt?: Resolver<
    Maybe<ResolversTypes["DateTime"]>,
    ParentType,
    ContextType
  >;
  contestReason?: Resolver<
    Maybe<ResolversTypes["String"]>,
    ParentType,
    ContextType
  >;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type CrewResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["Crew"] =
    ResolversParentTypes["Crew"],
> = {
  id?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  name?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  leader?: Resolver<ResolversTypes["Worker"], ParentType, ContextType>;
  members?: Resolver<Array<ResolversTypes["Worker"]>, ParentType, ContextType>;
  invited?: Resolver<Array<ResolversTypes["Worker"]>, ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type SavedSearchResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["SavedSearch"] =
    ResolversParentTypes["SavedSearch"],
> = {
  id?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  name?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  search?: Resolver<ResolversTypes["JSON"], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ApplicationResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["Application"] =
    ResolversParentTypes["Application"],
> = {
  id?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  gig?: Resolver<ResolversTypes["Gig"], ParentType, ContextType>;
  worker?: Resolver<ResolversTypes["Worker"], ParentType, ContextType>;
  status?: Resolver<
    ResolversTypes["ApplicationStatus"],
    ParentType,
    ContextType
  >;
  createdAt?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type DisputeResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["Dispute"] =
    ResolversParentTypes["Dispute"],
> = {
  id?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  engagement?: Resolver<ResolversTypes["Engagement"], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  status?: Resolver<ResolversTypes["DisputeStatus"], ParentType, ContextType>;
  resolution?: Resolver<
    Maybe<ResolversTypes["String"]>,
    ParentType,
    ContextType
  >;
  openedAt?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes["DisputeKind"], ParentType, ContextType>;
  openedBy?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  arrears?: Resolver<
    Maybe<ResolversTypes["ArrearsCase"]>,
    ParentType,
    ContextType
  >;
  notes?: Resolver<
    Array<ResolversTypes["DisputeNote"]>,
    ParentType,
    ContextType
  >;
  resolvedAt?: Resolver<
    Maybe<ResolversTypes["DateTime"]>,
    ParentType,
    ContextType
  >;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type DisputeNoteResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["DisputeNote"] =
    ResolversParentTypes["DisputeNote"],
> = {
  by?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  note?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type RatingResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["Rating"] =
    ResolversParentTypes["Rating"],
> = {
  id?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  stars?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  comment?: Resolver<Maybe<ResolversTypes["String"]>, ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PrivacyNoticeResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["PrivacyNotice"] =
    ResolversParentTypes["PrivacyNotice"],
> = {
  version?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  text?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MinimumWageResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["MinimumWage"] =
    ResolversParentTypes["MinimumWage"],
> = {
  region?: Resolver<ResolversTypes["Region"], ParentType, ContextType>;
  hourlyFen?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  effectiveFrom?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  source?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type AuditEntryResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["AuditEntry"] =
    ResolversParentTypes["AuditEntry"],
> = {
  id?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  at?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  actor?: Resolver<Maybe<ResolversTypes["Account"]>, ParentType, ContextType>;
  actorRole?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  action?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  subjectType?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  subjectId?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  details?: Resolver<ResolversTypes["JSON"], ParentType, ContextType>;
  ip?: Resolver<Maybe<ResolversTypes["String"]>, ParentType, ContextType>;
  userAgent?: Resolver<
    Maybe<ResolversTypes["String"]>,
    ParentType,
    ContextType
  >;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type AuditEntryEdgeResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["AuditEntryEdge"] =
    ResolversParentTypes["AuditEntryEdge"],
> = {
  cursor?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  node?: Resolver<ResolversTypes["AuditEntry"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type AuditEntryConnectionResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["AuditEntryConnection"] =
    ResolversParentTypes["AuditEntryConnection"],
> = {
  edges?: Resolver<
    Array<ResolversTypes["AuditEntryEdge"]>,
    ParentType,
    ContextType
  >;
  pageInfo?: Resolver<ResolversTypes["PageInfo"], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type StationResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["Station"] =
    ResolversParentTypes["Station"],
> = {
  id?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  name?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  region?: Resolver<ResolversTypes["Region"], ParentType, ContextType>;
  location?: Resolver<ResolversTypes["GeoPoint"], ParentType, ContextType>;
  address?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes["StationKind"], ParentType, ContextType>;
  openingHours?: Resolver<
    Maybe<ResolversTypes["String"]>,
    ParentType,
    ContextType
  >;
  phone?: Resolver<Maybe<ResolversTypes["String"]>, ParentType, ContextType>;
  serviceRadiusKm?: Resolver<ResolversTypes["Float"], ParentType, ContextType>;
  operators?: Resolver<
    Array<ResolversTypes["Account"]>,
    ParentType,
    ContextType
  >;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type KioskTokenInfoResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["KioskTokenInfo"] =
    ResolversParentTypes["KioskTokenInfo"],
> = {
  id?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  label?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  lastSeenAt?: Resolver<
    Maybe<ResolversTypes["DateTime"]>,
    ParentType,
    ContextType
  >;
  revokedAt?: Resolver<
    Maybe<ResolversTypes["DateTime"]>,
    ParentType,
    ContextType
  >;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type KioskTokenResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["KioskToken"] =
    ResolversParentTypes["KioskToken"],
> = {
  id?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  station?: Resolver<ResolversTypes["Station"], ParentType, ContextType>;
  label?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  token?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type RegionStatsResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["RegionStats"] =
    ResolversParentTypes["RegionStats"],
> = {
  region?: Resolver<ResolversTypes["Region"], ParentType, ContextType>;
  gigsPosted?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  gigsFilled?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  fillRate?: Resolver<ResolversTypes["Float"], ParentType, ContextType>;
  medianMinutesToFill?: Resolver<
    Maybe<ResolversTypes["Float"]>,
    ParentType,
    ContextType
  >;
  hires?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  wagesPaidFen?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  openArrears?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  olderWorkerHires?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  hiresByOrigin?: Resolver<
    Array<ResolversTypes["FacetCount"]>,
    ParentType,
    ContextType
  >;
  fromDay?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  toDay?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  wagesPaidYuan?: Resolver<ResolversTypes["Float"], ParentType, ContextType>;
  arrearsOpened?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  arrearsClosed?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  olderWorkerShare?: Resolver<ResolversTypes["Float"], ParentType, ContextType>;
  offersSent?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  olderWorkerOffers?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  olderWorkerOfferShare?: Resolver<
    ResolversTypes["Float"],
    ParentType,
    ContextType
  >;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type RegionDayStatsResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["RegionDayStats"] =
    ResolversParentTypes["RegionDayStats"],
> = {
  day?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  fromDay?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  toDay?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  gigsPosted?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  gigsFilled?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  fillRate?: Resolver<ResolversTypes["Float"], ParentType, ContextType>;
  medianMinutesToFill?: Resolver<
    Maybe<ResolversTypes["Float"]>,
    ParentType,
    ContextType
  >;
  hires?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  wagesPaidFen?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  wagesPaidYuan?: Resolver<ResolversTypes["Float"], ParentType, ContextType>;
  openArrears?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  arrearsOpened?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  arrearsClosed?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  olderWorkerHires?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  olderWorkerShare?: Resolver<ResolversTypes["Float"], ParentType, ContextType>;
  hiresByOrigin?: Resolver<
    Array<ResolversTypes["FacetCount"]>,
    ParentType,
    ContextType
  >;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TradeStatsResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["TradeStats"] =
    ResolversParentTypes["TradeStats"],
> = {
  tradeCode?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  skill?: Resolver<Maybe<ResolversTypes["Skill"]>, ParentType, ContextType>;
  fromDay?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  toDay?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  gigsPosted?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  gigsFilled?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  fillRate?: Resolver<ResolversTypes["Float"], ParentType, ContextType>;
  medianMinutesToFill?: Resolver<
    Maybe<ResolversTypes["Float"]>,
    ParentType,
    ContextType
  >;
  hires?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  wagesPaidFen?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  wagesPaidYuan?: Resolver<ResolversTypes["Float"], ParentType, ContextType>;
  openArrears?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  arrearsOpened?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  arrearsClosed?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  olderWorkerHires?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  olderWorkerShare?: Resolver<ResolversTypes["Float"], ParentType, ContextType>;
  hiresByOrigin?: Resolver<
    Array<ResolversTypes["FacetCount"]>,
    ParentType,
    ContextType
  >;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type QueryResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["Query"] =
    ResolversParentTypes["Query"],
> = {
  me?: Resolver<Maybe<ResolversTypes["Account"]>, ParentType, ContextType>;
  skills?: Resolver<
    Array<ResolversTypes["Skill"]>,
    ParentType,
    ContextType,
    Partial<QueryskillsArgs>
  >;
  regions?: Resolver<
    Array<ResolversTypes["Region"]>,
    ParentType,
    ContextType,
    Partial<QueryregionsArgs>
  >;
  region?: Resolver<
    Maybe<ResolversTypes["Region"]>,
    ParentType,
    ContextType,
    RequireFields<QueryregionArgs, "code">
  >;
  gig?: Resolver<
    Maybe<ResolversTypes["Gig"]>,
    ParentType,
    ContextType,
    RequireFields<QuerygigArgs, "id">
  >;
  gigs?: Resolver<
    ResolversTypes["GigConnection"],
    ParentType,
    ContextType,
    Partial<QuerygigsArgs>
  >;
  stationBoard?: Resolver<
    ResolversTypes["GigConnection"],
    ParentType,
    ContextType,
    Partial<QuerystationBoardArgs>
  >;
  stations?: Resolver<
    Array<ResolversTypes["Station"]>,
    ParentType,
    ContextType
  >;
  kioskTokens?: Resolver<
    Array<ResolversTypes["KioskTokenInfo"]>,
    ParentType,
    ContextType,
    RequireFields<QuerykioskTokensArgs, "stationId">
  >;
  myGigs?: Resolver<Array<ResolversTypes["Gig"]>, ParentType, ContextType>;
  gigCandidates?: Resolver<
    Array<ResolversTypes["Candidate"]>,
    ParentType,
    ContextType,
    RequireFields<QuerygigCandidatesArgs, "gigId">
  >;
  gigOffers?: Resolver<
    Array<ResolversTypes["Offer"]>,
    ParentType,
    ContextType,
    RequireFields<QuerygigOffersArgs, "gigId">
  >;
  gigApplications?: Resolver<
    Array<ResolversTypes["Application"]>,
    ParentType,
    ContextType,
    RequireFields<QuerygigApplicationsArgs, "gigId">
  >;
  myOffers?: Resolver<
    Array<ResolversTypes["Offer"]>,
    ParentType,
    ContextType,
    Partial<QuerymyOffersArgs>
  >;
  myEngagements?: Resolver<
    Array<ResolversTypes["Engagement"]>,
    ParentType,
    ContextType,
    Partial<QuerymyEngagementsArgs>
  >;
  myRoster?: Resolver<Array<ResolversTypes["Worker"]>, ParentType, ContextType>;
  myCrews?: Resolver<Array<ResolversTypes["Crew"]>, ParentType, ContextType>;
  mySavedSearches?: Resolver<
    Array<ResolversTypes["SavedSearch"]>,
    ParentType,
    ContextType
  >;
  disputes?: Resolver<
    Array<ResolversTypes["Dispute"]>,
    ParentType,
    ContextType,
    Partial<QuerydisputesArgs>
  >;
  myDisputes?: Resolver<
    Array<ResolversTypes["Dispute"]>,
    ParentType,
    ContextType,
    Partial<QuerymyDisputesArgs>
  >;
  arrearsCases?: Resolver<
    Array<ResolversTypes["ArrearsCase"]>,
    ParentType,
    ContextType,
    Partial<QueryarrearsCasesArgs>
  >;
  regionStats?: Resolver<
    ResolversTypes["RegionStats"],
    ParentType,
    ContextType,
    RequireFields<QueryregionStatsArgs, "regionCode" | "from" | "to">
  >;
  regionSeries?: Resolver<
    Array<ResolversTypes["RegionDayStats"]>,
    ParentType,
    ContextType,
    RequireFields<QueryregionSeriesArgs, "regionCode" | "from" | "to">
  >;
  regionBreakdown?: Resolver<
    Array<ResolversTypes["RegionStats"]>,
    ParentType,
    ContextType,
    RequireFields<QueryregionBreakdownArgs, "regionCode" | "from" | "to">
  >;
  regionStatsByTrade?: Resolver<
    Array<ResolversTypes["TradeStats"]>,
    ParentType,
    ContextType,
    RequireFields<QueryregionStatsByTradeArgs, "regionCode" | "from" | "to">
  >;
  privacyNotice?: Resolver<
    ResolversTypes["PrivacyNotice"],
    ParentType,
    ContextType
  >;
  exportMyData?: Resolver<ResolversTypes["JSON"], ParentType, ContextType>;
  worker?: Resolver<
    Maybe<ResolversTypes["Worker"]>,
    ParentType,
    ContextType,
    RequireFields<QueryworkerArgs, "id">
  >;
  employers?: Resolver<
    Array<ResolversTypes["Employer"]>,
    ParentType,
    ContextType,
    Partial<QueryemployersArgs>
  >;
  auditLog?: Resolver<
    ResolversTypes["AuditEntryConnection"],
    ParentType,
    ContextType,
    Partial<QueryauditLogArgs>
  >;
  minimumWages?: Resolver<
    Array<ResolversTypes["MinimumWage"]>,
    ParentType,
    ContextType,
    RequireFields<QueryminimumWagesArgs, "regionCode">
  >;
  courses?: Resolver<
    ResolversTypes["CourseConnection"],
    ParentType,
    ContextType,
    Partial<QuerycoursesArgs>
  >;
  course?: Resolver<
    Maybe<ResolversTypes["Course"]>,
    ParentType,
    ContextType,
    RequireFields<QuerycourseArgs, "id">
  >;
  stationCourses?: Resolver<
    ResolversTypes["CourseConnection"],
    ParentType,
    ContextType,
    Partial<QuerystationCoursesArgs>
  >;
  myTrainingProvider?: Resolver<
    ResolversTypes["TrainingProvider"],
    ParentType,
    ContextType
  >;
  myCourses?: Resolver<
    Array<ResolversTypes["Course"]>,
    ParentType,
    ContextType
  >;
  trainingProviders?: Resolver<
    Array<ResolversTypes["TrainingProvider"]>,
    ParentType,
    ContextType,
    Partial<QuerytrainingProvidersArgs>
  >;
  myEnrolments?: Resolver<
    Array<ResolversTypes["Enrolment"]>,
    ParentType,
    ContextType,
    Partial<QuerymyEnrolmentsArgs>
  >;
  myTrainingWishes?: Resolver<
    Array<ResolversTypes["TrainingWish"]>,
    ParentType,
    ContextType,
    Partial<QuerymyTrainingWishesArgs>
  >;
  trainingOrders?: Resolver<
    Array<ResolversTypes["TrainingOrder"]>,
    ParentType,
    ContextType,
    Partial<QuerytrainingOrdersArgs>
  >;
  shortageReport?: Resolver<
    ResolversTypes["ShortageReport"],
    ParentType,
    ContextType,
    RequireFields<QueryshortageReportArgs, "regionCode" | "from" | "to">
  >;
  followUpList?: Resolver<
    ResolversTypes["FollowUpConnection"],
    ParentType,
    ContextType,
    Partial<QueryfollowUpListArgs>
  >;
  followUpCounts?: Resolver<
    Array<ResolversTypes["FollowUpStationCount"]>,
    ParentType,
    ContextType,
    Partial<QueryfollowUpCountsArgs>
  >;
  followUpIdleDays?: Resolver<
    ResolversTypes["FollowUpIdleDays"],
    ParentType,
    ContextType,
    RequireFields<QueryfollowUpIdleDaysArgs, "regionCode">
  >;
  countyWarnings?: Resolver<
    Array<ResolversTypes["CountyWarning"]>,
    ParentType,
    ContextType,
    RequireFields<QuerycountyWarningsArgs, "regionCode">
  >;
  countyWarningHistory?: Resolver<
    Array<ResolversTypes["CountyWarning"]>,
    ParentType,
    ContextType,
    RequireFields<QuerycountyWarningHistoryArgs, "regionCode" | "from" | "to">
  >;
};

export type PhoneCodeSentResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["PhoneCodeSent"] =
    ResolversParentTypes["PhoneCodeSent"],
> = {
  message?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  retryAfter?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MutationResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["Mutation"] =
    ResolversParentTypes["Mutation"],
> = {
  requestPhoneCode?: Resolver<
    ResolversTypes["PhoneCodeSent"],
    ParentType,
    ContextType,
    RequireFields<MutationrequestPhoneCodeArgs, "phone" | "purpose">
  >;
  resetPassword?: Resolver<
    ResolversTypes["AuthPayload"],
    ParentType,
    ContextType,
    RequireFields<MutationresetPasswordArgs, "phone" | "code" | "newPassword">
  >;
  unlockSignIn?: Resolver<
    ResolversTypes["AuthPayload"],
    ParentType,
    ContextType,
    RequireFields<MutationunlockSignInArgs, "phone" | "code">
  >;
  changePhone?: Resolver<
    ResolversTypes["Account"],
    ParentType,
    ContextType,
    RequireFields<MutationchangePhoneArgs, "newPhone" | "code">
  >;
  registerWorker?: Resolver<
    ResolversTypes["AuthPayload"],
    ParentType,
    ContextType,
    RequireFields<MutationregisterWorkerArgs, "input">
  >;
  registerEmployer?: Resolver<
    ResolversTypes["AuthPayload"],
    ParentType,
    ContextType,
    RequireFields<MutationregisterEmployerArgs, "input">
  >;
  login?: Resolver<
    ResolversTypes["AuthPayload"],
    ParentType,
    ContextType,
    RequireFields<MutationloginArgs, "phone" | "password">
  >;
  setAvailability?: Resolver<
    ResolversTypes["Worker"],
    ParentType,
    ContextType,
    RequireFields<MutationsetAvailabilityArgs, "windows">
  >;
  verifyEmployer?: Resolver<
    ResolversTypes["Employer"],
    ParentType,
    ContextType,
    RequireFields<MutationverifyEmployerArgs, "employerId">
  >;
  setMinimumWage?: Resolver<
    ResolversTypes["Region"],
    ParentType,
    ContextType,
    RequireFields<MutationsetMinimumWageArgs, "regionCode" | "hourlyFen">
  >;
  postGig?: Resolver<
    ResolversTypes["Gig"],
    ParentType,
    ContextType,
    RequireFields<MutationpostGigArgs, "input">
  >;
  cancelGig?: Resolver<
    ResolversTypes["Gig"],
    ParentType,
    ContextType,
    RequireFields<MutationcancelGigArgs, "gigId" | "reason">
  >;
  applyToGig?: Resolver<
    ResolversTypes["Application"],
    ParentType,
    ContextType,
    RequireFields<MutationapplyToGigArgs, "gigId">
  >;
  decideApplication?: Resolver<
    ResolversTypes["Application"],
    ParentType,
    ContextType,
    RequireFields<MutationdecideApplicationArgs, "applicationId" | "accept">
  >;
  acceptOffer?: Resolver<
    ResolversTypes["Engagement"],
    ParentType,
    ContextType,
    RequireFields<MutationacceptOfferArgs, "offerId">
  >;
  declineOffer?: Resolver<
    ResolversTypes["Offer"],
    ParentType,
    ContextType,
    RequireFields<MutationdeclineOfferArgs, "offerId">
  >;
  setSmsOffers?: Resolver<
    ResolversTypes["Worker"],
    ParentType,
    ContextType,
    RequireFields<MutationsetSmsOffersArgs, "enabled">
  >;
  addToRoster?: Resolver<
    ResolversTypes["Worker"],
    ParentType,
    ContextType,
    RequireFields<MutationaddToRosterArgs, "workerId">
  >;
  removeFromRoster?: Resolver<
    ResolversTypes["Boolean"],
    ParentType,
    ContextType,
    RequireFields<MutationremoveFromRosterArgs, "workerId">
  >;
  createCrew?: Resolver<
    ResolversTypes["Crew"],
    ParentType,
    ContextType,
    RequireFields<MutationcreateCrewArgs, "name">
  >;
  inviteToCrew?: Resolver<
    ResolversTypes["Crew"],
    ParentType,
    ContextType,
    RequireFields<MutationinviteToCrewArgs, "crewId" | "workerId">
  >;
  joinCrew?: Resolver<
    ResolversTypes["Crew"],
    ParentType,
    ContextType,
    RequireFields<MutationjoinCrewArgs, "crewId">
  >;
  leaveCrew?: Resolver<
    ResolversTypes["Boolean"],
    ParentType,
    ContextType,
    RequireFields<MutationleaveCrewArgs, "crewId">
  >;
  offerGigToCrew?: Resolver<
    ResolversTypes["Offer"],
    ParentType,
    ContextType,
    RequireFields<MutationofferGigToCrewArgs, "gigId" | "crewId">
  >;
  acceptCrewOffer?: Resolver<
    Array<ResolversTypes["Engagement"]>,
    ParentType,
    ContextType,
    RequireFields<MutationacceptCrewOfferArgs, "offerId" | "memberIds">
  >;
  saveSearch?: Resolver<
    ResolversTypes["SavedSearch"],
    ParentType,
    ContextType,
    RequireFields<MutationsaveSearchArgs, "name" | "search">
  >;
  deleteSavedSearch?: Resolver<
    ResolversTypes["Boolean"],
    ParentType,
    ContextType,
    RequireFields<MutationdeleteSavedSearchArgs, "id">
  >;
  acceptContract?: Resolver<
    ResolversTypes["Engagement"],
    ParentType,
    ContextType,
    RequireFields<MutationacceptContractArgs, "engagementId">
  >;
  arrangeAccidentCover?: Resolver<
    Array<ResolversTypes["AccidentPolicy"]>,
    ParentType,
    ContextType,
    RequireFields<MutationarrangeAccidentCoverArgs, "engagementId">
  >;
  checkIn?: Resolver<
    ResolversTypes["Engagement"],
    ParentType,
    ContextType,
    RequireFields<MutationcheckInArgs, "engagementId" | "at">
  >;
  checkInWithCode?: Resolver<
    ResolversTypes["Engagement"],
    ParentType,
    ContextType,
    RequireFields<MutationcheckInWithCodeArgs, "engagementId" | "code">
  >;
  confirmOffSiteCheckIn?: Resolver<
    ResolversTypes["Engagement"],
    ParentType,
    ContextType,
    RequireFields<MutationconfirmOffSiteCheckInArgs, "engagementId">
  >;
  confirmAttendance?: Resolver<
    ResolversTypes["Engagement"],
    ParentType,
    ContextType,
    RequireFields<MutationconfirmAttendanceArgs, "engagementId">
  >;
  contestAttendance?: Resolver<
    ResolversTypes["Engagement"],
    ParentType,
    ContextType,
    RequireFields<MutationcontestAttendanceArgs, "engagementId" | "reason">
  >;
  settleAttendance?: Resolver<
    ResolversTypes["Engagement"],
    ParentType,
    ContextType,
    RequireFields<
      MutationsettleAttendanceArgs,
      "engagementId" | "workedHours" | "note"
    >
  >;
  checkOut?: Resolver<
    ResolversTypes["Engagement"],
    ParentType,
    ContextType,
    RequireFields<MutationcheckOutArgs, "engagementId">
  >;
  cancelEngagement?: Resolver<
    ResolversTypes["Engagement"],
    ParentType,
    ContextType,
    RequireFields<MutationcancelEngagementArgs, "engagementId" | "reason">
  >;
  markNoShow?: Resolver<
    ResolversTypes["Engagement"],
    ParentType,
    ContextType,
    RequireFields<MutationmarkNoShowArgs, "engagementId">
  >;
  recordPayment?: Resolver<
    ResolversTypes["Payment"],
    ParentType,
    ContextType,
    RequireFields<MutationrecordPaymentArgs, "engagementId" | "amountFen">
  >;
  confirmPayment?: Resolver<
    ResolversTypes["Payment"],
    ParentType,
    ContextType,
    RequireFields<MutationconfirmPaymentArgs, "engagementId">
  >;
  openDispute?: Resolver<
    ResolversTypes["Dispute"],
    ParentType,
    ContextType,
    RequireFields<MutationopenDisputeArgs, "engagementId" | "reason">
  >;
  mediateDispute?: Resolver<
    ResolversTypes["Dispute"],
    ParentType,
    ContextType,
    RequireFields<MutationmediateDisputeArgs, "disputeId" | "note">
  >;
  addDisputeNote?: Resolver<
    ResolversTypes["Dispute"],
    ParentType,
    ContextType,
    RequireFields<MutationaddDisputeNoteArgs, "disputeId" | "note">
  >;
  resolveDispute?: Resolver<
    ResolversTypes["Dispute"],
    ParentType,
    ContextType,
    RequireFields<MutationresolveDisputeArgs, "disputeId" | "resolution">
  >;
  resolveArrears?: Resolver<
    ResolversTypes["ArrearsCase"],
    ParentType,
    ContextType,
    RequireFields<MutationresolveArrearsArgs, "caseId" | "resolution">
  >;
  rate?: Resolver<
    ResolversTypes["Rating"],
    ParentType,
    ContextType,
    RequireFields<MutationrateArgs, "engagementId" | "stars">
  >;
  createStation?: Resolver<
    ResolversTypes["Station"],
    ParentType,
    ContextType,
    RequireFields<MutationcreateStationArgs, "input">
  >;
  issueKioskToken?: Resolver<
    ResolversTypes["KioskToken"],
    ParentType,
    ContextType,
    RequireFields<MutationissueKioskTokenArgs, "stationId" | "label">
  >;
  registerWalkInWorker?: Resolver<
    ResolversTypes["Worker"],
    ParentType,
    ContextType,
    RequireFields<MutationregisterWalkInWorkerArgs, "input">
  >;
  verifyWorkerIdentity?: Resolver<
    ResolversTypes["Worker"],
    ParentType,
    ContextType,
    RequireFields<
      MutationverifyWorkerIdentityArgs,
      "workerId" | "idNumber" | "name"
    >
  >;
  recordWorkerCertificate?: Resolver<
    ResolversTypes["WorkerCertificate"],
    ParentType,
    ContextType,
    RequireFields<MutationrecordWorkerCertificateArgs, "input">
  >;
  verifyMyIdentity?: Resolver<
    ResolversTypes["Worker"],
    ParentType,
    ContextType
  >;
  assignStationOperator?: Resolver<
    ResolversTypes["Station"],
    ParentType,
    ContextType,
    RequireFields<MutationassignStationOperatorArgs, "stationId" | "accountId">
  >;
  revokeKioskToken?: Resolver<
    ResolversTypes["Boolean"],
    ParentType,
    ContextType,
    RequireFields<MutationrevokeKioskTokenArgs, "id">
  >;
  refreshSession?: Resolver<
    ResolversTypes["AuthPayload"],
    ParentType,
    ContextType,
    RequireFields<MutationrefreshSessionArgs, "refreshToken">
  >;
  createStaffAccount?: Resolver<
    ResolversTypes["Account"],
    ParentType,
    ContextType,
    RequireFields<MutationcreateStaffAccountArgs, "input">
  >;
  deleteMyAccount?: Resolver<
    ResolversTypes["Boolean"],
    ParentType,
    ContextType,
    RequireFields<MutationdeleteMyAccountArgs, "password">
  >;
  signOut?: Resolver<
    ResolversTypes["Boolean"],
    ParentType,
    ContextType,
    Partial<MutationsignOutArgs>
  >;
  changePassword?: Resolver<
    ResolversTypes["AuthPayload"],
    ParentType,
    ContextType,
    RequireFields<MutationchangePasswordArgs, "currentPassword" | "newPassword">
  >;
  suspendAccount?: Resolver<
    ResolversTypes["Account"],
    ParentType,
    ContextType,
    RequireFields<MutationsuspendAccountArgs, "accountId" | "reason">
  >;
  reinstateAccount?: Resolver<
    ResolversTypes["Account"],
    ParentType,
    ContextType,
    RequireFields<MutationreinstateAccountArgs, "accountId">
  >;
  setMyLocale?: Resolver<
    ResolversTypes["Account"],
    ParentType,
    ContextType,
    RequireFields<MutationsetMyLocaleArgs, "locale">
  >;
  registerTrainingProvider?: Resolver<
    ResolversTypes["AuthPayload"],
    ParentType,
    ContextType,
    RequireFields<MutationregisterTrainingProviderArgs, "input">
  >;
  verifyTrainingProvider?: Resolver<
    ResolversTypes["TrainingProvider"],
    ParentType,
    ContextType,
    RequireFields<MutationverifyTrainingProviderArgs, "providerId">
  >;
  postCourse?: Resolver<
    ResolversTypes["Course"],
    ParentType,
    ContextType,
    RequireFields<MutationpostCourseArgs, "input">
  >;
  cancelCourse?: Resolver<
    ResolversTypes["Course"],
    ParentType,
    ContextType,
    RequireFields<MutationcancelCourseArgs, "courseId" | "reason">
  >;
  enrolInCourse?: Resolver<
    ResolversTypes["Enrolment"],
    ParentType,
    ContextType,
    RequireFields<MutationenrolInCourseArgs, "courseId">
  >;
  withdrawFromCourse?: Resolver<
    ResolversTypes["Enrolment"],
    ParentType,
    ContextType,
    RequireFields<MutationwithdrawFromCourseArgs, "enrolmentId">
  >;
  recordAttendance?: Resolver<
    Array<ResolversTypes["Enrolment"]>,
    ParentType,
    ContextType,
    RequireFields<MutationrecordAttendanceArgs, "courseId" | "day" | "entries">
  >;
  recordCourseResults?: Resolver<
    Array<ResolversTypes["Enrolment"]>,
    ParentType,
    ContextType,
    RequireFields<MutationrecordCourseResultsArgs, "courseId" | "results">
  >;
  setMyTrainingWishes?: Resolver<
    Array<ResolversTypes["TrainingWish"]>,
    ParentType,
    ContextType,
    RequireFields<MutationsetMyTrainingWishesArgs, "skillCodes">
  >;
  placeTrainingOrder?: Resolver<
    ResolversTypes["TrainingOrder"],
    ParentType,
    ContextType,
    RequireFields<MutationplaceTrainingOrderArgs, "input">
  >;
  cancelTrainingOrder?: Resolver<
    ResolversTypes["TrainingOrder"],
    ParentType,
    ContextType,
    RequireFields<MutationcancelTrainingOrderArgs, "orderId">
  >;
  takeTrainingOrder?: Resolver<
    ResolversTypes["TrainingOrder"],
    ParentType,
    ContextType,
    RequireFields<MutationtakeTrainingOrderArgs, "orderId">
  >;
  setFollowUpIdleDays?: Resolver<
    ResolversTypes["FollowUpIdleDays"],
    ParentType,
    ContextType,
    RequireFields<MutationsetFollowUpIdleDaysArgs, "regionCode">
  >;
  recordFollowUp?: Resolver<
    ResolversTypes["FollowUpContact"],
    ParentType,
    ContextType,
    RequireFields<MutationrecordFollowUpArgs, "input">
  >;
  askForHelp?: Resolver<
    ResolversTypes["HelpRequest"],
    ParentType,
    ContextType,
    Partial<MutationaskForHelpArgs>
  >;
};

export type TrainingProviderResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["TrainingProvider"] =
    ResolversParentTypes["TrainingProvider"],
> = {
  id?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  name?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  creditCode?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  verified?: Resolver<ResolversTypes["Boolean"], ParentType, ContextType>;
  region?: Resolver<ResolversTypes["Region"], ParentType, ContextType>;
  location?: Resolver<ResolversTypes["GeoPoint"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type CourseResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["Course"] =
    ResolversParentTypes["Course"],
> = {
  id?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  provider?: Resolver<
    ResolversTypes["TrainingProvider"],
    ParentType,
    ContextType
  >;
  title?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  description?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  skill?: Resolver<ResolversTypes["Skill"], ParentType, ContextType>;
  targetLevel?: Resolver<Maybe<ResolversTypes["Int"]>, ParentType, ContextType>;
  certificate?: Resolver<
    Maybe<ResolversTypes["CourseCertificate"]>,
    ParentType,
    ContextType
  >;
  subsidised?: Resolver<ResolversTypes["Boolean"], ParentType, ContextType>;
  subsidySource?: Resolver<
    Maybe<ResolversTypes["String"]>,
    ParentType,
    ContextType
  >;
  feeFen?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  startsOn?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  endsOn?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  hours?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  enrolBy?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  region?: Resolver<ResolversTypes["Region"], ParentType, ContextType>;
  address?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  location?: Resolver<ResolversTypes["GeoPoint"], ParentType, ContextType>;
  seats?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  enrolled?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  seatsLeft?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  language?: Resolver<
    ResolversTypes["TeachingLanguage"],
    ParentType,
    ContextType
  >;
  status?: Resolver<ResolversTypes["CourseStatus"], ParentType, ContextType>;
  order?: Resolver<
    Maybe<ResolversTypes["TrainingOrder"]>,
    ParentType,
    ContextType
  >;
  enrolments?: Resolver<
    Array<ResolversTypes["Enrolment"]>,
    ParentType,
    ContextType
  >;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type CourseFacetsResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["CourseFacets"] =
    ResolversParentTypes["CourseFacets"],
> = {
  skills?: Resolver<
    Array<ResolversTypes["FacetCount"]>,
    ParentType,
    ContextType
  >;
  regions?: Resolver<
    Array<ResolversTypes["FacetCount"]>,
    ParentType,
    ContextType
  >;
  subsidised?: Resolver<
    Array<ResolversTypes["FacetCount"]>,
    ParentType,
    ContextType
  >;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type CourseEdgeResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["CourseEdge"] =
    ResolversParentTypes["CourseEdge"],
> = {
  cursor?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  node?: Resolver<ResolversTypes["Course"], ParentType, ContextType>;
  distanceKm?: Resolver<
    Maybe<ResolversTypes["Float"]>,
    ParentType,
    ContextType
  >;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type CourseConnectionResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["CourseConnection"] =
    ResolversParentTypes["CourseConnection"],
> = {
  edges?: Resolver<
    Array<ResolversTypes["CourseEdge"]>,
    ParentType,
    ContextType
  >;
  pageInfo?: Resolver<ResolversTypes["PageInfo"], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  facets?: Resolver<ResolversTypes["CourseFacets"], ParentType, ContextType>;
  degraded?: Resolver<ResolversTypes["Boolean"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type AttendanceDayResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["AttendanceDay"] =
    ResolversParentTypes["AttendanceDay"],
> = {
  day?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  present?: Resolver<ResolversTypes["Boolean"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type EnrolmentResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["Enrolment"] =
    ResolversParentTypes["Enrolment"],
> = {
  id?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  course?: Resolver<ResolversTypes["Course"], ParentType, ContextType>;
  worker?: Resolver<ResolversTypes["Worker"], ParentType, ContextType>;
  status?: Resolver<ResolversTypes["EnrolmentStatus"], ParentType, ContextType>;
  enrolledAt?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  attendance?: Resolver<
    Array<ResolversTypes["AttendanceDay"]>,
    ParentType,
    ContextType
  >;
  daysPresent?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  score?: Resolver<Maybe<ResolversTypes["Int"]>, ParentType, ContextType>;
  certificate?: Resolver<
    Maybe<ResolversTypes["WorkerCertificate"]>,
    ParentType,
    ContextType
  >;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TrainingWishResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["TrainingWish"] =
    ResolversParentTypes["TrainingWish"],
> = {
  skill?: Resolver<ResolversTypes["Skill"], ParentType, ContextType>;
  source?: Resolver<
    ResolversTypes["TrainingWishSource"],
    ParentType,
    ContextType
  >;
  createdAt?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TrainingOrderProgressResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["TrainingOrderProgress"] =
    ResolversParentTypes["TrainingOrderProgress"],
> = {
  enrolled?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  passed?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  failed?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  onRoster?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TrainingOrderResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["TrainingOrder"] =
    ResolversParentTypes["TrainingOrder"],
> = {
  id?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  employer?: Resolver<ResolversTypes["Employer"], ParentType, ContextType>;
  skill?: Resolver<ResolversTypes["Skill"], ParentType, ContextType>;
  targetLevel?: Resolver<Maybe<ResolversTypes["Int"]>, ParentType, ContextType>;
  headcount?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  dueOn?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  region?: Resolver<ResolversTypes["Region"], ParentType, ContextType>;
  priorityDays?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes["String"]>, ParentType, ContextType>;
  status?: Resolver<
    ResolversTypes["TrainingOrderStatus"],
    ParentType,
    ContextType
  >;
  provider?: Resolver<
    Maybe<ResolversTypes["TrainingProvider"]>,
    ParentType,
    ContextType
  >;
  course?: Resolver<Maybe<ResolversTypes["Course"]>, ParentType, ContextType>;
  progress?: Resolver<
    ResolversTypes["TrainingOrderProgress"],
    ParentType,
    ContextType
  >;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ShortageRowResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["ShortageRow"] =
    ResolversParentTypes["ShortageRow"],
> = {
  region?: Resolver<ResolversTypes["Region"], ParentType, ContextType>;
  skill?: Resolver<ResolversTypes["Skill"], ParentType, ContextType>;
  seatsPosted?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  seatsUnfilled?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  medianHoursToFill?: Resolver<
    Maybe<ResolversTypes["Float"]>,
    ParentType,
    ContextType
  >;
  workersAvailable?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  workersMatching?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  certifiedHolders?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  trainingWishes?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  courseSeatsComing?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  shortageIndex?: Resolver<ResolversTypes["Float"], ParentType, ContextType>;
  rank?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ShortageReportResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["ShortageReport"] =
    ResolversParentTypes["ShortageReport"],
> = {
  from?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  to?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  rows?: Resolver<
    Array<ResolversTypes["ShortageRow"]>,
    ParentType,
    ContextType
  >;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type FollowUpEntryResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["FollowUpEntry"] =
    ResolversParentTypes["FollowUpEntry"],
> = {
  workerId?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  name?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  priorityGroups?: Resolver<
    Array<ResolversTypes["PriorityGroup"]>,
    ParentType,
    ContextType
  >;
  reasons?: Resolver<
    Array<ResolversTypes["FollowUpReason"]>,
    ParentType,
    ContextType
  >;
  regionCode?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  stationId?: Resolver<Maybe<ResolversTypes["ID"]>, ParentType, ContextType>;
  stationName?: Resolver<
    Maybe<ResolversTypes["String"]>,
    ParentType,
    ContextType
  >;
  idleSince?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  idleDays?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  thresholdDays?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  askedForHelpAt?: Resolver<
    Maybe<ResolversTypes["DateTime"]>,
    ParentType,
    ContextType
  >;
  lastContact?: Resolver<
    Maybe<ResolversTypes["FollowUpContact"]>,
    ParentType,
    ContextType
  >;
  onListSince?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  nextOn?: Resolver<Maybe<ResolversTypes["String"]>, ParentType, ContextType>;
  dueOn?: Resolver<Maybe<ResolversTypes["String"]>, ParentType, ContextType>;
  overdue?: Resolver<ResolversTypes["Boolean"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type FollowUpEdgeResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["FollowUpEdge"] =
    ResolversParentTypes["FollowUpEdge"],
> = {
  cursor?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  node?: Resolver<ResolversTypes["FollowUpEntry"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type FollowUpConnectionResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["FollowUpConnection"] =
    ResolversParentTypes["FollowUpConnection"],
> = {
  edges?: Resolver<
    Array<ResolversTypes["FollowUpEdge"]>,
    ParentType,
    ContextType
  >;
  pageInfo?: Resolver<ResolversTypes["PageInfo"], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  overdueCount?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type FollowUpStationCountResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["FollowUpStationCount"] =
    ResolversParentTypes["FollowUpStationCount"],
> = {
  stationId?: Resolver<Maybe<ResolversTypes["ID"]>, ParentType, ContextType>;
  stationName?: Resolver<
    Maybe<ResolversTypes["String"]>,
    ParentType,
    ContextType
  >;
  onList?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  overdue?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type FollowUpContactResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["FollowUpContact"] =
    ResolversParentTypes["FollowUpContact"],
> = {
  id?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  workerId?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  stationId?: Resolver<Maybe<ResolversTypes["ID"]>, ParentType, ContextType>;
  recordedById?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  channel?: Resolver<
    ResolversTypes["FollowUpChannel"],
    ParentType,
    ContextType
  >;
  contactedAt?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  offeredGigIds?: Resolver<
    Array<ResolversTypes["ID"]>,
    ParentType,
    ContextType
  >;
  offeredCourseIds?: Resolver<
    Array<ResolversTypes["ID"]>,
    ParentType,
    ContextType
  >;
  outcome?: Resolver<
    ResolversTypes["FollowUpOutcome"],
    ParentType,
    ContextType
  >;
  note?: Resolver<Maybe<ResolversTypes["String"]>, ParentType, ContextType>;
  nextOn?: Resolver<Maybe<ResolversTypes["String"]>, ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type FollowUpIdleDaysResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["FollowUpIdleDays"] =
    ResolversParentTypes["FollowUpIdleDays"],
> = {
  regionCode?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  days?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  setForRegionCode?: Resolver<
    Maybe<ResolversTypes["ID"]>,
    ParentType,
    ContextType
  >;
  ownDays?: Resolver<Maybe<ResolversTypes["Int"]>, ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type HelpRequestResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["HelpRequest"] =
    ResolversParentTypes["HelpRequest"],
> = {
  id?: Resolver<ResolversTypes["ID"], ParentType, ContextType>;
  askedAt?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes["String"]>, ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type CountyWarningResolvers<
  ContextType = MercuriusContext,
  ParentType extends ResolversParentTypes["CountyWarning"] =
    ResolversParentTypes["CountyWarning"],
> = {
  region?: Resolver<ResolversTypes["Region"], ParentType, ContextType>;
  day?: Resolver<ResolversTypes["String"], ParentType, ContextType>;
  level?: Resolver<ResolversTypes["WarningLevel"], ParentType, ContextType>;
  previousLevel?: Resolver<
    Maybe<ResolversTypes["WarningLevel"]>,
    ParentType,
    ContextType
  >;
  reasons?: Resolver<
    Array<ResolversTypes["WarningIndicator"]>,
    ParentType,
    ContextType
  >;
  seekers?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  openSeats?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  seekersPerSeat?: Resolver<ResolversTypes["Float"], ParentType, ContextType>;
  postings?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  postingsBefore?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  hires?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  hiresBefore?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  unmatched7d?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  massCancellations?: Resolver<ResolversTypes["Int"], ParentType, ContextType>;
  massCancelEmployer?: Resolver<
    Maybe<ResolversTypes["Employer"]>,
    ParentType,
    ContextType
  >;
  computedAt?: Resolver<ResolversTypes["DateTime"], ParentType, ContextType>;
  isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type Resolvers<ContextType = MercuriusContext> = {
  DateTime?: GraphQLScalarType;
  JSON?: GraphQLScalarType;
  GeoPoint?: GeoPointResolvers<ContextType>;
  Region?: RegionResolvers<ContextType>;
  Skill?: SkillResolvers<ContextType>;
  AccidentCover?: AccidentCoverResolvers<ContextType>;
  AccidentPolicy?: AccidentPolicyResolvers<ContextType>;
  WorkerCertificate?: WorkerCertificateResolvers<ContextType>;
  Account?: AccountResolvers<ContextType>;
  AuthPayload?: AuthPayloadResolvers<ContextType>;
  WorkerSkill?: WorkerSkillResolvers<ContextType>;
  AvailabilityWindow?: AvailabilityWindowResolvers<ContextType>;
  Worker?: WorkerResolvers<ContextType>;
  ReliabilityReport?: ReliabilityReportResolvers<ContextType>;
  Employer?: EmployerResolvers<ContextType>;
  Gig?: GigResolvers<ContextType>;
  FacetCount?: FacetCountResolvers<ContextType>;
  GigFacets?: GigFacetsResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  GigEdge?: GigEdgeResolvers<ContextType>;
  GigConnection?: GigConnectionResolvers<ContextType>;
  Candidate?: CandidateResolvers<ContextType>;
  Offer?: OfferResolvers<ContextType>;
  Contract?: ContractResolvers<ContextType>;
  Payment?: PaymentResolvers<ContextType>;
  PaymentRecord?: PaymentRecordResolvers<ContextType>;
  ArrearsCase?: ArrearsCaseResolvers<ContextType>;
  CheckIn?: CheckInResolvers<ContextType>;
  FirstCheckIn?: FirstCheckInResolvers<ContextType>;
  RatingPair?: RatingPairResolvers<ContextType>;
  Engagement?: EngagementResolvers<ContextType>;
  Attendance?: AttendanceResolvers<ContextType>;
  Crew?: CrewResolvers<ContextType>;
  SavedSearch?: SavedSearchResolvers<ContextType>;
  Application?: ApplicationResolvers<ContextType>;
  Dispute?: DisputeResolvers<ContextType>;
  DisputeNote?: DisputeNoteResolvers<ContextType>;
  Rating?: RatingResolvers<ContextType>;
  PrivacyNotice?: PrivacyNoticeResolvers<ContextType>;
  MinimumWage?: MinimumWageResolvers<ContextType>;
  AuditEntry?: AuditEntryResolvers<ContextType>;
  AuditEntryEdge?: AuditEntryEdgeResolvers<ContextType>;
  AuditEntryConnection?: AuditEntryConnectionResolvers<ContextType>;
  Station?: StationResolvers<ContextType>;
  KioskTokenInfo?: KioskTokenInfoResolvers<ContextType>;
  KioskToken?: KioskTokenResolvers<ContextType>;
  RegionStats?: RegionStatsResolvers<ContextType>;
  RegionDayStats?: RegionDayStatsResolvers<ContextType>;
  TradeStats?: TradeStatsResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  PhoneCodeSent?: PhoneCodeSentResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  TrainingProvider?: TrainingProviderResolvers<ContextType>;
  Course?: CourseResolvers<ContextType>;
  CourseFacets?: CourseFacetsResolvers<ContextType>;
  CourseEdge?: CourseEdgeResolvers<ContextType>;
  CourseConnection?: CourseConnectionResolvers<ContextType>;
  AttendanceDay?: AttendanceDayResolvers<ContextType>;
  Enrolment?: EnrolmentResolvers<ContextType>;
  TrainingWish?: TrainingWishResolvers<ContextType>;
  TrainingOrderProgress?: TrainingOrderProgressResolvers<ContextType>;
  TrainingOrder?: TrainingOrderResolvers<ContextType>;
  ShortageRow?: ShortageRowResolvers<ContextType>;
  ShortageReport?: ShortageReportResolvers<ContextType>;
  FollowUpEntry?: FollowUpEntryResolvers<ContextType>;
  FollowUpEdge?: FollowUpEdgeResolvers<ContextType>;
  FollowUpConnection?: FollowUpConnectionResolvers<ContextType>;
  FollowUpStationCount?: FollowUpStationCountResolvers<ContextType>;
  FollowUpContact?: FollowUpContactResolvers<ContextType>;
  FollowUpIdleDays?: FollowUpIdleDaysResolvers<ContextType>;
  HelpRequest?: HelpRequestResolvers<ContextType>;
  CountyWarning?: CountyWarningResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = MercuriusContext> = {
  auth?: authDirectiveResolver<any, any, ContextType>;
};

export type Loader<TReturn, TObj, TParams, TContext> = (
  queries: Array<{
    obj: TObj;
    params: TParams;
  }>,
  context: TContext & {
    reply: import("fastify").FastifyReply;
  },
) => Promise<Array<import("mercurius-codegen").DeepPartial<TReturn>>>;
export type LoaderResolver<TReturn, TObj, TParams, TContext> =
  | Loader<TReturn, TObj, TParams, TContext>
  | {
      loader: Loader<TReturn, TObj, TParams, TContext>;
      opts?: {
        cache?: boolean;
      };
    };
export interface Loaders<
  TContext = import("mercurius").MercuriusContext & {
    reply: import("fastify").FastifyReply;
  },
> {
  GeoPoint?: {
    lat?: LoaderResolver<Scalars["Float"], GeoPoint, {}, TContext>;
    lng?: LoaderResolver<Scalars["Float"], GeoPoint, {}, TContext>;
  };

  Region?: {
    code?: LoaderResolver<Scalars["ID"], Region, {}, TContext>;
    name?: LoaderResolver<Scalars["String"], Region, {}, TContext>;
    level?: LoaderResolver<Scalars["String"], Region, {}, TContext>;
    parentCode?: LoaderResolver<Maybe<Scalars["ID"]>, Region, {}, TContext>;
    minHourlyWageFen?: LoaderResolver<
      Maybe<Scalars["Int"]>,
      Region,
      {},
      TContext
    >;
  };

  Skill?: {
    code?: LoaderResolver<Scalars["ID"], Skill, {}, TContext>;
    name?: LoaderResolver<Scalars["String"], Skill, {}, TContext>;
    category?: LoaderResolver<Scalars["String"], Skill, {}, TContext>;
    synonyms?: LoaderResolver<Array<Scalars["String"]>, Skill, {}, TContext>;
    specialOperation?: LoaderResolver<
      Maybe<SpecialOperation>,
      Skill,
      {},
      TContext
    >;
    accidentRisk?: LoaderResolver<Scalars["Boolean"], Skill, {}, TContext>;
  };

  AccidentCover?: {
    required?: LoaderResolver<Scalars["Boolean"], AccidentCover, {}, TContext>;
    provider?: LoaderResolver<
      Maybe<CoverProvider>,
      AccidentCover,
      {},
      TContext
    >;
    payer?: LoaderResolver<Maybe<CoverPayer>, AccidentCover, {}, TContext>;
    insurer?: LoaderResolver<
      Maybe<Scalars["String"]>,
      AccidentCover,
      {},
      TContext
    >;
    policyNumber?: LoaderResolver<
      Maybe<Scalars["String"]>,
      AccidentCover,
      {},
      TContext
    >;
    reasons?: LoaderResolver<Array<CoverReason>, AccidentCover, {}, TContext>;
    riskyTrades?: LoaderResolver<Array<Skill>, AccidentCover, {}, TContext>;
  };

  AccidentPolicy?: {
    id?: LoaderResolver<Scalars["ID"], AccidentPolicy, {}, TContext>;
    coveredOn?: LoaderResolver<Scalars["String"], AccidentPolicy, {}, TContext>;
    insurer?: LoaderResolver<Scalars["String"], AccidentPolicy, {}, TContext>;
    policyNumber?: LoaderResolver<
      Scalars["String"],
      AccidentPolicy,
      {},
      TContext
    >;
    payer?: LoaderResolver<CoverPayer, AccidentPolicy, {}, TContext>;
    issuedAt?: LoaderResolver<
      Scalars["DateTime"],
      AccidentPolicy,
      {},
      TContext
    >;
  };

  WorkerCertificate?: {
    id?: LoaderResolver<Scalars["ID"], WorkerCertificate, {}, TContext>;
    skill?: LoaderResolver<Skill, WorkerCertificate, {}, TContext>;
    kind?: LoaderResolver<CertificateKind, WorkerCertificate, {}, TContext>;
    level?: LoaderResolver<
      Maybe<Scalars["Int"]>,
      WorkerCertificate,
      {},
      TContext
    >;
    number?: LoaderResolver<Scalars["String"], WorkerCertificate, {}, TContext>;
    issuer?: LoaderResolver<Scalars["String"], WorkerCertificate, {}, TContext>;
    issuedOn?: LoaderResolver<
      Scalars["String"],
      WorkerCertificate,
      {},
      TContext
    >;
    expiresOn?: LoaderResolver<
      Maybe<Scalars["String"]>,
      WorkerCertificate,
      {},
      TContext
    >;
    valid?: LoaderResolver<Scalars["Boolean"], WorkerCertificate, {}, TContext>;
    verifiedBy?: LoaderResolver<
      CertificateVerifier,
      WorkerCertificate,
      {},
      TContext
    >;
    verifiedAt?: LoaderResolver<
      Scalars["DateTime"],
      WorkerCertificate,
      {},
      TContext
    >;
  };

  Account?: {
    id?: LoaderResolver<Scalars["ID"], Account, {}, TContext>;
    role?: LoaderResolver<Role, Account, {}, TContext>;
    phone?: LoaderResolver<Scalars["String"], Account, {}, TContext>;
    displayName?: LoaderResolver<Scalars["String"], Account, {}, TContext>;
    worker?: LoaderResolver<Maybe<Worker>, Account, {}, TContext>;
    employer?: LoaderResolver<Maybe<Employer>, Account, {}, TContext>;
    suspendedAt?: LoaderResolver<
      Maybe<Scalars["DateTime"]>,
      Account,
      {},
      TContext
    >;
    locale?: LoaderResolver<Maybe<Locale>, Account, {}, TContext>;
  };

  AuthPayload?: {
    token?: LoaderResolver<Scalars["String"], AuthPayload, {}, TContext>;
    account?: LoaderResolver<Account, AuthPayload, {}, TContext>;
    expiresAt?: LoaderResolver<Scalars["DateTime"], AuthPayload, {}, TContext>;
    refreshToken?: LoaderResolver<Scalars["String"], AuthPayload, {}, TContext>;
  };

  WorkerSkill?: {
    skill?: LoaderResolver<Skill, WorkerSkill, {}, TContext>;
    level?: LoaderResolver<Scalars["Int"], WorkerSkill, {}, TContext>;
    levelName?: LoaderResolver<Scalars["String"], WorkerSkill, {}, TContext>;
    certified?: LoaderResolver<Scalars["Boolean"], WorkerSkill, {}, TContext>;
    source?: LoaderResolver<SkillSource, WorkerSkill, {}, TContext>;
    certificate?: LoaderResolver<
      Maybe<WorkerCertificate>,
      WorkerSkill,
      {},
      TContext
    >;
  };

  AvailabilityWindow?: {
    startsAt?: LoaderResolver<
      Scalars["DateTime"],
      AvailabilityWindow,
      {},
      TContext
    >;
    endsAt?: LoaderResolver<
      Scalars["DateTime"],
      AvailabilityWindow,
      {},
      TContext
    >;
  };

  Worker?: {
    id?: LoaderResolver<Scalars["ID"], Worker, {}, TContext>;
    name?: LoaderResolver<Scalars["String"], Worker, {}, TContext>;
    idNumberMasked?: LoaderResolver<Scalars["String"], Worker, {}, TContext>;
    identityStatus?: LoaderResolver<IdentityStatus, Worker, {}, TContext>;
    identityVerifiedAt?: LoaderResolver<
      Maybe<Scalars["DateTime"]>,
      Worker,
      {},
      TContext
    >;
    identityVerifiedAtStation?: LoaderResolver<
      Maybe<Station>,
      Worker,
      {},
      TContext
    >;
    idNumberLostAt?: LoaderResolver<
      Maybe<Scalars["DateTime"]>,
      Worker,
      {},
      TContext
    >;
    age?: LoaderResolver<Scalars["Int"], Worker, {}, TContext>;
    skills?: LoaderResolver<Array<WorkerSkill>, Worker, {}, TContext>;
    certificates?: LoaderResolver<
      Array<WorkerCertificate>,
      Worker,
      {},
      TContext
    >;
    homeRegion?: LoaderResolver<Region, Worker, {}, TContext>;
    residenceRegion?: LoaderResolver<Maybe<Region>, Worker, {}, TContext>;
    travelRadiusKm?: LoaderResolver<Scalars["Int"], Worker, {}, TContext>;
    availability?: LoaderResolver<
      Array<AvailabilityWindow>,
      Worker,
      {},
      TContext
    >;
    laborBrand?: LoaderResolver<Maybe<Scalars["String"]>, Worker, {}, TContext>;
    reliability?: LoaderResolver<Scalars["Float"], Worker, {}, TContext>;
    location?: LoaderResolver<Maybe<GeoPoint>, Worker, {}, TContext>;
    priorityGroups?: LoaderResolver<Array<PriorityGroup>, Worker, {}, TContext>;
    reliabilityReport?: LoaderResolver<ReliabilityReport, Worker, {}, TContext>;
    smsOffers?: LoaderResolver<Scalars["Boolean"], Worker, {}, TContext>;
  };

  ReliabilityReport?: {
    score?: LoaderResolver<Scalars["Float"], ReliabilityReport, {}, TContext>;
    hiresCounted?: LoaderResolver<
      Scalars["Int"],
      ReliabilityReport,
      {},
      TContext
    >;
    completed?: LoaderResolver<Scalars["Int"], ReliabilityReport, {}, TContext>;
    noShows?: LoaderResolver<Scalars["Int"], ReliabilityReport, {}, TContext>;
    lateCancellations?: LoaderResolver<
      Scalars["Int"],
      ReliabilityReport,
      {},
      TContext
    >;
    averageStars?: LoaderResolver<
      Maybe<Scalars["Float"]>,
      ReliabilityReport,
      {},
      TContext
    >;
    ratingsCounted?: LoaderResolver<
      Scalars["Int"],
      ReliabilityReport,
      {},
      TContext
    >;
    reasons?: LoaderResolver<
      Array<Scalars["String"]>,
      ReliabilityReport,
      {},
      TContext
    >;
  };

  Employer?: {
    id?: LoaderResolver<Scalars["ID"], Employer, {}, TContext>;
    name?: LoaderResolver<Scalars["String"], Employer, {}, TContext>;
    kind?: LoaderResolver<EmployerKind, Employer, {}, TContext>;
    creditCode?: LoaderResolver<Scalars["String"], Employer, {}, TContext>;
    verified?: LoaderResolver<Scalars["Boolean"], Employer, {}, TContext>;
    region?: LoaderResolver<Region, Employer, {}, TContext>;
    openArrears?: LoaderResolver<Scalars["Int"], Employer, {}, TContext>;
    averageStars?: LoaderResolver<
      Maybe<Scalars["Float"]>,
      Employer,
      {},
      TContext
    >;
    ratingsCounted?: LoaderResolver<Scalars["Int"], Employer, {}, TContext>;
  };

  Gig?: {
    id?: LoaderResolver<Scalars["ID"], Gig, {}, TContext>;
    employer?: LoaderResolver<Employer, Gig, {}, TContext>;
    title?: LoaderResolver<Scalars["String"], Gig, {}, TContext>;
    description?: LoaderResolver<Scalars["String"], Gig, {}, TContext>;
    skills?: LoaderResolver<Array<Skill>, Gig, {}, TContext>;
    headcount?: LoaderResolver<Scalars["Int"], Gig, {}, TContext>;
    filled?: LoaderResolver<Scalars["Int"], Gig, {}, TContext>;
    startsAt?: LoaderResolver<Scalars["DateTime"], Gig, {}, TContext>;
    endsAt?: LoaderResolver<Scalars["DateTime"], Gig, {}, TContext>;
    region?: LoaderResolver<Region, Gig, {}, TContext>;
    address?: LoaderResolver<Scalars["String"], Gig, {}, TContext>;
    location?: LoaderResolver<GeoPoint, Gig, {}, TContext>;
    payFen?: LoaderResolver<Scalars["Int"], Gig, {}, TContext>;
    payUnit?: LoaderResolver<PayUnit, Gig, {}, TContext>;
    payDueDays?: LoaderResolver<Scalars["Int"], Gig, {}, TContext>;
    olderFriendly?: LoaderResolver<Scalars["Boolean"], Gig, {}, TContext>;
    publicWelfare?: LoaderResolver<Scalars["Boolean"], Gig, {}, TContext>;
    accidentCover?: LoaderResolver<AccidentCover, Gig, {}, TContext>;
    instant?: LoaderResolver<Scalars["Boolean"], Gig, {}, TContext>;
    status?: LoaderResolver<GigStatus, Gig, {}, TContext>;
    createdAt?: LoaderResolver<Scalars["DateTime"], Gig, {}, TContext>;
    hourlyFen?: LoaderResolver<Scalars["Int"], Gig, {}, TContext>;
    hoursPerDay?: LoaderResolver<Maybe<Scalars["Float"]>, Gig, {}, TContext>;
    piecesPerHour?: LoaderResolver<Maybe<Scalars["Float"]>, Gig, {}, TContext>;
    employerHasArrears?: LoaderResolver<Scalars["Boolean"], Gig, {}, TContext>;
    searchRadiusKm?: LoaderResolver<Scalars["Float"], Gig, {}, TContext>;
    minSkillLevel?: LoaderResolver<Maybe<Scalars["Int"]>, Gig, {}, TContext>;
    requiresOperationCertificate?: LoaderResolver<
      Scalars["Boolean"],
      Gig,
      {},
      TContext
    >;
    cancelReason?: LoaderResolver<Maybe<Scalars["String"]>, Gig, {}, TContext>;
    cancelledAt?: LoaderResolver<Maybe<Scalars["DateTime"]>, Gig, {}, TContext>;
  };

  FacetCount?: {
    value?: LoaderResolver<Scalars["String"], FacetCount, {}, TContext>;
    label?: LoaderResolver<Scalars["String"], FacetCount, {}, TContext>;
    count?: LoaderResolver<Scalars["Int"], FacetCount, {}, TContext>;
  };

  GigFacets?: {
    skills?: LoaderResolver<Array<FacetCount>, GigFacets, {}, TContext>;
    regions?: LoaderResolver<Array<FacetCount>, GigFacets, {}, TContext>;
    payUnits?: LoaderResolver<Array<FacetCount>, GigFacets, {}, TContext>;
  };

  PageInfo?: {
    hasNextPage?: LoaderResolver<Scalars["Boolean"], PageInfo, {}, TContext>;
    endCursor?: LoaderResolver<
      Maybe<Scalars["String"]>,
      PageInfo,
      {},
      TContext
    >;
  };

  GigEdge?: {
    cursor?: LoaderResolver<Scalars["String"], GigEdge, {}, TContext>;
    node?: LoaderResolver<Gig, GigEdge, {}, TContext>;
    distanceKm?: LoaderResolver<Maybe<Scalars["Float"]>, GigEdge, {}, TContext>;
  };

  GigConnection?: {
    edges?: LoaderResolver<Array<GigEdge>, GigConnection, {}, TContext>;
    pageInfo?: LoaderResolver<PageInfo, GigConnection, {}, TContext>;
    totalCount?: LoaderResolver<Scalars["Int"], GigConnection, {}, TContext>;
    facets?: LoaderResolver<GigFacets, GigConnection, {}, TContext>;
    degraded?: LoaderResolver<Scalars["Boolean"], GigConnection, {}, TContext>;
  };

  Candidate?: {
    worker?: LoaderResolver<Worker, Candidate, {}, TContext>;
    distanceKm?: LoaderResolver<Scalars["Float"], Candidate, {}, TContext>;
    score?: LoaderResolver<Scalars["Float"], Candidate, {}, TContext>;
    tier?: LoaderResolver<OfferTier, Candidate, {}, TContext>;
  };

  Offer?: {
    id?: LoaderResolver<Scalars["ID"], Offer, {}, TContext>;
    gig?: LoaderResolver<Gig, Offer, {}, TContext>;
    status?: LoaderResolver<OfferStatus, Offer, {}, TContext>;
    wave?: LoaderResolver<Scalars["Int"], Offer, {}, TContext>;
    sentAt?: LoaderResolver<Scalars["DateTime"], Offer, {}, TContext>;
    expiresAt?: LoaderResolver<Scalars["DateTime"], Offer, {}, TContext>;
    deliveredAt?: LoaderResolver<
      Maybe<Scalars["DateTime"]>,
      Offer,
      {},
      TContext
    >;
    respondedAt?: LoaderResolver<
      Maybe<Scalars["DateTime"]>,
      Offer,
      {},
      TContext
    >;
    distanceKm?: LoaderResolver<Maybe<Scalars["Float"]>, Offer, {}, TContext>;
    worker?: LoaderResolver<Worker, Offer, {}, TContext>;
    tier?: LoaderResolver<OfferTier, Offer, {}, TContext>;
    score?: LoaderResolver<Maybe<Scalars["Float"]>, Offer, {}, TContext>;
    crew?: LoaderResolver<Maybe<Crew>, Offer, {}, TContext>;
    smsStatus?: LoaderResolver<Maybe<Scalars["String"]>, Offer, {}, TContext>;
  };

  Contract?: {
    terms?: LoaderResolver<Scalars["String"], Contract, {}, TContext>;
    hash?: LoaderResolver<Scalars["String"], Contract, {}, TContext>;
    workerAcceptedAt?: LoaderResolver<
      Maybe<Scalars["DateTime"]>,
      Contract,
      {},
      TContext
    >;
    employerAcceptedAt?: LoaderResolver<
      Maybe<Scalars["DateTime"]>,
      Contract,
      {},
      TContext
    >;
    version?: LoaderResolver<Scalars["Int"], Contract, {}, TContext>;
    verified?: LoaderResolver<Scalars["Boolean"], Contract, {}, TContext>;
    workerErasedAt?: LoaderResolver<
      Maybe<Scalars["DateTime"]>,
      Contract,
      {},
      TContext
    >;
  };

  Payment?: {
    amountFen?: LoaderResolver<Scalars["Int"], Payment, {}, TContext>;
    dueAt?: LoaderResolver<Scalars["DateTime"], Payment, {}, TContext>;
    paidAt?: LoaderResolver<Maybe<Scalars["DateTime"]>, Payment, {}, TContext>;
    confirmedByWorkerAt?: LoaderResolver<
      Maybe<Scalars["DateTime"]>,
      Payment,
      {},
      TContext
    >;
    overdue?: LoaderResolver<Scalars["Boolean"], Payment, {}, TContext>;
    paidFen?: LoaderResolver<Scalars["Int"], Payment, {}, TContext>;
    confirmedFen?: LoaderResolver<Scalars["Int"], Payment, {}, TContext>;
    outstandingFen?: LoaderResolver<Scalars["Int"], Payment, {}, TContext>;
    records?: LoaderResolver<Array<PaymentRecord>, Payment, {}, TContext>;
    arrears?: LoaderResolver<Maybe<ArrearsCase>, Payment, {}, TContext>;
  };

  PaymentRecord?: {
    id?: LoaderResolver<Scalars["ID"], PaymentRecord, {}, TContext>;
    amountFen?: LoaderResolver<Scalars["Int"], PaymentRecord, {}, TContext>;
    recordedAt?: LoaderResolver<
      Scalars["DateTime"],
      PaymentRecord,
      {},
      TContext
    >;
  };

  ArrearsCase?: {
    id?: LoaderResolver<Scalars["ID"], ArrearsCase, {}, TContext>;
    engagement?: LoaderResolver<Engagement, ArrearsCase, {}, TContext>;
    employer?: LoaderResolver<Employer, ArrearsCase, {}, TContext>;
    worker?: LoaderResolver<Worker, ArrearsCase, {}, TContext>;
    owedFen?: LoaderResolver<Scalars["Int"], ArrearsCase, {}, TContext>;
    status?: LoaderResolver<ArrearsStatus, ArrearsCase, {}, TContext>;
    openedAt?: LoaderResolver<Scalars["DateTime"], ArrearsCase, {}, TContext>;
    closedAt?: LoaderResolver<
      Maybe<Scalars["DateTime"]>,
      ArrearsCase,
      {},
      TContext
    >;
    closeReason?: LoaderResolver<
      Maybe<ArrearsCloseReason>,
      ArrearsCase,
      {},
      TContext
    >;
    resolution?: LoaderResolver<
      Maybe<Scalars["String"]>,
      ArrearsCase,
      {},
      TContext
    >;
  };

  CheckIn?: {
    at?: LoaderResolver<Scalars["DateTime"], CheckIn, {}, TContext>;
    location?: LoaderResolver<Maybe<GeoPoint>, CheckIn, {}, TContext>;
    distanceM?: LoaderResolver<Maybe<Scalars["Int"]>, CheckIn, {}, TContext>;
    offSite?: LoaderResolver<Scalars["Boolean"], CheckIn, {}, TContext>;
    offSiteConfirmedAt?: LoaderResolver<
      Maybe<Scalars["DateTime"]>,
      CheckIn,
      {},
      TContext
    >;
    byCode?: LoaderResolver<Scalars["Boolean"], CheckIn, {}, TContext>;
  };

  FirstCheckIn?: {
    at?: LoaderResolver<Scalars["DateTime"], FirstCheckIn, {}, TContext>;
    distanceM?: LoaderResolver<
      Maybe<Scalars["Int"]>,
      FirstCheckIn,
      {},
      TContext
    >;
    offSite?: LoaderResolver<Scalars["Boolean"], FirstCheckIn, {}, TContext>;
  };

  RatingPair?: {
    byWorker?: LoaderResolver<Maybe<Rating>, RatingPair, {}, TContext>;
    byEmployer?: LoaderResolver<Maybe<Rating>, RatingPair, {}, TContext>;
  };

  Engagement?: {
    id?: LoaderResolver<Scalars["ID"], Engagement, {}, TContext>;
    gig?: LoaderResolver<Gig, Engagement, {}, TContext>;
    worker?: LoaderResolver<Worker, Engagement, {}, TContext>;
    status?: LoaderResolver<EngagementStatus, Engagement, {}, TContext>;
    origin?: LoaderResolver<WorkerOrigin, Engagement, {}, TContext>;
    contract?: LoaderResolver<Contract, Engagement, {}, TContext>;
    checkedInAt?: LoaderResolver<
      Maybe<Scalars["DateTime"]>,
      Engagement,
      {},
      TContext
    >;
    checkedOutAt?: LoaderResolver<
      Maybe<Scalars["DateTime"]>,
      Engagement,
      {},
      TContext
    >;
    payment?: LoaderResolver<Payment, Engagement, {}, TContext>;
    createdAt?: LoaderResolver<Scalars["DateTime"], Engagement, {}, TContext>;
    crew?: LoaderResolver<Maybe<Crew>, Engagement, {}, TContext>;
    accidentPolicies?: LoaderResolver<
      Array<AccidentPolicy>,
      Engagement,
      {},
      TContext
    >;
    startsAt?: LoaderResolver<Scalars["DateTime"], Engagement, {}, TContext>;
    endsAt?: LoaderResolver<Scalars["DateTime"], Engagement, {}, TContext>;
    checkIn?: LoaderResolver<Maybe<CheckIn>, Engagement, {}, TContext>;
    firstCheckIn?: LoaderResolver<
      Maybe<FirstCheckIn>,
      Engagement,
      {},
      TContext
    >;
    checkInCode?: LoaderResolver<
      Maybe<Scalars["String"]>,
      Engagement,
      {},
      TContext
    >;
    hoursWorked?: LoaderResolver<
      Maybe<Scalars["Float"]>,
      Engagement,
      {},
      TContext
    >;
    checkedOutAutomatically?: LoaderResolver<
      Scalars["Boolean"],
      Engagement,
      {},
      TContext
    >;
    completedAt?: LoaderResolver<
      Maybe<Scalars["DateTime"]>,
      Engagement,
      {},
      TContext
    >;
    noShowAt?: LoaderResolver<
      Maybe<Scalars["DateTime"]>,
      Engagement,
      {},
      TContext
    >;
    cancelledAt?: LoaderResolver<
      Maybe<Scalars["DateTime"]>,
      Engagement,
      {},
      TContext
    >;
    cancelledBy?: LoaderResolver<
      Maybe<Scalars["String"]>,
      Engagement,
      {},
      TContext
    >;
    cancelledLate?: LoaderResolver<
      Scalars["Boolean"],
      Engagement,
      {},
      TContext
    >;
    ratings?: LoaderResolver<RatingPair, Engagement, {}, TContext>;
    disputes?: LoaderResolver<Array<Dispute>, Engagement, {}, TContext>;
    attendance?: LoaderResolver<Maybe<Attendance>, Engagement, {}, TContext>;
  };

  Attendance?: {
    status?: LoaderResolver<AttendanceStatus, Attendance, {}, TContext>;
    doubts?: LoaderResolver<Array<AttendanceDoubt>, Attendance, {}, TContext>;
    recordedHours?: LoaderResolver<Scalars["Float"], Attendance, {}, TContext>;
    settledHours?: LoaderResolver<
      Maybe<Scalars["Float"]>,
      Attendance,
      {},
      TContext
    >;
    answerBy?: LoaderResolver<
      Maybe<Scalars["DateTime"]>,
      Attendance,
      {},
      TContext
    >;
    decidedBy?: LoaderResolver<
      Maybe<AttendanceDecider>,
      Attendance,
      {},
      TContext
    >;
    decidedAt?: LoaderResolver<
      Maybe<Scalars["DateTime"]>,
      Attendance,
      {},
      TContext
    >;
    contestReason?: LoaderResolver<
      Maybe<Scalars["String"]>,
      Attendance,
      {},
      TContext
    >;
  };

  Crew?: {
    id?: LoaderResolver<Scalars["ID"], Crew, {}, TContext>;
    name?: LoaderResolver<Scalars["String"], Crew, {}, TContext>;
    leader?: LoaderResolver<Worker, Crew, {}, TContext>;
    members?: LoaderResolver<Array<Worker>, Crew, {}, TContext>;
    invited?: LoaderResolver<Array<Worker>, Crew, {}, TContext>;
  };

  SavedSearch?: {
    id?: LoaderResolver<Scalars["ID"], SavedSearch, {}, TContext>;
    name?: LoaderResolver<Scalars["String"], SavedSearch, {}, TContext>;
    search?: LoaderResolver<Scalars["JSON"], SavedSearch, {}, TContext>;
    createdAt?: LoaderResolver<Scalars["DateTime"], SavedSearch, {}, TContext>;
  };

  Application?: {
    id?: LoaderResolver<Scalars["ID"], Application, {}, TContext>;
    gig?: LoaderResolver<Gig, Application, {}, TContext>;
    worker?: LoaderResolver<Worker, Application, {}, TContext>;
    status?: LoaderResolver<ApplicationStatus, Application, {}, TContext>;
    createdAt?: LoaderResolver<Scalars["DateTime"], Application, {}, TContext>;
  };

  Dispute?: {
    id?: LoaderResolver<Scalars["ID"], Dispute, {}, TContext>;
    engagement?: LoaderResolver<Engagement, Dispute, {}, TContext>;
    reason?: LoaderResolver<Scalars["String"], Dispute, {}, TContext>;
    status?: LoaderResolver<DisputeStatus, Dispute, {}, TContext>;
    resolution?: LoaderResolver<
      Maybe<Scalars["String"]>,
      Dispute,
      {},
      TContext
    >;
    openedAt?: LoaderResolver<Scalars["DateTime"], Dispute, {}, TContext>;
    kind?: LoaderResolver<DisputeKind, Dispute, {}, TContext>;
    openedBy?: LoaderResolver<Scalars["String"], Dispute, {}, TContext>;
    arrears?: LoaderResolver<Maybe<ArrearsCase>, Dispute, {}, TContext>;
    notes?: LoaderResolver<Array<DisputeNote>, Dispute, {}, TContext>;
    resolvedAt?: LoaderResolver<
      Maybe<Scalars["DateTime"]>,
      Dispute,
      {},
      TContext
    >;
  };

  DisputeNote?: {
    by?: LoaderResolver<Scalars["String"], DisputeNote, {}, TContext>;
    note?: LoaderResolver<Scalars["String"], DisputeNote, {}, TContext>;
    createdAt?: LoaderResolver<Scalars["DateTime"], DisputeNote, {}, TContext>;
  };

  Rating?: {
    id?: LoaderResolver<Scalars["ID"], Rating, {}, TContext>;
    stars?: LoaderResolver<Scalars["Int"], Rating, {}, TContext>;
    comment?: LoaderResolver<Maybe<Scalars["String"]>, Rating, {}, TContext>;
  };

  PrivacyNotice?: {
    version?: LoaderResolver<Scalars["String"], PrivacyNotice, {}, TContext>;
    text?: LoaderResolver<Scalars["String"], PrivacyNotice, {}, TContext>;
  };

  MinimumWage?: {
    region?: LoaderResolver<Region, MinimumWage, {}, TContext>;
    hourlyFen?: LoaderResolver<Scalars["Int"], MinimumWage, {}, TContext>;
    effectiveFrom?: LoaderResolver<
      Scalars["String"],
      MinimumWage,
      {},
      TContext
    >;
    source?: LoaderResolver<Scalars["String"], MinimumWage, {}, TContext>;
  };

  AuditEntry?: {
    id?: LoaderResolver<Scalars["ID"], AuditEntry, {}, TContext>;
    at?: LoaderResolver<Scalars["DateTime"], AuditEntry, {}, TContext>;
    actor?: LoaderResolver<Maybe<Account>, AuditEntry, {}, TContext>;
    actorRole?: LoaderResolver<Scalars["String"], AuditEntry, {}, TContext>;
    action?: LoaderResolver<Scalars["String"], AuditEntry, {}, TContext>;
    subjectType?: LoaderResolver<Scalars["String"], AuditEntry, {}, TContext>;
    subjectId?: LoaderResolver<Scalars["ID"], AuditEntry, {}, TContext>;
    details?: LoaderResolver<Scalars["JSON"], AuditEntry, {}, TContext>;
    ip?: LoaderResolver<Maybe<Scalars["String"]>, AuditEntry, {}, TContext>;
    userAgent?: LoaderResolver<
      Maybe<Scalars["String"]>,
      AuditEntry,
      {},
      TContext
    >;
  };

  AuditEntryEdge?: {
    cursor?: LoaderResolver<Scalars["String"], AuditEntryEdge, {}, TContext>;
    node?: LoaderResolver<AuditEntry, AuditEntryEdge, {}, TContext>;
  };

  AuditEntryConnection?: {
    edges?: LoaderResolver<
      Array<AuditEntryEdge>,
      AuditEntryConnection,
      {},
      TContext
    >;
    pageInfo?: LoaderResolver<PageInfo, AuditEntryConnection, {}, TContext>;
    totalCount?: LoaderResolver<
      Scalars["Int"],
      AuditEntryConnection,
      {},
      TContext
    >;
  };

  Station?: {
    id?: LoaderResolver<Scalars["ID"], Station, {}, TContext>;
    name?: LoaderResolver<Scalars["String"], Station, {}, TContext>;
    region?: LoaderResolver<Region, Station, {}, TContext>;
    location?: LoaderResolver<GeoPoint, Station, {}, TContext>;
    address?: LoaderResolver<Scalars["String"], Station, {}, TContext>;
    kind?: LoaderResolver<StationKind, Station, {}, TContext>;
    openingHours?: LoaderResolver<
      Maybe<Scalars["String"]>,
      Station,
      {},
      TContext
    >;
    phone?: LoaderResolver<Maybe<Scalars["String"]>, Station, {}, TContext>;
    serviceRadiusKm?: LoaderResolver<Scalars["Float"], Station, {}, TContext>;
    operators?: LoaderResolver<Array<Account>, Station, {}, TContext>;
  };

  KioskTokenInfo?: {
    id?: LoaderResolver<Scalars["ID"], KioskTokenInfo, {}, TContext>;
    label?: LoaderResolver<Scalars["String"], KioskTokenInfo, {}, TContext>;
    createdAt?: LoaderResolver<
      Scalars["DateTime"],
      KioskTokenInfo,
      {},
      TContext
    >;
    lastSeenAt?: LoaderResolver<
      Maybe<Scalars["DateTime"]>,
      KioskTokenInfo,
      {},
      TContext
    >;
    revokedAt?: LoaderResolver<
      Maybe<Scalars["DateTime"]>,
      KioskTokenInfo,
      {},
      TContext
    >;
  };

  KioskToken?: {
    id?: LoaderResolver<Scalars["ID"], KioskToken, {}, TContext>;
    station?: LoaderResolver<Station, KioskToken, {}, TContext>;
    label?: LoaderResolver<Scalars["String"], KioskToken, {}, TContext>;
    token?: LoaderResolver<Scalars["String"], KioskToken, {}, TContext>;
  };

  RegionStats?: {
    region?: LoaderResolver<Region, RegionStats, {}, TContext>;
    gigsPosted?: LoaderResolver<Scalars["Int"], RegionStats, {}, TContext>;
    gigsFilled?: LoaderResolver<Scalars["Int"], RegionStats, {}, TContext>;
    fillRate?: LoaderResolver<Scalars["Float"], RegionStats, {}, TContext>;
    medianMinutesToFill?: LoaderResolver<
      Maybe<Scalars["Float"]>,
      RegionStats,
      {},
      TContext
    >;
    hires?: LoaderResolver<Scalars["Int"], RegionStats, {}, TContext>;
    wagesPaidFen?: LoaderResolver<Scalars["Int"], RegionStats, {}, TContext>;
    openArrears?: LoaderResolver<Scalars["Int"], RegionStats, {}, TContext>;
    olderWorkerHires?: LoaderResolver<
      Scalars["Int"],
      RegionStats,
      {},
      TContext
    >;
    hiresByOrigin?: LoaderResolver<
      Array<FacetCount>,
      RegionStats,
      {},
      TContext
    >;
    fromDay?: LoaderResolver<Scalars["String"], RegionStats, {}, TContext>;
    toDay?: LoaderResolver<Scalars["String"], RegionStats, {}, TContext>;
    wagesPaidYuan?: LoaderResolver<Scalars["Float"], RegionStats, {}, TContext>;
    arrearsOpened?: LoaderResolver<Scalars["Int"], RegionStats, {}, TContext>;
    arrearsClosed?: LoaderResolver<Scalars["Int"], RegionStats, {}, TContext>;
    olderWorkerShare?: LoaderResolver<
      Scalars["Float"],
      RegionStats,
      {},
      TContext
    >;
    offersSent?: LoaderResolver<Scalars["Int"], RegionStats, {}, TContext>;
    olderWorkerOffers?: LoaderResolver<
      Scalars["Int"],
      RegionStats,
      {},
      TContext
    >;
    olderWorkerOfferShare?: LoaderResolver<
      Scalars["Float"],
      RegionStats,
      {},
      TContext
    >;
  };

  RegionDayStats?: {
    day?: LoaderResolver<Scalars["String"], RegionDayStats, {}, TContext>;
    fromDay?: LoaderResolver<Scalars["String"], RegionDayStats, {}, TContext>;
    toDay?: LoaderResolver<Scalars["String"], RegionDayStats, {}, TContext>;
    gigsPosted?: LoaderResolver<Scalars["Int"], RegionDayStats, {}, TContext>;
    gigsFilled?: LoaderResolver<Scalars["Int"], RegionDayStats, {}, TContext>;
    fillRate?: LoaderResolver<Scalars["Float"], RegionDayStats, {}, TContext>;
    medianMinutesToFill?: LoaderResolver<
      Maybe<Scalars["Float"]>,
      RegionDayStats,
      {},
      TContext
    >;
    hires?: LoaderResolver<Scalars["Int"], RegionDayStats, {}, TContext>;
    wagesPaidFen?: LoaderResolver<Scalars["Int"], RegionDayStats, {}, TContext>;
    wagesPaidYuan?: LoaderResolver<
      Scalars["Float"],
      RegionDayStats,
      {},
      TContext
    >;
    openArrears?: LoaderResolver<Scalars["Int"], RegionDayStats, {}, TContext>;
    arrearsOpened?: LoaderResolver<
      Scalars["Int"],
      RegionDayStats,
      {},
      TContext
    >;
    arrearsClosed?: LoaderResolver<
      Scalars["Int"],
      RegionDayStats,
      {},
      TContext
    >;
    olderWorkerHires?: LoaderResolver<
      Scalars["Int"],
      RegionDayStats,
      {},
      TContext
    >;
    olderWorkerShare?: LoaderResolver<
      Scalars["Float"],
      RegionDayStats,
      {},
      TContext
    >;
    hiresByOrigin?: LoaderResolver<
      Array<FacetCount>,
      RegionDayStats,
      {},
      TContext
    >;
  };

  TradeStats?: {
    tradeCode?: LoaderResolver<Scalars["String"], TradeStats, {}, TContext>;
    skill?: LoaderResolver<Maybe<Skill>, TradeStats, {}, TContext>;
    fromDay?: LoaderResolver<Scalars["String"], TradeStats, {}, TContext>;
    toDay?: LoaderResolver<Scalars["String"], TradeStats, {}, TContext>;
    gigsPosted?: LoaderResolver<Scalars["Int"], TradeStats, {}, TContext>;
    gigsFilled?: LoaderResolver<Scalars["Int"], TradeStats, {}, TContext>;
    fillRate?: LoaderResolver<Scalars["Float"], TradeStats, {}, TContext>;
    medianMinutesToFill?: LoaderResolver<
      Maybe<Scalars["Float"]>,
      TradeStats,
      {},
      TContext
    >;
    hires?: LoaderResolver<Scalars["Int"], TradeStats, {}, TContext>;
    wagesPaidFen?: LoaderResolver<Scalars["Int"], TradeStats, {}, TContext>;
    wagesPaidYuan?: LoaderResolver<Scalars["Float"], TradeStats, {}, TContext>;
    openArrears?: LoaderResolver<Scalars["Int"], TradeStats, {}, TContext>;
    arrearsOpened?: LoaderResolver<Scalars["Int"], TradeStats, {}, TContext>;
    arrearsClosed?: LoaderResolver<Scalars["Int"], TradeStats, {}, TContext>;
    olderWorkerHires?: LoaderResolver<Scalars["Int"], TradeStats, {}, TContext>;
    olderWorkerShare?: LoaderResolver<
      Scalars["Float"],
      TradeStats,
      {},
      TContext
    >;
    hiresByOrigin?: LoaderResolver<Array<FacetCount>, TradeStats, {}, TContext>;
  };

  PhoneCodeSent?: {
    message?: LoaderResolver<Scalars["String"], PhoneCodeSent, {}, TContext>;
    expiresAt?: LoaderResolver<
      Scalars["DateTime"],
      PhoneCodeSent,
      {},
      TContext
    >;
    retryAfter?: LoaderResolver<
      Scalars["DateTime"],
      PhoneCodeSent,
      {},
      TContext
    >;
  };

  TrainingProvider?: {
    id?: LoaderResolver<Scalars["ID"], TrainingProvider, {}, TContext>;
    name?: LoaderResolver<Scalars["String"], TrainingProvider, {}, TContext>;
    creditCode?: LoaderResolver<
      Scalars["String"],
      TrainingProvider,
      {},
      TContext
    >;
    verified?: LoaderResolver<
      Scalars["Boolean"],
      TrainingProvider,
      {},
      TContext
    >;
    region?: LoaderResolver<Region, TrainingProvider, {}, TContext>;
    location?: LoaderResolver<GeoPoint, TrainingProvider, {}, TContext>;
  };

  Course?: {
    id?: LoaderResolver<Scalars["ID"], Course, {}, TContext>;
    provider?: LoaderResolver<TrainingProvider, Course, {}, TContext>;
    title?: LoaderResolver<Scalars["String"], Course, {}, TContext>;
    description?: LoaderResolver<Scalars["String"], Course, {}, TContext>;
    skill?: LoaderResolver<Skill, Course, {}, TContext>;
    targetLevel?: LoaderResolver<Maybe<Scalars["Int"]>, Course, {}, TContext>;
    certificate?: LoaderResolver<
      Maybe<CourseCertificate>,
      Course,
      {},
      TContext
    >;
    subsidised?: LoaderResolver<Scalars["Boolean"], Course, {}, TContext>;
    subsidySource?: LoaderResolver<
      Maybe<Scalars["String"]>,
      Course,
      {},
      TContext
    >;
    feeFen?: LoaderResolver<Scalars["Int"], Course, {}, TContext>;
    startsOn?: LoaderResolver<Scalars["String"], Course, {}, TContext>;
    endsOn?: LoaderResolver<Scalars["String"], Course, {}, TContext>;
    hours?: LoaderResolver<Scalars["Int"], Course, {}, TContext>;
    enrolBy?: LoaderResolver<Scalars["String"], Course, {}, TContext>;
    region?: LoaderResolver<Region, Course, {}, TContext>;
    address?: LoaderResolver<Scalars["String"], Course, {}, TContext>;
    location?: LoaderResolver<GeoPoint, Course, {}, TContext>;
    seats?: LoaderResolver<Scalars["Int"], Course, {}, TContext>;
    enrolled?: LoaderResolver<Scalars["Int"], Course, {}, TContext>;
    seatsLeft?: LoaderResolver<Scalars["Int"], Course, {}, TContext>;
    language?: LoaderResolver<TeachingLanguage, Course, {}, TContext>;
    status?: LoaderResolver<CourseStatus, Course, {}, TContext>;
    order?: LoaderResolver<Maybe<TrainingOrder>, Course, {}, TContext>;
    enrolments?: LoaderResolver<Array<Enrolment>, Course, {}, TContext>;
  };

  CourseFacets?: {
    skills?: LoaderResolver<Array<FacetCount>, CourseFacets, {}, TContext>;
    regions?: LoaderResolver<Array<FacetCount>, CourseFacets, {}, TContext>;
    subsidised?: LoaderResolver<Array<FacetCount>, CourseFacets, {}, TContext>;
  };

  CourseEdge?: {
    cursor?: LoaderResolver<Scalars["String"], CourseEdge, {}, TContext>;
    node?: LoaderResolver<Course, CourseEdge, {}, TContext>;
    distanceKm?: LoaderResolver<
      Maybe<Scalars["Float"]>,
      CourseEdge,
      {},
      TContext
    >;
  };

  CourseConnection?: {
    edges?: LoaderResolver<Array<CourseEdge>, CourseConnection, {}, TContext>;
    pageInfo?: LoaderResolver<PageInfo, CourseConnection, {}, TContext>;
    totalCount?: LoaderResolver<Scalars["Int"], CourseConnection, {}, TContext>;
    facets?: LoaderResolver<CourseFacets, CourseConnection, {}, TContext>;
    degraded?: LoaderResolver<
      Scalars["Boolean"],
      CourseConnection,
      {},
      TContext
    >;
  };

  AttendanceDay?: {
    day?: LoaderResolver<Scalars["String"], AttendanceDay, {}, TContext>;
    present?: LoaderResolver<Scalars["Boolean"], AttendanceDay, {}, TContext>;
  };

  Enrolment?: {
    id?: LoaderResolver<Scalars["ID"], Enrolment, {}, TContext>;
    course?: LoaderResolver<Course, Enrolment, {}, TContext>;
    worker?: LoaderResolver<Worker, Enrolment, {}, TContext>;
    status?: LoaderResolver<EnrolmentStatus, Enrolment, {}, TContext>;
    enrolledAt?: LoaderResolver<Scalars["DateTime"], Enrolment, {}, TContext>;
    attendance?: LoaderResolver<Array<AttendanceDay>, Enrolment, {}, TContext>;
    daysPresent?: LoaderResolver<Scalars["Int"], Enrolment, {}, TContext>;
    score?: LoaderResolver<Maybe<Scalars["Int"]>, Enrolment, {}, TContext>;
    certificate?: LoaderResolver<
      Maybe<WorkerCertificate>,
      Enrolment,
      {},
      TContext
    >;
  };

  TrainingWish?: {
    skill?: LoaderResolver<Skill, TrainingWish, {}, TContext>;
    source?: LoaderResolver<TrainingWishSource, TrainingWish, {}, TContext>;
    createdAt?: LoaderResolver<Scalars["DateTime"], TrainingWish, {}, TContext>;
  };

  TrainingOrderProgress?: {
    enrolled?: LoaderResolver<
      Scalars["Int"],
      TrainingOrderProgress,
      {},
      TContext
    >;
    passed?: LoaderResolver<
      Scalars["Int"],
      TrainingOrderProgress,
      {},
      TContext
    >;
    failed?: LoaderResolver<
      Scalars["Int"],
      TrainingOrderProgress,
      {},
      TContext
    >;
    onRoster?: LoaderResolver<
      Scalars["Int"],
      TrainingOrderProgress,
      {},
      TContext
    >;
  };

  TrainingOrder?: {
    id?: LoaderResolver<Scalars["ID"], TrainingOrder, {}, TContext>;
    employer?: LoaderResolver<Employer, TrainingOrder, {}, TContext>;
    skill?: LoaderResolver<Skill, TrainingOrder, {}, TContext>;
    targetLevel?: LoaderResolver<
      Maybe<Scalars["Int"]>,
      TrainingOrder,
      {},
      TContext
    >;
    headcount?: LoaderResolver<Scalars["Int"], TrainingOrder, {}, TContext>;
    dueOn?: LoaderResolver<Scalars["String"], TrainingOrder, {}, TContext>;
    region?: LoaderResolver<Region, TrainingOrder, {}, TContext>;
    priorityDays?: LoaderResolver<Scalars["Int"], TrainingOrder, {}, TContext>;
    note?: LoaderResolver<
      Maybe<Scalars["String"]>,
      TrainingOrder,
      {},
      TContext
    >;
    status?: LoaderResolver<TrainingOrderStatus, TrainingOrder, {}, TContext>;
    provider?: LoaderResolver<
      Maybe<TrainingProvider>,
      TrainingOrder,
      {},
      TContext
    >;
    course?: LoaderResolver<Maybe<Course>, TrainingOrder, {}, TContext>;
    progress?: LoaderResolver<
      TrainingOrderProgress,
      TrainingOrder,
      {},
      TContext
    >;
  };

  ShortageRow?: {
    region?: LoaderResolver<Region, ShortageRow, {}, TContext>;
    skill?: LoaderResolver<Skill, ShortageRow, {}, TContext>;
    seatsPosted?: LoaderResolver<Scalars["Int"], ShortageRow, {}, TContext>;
    seatsUnfilled?: LoaderResolver<Scalars["Int"], ShortageRow, {}, TContext>;
    medianHoursToFill?: LoaderResolver<
      Maybe<Scalars["Float"]>,
      ShortageRow,
      {},
      TContext
    >;
    workersAvailable?: LoaderResolver<
      Scalars["Int"],
      ShortageRow,
      {},
      TContext
    >;
    workersMatching?: LoaderResolver<Scalars["Int"], ShortageRow, {}, TContext>;
    certifiedHolders?: LoaderResolver<
      Scalars["Int"],
      ShortageRow,
      {},
      TContext
    >;
    trainingWishes?: LoaderResolver<Scalars["Int"], ShortageRow, {}, TContext>;
    courseSeatsComing?: LoaderResolver<
      Scalars["Int"],
      ShortageRow,
      {},
      TContext
    >;
    shortageIndex?: LoaderResolver<Scalars["Float"], ShortageRow, {}, TContext>;
    rank?: LoaderResolver<Scalars["Int"], ShortageRow, {}, TContext>;
  };

  ShortageReport?: {
    from?: LoaderResolver<Scalars["String"], ShortageReport, {}, TContext>;
    to?: LoaderResolver<Scalars["String"], ShortageReport, {}, TContext>;
    rows?: LoaderResolver<Array<ShortageRow>, ShortageReport, {}, TContext>;
  };

  FollowUpEntry?: {
    workerId?: LoaderResolver<Scalars["ID"], FollowUpEntry, {}, TContext>;
    name?: LoaderResolver<Scalars["String"], FollowUpEntry, {}, TContext>;
    priorityGroups?: LoaderResolver<
      Array<PriorityGroup>,
      FollowUpEntry,
      {},
      TContext
    >;
    reasons?: LoaderResolver<
      Array<FollowUpReason>,
      FollowUpEntry,
      {},
      TContext
    >;
    regionCode?: LoaderResolver<Scalars["ID"], FollowUpEntry, {}, TContext>;
    stationId?: LoaderResolver<
      Maybe<Scalars["ID"]>,
      FollowUpEntry,
      {},
      TContext
    >;
    stationName?: LoaderResolver<
      Maybe<Scalars["String"]>,
      FollowUpEntry,
      {},
      TContext
    >;
    idleSince?: LoaderResolver<
      Scalars["DateTime"],
      FollowUpEntry,
      {},
      TContext
    >;
    idleDays?: LoaderResolver<Scalars["Int"], FollowUpEntry, {}, TContext>;
    thresholdDays?: LoaderResolver<Scalars["Int"], FollowUpEntry, {}, TContext>;
    askedForHelpAt?: LoaderResolver<
      Maybe<Scalars["DateTime"]>,
      FollowUpEntry,
      {},
      TContext
    >;
    lastContact?: LoaderResolver<
      Maybe<FollowUpContact>,
      FollowUpEntry,
      {},
      TContext
    >;
    onListSince?: LoaderResolver<
      Scalars["DateTime"],
      FollowUpEntry,
      {},
      TContext
    >;
    nextOn?: LoaderResolver<
      Maybe<Scalars["String"]>,
      FollowUpEntry,
      {},
      TContext
    >;
    dueOn?: LoaderResolver<
      Maybe<Scalars["String"]>,
      FollowUpEntry,
      {},
      TContext
    >;
    overdue?: LoaderResolver<Scalars["Boolean"], FollowUpEntry, {}, TContext>;
  };

  FollowUpEdge?: {
    cursor?: LoaderResolver<Scalars["String"], FollowUpEdge, {}, TContext>;
    node?: LoaderResolver<FollowUpEntry, FollowUpEdge, {}, TContext>;
  };

  FollowUpConnection?: {
    edges?: LoaderResolver<
      Array<FollowUpEdge>,
      FollowUpConnection,
      {},
      TContext
    >;
    pageInfo?: LoaderResolver<PageInfo, FollowUpConnection, {}, TContext>;
    totalCount?: LoaderResolver<
      Scalars["Int"],
      FollowUpConnection,
      {},
      TContext
    >;
    overdueCount?: LoaderResolver<
      Scalars["Int"],
      FollowUpConnection,
      {},
      TContext
    >;
  };

  FollowUpStationCount?: {
    stationId?: LoaderResolver<
      Maybe<Scalars["ID"]>,
      FollowUpStationCount,
      {},
      TContext
    >;
    stationName?: LoaderResolver<
      Maybe<Scalars["String"]>,
      FollowUpStationCount,
      {},
      TContext
    >;
    onList?: LoaderResolver<Scalars["Int"], FollowUpStationCount, {}, TContext>;
    overdue?: LoaderResolver<
      Scalars["Int"],
      FollowUpStationCount,
      {},
      TContext
    >;
  };

  FollowUpContact?: {
    id?: LoaderResolver<Scalars["ID"], FollowUpContact, {}, TContext>;
    workerId?: LoaderResolver<Scalars["ID"], FollowUpContact, {}, TContext>;
    stationId?: LoaderResolver<
      Maybe<Scalars["ID"]>,
      FollowUpContact,
      {},
      TContext
    >;
    recordedById?: LoaderResolver<Scalars["ID"], FollowUpContact, {}, TContext>;
    channel?: LoaderResolver<FollowUpChannel, FollowUpContact, {}, TContext>;
    contactedAt?: LoaderResolver<
      Scalars["DateTime"],
      FollowUpContact,
      {},
      TContext
    >;
    offeredGigIds?: LoaderResolver<
      Array<Scalars["ID"]>,
      FollowUpContact,
      {},
      TContext
    >;
    offeredCourseIds?: LoaderResolver<
      Array<Scalars["ID"]>,
      FollowUpContact,
      {},
      TContext
    >;
    outcome?: LoaderResolver<FollowUpOutcome, FollowUpContact, {}, TContext>;
    note?: LoaderResolver<
      Maybe<Scalars["String"]>,
      FollowUpContact,
      {},
      TContext
    >;
    nextOn?: LoaderResolver<
      Maybe<Scalars["String"]>,
      FollowUpContact,
      {},
      TContext
    >;
  };

  FollowUpIdleDays?: {
    regionCode?: LoaderResolver<Scalars["ID"], FollowUpIdleDays, {}, TContext>;
    days?: LoaderResolver<Scalars["Int"], FollowUpIdleDays, {}, TContext>;
    setForRegionCode?: LoaderResolver<
      Maybe<Scalars["ID"]>,
      FollowUpIdleDays,
      {},
      TContext
    >;
    ownDays?: LoaderResolver<
      Maybe<Scalars["Int"]>,
      FollowUpIdleDays,
      {},
      TContext
    >;
  };

  HelpRequest?: {
    id?: LoaderResolver<Scalars["ID"], HelpRequest, {}, TContext>;
    askedAt?: LoaderResolver<Scalars["DateTime"], HelpRequest, {}, TContext>;
    note?: LoaderResolver<Maybe<Scalars["String"]>, HelpRequest, {}, TContext>;
  };

  CountyWarning?: {
    region?: LoaderResolver<Region, CountyWarning, {}, TContext>;
    day?: LoaderResolver<Scalars["String"], CountyWarning, {}, TContext>;
    level?: LoaderResolver<WarningLevel, CountyWarning, {}, TContext>;
    previousLevel?: LoaderResolver<
      Maybe<WarningLevel>,
      CountyWarning,
      {},
      TContext
    >;
    reasons?: LoaderResolver<
      Array<WarningIndicator>,
      CountyWarning,
      {},
      TContext
    >;
    seekers?: LoaderResolver<Scalars["Int"], CountyWarning, {}, TContext>;
    openSeats?: LoaderResolver<Scalars["Int"], CountyWarning, {}, TContext>;
    seekersPerSeat?: LoaderResolver<
      Scalars["Float"],
      CountyWarning,
      {},
      TContext
    >;
    postings?: LoaderResolver<Scalars["Int"], CountyWarning, {}, TContext>;
    postingsBefore?: LoaderResolver<
      Scalars["Int"],
      CountyWarning,
      {},
      TContext
    >;
    hires?: LoaderResolver<Scalars["Int"], CountyWarning, {}, TContext>;
    hiresBefore?: LoaderResolver<Scalars["Int"], CountyWarning, {}, TContext>;
    unmatched7d?: LoaderResolver<Scalars["Int"], CountyWarning, {}, TContext>;
    massCancellations?: LoaderResolver<
      Scalars["Int"],
      CountyWarning,
      {},
      TContext
    >;
    massCancelEmployer?: LoaderResolver<
      Maybe<Employer>,
      CountyWarning,
      {},
      TContext
    >;
    computedAt?: LoaderResolver<
      Scalars["DateTime"],
      CountyWarning,
      {},
      TContext
    >;
  };
}
declare module "mercurius" {
  interface IResolvers extends Resolvers<
    import("mercurius").MercuriusContext
  > {}
  interface MercuriusLoaders extends Loaders {}
}
