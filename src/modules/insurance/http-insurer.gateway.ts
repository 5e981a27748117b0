import type { InsurerGateway, IssuedPolicy, PolicyRequest } from './insurer.gateway.js';

/** INSURER_URL, INSURER_TOKEN, INSURER_NAME, INSURER_TIMEOUT_MS (docs/insurance.md, "The HTTP insurer"). */
export type HttpInsurerSettings = {
  /** The insurer's API base; the adapter posts to `<url>/policies`. */
  url: string;
  token: string;
  /** The insurer's name as contracts and hires show it (e.g. 中国人寿财产保险股份有限公司). */
  name: string;
  timeoutMs: number;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The insurer's answer, checked before anything is recorded: one policy for each day asked, each
 * with a number, and no day it was not asked for.
 */
function policiesFrom(body: unknown, request: PolicyRequest): IssuedPolicy[] {
  const policies = (body as { policies?: unknown } | null)?.policies;
  if (!Array.isArray(policies)) throw new Error('the insurer answered without a policies list');
  const asked = new Set(request.days);
  const issued = policies.map((item: unknown) => {
    const { coveredOn, policyNumber } = (item ?? {}) as { coveredOn?: unknown; policyNumber?: unknown };
    if (typeof coveredOn !== 'string' || !DAY.test(coveredOn) || !asked.has(coveredOn))
      throw new Error(`the insurer answered a day not asked for: ${String(coveredOn)}`);
    if (typeof policyNumber !== 'string' || policyNumber.trim() === '' || policyNumber.length > 64)
      throw new Error(`the insurer answered no usable policy number for ${coveredOn}`);
    return { coveredOn, policyNumber: policyNumber.trim() };
  });
  const answered = new Set(issued.map((p) => p.coveredOn));
  if (answered.size !== issued.length || answered.size !== asked.size)
    throw new Error('the insurer did not answer each day asked exactly once');
  return issued;
}

/**
 * An insurer reached over HTTPS (docs/insurance.md, "The HTTP insurer"):
 *
 *   POST <url>/policies
 *   Authorization: Bearer <token>
 *   Idempotency-Key: <requestId>
 *   { "requestId", "engagementId", "workerId", "payer": "EMPLOYER" | "BUREAU_POOL",
 *     "product": "DAILY_ACCIDENT", "days": ["YYYY-MM-DD", ...] }
 *
 * answered 200 or 201 with `{ "policies": [{ "coveredOn": "YYYY-MM-DD", "policyNumber": "..." }] }`,
 * one per day asked. Any other status, a body not of that shape, or no answer within the timeout
 * is a failure: nothing is recorded and the days may be asked for again, with the same
 * idempotency key only within one request (a new call is a new request).
 */
export function createHttpInsurerGateway(settings: HttpInsurerSettings): InsurerGateway {
  const endpoint = `${settings.url.replace(/\/+$/, '')}/policies`;
  return {
    provider: 'http',
    insurer: settings.name,
    async issue(request) {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          authorization: `Bearer ${settings.token}`,
          'idempotency-key': request.requestId,
        },
        body: JSON.stringify({
          requestId: request.requestId,
          engagementId: request.engagementId,
          workerId: request.workerId,
          payer: request.payer,
          product: 'DAILY_ACCIDENT',
          days: request.days,
        }),
        signal: AbortSignal.timeout(settings.timeoutMs),
        redirect: 'error',
      });
      if (response.status !== 200 && response.status !== 201) {
        await response.body?.cancel();
        throw new Error(`the insurer answered HTTP ${response.status}`);
      }
      return policiesFrom(await response.json(), request);
    },
  };
}
