import { toShanghaiIso } from '../../time.js';
import type { FollowUpContactRecord } from './followup.repository.js';
import type { FollowUpEntryView } from './list.service.js';

type Row = FollowUpEntryView & { contact: FollowUpContactRecord | null };

/** Columns of the bureau's CSV: header (Chinese, then the field's name in the API) and value. */
const COLUMNS: Array<[string, (r: Row) => string | number]> = [
  ['劳动者编号 worker_id', (r) => r.workerId],
  ['姓名 name', (r) => r.name],
  ['重点群体 priority_groups', (r) => r.priorityGroups.join(' ')],
  ['列入原因 reasons', (r) => r.reasons.join(' ')],
  ['居住地区代码 region_code', (r) => r.regionCode],
  ['驿站 station', (r) => r.stationName ?? ''],
  ['无工作起始 idle_since', (r) => toShanghaiIso(r.idleSince)],
  ['无工作天数 idle_days', (r) => r.idleDays],
  ['列入天数标准 threshold_days', (r) => r.thresholdDays],
  ['列入名单时间 on_list_since', (r) => toShanghaiIso(r.onListSince)],
  ['求助时间 asked_for_help_at', (r) => (r.askedForHelpAt ? toShanghaiIso(r.askedForHelpAt) : '')],
  ['最近联系 last_contact_at', (r) => (r.contact ? toShanghaiIso(r.contact.contactedAt) : '')],
  ['联系方式 last_channel', (r) => r.contact?.channel ?? ''],
  ['结果 last_outcome', (r) => r.contact?.outcome ?? ''],
  ['推荐岗位数 gigs_offered', (r) => r.contact?.offeredGigIds.length ?? ''],
  ['推荐课程数 courses_offered', (r) => r.contact?.offeredCourseIds.length ?? ''],
  ['下次跟进 next_on', (r) => r.nextOn ?? ''],
  ['应跟进日期 due_on', (r) => r.dueOn ?? ''],
  ['逾期 overdue', (r) => (r.overdue ? '是 yes' : '否 no')],
];

/**
 * One field: quoted when it holds a comma, quote or line break; a text a spreadsheet would take
 * for a formula (=, +, -, @, tab, return at the start; names are typed by people) gets a leading '.
 */
function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The follow-up list as the bureau's CSV: UTF-8 with a BOM (Excel), CRLF lines. */
export function followUpCsv(
  entries: readonly FollowUpEntryView[],
  contacts: readonly FollowUpContactRecord[],
) {
  const byId = new Map(contacts.map((c) => [c.id, c]));
  const rows: Row[] = entries.map((e) => ({
    ...e,
    contact: e.lastContactId ? (byId.get(e.lastContactId) ?? null) : null,
  }));
  const lines = [
    COLUMNS.map(([header]) => csvField(header)).join(','),
    ...rows.map((row) => COLUMNS.map(([, value]) => csvField(value(row))).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
