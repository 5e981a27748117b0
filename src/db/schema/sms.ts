import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { offers } from './hiring.js';
import { workers } from './workers.js';

export const SMS_DIRECTIONS = ['OUT', 'IN'] as const;
/** RECEIVED is an inbound message; the rest are the life of an outbound one. */
export const SMS_STATUSES = ['QUEUED', 'SENT', 'DELIVERED', 'FAILED', 'SUPPRESSED', 'RECEIVED'] as const;
export const SMS_SUPPRESSIONS = ['QUIET_HOURS', 'DAILY_CAP', 'OPTED_OUT', 'NO_PHONE'] as const;
export type SmsStatus = (typeof SMS_STATUSES)[number];
export type SmsSuppression = (typeof SMS_SUPPRESSIONS)[number];

/**
 * Every SMS sent to or received from a worker (短信接活): offers, the replies 1 / 2 / TD, and the
 * answers. A message not sent (quiet hours, the daily cap, opted out, no phone) is kept as
 * SUPPRESSED with its reason. `phone` and `body` are erased with the worker's account.
 */
export const smsMessages = pgTable(
  'sms_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null for a reply from a number no worker account holds. */
    workerId: uuid('worker_id').references(() => workers.id),
    phone: text('phone'),
    direction: text('direction', { enum: SMS_DIRECTIONS }).notNull(),
    body: text('body').notNull(),
    /** The offer an offer SMS announced, or the offer a reply acted on. */
    offerId: uuid('offer_id').references(() => offers.id),
    status: text('status', { enum: SMS_STATUSES }).notNull(),
    reason: text('reason', { enum: SMS_SUPPRESSIONS }),
    /** `dev` or `tencent`: whose id `providerMessageId` is. */
    provider: text('provider').notNull(),
    /** The provider's id of a sent message (Tencent's SerialNo), matched by delivery reports. */
    providerMessageId: text('provider_message_id'),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // A worker's messages of a day: the daily cap counts them.
    index('sms_messages_worker_day_idx').on(t.workerId, t.createdAt),
    index('sms_messages_offer_idx').on(t.offerId).where(sql`${t.offerId} is not null`),
    index('sms_messages_provider_id_idx')
      .on(t.providerMessageId)
      .where(sql`${t.providerMessageId} is not null`),
    check('sms_messages_direction_known', sql`${t.direction} in ('OUT', 'IN')`),
    check(
      'sms_messages_status_known',
      sql`${t.status} in ('QUEUED', 'SENT', 'DELIVERED', 'FAILED', 'SUPPRESSED', 'RECEIVED')`,
    ),
    check(
      'sms_messages_reason_when_suppressed',
      sql`(${t.status} = 'SUPPRESSED') = (${t.reason} is not null) and (${t.reason} is null or ${t.reason} in ('QUIET_HOURS', 'DAILY_CAP', 'OPTED_OUT', 'NO_PHONE'))`,
    ),
    check('sms_messages_inbound_received', sql`(${t.direction} = 'IN') = (${t.status} = 'RECEIVED')`),
  ],
);
