import { describe, expect, it } from 'vitest';
import { followUpCsv } from '../../../src/modules/followup/followup.csv.js';
import type { FollowUpEntryView } from '../../../src/modules/followup/list.service.js';

const entry = (name: string): FollowUpEntryView => ({
  workerId: '00000000-0000-4000-8000-000000000001',
  name,
  priorityGroups: ['DISABLED'],
  regionCode: '370832',
  stationId: null,
  stationName: null,
  askedForHelpAt: null,
  idleSince: new Date('2026-01-01T00:00:00Z'),
  sinceKey: '2026-01-01 00:00:00+00',
  thresholdDays: 30,
  lastContactId: null,
  nextOn: null,
  reasons: ['PRIORITY_GROUP'],
  idleDays: 40,
  onListSince: new Date('2026-01-31T00:00:00Z'),
  dueOn: '2026-02-07',
  overdue: false,
});

/** The CSV's fields: a name a person typed never runs as a spreadsheet formula, nor breaks a row. */
describe('the follow-up CSV', () => {
  it('defuses formulas and quotes commas, quotes and line breaks', () => {
    const body = followUpCsv([entry('=HYPERLINK("http://x","点")'), entry('王,五\n')], []);
    const lines = body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[1]?.split(',')[1]).toBe(`"'=HYPERLINK(""http://x""`);
    expect(body).toContain(`"王,五\n"`);
    expect(lines[1]).toContain('2026-01-01T08:00:00.000+08:00');
  });
});
