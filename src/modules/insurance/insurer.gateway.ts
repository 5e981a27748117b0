import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { CoverPayer } from '../../db/schema/index.js';
import { createHttpInsurerGateway, type HttpInsurerSettings } from './http-insurer.gateway.js';

/** What the bureau asks an insurer for: one accident policy per market day of one hire. */
export type PolicyRequest = {
  /** One per arrangeAccidentCover call: the insurer's idempotency key (the same request is one purchase). */
  requestId: string;
  engagementId: string;
  workerId: string;
  /** Market days (YYYY-MM-DD, Asia/Shanghai), each to be covered by its own policy. */
  days: readonly string[];
  payer: CoverPayer;
};

export type IssuedPolicy = { coveredOn: string; policyNumber: string };

/**
 * Where accident policies (意外伤害商业保险, 按日投保) come from: an insurer's adapter, as SMS has
 * its gateway. `issue` answers one policy for each day asked, or throws (nothing is recorded then).
 */
export type InsurerGateway = {
  readonly provider: string;
  /** The insurer's name as the contract and the hire show it. */
  readonly insurer: string;
  issue(request: PolicyRequest): Promise<IssuedPolicy[]>;
};

/** Development and tests: nothing leaves the machine; each request is logged and kept in `issued`. */
export type DevInsurerGateway = InsurerGateway & {
  readonly provider: 'dev';
  readonly issued: PolicyRequest[];
};

export function createDevInsurerGateway(log: FastifyBaseLogger): DevInsurerGateway {
  const issued: PolicyRequest[] = [];
  return {
    provider: 'dev',
    insurer: '开发环境保险（未实际投保）',
    issued,
    async issue(request) {
      issued.push(request);
      const policies = request.days.map((day) => ({
        coveredOn: day,
        policyNumber: `DEV-${day.replaceAll('-', '')}-${randomUUID().slice(0, 8).toUpperCase()}`,
      }));
      log.info(
        { insurance: true, engagementId: request.engagementId, days: request.days, payer: request.payer },
        'accident policies (development insurer: not insured)',
      );
      return policies;
    },
  };
}

/** No insurer (production without INSURER_PROVIDER): nothing can be bought; a group policy still covers. */
export function createOffInsurerGateway(): InsurerGateway {
  return {
    provider: 'off',
    // No insurer to name: gigs and contracts name none until one is configured.
    insurer: '',
    async issue() {
      throw new Error('no insurer is configured (INSURER_PROVIDER)');
    },
  };
}

/** The insurer adapter as the configuration chose it (src/config.ts, `insurance`). */
export type InsurerSettings = { provider: 'dev' | 'off' } | { provider: 'http'; http: HttpInsurerSettings };

export function createInsurerGateway(settings: InsurerSettings, log: FastifyBaseLogger): InsurerGateway {
  switch (settings.provider) {
    case 'http':
      return createHttpInsurerGateway(settings.http);
    case 'dev':
      return createDevInsurerGateway(log);
    default:
      return createOffInsurerGateway();
  }
}
