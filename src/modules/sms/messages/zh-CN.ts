/**
 * The `sms` namespace in Chinese: the SMS templates (what the provider approved, with each value
 * named; `TEMPLATE_PARAMS` in sms.text.ts gives their order, {1} {2} … in the console), the short
 * answers to a worker's reply, and how a time and pay read in a text.
 */
export const zhCN = {
  'template.OFFER': '{place} {trade} {when} {pay} 距您{km}公里。回复1接受 回复2不要 {seconds}秒内有效',
  'template.HIRED':
    '接受成功：{title}，{when}，地址：{address}，工钱{amount}，{payBy}前结清。合同编号{contract}，签到码{checkInCode}',
  'template.NOTICE': '{notice}。如有疑问请到零工驿站',
  'template.CODE': '验证码{code}，用于{purpose}，{minutes}分钟内有效。请勿告诉他人，工作人员不会向您索要',
  at: '{month}月{day}日{time}',
  'pay.HOUR': '{yuan}元/小时',
  'pay.DAY': '{yuan}元/天',
  'pay.PIECE': '{yuan}元/件',
  'pay.TOTAL': '共{yuan}元',
  amount: '{yuan}元',
  'say.declined': '已回复不要，有合适的活再通知您',
  'say.optedOut': '已退订，不再用短信给您派活',
  'say.help': '回复1接受 回复2不要 回复TD退订',
  'say.smsOff': '您没有开通短信接活，可在App里或到零工驿站开通',
  'say.nothingPending': '没有待回复的活',
  'say.busy': '系统忙，请稍后再回复',
  'say.cannot': '这个活现在不能接',
  'say.gigFilled': '已招满，下次早点回复',
  'say.offerExpired': '已过期，下次请在有效时间内回复',
  'say.scheduleConflict': '时间冲突，您这个时间已接了别的活',
  'say.accountSuspended': '您的账号已被人社部门停用，停用期间不能接活',
  noMobile: '这个工人的账号没有手机号，没法用短信派活。请先给工人登记手机号。',
  stationOfWorkerOnly: '只有给这个工人登记的驿站的工作人员才能看到这一项。',
} as const;
