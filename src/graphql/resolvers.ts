import { JSONResolver } from 'graphql-scalars';
import type { IResolvers } from 'mercurius';
import { accountsResolvers } from '../modules/accounts/accounts.resolvers.js';
import { sessionsResolvers } from '../modules/accounts/sessions.resolvers.js';
import { auditLoaders, auditResolvers } from '../modules/audit/audit.resolvers.js';
import { employersLoaders } from '../modules/employers/employers.loaders.js';
import { employersResolvers } from '../modules/employers/employers.resolvers.js';
import { followUpLoaders, followUpResolvers } from '../modules/followup/followup.resolvers.js';
import { gigsLoaders } from '../modules/gigs/gigs.loaders.js';
import { gigsResolvers } from '../modules/gigs/gigs.resolvers.js';
import { hiringLoaders } from '../modules/hiring/hiring.loaders.js';
import { hiringResolvers } from '../modules/hiring/hiring.resolvers.js';
import { insuranceLoaders, insuranceResolvers } from '../modules/insurance/insurance.resolvers.js';
import { privacyResolvers } from '../modules/privacy/privacy.resolvers.js';
import { referenceLoaders } from '../modules/reference/reference.loaders.js';
import { referenceResolvers } from '../modules/reference/reference.resolvers.js';
import { smsResolvers } from '../modules/sms/sms.resolvers.js';
import { stationsLoaders, stationsResolvers } from '../modules/stations/stations.resolvers.js';
import { statsResolvers } from '../modules/stats/stats.resolvers.js';
import { coursesLoaders, coursesResolvers } from '../modules/training/courses.resolvers.js';
import { enrolmentsLoaders, enrolmentsResolvers } from '../modules/training/enrolments.resolvers.js';
import { ordersLoaders, ordersResolvers } from '../modules/training/orders.resolvers.js';
import { providersLoaders, providersResolvers } from '../modules/training/providers.resolvers.js';
import { shortageResolvers } from '../modules/training/shortage.resolvers.js';
import { wishesLoaders, wishesResolvers } from '../modules/training/wishes.resolvers.js';
import { warningsLoaders, warningsResolvers } from '../modules/warnings/warnings.resolvers.js';
import { workLoaders, workResolvers } from '../modules/work/work.resolvers.js';
import { certificatesLoaders, certificatesResolvers } from '../modules/workers/certificates.resolvers.js';
import { identityLoaders, identityResolvers } from '../modules/workers/identity.resolvers.js';
import { workersLoaders } from '../modules/workers/workers.loaders.js';
import { workersResolvers } from '../modules/workers/workers.resolvers.js';
import { batchedLoaders } from './batched-loaders.js';
import './context.js';
import { DateTime } from './scalars.js';
import { refuseUnstorableText } from './text-arguments.js';

/** Joins the per-module maps type by type (several modules add fields to Query and Mutation). */
function mergeByType<T extends object>(...parts: T[]): T {
  const merged: Record<string, object> = {};
  for (const part of parts) {
    for (const [type, fields] of Object.entries(part as Record<string, object>)) {
      merged[type] = { ...merged[type], ...fields };
    }
  }
  return merged as T;
}

const loaders = mergeByType(
  referenceLoaders,
  workersLoaders,
  identityLoaders,
  certificatesLoaders,
  employersLoaders,
  gigsLoaders,
  hiringLoaders,
  insuranceLoaders,
  stationsLoaders,
  workLoaders,
  auditLoaders,
  providersLoaders,
  coursesLoaders,
  enrolmentsLoaders,
  ordersLoaders,
  wishesLoaders,
  followUpLoaders,
  warningsLoaders,
);

/** Every field, the loaders' relation fields too (batched per request by batchedLoaders, not mercurius). */
export const resolvers = refuseUnstorableText({
  DateTime,
  JSON: JSONResolver,
  ...mergeByType(
    referenceResolvers,
    accountsResolvers,
    sessionsResolvers,
    workersResolvers,
    identityResolvers,
    certificatesResolvers,
    employersResolvers,
    gigsResolvers,
    hiringResolvers,
    insuranceResolvers,
    stationsResolvers,
    privacyResolvers,
    workResolvers,
    auditResolvers,
    statsResolvers,
    shortageResolvers,
    smsResolvers,
    providersResolvers,
    coursesResolvers,
    enrolmentsResolvers,
    wishesResolvers,
    ordersResolvers,
    followUpResolvers,
    warningsResolvers,
    batchedLoaders(loaders) as Record<string, object>,
  ),
} as IResolvers);
