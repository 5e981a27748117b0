import { sms } from 'tencentcloud-sdk-nodejs-sms';
import type { SmsGateway } from './sms.gateway.js';
import type { SmsTemplate } from './sms.text.js';

export type TencentSmsSettings = {
  secretId: string;
  secretKey: string;
  /** SmsSdkAppId of the SMS application. */
  appId: string;
  region: string;
  /** The approved sign (签名), without 【】. */
  signName: string;
  /** Approved template ids, one per kind of message (README, "Offers by SMS"). */
  templates: Record<SmsTemplate, string>;
};

/** Where the SDK sends its requests; only tests change it, to a server of their own on 127.0.0.1. */
export type TencentEndpoint = { endpoint: string; protocol: 'https://' | 'http://' };

const SmsClient = sms.v20210111.Client;

/** Mainland numbers in E.164, as SendSms wants them: 13812345678 → +8613812345678. */
export const e164 = (phone: string) => (phone.startsWith('+') ? phone : `+86${phone}`);

/**
 * Tencent Cloud SMS (腾讯云短信) through its official SDK: API 2021-01-11 `SendSms`, signed with
 * TC3-HMAC-SHA256 by the SDK. A message is an approved template and its parameters; a status other
 * than `Ok` for the number is a failure, thrown with Tencent's code and message.
 */
export function createTencentSmsGateway(
  settings: TencentSmsSettings,
  where: TencentEndpoint = { endpoint: 'sms.tencentcloudapi.com', protocol: 'https://' },
): SmsGateway {
  const client = new SmsClient({
    credential: { secretId: settings.secretId, secretKey: settings.secretKey },
    region: settings.region,
    profile: { httpProfile: { ...where, reqMethod: 'POST', reqTimeout: 10 } },
  });
  return {
    provider: 'tencent',
    // The templates approved in the console are the Chinese ones (SMS_TEMPLATES).
    locales: ['zh-CN'],
    async send(to, content) {
      const answer = await client.SendSms({
        PhoneNumberSet: [e164(to)],
        SmsSdkAppId: settings.appId,
        SignName: settings.signName,
        TemplateId: settings.templates[content.template],
        TemplateParamSet: content.params,
      });
      const status = answer.SendStatusSet?.[0];
      if (status?.Code !== 'Ok') {
        throw new Error(
          `Tencent Cloud SMS did not send it: ${status?.Code ?? 'no status'} ${status?.Message ?? ''}`.trim(),
        );
      }
      return { providerMessageId: status.SerialNo ?? answer.RequestId ?? '' };
    },
  };
}
