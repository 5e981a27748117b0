import { en as accountsEn } from '../modules/accounts/messages/en.js';
import { zhCN as accountsZh } from '../modules/accounts/messages/zh-CN.js';
import { en as auditEn } from '../modules/audit/messages/en.js';
import { zhCN as auditZh } from '../modules/audit/messages/zh-CN.js';
import { en as privacyEn } from '../modules/privacy/messages/en.js';
import { zhCN as privacyZh } from '../modules/privacy/messages/zh-CN.js';
import { en as registryEn } from '../modules/registry/messages/en.js';
import { zhCN as registryZh } from '../modules/registry/messages/zh-CN.js';
import { en as workersEn } from '../modules/workers/messages/en.js';
import { zhCN as workersZh } from '../modules/workers/messages/zh-CN.js';
import { en as commonEn } from './messages/en.js';
import { limitsEn } from './messages/limits.en.js';
import { limitsZhCN } from './messages/limits.zh-CN.js';
import { zhCN as commonZh } from './messages/zh-CN.js';

/**
 * Every message a person can see, one catalogue per language, one namespace per domain: `common`
 * here (error codes, outages, ids), each domain's own beside its code in
 * src/modules/<domain>/messages/ (zh-CN.ts is the source; en.ts must have the same keys or it
 * does not compile). A namespace added here is all a new domain needs.
 */
export const catalogue = {
  'zh-CN': {
    common: commonZh,
    limits: limitsZhCN,
    accounts: accountsZh,
    audit: auditZh,
    privacy: privacyZh,
    registry: registryZh,
    workers: workersZh,
  },
  en: {
    common: commonEn,
    limits: limitsEn,
    accounts: accountsEn,
    audit: auditEn,
    privacy: privacyEn,
    registry: registryEn,
    workers: workersEn,
  },
} as const;

export type Namespaces = (typeof catalogue)['zh-CN'];

/** `namespace:key` for every message of the catalogue. */
export type MessageKey = {
  [N in keyof Namespaces]: `${N & string}:${keyof Namespaces[N] & string}`;
}[keyof Namespaces];
