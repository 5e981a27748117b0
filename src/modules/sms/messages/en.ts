import type { zhCN } from './zh-CN.js';

/**
 * The `sms` namespace in English; the same keys as Chinese. A provider sends only templates it
 * approved: the Tencent adapter has the Chinese ones, so English texts go out through the
 * development adapter (or a provider given English templates) only.
 */
export const en: Record<keyof typeof zhCN, string> = {
  'template.OFFER':
    '{place} {trade} {when} {pay}, {km} km from you. Reply 1 to take it, 2 to pass. Open for {seconds} s',
  'template.HIRED':
    'Hired: {title}, {when}, at {address}, pay {amount}, paid by {payBy}. Contract {contract}, check-in code {checkInCode}',
  'template.NOTICE': '{notice}. Questions? Ask at the job station',
  'template.CODE':
    'Code {code}, to {purpose}, valid for {minutes} minutes. Tell no one: staff will never ask for it',
  at: '{day}/{month} {time}',
  'pay.HOUR': '{yuan} yuan/hour',
  'pay.DAY': '{yuan} yuan/day',
  'pay.PIECE': '{yuan} yuan/piece',
  'pay.TOTAL': '{yuan} yuan in all',
  amount: '{yuan} yuan',
  'say.declined': 'You passed on this one; we will text you the next that fits',
  'say.optedOut': 'Unsubscribed: no more offers by SMS',
  'say.help': 'Reply 1 to take it, 2 to pass, TD to unsubscribe',
  'say.smsOff': 'Offers by SMS are off for you; turn them on in the app or at the job station',
  'say.nothingPending': 'No offer is waiting for your reply',
  'say.busy': 'The system is busy; reply again shortly',
  'say.cannot': 'This gig cannot be taken now',
  'say.gigFilled': 'Every place is taken; reply sooner next time',
  'say.offerExpired': 'The offer has expired; reply within its time next time',
  'say.scheduleConflict': 'This clashes with work you already took at that time',
  'say.accountSuspended': 'Your account is suspended by the bureau: no gigs until it is reinstated',
  noMobile:
    'This worker’s account has no mobile number, so offers cannot be texted. Register the worker with a mobile number first.',
  stationOfWorkerOnly: 'Only operators of the station that registered this worker can see this.',
};
