import { en as employersEn } from '../modules/employers/messages/en.js';
import { zhCN as employersZh } from '../modules/employers/messages/zh-CN.js';
import { en as smsEn } from '../modules/sms/messages/en.js';
import { zhCN as smsZh } from '../modules/sms/messages/zh-CN.js';
import { en as stationsEn } from '../modules/stations/messages/en.js';
import { zhCN as stationsZh } from '../modules/stations/messages/zh-CN.js';
import { en as statsEn } from '../modules/stats/messages/en.js';
import { zhCN as statsZh } from '../modules/stats/messages/zh-CN.js';
import { en as apiEn } from './messages/api.en.js';
import { zhCN as apiZh } from './messages/api.zh-CN.js';
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
    api: apiZh,
    employers: employersZh,
    stations: stationsZh,
    stats: statsZh,
    sms: smsZh,
  },
  en: {
    common: commonEn,
    limits: limitsEn,
    api: apiEn,
    employers: employersEn,
    stations: stationsEn,
    stats: statsEn,
    sms: smsEn,
  },
} as const;

export type Namespaces = (typeof catalogue)['zh-CN'];

/** `namespace:key` for every message of the catalogue. */
export type MessageKey = {
  [N in keyof Namespaces]: `${N & string}:${keyof Namespaces[N] & string}`;
}[keyof Namespaces];
