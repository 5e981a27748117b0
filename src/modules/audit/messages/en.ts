import type { zhCN } from './zh-CN.js';

/** The `audit` namespace in English (same keys and placeholders as zh-CN.ts). */
export const en: Record<keyof typeof zhCN, string> = {
  cursor:
    'This cursor belongs to another search (or is damaged): page with the same filters, or start again without after.',
  action: 'The action is one of {actions}.',
  subjectType: 'The subject type is one of {subjects}.',
  subjectTypeNeeded: 'Name the subject type (e.g. WORKER) with the subject id.',
  toAfterFrom: 'to must be later than from.',
  pageSize: 'Ask for 1 to {max} entries per page.',
};
