import { sql } from 'drizzle-orm';
import { isDevSmsGateway } from '../../src/modules/sms/sms.gateway.js';
import { marketDay } from '../../src/time.js';
import type { TestApp } from './app.js';
import { testNow } from './clock-at.js';
import { type SeededWorker, seedWorkers } from './hiring.js';
import { uniquePhone } from './people.js';

const DAY = 86_400_000;

/** An instant in Asia/Shanghai: `days` after today's date there (by testNow(): the real clock, or TEST_CLOCK_AT), at `hhmm`. */
export function shanghai(days: number, hhmm: string, from = testNow()): Date {
  return new Date(`${marketDay(new Date(from.getTime() + days * DAY))}T${hhmm}:00+08:00`);
}

/** 11月25日 for an instant, as the texts write a date. */
export function monthDay(at: Date): string {
  const [, month, day] = marketDay(at).split('-').map(Number);
  return `${month}月${day}日`;
}

export type SmsWorker = SeededWorker & { phone: string };

/**
 * Workers seeded as `seedWorkers` does, each with a mobile number on the account, who chose offers
 * by SMS themselves through `setSmsOffers`.
 */
export async function seedSmsWorkers(
  t: TestApp,
  count: number,
  options: Parameters<typeof seedWorkers>[2] = {},
  choose = true,
): Promise<SmsWorker[]> {
  const workers = await seedWorkers(t, count, options);
  const out: SmsWorker[] = [];
  for (const worker of workers) {
    const phone = uniquePhone();
    await t.app.db.execute(sql`update accounts set phone = ${phone} where id = ${worker.accountId}`);
    if (choose) {
      const chosen = await t.gql<{ setSmsOffers: { smsOffers: boolean } }>(
        'mutation { setSmsOffers(enabled: true) { id smsOffers } }',
        {},
        worker.token,
      );
      if (!chosen.data?.setSmsOffers.smsOffers)
        throw new Error(`setSmsOffers failed: ${JSON.stringify(chosen)}`);
    }
    out.push({ ...worker, phone });
  }
  return out;
}

/** The development gateway's outbox: every SMS "sent", in order. */
export function outbox(t: TestApp) {
  const gateway = t.app.services.sms.gateway;
  if (!isDevSmsGateway(gateway)) throw new Error('these tests need SMS_PROVIDER=dev');
  return gateway.outbox;
}

export const textsTo = (t: TestApp, phone: string) =>
  outbox(t)
    .filter((m) => m.to === phone)
    .map((m) => m.text);

/** A phone's reply through the development route, as a worker would send it. */
export async function replyBySms(t: TestApp, phone: string, text: string) {
  const response = await t.app.inject({ method: 'POST', url: '/sms/dev/reply', payload: { phone, text } });
  if (response.statusCode !== 200)
    throw new Error(`dev reply refused: ${response.statusCode} ${response.body}`);
  await t.app.services.hiring.drain();
  await t.app.services.sms.drain();
  return response.json() as {
    outcome: string;
    reply: string | null;
    offerId?: string;
    engagementId?: string;
  };
}

/** Waits for a posted gig's wave and its texts. */
export async function settle(t: TestApp) {
  await t.app.services.hiring.drain();
  await t.app.services.sms.drain();
}

export type SmsRow = {
  worker_id: string | null;
  phone: string | null;
  direction: string;
  body: string;
  offer_id: string | null;
  status: string;
  reason: string | null;
  provider: string;
  provider_message_id: string | null;
  error: string | null;
};

export async function smsRows(t: TestApp, workerId: string): Promise<SmsRow[]> {
  return (await t.app.db.execute(sql`select worker_id, phone, direction, body, offer_id, status, reason, provider,
      provider_message_id, error from sms_messages where worker_id = ${workerId} order by created_at, id`)) as unknown as SmsRow[];
}

export async function offerOf(t: TestApp, gigId: string, workerId: string) {
  const [row] = (await t.app.db.execute(
    sql`select id, status, sms_status, distance_km from offers where gig_id = ${gigId} and worker_id = ${workerId}`,
  )) as unknown as { id: string; status: string; sms_status: string | null; distance_km: number }[];
  return row;
}
