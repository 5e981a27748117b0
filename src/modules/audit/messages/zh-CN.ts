/** The `audit` namespace in Chinese: searching the audit log (admins). */
export const zhCN = {
  cursor: '这个翻页位置属于另一次查询（或已损坏）：请用同样的条件翻页，或不带 after 重新查。',
  action: '操作只能是：{actions}。',
  subjectType: '对象类型只能是：{subjects}。',
  subjectTypeNeeded: '给了对象编号，也请给对象类型（例如 WORKER）。',
  toAfterFrom: '结束时间（to）要晚于开始时间（from）。',
  pageSize: '每页要 1 到 {max} 条。',
} as const;
