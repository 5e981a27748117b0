/**
 * The `followup` namespace in Chinese: the follow-up ledger (帮扶台账), contacts and requests for
 * help. ICU MessageFormat: {name} is a value.
 */
export const zhCN = {
  notYourStation: '这位劳动者不在您所在驿站的帮扶名单上，只能查看和登记本驿站的帮扶对象。',
  notYourPeople: '这位劳动者的住处不在您所在驿站的服务范围内，只能登记本驿站服务的劳动者。',
  regionUnknown: '没有编码为 {regionCode} 的地区，请从地区列表里选。',
  regionAdminsOnly: '按地区查看帮扶名单只对人社局管理员开放，驿站只看本站的名单。',
  contactInFuture: '联系时间不能晚于现在。',
  contactTooOld: '只能登记 {days} 天以内的联系，更早的请写在备注里。',
  tooMany: '一次最多登记 {max} 个。',
  noteLength: '备注最多 {max} 个字。',
  dayFormat: '日期请写成 年-月-日，例如 2026-03-01。',
  nextInPast: '下次跟进的日期不能早于今天（{today}）。',
  gigUnknown: '没有编号为 {id} 的零工岗位。',
  courseUnknown: '没有编号为 {id} 的培训课程。',
  idleDaysRange: '天数请填 1 到 {max} 之间的整数；不填则沿用上级地区或全局的设置。',
  cursor: '这个游标属于另一份名单或另一天（或已损坏）：请用相同条件翻页，或不带 after 从第一页重新开始。',
  pageSize: '每页可取 1 到 {max} 条。',
} as const;
