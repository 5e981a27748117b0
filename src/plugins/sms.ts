import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';

/** How far a reply callback's `time` may be from our clock: older ones are replays. */
const CALLBACK_SKEW_MS = 5 * 60_000;
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

const digest = (value: string) => createHash('sha256').update(value).digest();
/** Compared in constant time (over digests, so the lengths give nothing away either). */
const sameSecret = (given: string, expected: string) => timingSafeEqual(digest(given), digest(expected));

const answer = (reply: FastifyReply, status: number, errmsg: string) =>
  reply.code(status).send({ result: status === 200 ? 0 : 1, errmsg });

const isText = (value: unknown): value is string => typeof value === 'string';

/**
 * SMS in and out of the API. Tencent Cloud's callbacks (replies, delivery reports) carry no
 * signature, so their URLs carry a secret token (`?token=<SMS_WEBHOOK_SECRET>`, set in the
 * console), compared in constant time; a reply must also name our sign and be at most five
 * minutes old. In development, POST /sms/dev/reply stands in for a phone, from this machine only.
 * Token-carrying routes log at warn, so the token in their URL stays out of the request log.
 */
export default fp(
  async (fastify, { config }: { config: Config }) => {
    const sms = fastify.services.sms;
    const { webhookSecret, signName } = config.sms;
    fastify.addHook('preClose', async () => {
      await sms.drain();
      // One-time codes and owner warnings go through the same gateway.
      await fastify.services.phones.drain();
    });
    if (config.sms.provider === 'dev') {
      fastify.log.info('SMS goes to the development gateway: messages are logged, not sent');
    }

    /** Whether the callback carries our token; answers 401 or 403 when it does not. */
    function authorised(request: FastifyRequest<{ Querystring: { token?: string } }>, reply: FastifyReply) {
      const token = request.query.token;
      if (!webhookSecret || !isText(token) || token === '') {
        answer(reply, 401, 'missing token');
        return false;
      }
      if (!sameSecret(token, webhookSecret)) {
        answer(reply, 403, 'wrong token');
        return false;
      }
      return true;
    }

    if (webhookSecret) {
      // 短信回复: { extend, mobile, nationcode, sign, text, time } (time in Unix seconds).
      fastify.post<{ Querystring: { token?: string }; Body: Record<string, unknown> | null }>(
        '/sms/inbound/tencent',
        { logLevel: 'warn' },
        async (request, reply) => {
          if (!authorised(request, reply)) return reply;
          const body = request.body ?? {};
          const { mobile, nationcode, sign, text } = body;
          const time = Number(body.time);
          if (!isText(mobile) || !isText(text) || !isText(sign) || !Number.isFinite(time)) {
            return answer(reply, 400, 'mobile, nationcode, sign, text and time are required');
          }
          if (String(nationcode ?? '86') !== '86') return answer(reply, 400, 'only mainland numbers (86)');
          if (Math.abs(fastify.clock.now().getTime() - time * 1000) > CALLBACK_SKEW_MS) {
            return answer(reply, 403, 'stale time');
          }
          if (sign.replace(/^【|】$/g, '') !== signName) return answer(reply, 403, 'not our sign');
          const outcome = await sms.reply({ phone: mobile, text });
          request.log.info({ outcome: outcome.outcome }, 'SMS reply handled');
          return answer(reply, 200, 'OK');
        },
      );

      // 短信下发状态通知: [{ user_receive_time, nationcode, mobile, report_status, errmsg, description, sid }].
      fastify.post<{ Querystring: { token?: string }; Body: unknown }>(
        '/sms/status/tencent',
        { logLevel: 'warn' },
        async (request, reply) => {
          if (!authorised(request, reply)) return reply;
          const reports = Array.isArray(request.body) ? request.body : [];
          for (const report of reports as Record<string, unknown>[]) {
            if (!isText(report?.sid)) continue;
            const ok = report.report_status === 'SUCCESS';
            const why = [report.errmsg, report.description].filter(isText).join(' ');
            await sms.deliveryReport(report.sid, ok, ok ? null : why || 'FAIL');
          }
          return answer(reply, 200, 'OK');
        },
      );
    }

    if (config.sms.devReplies) {
      fastify.post<{ Body: { phone?: unknown; text?: unknown } | null }>(
        '/sms/dev/reply',
        async (request, reply) => {
          if (!LOOPBACK.has(request.ip)) {
            return reply.code(403).send({ error: 'the development reply comes from this machine only' });
          }
          const { phone, text } = request.body ?? {};
          if (!isText(phone) || !isText(text)) {
            return reply.code(400).send({ error: 'send { "phone": "13800000000", "text": "1" }' });
          }
          return sms.reply({ phone, text });
        },
      );
    }
  },
  { name: 'sms', dependencies: ['services'], fastify: '5.x' },
);
