import { en as accountsEn } from '../modules/accounts/messages/en.js';
import { zhCN as accountsZh } from '../modules/accounts/messages/zh-CN.js';
import { en as auditEn } from '../modules/audit/messages/en.js';
import { zhCN as auditZh } from '../modules/audit/messages/zh-CN.js';
import { en as employersEn } from '../modules/employers/messages/en.js';
import { zhCN as employersZh } from '../modules/employers/messages/zh-CN.js';
import { en as followupEn } from '../modules/followup/messages/en.js';
import { zhCN as followupZh } from '../modules/followup/messages/zh-CN.js';
import { en as gigsEn } from '../modules/gigs/messages/en.js';
import { zhCN as gigsZh } from '../modules/gigs/messages/zh-CN.js';
import { en as hiringEn } from '../modules/hiring/messages/en.js';
import { zhCN as hiringZh } from '../modules/hiring/messages/zh-CN.js';
import { en as insuranceEn } from '../modules/insurance/messages/en.js';
import { zhCN as insuranceZh } from '../modules/insurance/messages/zh-CN.js';
import { en as privacyEn } from '../modules/privacy/messages/en.js';
import { zhCN as privacyZh } from '../modules/privacy/messages/zh-CN.js';
import { en as referenceEn } from '../modules/reference/messages/en.js';
import { zhCN as referenceZh } from '../modules/reference/messages/zh-CN.js';
import { en as registryEn } from '../modules/registry/messages/en.js';
import { zhCN as registryZh } from '../modules/registry/messages/zh-CN.js';
import { en as smsEn } from '../modules/sms/messages/en.js';
import { zhCN as smsZh } from '../modules/sms/messages/zh-CN.js';
import { en as stationsEn } from '../modules/stations/messages/en.js';
import { zhCN as stationsZh } from '../modules/stations/messages/zh-CN.js';
import { en as statsEn } from '../modules/stats/messages/en.js';
import { zhCN as statsZh } from '../modules/stats/messages/zh-CN.js';
import { en as trainingEn } from '../modules/training/messages/en.js';
import { zhCN as trainingZh } from '../modules/training/messages/zh-CN.js';
import { en as warningsEn } from '../modules/warnings/messages/en.js';
import { zhCN as warningsZh } from '../modules/warnings/messages/zh-CN.js';
import { en as workEn } from '../modules/work/messages/en.js';
import { zhCN as workZh } from '../modules/work/messages/zh-CN.js';
import { en as workersEn } from '../modules/workers/messages/en.js';
import { zhCN as workersZh } from '../modules/workers/messages/zh-CN.js';
import { en as apiEn } from './messages/api.en.js';
import { zhCN as apiZh } from './messages/api.zh-CN.js';
import { en as consoleEn } from './messages/console.en.js';
import { zhCN as consoleZh } from './messages/console.zh-CN.js';
import { en as commonEn } from './messages/en.js';
import { en as limitsEn } from './messages/limits.en.js';
import { zhCN as limitsZh } from './messages/limits.zh-CN.js';
import { zhCN as commonZh } from './messages/zh-CN.js';

/**
 * Every message a person can see, one catalogue per language, one namespace per domain: `common`
 * (error codes, outages, ids), `api`, `limits` and `console` (the banner, failed starts,
 * configuration, command-line tools) here in src/i18n/messages/, each domain's own beside its code in src/modules/<domain>/messages/ (zh-CN.ts is the source; en.ts must have the
 * same keys or it does not compile). A namespace added here is all a new domain needs.
 */
export const catalogue = {
  'zh-CN': {
    common: commonZh,
    api: apiZh,
    console: consoleZh,
    limits: limitsZh,
    accounts: accountsZh,
    audit: auditZh,
    employers: employersZh,
    followup: followupZh,
    gigs: gigsZh,
    hiring: hiringZh,
    insurance: insuranceZh,
    privacy: privacyZh,
    reference: referenceZh,
    registry: registryZh,
    sms: smsZh,
    stations: stationsZh,
    stats: statsZh,
    training: trainingZh,
    warnings: warningsZh,
    work: workZh,
    workers: workersZh,
  },
  en: {
    common: commonEn,
    api: apiEn,
    console: consoleEn,
    limits: limitsEn,
    accounts: accountsEn,
    audit: auditEn,
    employers: employersEn,
    followup: followupEn,
    gigs: gigsEn,
    hiring: hiringEn,
    insurance: insuranceEn,
    privacy: privacyEn,
    reference: referenceEn,
    registry: registryEn,
    sms: smsEn,
    stations: stationsEn,
    stats: statsEn,
    training: trainingEn,
    warnings: warningsEn,
    work: workEn,
    workers: workersEn,
  },
} as const;

export type Namespaces = (typeof catalogue)['zh-CN'];

/** `namespace:key` for every message of the catalogue. */
export type MessageKey = {
  [N in keyof Namespaces]: `${N & string}:${keyof Namespaces[N] & string}`;
}[keyof Namespaces];
