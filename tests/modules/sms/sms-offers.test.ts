import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { postGig, verifiedEmployer } from '../../support/gigs.js';
import { ACCEPT_OFFER, assertHiringInvariants, testClock } from '../../support/hiring.js';
import { registerWorker } from '../../support/people.js';
import {
  monthDay,
  offerOf,
  replyBySms,
  seedSmsWorkers,
  settle,
  shanghai,
  smsRows,
  textsTo,
} from '../../support/sms.js';

// Sweeps are run by hand with the test's clock; the timer stays out of the way.
const ENV = { OFFER_FAN_OUT: '3', OFFER_TTL_SECONDS: '90', OFFER_SWEEP_MS: '60000' };
const ADDRESS = '梁山县拳铺镇工业园区8号';

/** An afternoon's welding two days on at 拳铺镇, 40 元 an hour: the example. */
const gigOn = (days: number, skill: string, extra: Record<string, unknown> = {}) => ({
  instant: true,
  headcount: 1,
  skills: [skill],
  title: '钢结构厂房电焊工',
  address: ADDRESS,
  startsAt: shanghai(days, '13:00').toISOString(),
  endsAt: shanghai(days, '18:00').toISOString(),
  payFen: 4000,
  payUnit: 'HOUR',
  payDueDays: 3,
  ...extra,
});

type EngagementRow = Record<string, unknown> & {
  id: string;
  worker_id: string;
  offer_id: string;
  terms: Record<string, unknown>;
  contract_text: string;
  contract_hash: string;
  contract_record: { fields: { label: string; value: string }[] };
  check_in_code: string;
};

async function engagementsOf(t: TestApp, gigId: string): Promise<EngagementRow[]> {
  return (await t.app.db.execute(
    sql`select * from engagements where gig_id = ${gigId} order by created_at, id`,
  )) as unknown as EngagementRow[];
}

