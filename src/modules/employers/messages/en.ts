import type { zhCN } from './zh-CN.js';

/** The `employers` namespace in English; the same keys as Chinese. */
export const en: Record<keyof typeof zhCN, string> = {
  nameLength: 'Give the registered name (2 to 60 characters).',
  kindOneOf: 'Kind is one of {kinds}.',
  regionUnknown: 'No region {regionCode}: pick one from the regions list.',
  outsideChina: 'The location is outside China: check that lat and lng are not swapped.',
  creditCodeTaken: 'An employer with this credit code is already registered: sign in with its phone.',
};
