import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { text } from '../../../src/i18n/text.js';
import { hiredText, SAY } from '../../../src/modules/sms/sms.answers.js';
import { recipientLocale } from '../../../src/modules/sms/sms.locale.js';
import {
  payText,
  SMS_TEMPLATES,
  smsContent,
  smsMessage,
  timeWindow,
} from '../../../src/modules/sms/sms.text.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { postGig, verifiedEmployer } from '../../support/gigs.js';
import { testClock } from '../../support/hiring.js';
import { seedSmsWorkers, settle, shanghai, textsTo } from '../../support/sms.js';

// 13:00–18:00 on 25 November in Asia/Shanghai; 05:00–10:00 UTC.
const STARTS = new Date('2026-11-25T05:00:00Z');
const ENDS = new Date('2026-11-25T10:00:00Z');

const offerValues = (locale: 'zh-CN' | 'en') => ({
  place: '拳铺镇',
  trade: '焊工',
  when: timeWindow(STARTS, ENDS, locale),
  pay: payText(4000, 'HOUR'),
  km: '2.1',
  seconds: '90',
});

/** SMS texts come from the catalogue, in the recipient's language, with times in Asia/Shanghai. */
describe('the words of an SMS', () => {
  it('keeps the Chinese templates exactly as the provider approved them (docs/sms.md)', () => {
    expect(SMS_TEMPLATES).toEqual({
      OFFER: '{1} {2} {3} {4} 距您{5}公里。回复1接受 回复2不要 {6}秒内有效',
      HIRED: '接受成功：{1}，{2}，地址：{3}，工钱{4}，{5}前结清。合同编号{6}，签到码{7}',
      NOTICE: '{1}。如有疑问请到零工驿站',
      CODE: '验证码{1}，用于{2}，{3}分钟内有效。请勿告诉他人，工作人员不会向您索要',
    });
  });

  it('writes an offer in Chinese, times in Asia/Shanghai, its parameters in the template’s order', () => {
    const sms = smsMessage('零工', 'OFFER', offerValues('zh-CN'), 'zh-CN');
    expect(sms.text).toBe(
      '【零工】拳铺镇 焊工 11月25日13:00-18:00 40元/小时 距您2.1公里。回复1接受 回复2不要 90秒内有效',
    );
    expect(sms.params).toEqual(['拳铺镇', '焊工', '11月25日13:00-18:00', '40元/小时', '2.1', '90']);
    // The positional form (what the provider gets, and what phone codes use) makes the same text.
    expect(smsContent('零工', 'OFFER', sms.params).text).toBe(sms.text);
  });

  it('writes the same offer, a hire and a short answer in English for a reader of English', () => {
    expect(smsMessage('零工', 'OFFER', offerValues('en'), 'en').text).toBe(
      '【零工】拳铺镇 焊工 25/11 13:00-18:00 40 yuan/hour, 2.1 km from you. Reply 1 to take it, 2 to pass. Open for 90 s',
    );
    const engagement = {
      startsAt: STARTS,
      endsAt: ENDS,
      contractHash: 'abcdef0123456789',
      checkInCode: '4821',
      terms: {
        title: '钢构焊工',
        address: '梁山县拳铺镇工业园',
        amountDueFen: 20000,
        payDueAt: '2026-11-27T16:30:00Z',
      },
    };
    expect(hiredText('零工', engagement, 'en').text).toBe(
      '【零工】Hired: 钢构焊工, 25/11 13:00-18:00, at 梁山县拳铺镇工业园, pay 200 yuan, paid by 28/11 00:30. Contract ABCDEF01, check-in code 4821',
    );
    expect(hiredText('零工', engagement, 'zh-CN').text).toBe(
      '【零工】接受成功：钢构焊工，11月25日13:00-18:00，地址：梁山县拳铺镇工业园，工钱200元，11月28日00:30前结清。合同编号ABCDEF01，签到码4821',
    );
    expect(smsMessage('零工', 'NOTICE', { notice: text('sms:say.gigFilled') }, 'en').text).toBe(
      '【零工】Every place is taken; reply sooner next time. Questions? Ask at the job station',
    );
    expect(smsMessage('零工', 'NOTICE', { notice: SAY.help }, 'zh-CN').text).toBe(
      '【零工】回复1接受 回复2不要 回复TD退订。如有疑问请到零工驿站',
    );
  });

  it('texts a worker in the language their account chose, Chinese when they chose none', () => {
    expect(recipientLocale({ locale: null })).toBe('zh-CN');
    expect(recipientLocale({ locale: 'en' })).toBe('en');
    expect(recipientLocale({ locale: 'zh-CN' })).toBe('zh-CN');
  });
});

describe('an offer texted in the account’s own language', () => {
  const clock = testClock(shanghai(1, '10:00'));
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { OFFER_FAN_OUT: '5', OFFER_SWEEP_MS: '60000' }, clock });
  });
  afterAll(() => t?.close());

  it('texts the worker who chose English in English and the one who chose nothing in Chinese', async () => {
    const [english, chinese] = await seedSmsWorkers(t, 2, { skills: [{ code: 'welder', level: 3 }] });
    if (!english || !chinese) throw new Error('no workers');
    const chose = await t.gql<{ setMyLocale: { locale: string } }>(
      'mutation { setMyLocale(locale: EN) { locale } }',
      {},
      english.token,
    );
    expect(chose.data?.setMyLocale.locale).toBe('EN');
    const employer = await verifiedEmployer(t);
    await postGig(t, employer.token, {
      instant: true,
      headcount: 2,
      skills: ['welder'],
      address: '梁山县拳铺镇工业园区8号',
      startsAt: shanghai(3, '13:00').toISOString(),
      endsAt: shanghai(3, '18:00').toISOString(),
      payFen: 4000,
      payUnit: 'HOUR',
    });
    await settle(t);
    const [toEnglish] = textsTo(t, english.phone);
    const [toChinese] = textsTo(t, chinese.phone);
    expect(toEnglish).toMatch(/Reply 1 to take it, 2 to pass/);
    expect(toEnglish).toMatch(/13:00-18:00/);
    expect(toChinese).toMatch(/回复1接受 回复2不要/);
    expect(toChinese).toMatch(/13:00-18:00/);
  });
});
