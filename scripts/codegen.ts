// Generates resolver and loader types from schema.graphql into src/graphql/generated.ts.
// With --check it writes nothing and fails when the committed file is stale.
import { readFile, writeFile } from 'node:fs/promises';
import { buildSchema } from 'graphql';
import { generateCode } from 'mercurius-codegen';
import { projectPath } from '../src/paths.js';

const target = projectPath('src/graphql/generated.ts');
const schema = buildSchema(await readFile(projectPath('schema.graphql'), 'utf8'));
const code = await generateCode(
  schema,
  {
    scalars: { DateTime: 'Date', JSON: 'unknown' },
    enumsAsTypes: true,
    // Resolvers receive and return the database records; GraphQL fields are derived from them.
    mappers: {
      Account: '../modules/accounts/accounts.repository.js#AccountRecord',
      Worker: '../modules/workers/workers.repository.js#WorkerRecord',
      WorkerCertificate: '../modules/workers/certificates.repository.js#CertificateRecord',
      Employer: '../modules/employers/employers.repository.js#EmployerRecord',
      Region: '../modules/reference/reference.repository.js#RegionRecord',
      Skill: '../modules/reference/reference.repository.js#SkillRecord',
      MinimumWage: '../modules/reference/reference.repository.js#MinimumWageRecord',
      Gig: '../modules/gigs/gigs.repository.js#GigRecord',
      GigConnection: '../modules/gigs/gig-search.service.js#GigPage',
      Offer: '../modules/hiring/hiring.repository.js#OfferRecord',
      Engagement: '../modules/hiring/hiring.repository.js#EngagementRecord',
      Application: '../modules/hiring/hiring.repository.js#ApplicationRecord',
      Candidate: '../modules/hiring/matching.js#CandidateMatch',
      Crew: '../modules/hiring/crews.repository.js#CrewRecord',
      SavedSearch: '../modules/hiring/saved-searches.repository.js#SavedSearchRecord',
      Station: '../modules/stations/stations.service.js#StationRecord',
      KioskTokenInfo: '../modules/stations/stations.service.js#KioskTokenRecord',
      Payment: '../modules/work/work.resolvers.js#PaymentView',
      PaymentRecord: '../modules/work/work.repository.js#PaymentEntry',
      ArrearsCase: '../modules/work/work.repository.js#ArrearsRecord',
      Dispute: '../modules/work/work.repository.js#DisputeRecord',
      DisputeNote: '../modules/work/work.repository.js#DisputeNoteView',
      Rating: '../modules/work/work.repository.js#RatingRecord',
      AccidentPolicy: '../modules/insurance/insurance.repository.js#AccidentPolicyRecord',
      AuditEntry: '../modules/audit/audit.repository.js#AuditRecord',
      TrainingProvider: '../modules/training/providers.repository.js#TrainingProviderRecord',
      Course: '../modules/training/courses.repository.js#CourseRecord',
      CourseConnection: '../modules/training/course-search.service.js#CoursePage',
      Enrolment: '../modules/training/courses.repository.js#CourseEnrolmentRecord',
      TrainingOrder: '../modules/training/courses.repository.js#TrainingOrderRecord',
      AuditEntryConnection: '../modules/audit/audit.service.js#AuditPage',
      RegionStats: '../modules/stats/stats.service.js#RegionStatsView',
      RegionDayStats: '../modules/stats/stats.service.js#DayStatsView',
      TradeStats: '../modules/stats/stats.service.js#TradeStatsView',
      FollowUpEntry: '../modules/followup/followup.service.js#FollowUpEntryView',
      FollowUpContact: '../modules/followup/followup.repository.js#FollowUpContactRecord',
      HelpRequest: '../modules/followup/followup.repository.js#HelpRequestRecord',
      CountyWarning: '../modules/warnings/warnings.service.js#WarningView',
    },
  },
  undefined,
  true,
);

if (process.argv.includes('--check')) {
  const committed = await readFile(target, 'utf8').catch(() => '');
  if (committed !== code) {
    console.error('src/graphql/generated.ts is stale: run `npm run codegen` and commit the result');
    process.exit(1);
  }
  console.log('src/graphql/generated.ts is fresh');
} else {
  await writeFile(target, code);
  console.log('wrote src/graphql/generated.ts');
}
