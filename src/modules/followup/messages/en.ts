import type { zhCN } from './zh-CN.js';

/** The `followup` namespace in English (same keys and placeholders as zh-CN.ts). */
export const en: Record<keyof typeof zhCN, string> = {
  notYourStation:
    "This worker is not on your station's follow-up list; you may read and record only your own station's people.",
  notYourPeople:
    "This worker's home is outside your station's service area; you may record contacts only for your station's people.",
  regionUnknown: 'There is no region with code {regionCode}; choose one from the list of regions.',
  regionAdminsOnly: "Only the bureau's admins read the list by region; a station reads its own list.",
  contactInFuture: 'The contact cannot be later than now.',
  contactTooOld: 'Only contacts of the last {days} days can be recorded; put older ones in the note.',
  tooMany: 'At most {max} at once.',
  noteLength: 'The note may have at most {max} characters.',
  dayFormat: 'Write the day as year-month-day, e.g. 2026-03-01.',
  nextInPast: 'The next follow-up cannot be before today ({today}).',
  gigUnknown: 'There is no gig with id {id}.',
  courseUnknown: 'There is no course with id {id}.',
  idleDaysRange:
    'Give a whole number of days from 1 to {max}; leave it empty to follow the parent region or the default.',
  cursor:
    'This cursor belongs to another list or another day (or is damaged): page with the same filters, or start again without after.',
  pageSize: 'Ask for 1 to {max} entries per page.',
};
