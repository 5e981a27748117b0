/**
 * How the SMS side reports what became of each message, without knowing prom-client: the metrics
 * plugin implements it. `status` is SENT, FAILED, DELIVERED or SUPPRESSED_<reason> going out, and
 * RECEIVED coming in; each is reported once the row saying so is written.
 */
export type SmsMetrics = { message(direction: 'IN' | 'OUT', status: string): void };

export const countNoSms: SmsMetrics = { message: () => {} };
