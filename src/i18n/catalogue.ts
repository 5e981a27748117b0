import { en as hiringEn } from '../modules/hiring/messages/en.js';
import { zhCN as hiringZh } from '../modules/hiring/messages/zh-CN.js';
import { en as referenceEn } from '../modules/reference/messages/en.js';
import { zhCN as referenceZh } from '../modules/reference/messages/zh-CN.js';
import { en as commonEn } from './messages/en.js';
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
    hiring: hiringZh,
    reference: referenceZh,
  },
  en: {
    common: commonEn,
    hiring: hiringEn,
    reference: referenceEn,
  },
} as const;

export type Namespaces = (typeof catalogue)['zh-CN'];

/** `namespace:key` for every message of the catalogue. */
export type MessageKey = {
  [N in keyof Namespaces]: `${N & string}:${keyof Namespaces[N] & string}`;
}[keyof Namespaces];
