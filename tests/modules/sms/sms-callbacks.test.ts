import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { postGig, verifiedEmployer } from '../../support/gigs.js';
import { testClock } from '../../support/hiring.js';
import { offerOf, outbox, seedSmsWorkers, settle, shanghai, smsRows, textsTo } from '../../support/sms.js';

const SECRET = 'test-webhook-secret-0123456789abcdef';
const ENV = { OFFER_SWEEP_MS: '60000', SMS_WEBHOOK_SECRET: SECRET };

describe('the provider’s callbacks and the development reply', () => {
  const clock = testClock(shanghai(1, '11:00'));
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: ENV, clock });
  });
  afterAll(() => t.close());

  /** Tencent Cloud's documented reply callback body (短信回复): extend, mobile, nationcode, sign, text, time. */
  const replyBody = (mobile: string, text: string, at = clock.now()) => ({
    extend: '',
    mobile,
    nationcode: '86',
    sign: '零工',
    text,
    time: Math.floor(at.getTime() / 1000),
  });
  const inbound = (body: unknown, token?: string) =>
    t.app.inject({
      method: 'POST',
      url:
        token === undefined
          ? '/sms/inbound/tencent'
          : `/sms/inbound/tencent?token=${encodeURIComponent(token)}`,
      payload: body as Record<string, unknown>,
    });

  it('refuses a reply callback without the secret token, with a wrong one, stale or under another sign', async () => {
    const [worker] = await seedSmsWorkers(t, 1, { skills: [{ code: 'welder', level: 3 }] });
    if (!worker) throw new Error('no worker');
    const missing = await inbound(replyBody(worker.phone, 'TD'));
    expect(missing.statusCode).toBe(401);
    const wrong = await inbound(replyBody(worker.phone, 'TD'), `${SECRET}x`);
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toEqual({ result: 1, errmsg: 'wrong token' });
    const stale = await inbound(
      replyBody(worker.phone, 'TD', new Date(clock.now().getTime() - 6 * 60_000)),
      SECRET,
    );
    expect(stale.statusCode).toBe(403);
    expect(stale.json()).toEqual({ result: 1, errmsg: 'stale time' });
    const foreignSign = await inbound({ ...replyBody(worker.phone, 'TD'), sign: '别家' }, SECRET);
    expect(foreignSign.statusCode).toBe(403);
    const malformed = await inbound({ mobile: worker.phone }, SECRET);
    expect(malformed.statusCode).toBe(400);
    // None of them reached the worker: no message recorded, still on SMS.
    expect(await smsRows(t, worker.id)).toEqual([]);
    const me = await t.gql<{ me: { worker: { smsOffers: boolean } } }>(
      '{ me { worker { smsOffers } } }',
      {},
      worker.token,
    );
    expect(me.data?.me.worker.smsOffers).toBe(true);
  });

  it('takes the documented body with the right token: a 1 hires, as the development reply does', async () => {
    const [worker] = await seedSmsWorkers(t, 1, { skills: [{ code: 'carpenter', level: 3 }] });
    if (!worker) throw new Error('no worker');
    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, {
      instant: true,
      headcount: 1,
      skills: ['carpenter'],
      startsAt: shanghai(3, '08:00').toISOString(),
      endsAt: shanghai(3, '17:00').toISOString(),
    });
    await settle(t);
    // A little clock skew either way is fine.
    const answered = await inbound(
      replyBody(worker.phone, '1', new Date(clock.now().getTime() + 60_000)),
      SECRET,
    );
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toEqual({ result: 0, errmsg: 'OK' });
    await settle(t);
    expect((await offerOf(t, gig.id, worker.id))?.status).toBe('ACCEPTED');
    expect(textsTo(t, worker.phone).at(-1)).toMatch(/^【零工】接受成功：/);
  });

  it('keeps the delivery report on the message and the offer', async () => {
    const [worker] = await seedSmsWorkers(t, 1, { skills: [{ code: 'painter', level: 3 }] });
    if (!worker) throw new Error('no worker');
    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, {
      instant: true,
      headcount: 1,
      skills: ['painter'],
      startsAt: shanghai(4, '08:00').toISOString(),
      endsAt: shanghai(4, '17:00').toISOString(),
    });
    await settle(t);
    const sid = outbox(t).find((m) => m.to === worker.phone)?.providerMessageId;
    const report = (status: 'SUCCESS' | 'FAIL', errmsg: string) => [
      {
        user_receive_time: '2026-11-25 08:03:04',
        nationcode: '86',
        mobile: worker.phone,
        report_status: status,
        errmsg,
        description: status === 'SUCCESS' ? '用户短信送达成功' : '用户手机关机',
        sid,
      },
    ];
    const refused = await t.app.inject({
      method: 'POST',
      url: '/sms/status/tencent',
      payload: report('SUCCESS', 'DELIVRD'),
    });
    expect(refused.statusCode).toBe(401);
    const delivered = await t.app.inject({
      method: 'POST',
      url: `/sms/status/tencent?token=${SECRET}`,
      payload: report('SUCCESS', 'DELIVRD'),
    });
    expect(delivered.json()).toEqual({ result: 0, errmsg: 'OK' });
    expect((await offerOf(t, gig.id, worker.id))?.sms_status).toBe('DELIVERED');
    await t.app.inject({
      method: 'POST',
      url: `/sms/status/tencent?token=${SECRET}`,
      payload: report('FAIL', 'MN:0001'),
    });
    expect((await offerOf(t, gig.id, worker.id))?.sms_status).toBe('FAILED');
    expect((await smsRows(t, worker.id))[0]).toMatchObject({
      status: 'FAILED',
      error: 'MN:0001 用户手机关机',
    });
  });

  it('takes development replies from this machine only', async () => {
    const far = await t.app.inject({
      method: 'POST',
      url: '/sms/dev/reply',
      remoteAddress: '10.1.2.3',
      payload: { phone: '13800000001', text: '1' },
    });
    expect(far.statusCode).toBe(403);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/sms/dev/reply',
      payload: { phone: '13800000001' },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('SMS settings', () => {
  it('needs every Tencent key, and says which, before it starts with SMS_PROVIDER=tencent', () => {
    let problems: string[] = [];
    try {
      loadConfig({ SMS_PROVIDER: 'tencent', TENCENT_SMS_SECRET_ID: 'AKIDexample00' });
    } catch (error) {
      problems = (error as { problems: string[] }).problems;
    }
    expect(problems.map((p) => p.split(' ')[0])).toEqual([
      'TENCENT_SMS_SECRET_KEY',
      'TENCENT_SMS_APP_ID',
      'TENCENT_SMS_TEMPLATE_ID',
      'TENCENT_SMS_HIRED_TEMPLATE_ID',
      'TENCENT_SMS_NOTICE_TEMPLATE_ID',
      'TENCENT_SMS_CODE_TEMPLATE_ID',
      'SMS_WEBHOOK_SECRET',
    ]);
    expect(problems[0]).toMatch(/设了 SMS_PROVIDER=tencent 就必须设置它/);
    const ok = loadConfig({
      SMS_PROVIDER: 'tencent',
      TENCENT_SMS_SECRET_ID: 'AKIDexample00',
      TENCENT_SMS_SECRET_KEY: 'secret-key-example',
      TENCENT_SMS_APP_ID: '1400006666',
      TENCENT_SMS_TEMPLATE_ID: '1110001',
      TENCENT_SMS_HIRED_TEMPLATE_ID: '1110002',
      TENCENT_SMS_NOTICE_TEMPLATE_ID: '1110003',
      TENCENT_SMS_CODE_TEMPLATE_ID: '1110004',
      SMS_WEBHOOK_SECRET: SECRET,
    }).sms;
    expect(ok).toMatchObject({ provider: 'tencent', devReplies: false, tencent: { region: 'ap-guangzhou' } });
  });

  it('reads quiet hours as times of day, and never offers the development reply in production', () => {
    expect(loadConfig({}).sms.quietHours).toEqual({ start: 21 * 60, end: 7 * 60 });
    expect(loadConfig({ SMS_QUIET_START: '22:30', SMS_QUIET_END: '06:00' }).sms.quietHours).toEqual({
      start: 22 * 60 + 30,
      end: 6 * 60,
    });
    expect(() => loadConfig({ SMS_QUIET_START: '9pm' })).toThrow(
      /SMS_QUIET_START 有误：必须是 HH:MM 格式的时刻/,
    );
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: 'j'.repeat(32),
      PII_KEY: 'p'.repeat(32),
      METRICS_TOKEN: 'm'.repeat(24),
    };
    expect(loadConfig(production).sms).toMatchObject({ provider: 'dev', devReplies: false });
    expect(loadConfig({}).sms.devReplies).toBe(true);
  });
});
