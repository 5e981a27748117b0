import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevSmsGateway } from '../../../src/modules/sms/sms.gateway.js';
import { smsContent } from '../../../src/modules/sms/sms.text.js';
import {
  createTencentSmsGateway,
  type TencentSmsSettings,
} from '../../../src/modules/sms/tencent.gateway.js';

const SETTINGS: TencentSmsSettings = {
  secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
  appId: '1400006666',
  region: 'ap-guangzhou',
  signName: '零工',
  templates: { OFFER: '1110001', HIRED: '1110002', NOTICE: '1110003', CODE: '1110004' },
};

/** A SendSms success answer in the shape of the SDK's documented SendSmsResponse (SendStatusSet, Code "Ok"). */
const SENT = {
  Response: {
    SendStatusSet: [
      {
        SerialNo: '5000:1045710669157053657849499619',
        PhoneNumber: '+8613800000001',
        Fee: 1,
        SessionContext: '',
        Code: 'Ok',
        Message: 'send success',
        IsoCode: 'CN',
      },
    ],
    RequestId: 'a0aabda6-cf91-4f3e-a81f-9198114a2279',
  },
};

type Recorded = { method?: string; url?: string; headers: IncomingHttpHeaders; body: string };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text).digest();

/**
 * The TC3-HMAC-SHA256 signature as Tencent Cloud documents it (签名方法 v3), worked out again from
 * the request as received. The SDK signs the host without its port, as the real endpoint has none.
 */
function tc3Signature(request: Recorded, secretKey: string, service: string) {
  const timestamp = String(request.headers['x-tc-timestamp']);
  const date = new Date(Number(timestamp) * 1000).toISOString().slice(0, 10);
  const host = String(request.headers.host).replace(/:\d+$/, '');
  const canonical = [
    'POST',
    '/',
    '',
    `content-type:${request.headers['content-type']}\nhost:${host}\n`,
    'content-type;host',
    sha256(request.body),
  ].join('\n');
  const scope = `${date}/${service}/tc3_request`;
  const toSign = ['TC3-HMAC-SHA256', timestamp, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(`TC3${secretKey}`, date), service), 'tc3_request');
  return { scope, signature: createHmac('sha256', key).update(toSign).digest('hex') };
}

describe('the Tencent Cloud SMS adapter', () => {
  let server: Server;
  let endpoint: string;
  const requests: Recorded[] = [];
  let answer: unknown = SENT;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        body += chunk;
      });
      req.on('end', () => {
        requests.push({ method: req.method, url: req.url, headers: req.headers, body });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends SendSms 2021-01-11 with the template, its parameters and a TC3-HMAC-SHA256 signature', async () => {
    answer = SENT;
    const gateway = createTencentSmsGateway(SETTINGS, { endpoint, protocol: 'http://' });
    const params = ['拳铺镇', '焊工', '11月25日13:00-18:00', '40元/小时', '2.1', '90'];
    const sent = await gateway.send('13800000001', smsContent('零工', 'OFFER', params));
    expect(sent).toEqual({ providerMessageId: '5000:1045710669157053657849499619' });

    const request = requests.at(-1);
    if (!request) throw new Error('no request reached the server');
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/');
    expect(request.headers).toMatchObject({
      'x-tc-action': 'SendSms',
      'x-tc-version': '2021-01-11',
      'x-tc-region': 'ap-guangzhou',
      'content-type': 'application/json',
      'x-tc-timestamp': expect.stringMatching(/^\d{10}$/),
    });
    expect(JSON.parse(request.body)).toEqual({
      PhoneNumberSet: ['+8613800000001'],
      SmsSdkAppId: '1400006666',
      SignName: '零工',
      TemplateId: '1110001',
      TemplateParamSet: params,
    });
    const authorization = String(request.headers.authorization);
    const parsed =
      /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2}\/([^/]+)\/tc3_request), SignedHeaders=content-type;host, Signature=([0-9a-f]{64})$/.exec(
        authorization,
      );
    expect(parsed, authorization).not.toBeNull();
    const [, secretId, scope, service, signature] = parsed as RegExpExecArray;
    expect(secretId).toBe(SETTINGS.secretId);
    const expected = tc3Signature(request, SETTINGS.secretKey, service as string);
    expect(scope).toBe(expected.scope);
    expect(signature).toBe(expected.signature);
    // The secret key itself never travels.
    expect(JSON.stringify(request)).not.toContain(SETTINGS.secretKey);
  });

  it('uses the template of each kind of message', async () => {
    answer = SENT;
    const gateway = createTencentSmsGateway(SETTINGS, { endpoint, protocol: 'http://' });
    await gateway.send('13800000001', smsContent('零工', 'NOTICE', ['已招满，下次早点回复']));
    expect(JSON.parse(requests.at(-1)?.body ?? '{}')).toMatchObject({
      TemplateId: '1110003',
      TemplateParamSet: ['已招满，下次早点回复'],
    });
  });

  it('fails with Tencent’s code when the number is refused, or the request is', async () => {
    const gateway = createTencentSmsGateway(SETTINGS, { endpoint, protocol: 'http://' });
    const status = SENT.Response.SendStatusSet[0];
    answer = {
      Response: {
        ...SENT.Response,
        SendStatusSet: [
          {
            ...status,
            SerialNo: '',
            Fee: 0,
            Code: 'LimitExceeded.PhoneNumberDailyLimit',
            Message: '单个手机号日下发短信条数超过设定的上限',
          },
        ],
      },
    };
    await expect(gateway.send('13800000001', smsContent('零工', 'NOTICE', ['已过期']))).rejects.toThrow(
      /LimitExceeded\.PhoneNumberDailyLimit/,
    );
    answer = {
      Response: {
        Error: {
          Code: 'AuthFailure.SignatureFailure',
          Message: 'The provided credentials could not be validated.',
        },
        RequestId: 'f4b1ed32-b1e5-4b2a-9a8a-3c2c2a1b0e6b',
      },
    };
    await expect(gateway.send('13800000001', smsContent('零工', 'NOTICE', ['已过期']))).rejects.toThrow(
      /credentials could not be validated/,
    );
  });
});

describe('the development adapter', () => {
  it('logs each message at info with sms: true, the number masked and the text, and keeps it whole in its outbox', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const gateway = createDevSmsGateway(log);
    const content = smsContent('零工', 'NOTICE', ['已招满，下次早点回复']);
    const { providerMessageId } = await gateway.send('13800000001', content);
    const [line] = lines.map((l) => JSON.parse(l));
    expect(line).toMatchObject({
      level: 30,
      sms: true,
      // No phone number in a log line (docs/security.md): the outbox is where tests read it.
      to: '138****0001',
      text: '【零工】已招满，下次早点回复。如有疑问请到零工驿站',
      providerMessageId,
    });
    expect(lines.join('')).not.toContain('13800000001');
    expect(gateway.outbox).toEqual([{ ...content, to: '13800000001', providerMessageId }]);
  });
});