describe('offers by SMS (短信接活)', () => {
  // A weekday morning in the market's time zone, clear of the quiet hours.
  const clock = testClock(shanghai(1, '10:00'));
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: ENV, clock });
  });
  afterAll(() => t.close());

  it('texts the offer to a worker who chose SMS, in the issue’s format, and keeps how it went', async () => {
    const [worker] = await seedSmsWorkers(t, 1, { skills: [{ code: 'welder', level: 3 }] });
    if (!worker) throw new Error('no worker');
    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, gigOn(2, 'welder'));
    await settle(t);

    const offer = await offerOf(t, gig.id, worker.id);
    expect(offer).toMatchObject({ status: 'PENDING', sms_status: 'SENT' });
    const km = Number(offer?.distance_km).toFixed(1);
    expect(textsTo(t, worker.phone)).toEqual([
      `【零工】拳铺镇 焊工 ${monthDay(shanghai(2, '13:00'))}13:00-18:00 40元/小时 距您${km}公里。回复1接受 回复2不要 90秒内有效`,
    ]);
    const rows = await smsRows(t, worker.id);
    expect(rows).toEqual([
      expect.objectContaining({
        direction: 'OUT',
        phone: worker.phone,
        offer_id: offer?.id,
        status: 'SENT',
        reason: null,
        provider: 'dev',
        provider_message_id: expect.stringMatching(/^dev-/),
      }),
    ]);
    // The worker sees the same on the offer.
    const mine = await t.gql<{ myOffers: { id: string; smsStatus: string | null }[] }>(
      '{ myOffers(status: PENDING) { id smsStatus } }',
      {},
      worker.token,
    );
    expect(mine.data?.myOffers).toEqual([{ id: offer?.id, smsStatus: 'SENT' }]);
  });

  it('hires a worker who replies 1 exactly as acceptOffer hires one, and texts the contract back', async () => {
    const [byApi, bySms] = await seedSmsWorkers(t, 2, { skills: [{ code: 'scaffolder', level: 3 }] });
    if (!byApi || !bySms) throw new Error('no workers');
    const employer = await verifiedEmployer(t);
    const gig = await postGig(
      t,
      employer.token,
      gigOn(3, 'scaffolder', { headcount: 2, title: '厂房脚手架搭设' }),
    );
    await settle(t);
    const apiOffer = await offerOf(t, gig.id, byApi.id);
    const smsOffer = await offerOf(t, gig.id, bySms.id);
    expect(smsOffer?.sms_status).toBe('SENT');

    const accepted = await t.gql(ACCEPT_OFFER, { id: apiOffer?.id }, byApi.token);
    expect(accepted.errors).toBeUndefined();
    const answered = await replyBySms(t, bySms.phone, ' 1 ');
    expect(answered).toMatchObject({ outcome: 'HIRED', offerId: smsOffer?.id });

    const [first, second] = await engagementsOf(t, gig.id);
    if (!first || !second) throw new Error('expected two hires');
    const viaApi = first.worker_id === byApi.id ? first : second;
    const viaSms = first.worker_id === byApi.id ? second : first;
    expect(viaSms).toMatchObject({ worker_id: bySms.id, offer_id: smsOffer?.id, id: answered.engagementId });
    // Every column the same but whose hire it is: the same rules made both.
    const sameFields = (e: EngagementRow) => {
      const {
        id,
        worker_id,
        offer_id,
        created_at,
        check_in_code,
        contract_text,
        contract_hash,
        contract_record,
        terms,
        ...rest
      } = e;
      return {
        ...rest,
        terms: { ...terms, workerName: '' },
        contract: contract_text.replace(/劳动者：.*\n/, ''),
        record: { ...contract_record, fields: contract_record.fields.filter((f) => f.label !== '劳动者') },
      };
    };
    expect(sameFields(viaSms)).toEqual(sameFields(viaApi));
    expect(viaSms).toMatchObject({ status: 'CONFIRMED', acted_by_account_id: null, amount_due_fen: 20_000 });
    const [gigRow] = (await t.app.db.execute(
      sql`select filled, status from gigs where id = ${gig.id}`,
    )) as unknown as { filled: number; status: string }[];
    expect(gigRow).toEqual({ filled: 2, status: 'FILLED' });
    expect(await assertHiringInvariants(t)).toEqual({ oversold: 0, doubleBooked: 0 });

    // The answer: 接受成功 with what, when, where, pay, the pay-by date, the contract and check-in code.
    const payBy = `${monthDay(shanghai(6, '18:00'))}18:00`;
    const hired = `【零工】接受成功：厂房脚手架搭设，${monthDay(shanghai(3, '13:00'))}13:00-18:00，地址：${ADDRESS}，工钱200元，${payBy}前结清。合同编号${viaSms.contract_hash.slice(0, 8).toUpperCase()}，签到码${viaSms.check_in_code}`;
    expect(answered.reply).toBe(hired);
    expect(textsTo(t, bySms.phone).at(-1)).toBe(hired);
    const rows = await smsRows(t, bySms.id);
    expect(rows.filter((r) => r.direction === 'IN')).toEqual([
      expect.objectContaining({
        body: ' 1 ',
        offer_id: smsOffer?.id,
        status: 'RECEIVED',
        phone: bySms.phone,
      }),
    ]);
    expect(rows.filter((r) => r.direction === 'OUT' && r.body === hired)).toEqual([
      expect.objectContaining({ status: 'SENT', offer_id: smsOffer?.id }),
    ]);

    // A second 1 is the same hire, answered the same way: nothing is taken twice.
    const again = await replyBySms(t, bySms.phone, '1');
    expect(again).toMatchObject({ outcome: 'HIRED', engagementId: viaSms.id, reply: hired });
    expect(await engagementsOf(t, gig.id)).toHaveLength(2);
  });

  it('answers 已招满 to a worker who replies 1 after the gig filled, and hires nobody more', async () => {
    const [fast, late] = await seedSmsWorkers(t, 2, { skills: [{ code: 'plasterer', level: 3 }] });
    if (!fast || !late) throw new Error('no workers');
    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, gigOn(4, 'plasterer', { title: '墙面抹灰' }));
    await settle(t);
    expect(textsTo(t, fast.phone)).toHaveLength(1);
    expect(textsTo(t, late.phone)).toHaveLength(1);

    expect(await replyBySms(t, fast.phone, '1')).toMatchObject({ outcome: 'HIRED' });
    const refused = await replyBySms(t, late.phone, '１');
    expect(refused).toMatchObject({
      outcome: 'GIG_FILLED',
      reply: '【零工】已招满，下次早点回复。如有疑问请到零工驿站',
    });
    expect(textsTo(t, late.phone).at(-1)).toBe('【零工】已招满，下次早点回复。如有疑问请到零工驿站');
    const hires = await engagementsOf(t, gig.id);
    expect(hires.map((e) => e.worker_id)).toEqual([fast.id]);
    await settle(t); // the fill's other offers are withdrawn just after its commit
    expect((await offerOf(t, gig.id, late.id))?.status).toBe('WITHDRAWN');
    expect(await assertHiringInvariants(t)).toEqual({ oversold: 0, doubleBooked: 0 });
  });

  it('declines on 2, and the next candidate is offered the seat (and texted) at once', async () => {
    const env = { ...ENV, OFFER_FAN_OUT: '1' };
    const own = await createTestApp({ env, clock });
    try {
      const [best] = await seedSmsWorkers(own, 1, { skills: [{ code: 'electrician', level: 5 }] });
      const [next] = await seedSmsWorkers(own, 1, { skills: [{ code: 'electrician', level: 1 }] });
      if (!best || !next) throw new Error('no workers');
      const employer = await verifiedEmployer(own);
      const gig = await postGig(own, employer.token, gigOn(2, 'electrician', { title: '车间线路检修' }));
      await settle(own);
      expect((await offerOf(own, gig.id, best.id))?.status).toBe('PENDING');
      expect(await offerOf(own, gig.id, next.id)).toBeUndefined();

      const declined = await replyBySms(own, best.phone, '２');
      expect(declined).toMatchObject({
        outcome: 'DECLINED',
        reply: '【零工】已回复不要，有合适的活再通知您。如有疑问请到零工驿站',
      });
      expect((await offerOf(own, gig.id, best.id))?.status).toBe('DECLINED');
      expect(await offerOf(own, gig.id, next.id)).toMatchObject({ status: 'PENDING', sms_status: 'SENT' });
      expect(textsTo(own, next.phone)).toHaveLength(1);
      expect(textsTo(own, next.phone)[0]).toMatch(/^【零工】拳铺镇 电工 .*。回复1接受 回复2不要 90秒内有效$/);
      // As with declineOffer, saying no twice is harmless; a 1 after it finds nothing to take.
      expect(await replyBySms(own, best.phone, '2')).toMatchObject({ outcome: 'DECLINED' });
      expect(await replyBySms(own, best.phone, '1')).toMatchObject({
        outcome: 'OFFER_NOT_PENDING',
        reply: '【零工】没有待回复的活。如有疑问请到零工驿站',
      });
      expect((await offerOf(own, gig.id, best.id))?.status).toBe('DECLINED');
    } finally {
      await own.close();
    }
  });

  it('opts a worker out on TD: later offers are not texted, and replies are not answered', async () => {
    const [worker] = await seedSmsWorkers(t, 1, { skills: [{ code: 'bricklayer', level: 3 }] });
    if (!worker) throw new Error('no worker');
    const out = await replyBySms(t, worker.phone, 'td');
    expect(out).toMatchObject({
      outcome: 'OPTED_OUT',
      reply: '【零工】已退订，不再用短信给您派活。如有疑问请到零工驿站',
    });
    const me = await t.gql<{ me: { worker: { smsOffers: boolean } } }>(
      '{ me { worker { smsOffers } } }',
      {},
      worker.token,
    );
    expect(me.data?.me.worker.smsOffers).toBe(false);
    const [row] = (await t.app.db.execute(
      sql`select sms_opted_out_at from workers where id = ${worker.id}`,
    )) as unknown as { sms_opted_out_at: Date | null }[];
    expect(row?.sms_opted_out_at).not.toBeNull();

    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, gigOn(2, 'bricklayer', { title: '围墙砌筑' }));
    await settle(t);
    // The offer still goes to the app; no SMS does.
    expect(await offerOf(t, gig.id, worker.id)).toMatchObject({ status: 'PENDING', sms_status: null });
    expect(textsTo(t, worker.phone)).toHaveLength(1); // only the 已退订 confirmation
    expect(await replyBySms(t, worker.phone, '1')).toMatchObject({ outcome: 'OPTED_OUT', reply: null });
    expect(await replyBySms(t, worker.phone, '退订')).toMatchObject({ outcome: 'OPTED_OUT', reply: null });
    expect(textsTo(t, worker.phone)).toHaveLength(1);
    expect(await engagementsOf(t, gig.id)).toEqual([]);
    const suppressed = (await smsRows(t, worker.id)).filter((r) => r.status === 'SUPPRESSED');
    expect(suppressed.map((r) => r.reason)).toEqual(['OPTED_OUT', 'OPTED_OUT']);

    // Choosing SMS again is a new choice: offers are texted again.
    const back = await t.gql('mutation { setSmsOffers(enabled: true) { smsOffers } }', {}, worker.token);
    expect(back.data).toEqual({ setSmsOffers: { smsOffers: true } });
    const later = await postGig(t, employer.token, gigOn(5, 'bricklayer', { title: '院墙砌筑' }));
    await settle(t);
    expect((await offerOf(t, later.id, worker.id))?.sms_status).toBe('SENT');
  });

  it('answers other texts with how to reply, and numbers it does not know with nothing', async () => {
    const [worker] = await seedSmsWorkers(t, 1, { skills: [{ code: 'carpenter', level: 3 }] });
    if (!worker) throw new Error('no worker');
    expect(await replyBySms(t, worker.phone, '你好')).toMatchObject({
      outcome: 'HELP',
      reply: '【零工】回复1接受 回复2不要 回复TD退订。如有疑问请到零工驿站',
    });
    expect(await replyBySms(t, worker.phone, '1')).toMatchObject({
      outcome: 'NO_PENDING_OFFER',
      reply: '【零工】没有待回复的活。如有疑问请到零工驿站',
    });
    expect(await replyBySms(t, '+86 139 9999 0000', '1')).toEqual({ outcome: 'UNKNOWN_NUMBER', reply: null });
    const [unknown] = (await t.app.db.execute(
      sql`select worker_id, direction, status from sms_messages where phone = '13999990000'`,
    )) as unknown as Record<string, unknown>[];
    expect(unknown).toEqual({ worker_id: null, direction: 'IN', status: 'RECEIVED' });
  });

  it('blanks the phone and the words of a worker’s texts when the account is erased', async () => {
    const worker = await registerWorker(t);
    const chosen = await t.gql('mutation { setSmsOffers(enabled: true) { smsOffers } }', {}, worker.token);
    expect(chosen.data).toEqual({ setSmsOffers: { smsOffers: true } });
    expect((await replyBySms(t, worker.phone, '我想接活')).outcome).toBe('HELP');
    const erased = await t.gql('mutation { deleteMyAccount(password: "worker-pass-1") }', {}, worker.token);
    expect(erased.data).toEqual({ deleteMyAccount: true });
    const rows = await smsRows(t, worker.id);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => [r.phone, r.body])).toEqual([
      [null, '已注销'],
      [null, '已注销'],
    ]);
  });

  it('answers 已过期 to a 1 after the offer ran out', async () => {
    const [worker] = await seedSmsWorkers(t, 1, { skills: [{ code: 'painter', level: 3 }] });
    if (!worker) throw new Error('no worker');
    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, gigOn(6, 'painter', { title: '厂房墙面刷漆' }));
    await settle(t);
    clock.advance(91_000);
    expect(await replyBySms(t, worker.phone, '1')).toMatchObject({
      outcome: 'OFFER_EXPIRED',
      reply: '【零工】已过期，下次请在有效时间内回复。如有疑问请到零工驿站',
    });
    expect(await engagementsOf(t, gig.id)).toEqual([]);
  });
});
