import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode } from '../../errors.js';
import { text } from '../../i18n/text.js';

/** What an identity service is asked: does this name go with this ID number (二要素核验)? */
export type IdentityQuery = { name: string; idNumber: string };

export type IdentityAnswer = { confirmed: true; reference: string } | { confirmed: false; reason: string };

/**
 * An identity service's adapter, in the style of the SMS gateway: the domain asks, the adapter
 * knows the provider. A confirmation makes a worker VERIFIED_BY_SERVICE; a station's check of the
 * card (VERIFIED_IN_PERSON) outranks it.
 */
export type IdentityGateway = {
  readonly provider: 'off' | 'dev' | ProviderName;
  confirm(query: IdentityQuery): Promise<IdentityAnswer>;
};

/**
 * A real provider's adapter is not written yet: a name for it (the public-security citizen
 * identity check, NCIIC 公民身份信息核查, or a face check such as 人脸核身), and the contract it will
 * keep. It must send only the name and number, over TLS, and keep the provider's reference, never
 * the provider's answer with the person's data.
 */
export type ProviderName = 'nciic';
export type RealIdentityGateway = IdentityGateway & { readonly provider: ProviderName };

/** The sequence code (digits 15 to 17) the development service never confirms. */
export const DEV_REFUSED_SEQUENCE = '999';

/**
 * Development and tests: nothing leaves the machine. The rule, stated so a tester can aim at both
 * answers: it confirms any pair whose name is 2 to 30 characters, unless the ID number's sequence
 * code (digits 15 to 17) is 999, which it answers as "no such person". Never in production
 * (src/config.ts refuses IDENTITY_SERVICE=dev there).
 */
export function createDevIdentityGateway(): IdentityGateway {
  return {
    provider: 'dev',
    async confirm({ name, idNumber }) {
      const trimmed = name.trim();
      if (trimmed.length < 2 || trimmed.length > 30) return { confirmed: false, reason: 'NAME_UNREADABLE' };
      if (idNumber.slice(14, 17) === DEV_REFUSED_SEQUENCE) return { confirmed: false, reason: 'NO_MATCH' };
      return { confirmed: true, reference: `dev-${randomUUID()}` };
    },
  };
}

/** No identity service: only a station verifies. */
export function createNoIdentityGateway(): IdentityGateway {
  return {
    provider: 'off',
    async confirm() {
      throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, text('workers:serviceOffline'));
    },
  };
}

/** The adapter IDENTITY_SERVICE names. */
export function createIdentityGateway(service: 'off' | 'dev'): IdentityGateway {
  return service === 'dev' ? createDevIdentityGateway() : createNoIdentityGateway();
}
