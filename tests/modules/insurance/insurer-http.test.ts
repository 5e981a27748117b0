import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { verifiedEmployer } from '../../support/gigs.js';
import { hireThroughApplication, type SeededWorker, seedWorkers, testClock } from '../../support/hiring.js';
import {
  httpInsurerEnv,
  type InsurerCall,
  issueEach,
  type LocalInsurer,
  startLocalInsurer,
} from '../../support/insurer.js';

const ARRANGE = `mutation ($e: ID!) {
  arrangeAccidentCover(engagementId: $e) { coveredOn insurer policyNumber payer }
}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

/**
 * The HTTP insurer adapter (docs/insurance.md, "The HTTP insurer"), chosen by INSURER_PROVIDER=http,
 * against a stand-in insurer on 127.0.0.1: what it sends, what it records, and that any answer but
 * one policy per day asked records nothing.
 */
describe('the HTTP insurer adapter', () => {
  const clock = testClock();
  let t: TestApp;
  let insurer: LocalInsurer;
  let employer: Awaited<ReturnType<typeof verifiedEmployer>>;
  let workers: SeededWorker[];

  beforeAll(async () => {
    insurer = await startLocalInsurer();
    t = await createTestApp({ clock, env: { WORK_SWEEP_MS: '3600000', ...httpInsurerEnv(insurer, 500) } });
    employer = await verifiedEmployer(t);
    workers = await seedWorkers(t, 2);
  });
  afterAll(async () => {
    await t?.close();
    await insurer?.close();
  });

  const worker = (i: number) => {
    const w = workers[i];
    if (!w) throw new Error(`no worker ${i}`);
    return w;
  };

  async function rows(engagementId: string) {
    return (await t.app.db.execute(
      sql`select covered_on::text as day, status, provider, insurer, policy_number from accident_policies
        where engagement_id = ${engagementId} order by covered_on`,
    )) as unknown as {
      day: string;
      status: string;
      provider: string;
      insurer: string;
      policy_number: string;
    }[];
  }

  it('posts one documented request per call and records the policies it answers, under the configured insurer', async () => {
    const hire = await hireThroughApplication(t, employer.token, worker(0), 2, {
      skills: ['construction_helper'],
    });
    insurer.answerWith(issueEach);
    const before = insurer.calls.length;
    const arranged = await t.gql<{ arrangeAccidentCover: Record<string, string>[] }>(
      ARRANGE,
      { e: hire },
      employer.token,
    );
    expect(arranged.errors).toBeUndefined();

    const [call] = insurer.calls.slice(before) as InsurerCall[];
    expect(insurer.calls.length - before).toBe(1);
    expect(call?.method).toBe('POST');
    expect(call?.url).toBe('/policies');
    expect(call?.headers.authorization).toBe('Bearer local-insurer-token-0123456789');
    expect(call?.headers['content-type']).toBe('application/json');
    const body = call?.body as Record<string, unknown>;
    const [engagement] = (await t.app.db.execute(
      sql`select worker_id, (starts_at at time zone 'Asia/Shanghai')::date::text as day from engagements where id = ${hire}`,
    )) as unknown as { worker_id: string; day: string }[];
    expect(body).toEqual({
      requestId: expect.stringMatching(UUID),
      engagementId: hire,
      workerId: engagement?.worker_id,
      payer: 'EMPLOYER',
      product: 'DAILY_ACCIDENT',
      days: [engagement?.day],
    });
    expect(call?.headers['idempotency-key']).toBe(body.requestId);

    const number = `LOCAL-${engagement?.day.replaceAll('-', '')}-${String(body.requestId).slice(0, 8)}`;
    expect(arranged.data?.arrangeAccidentCover).toEqual([
      { coveredOn: engagement?.day, insurer: '本地测试保险公司', policyNumber: number, payer: 'EMPLOYER' },
    ]);
    expect(await rows(hire)).toEqual([
      {
        day: engagement?.day,
        status: 'ISSUED',
        provider: 'http',
        insurer: '本地测试保险公司',
        policy_number: number,
      },
    ]);

    // The contract of a hire made under this adapter names its insurer.
    const [contract] = (await t.app.db.execute(
      sql`select contract_text from engagements where id = ${hire}`,
    )) as unknown as { contract_text: string }[];
    expect(contract?.contract_text).toContain('由用工单位出资，承保公司 本地测试保险公司；');
  });

  it('records nothing, and says the insurer failed, for an error, a wrong answer or no answer in time', async () => {
    const hire = await hireThroughApplication(t, employer.token, worker(1), 3, {
      skills: ['construction_helper'],
    });
    const answers: ((call: InsurerCall) => ReturnType<typeof issueEach>)[] = [
      () => ({ status: 500, body: { error: 'down' } }),
      () => ({ status: 201, body: { policies: [] } }), // no policy for the day
      () => ({ status: 201, body: { policies: [{ coveredOn: '2099-01-01', policyNumber: 'X' }] } }), // a day not asked for
      (call) => ({
        status: 200,
        body: {
          policies: (call.body as { days: string[] }).days.map((d) => ({ coveredOn: d, policyNumber: ' ' })),
        },
      }), // no number
      () => ({ status: 200, body: 'not json' }),
      () => null, // never answers: the 500 ms timeout ends it
    ];
    for (const answer of answers) {
      insurer.answerWith(answer);
      const before = insurer.calls.length;
      const refused = await t.gql(ARRANGE, { e: hire }, employer.token);
      expect(insurer.calls.length - before).toBe(1);
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        provider: 'http',
      });
      expect(await rows(hire)).toEqual([]);
    }
    const audit = (await t.app.db.execute(
      sql`select id from audit_log where subject_id = ${hire} and action = 'ACCIDENT_COVER_ARRANGED'`,
    )) as unknown as unknown[];
    expect(audit).toEqual([]);

    // Once the insurer answers properly, the same hire is covered.
    insurer.answerWith(issueEach);
    const arranged = await t.gql(ARRANGE, { e: hire }, employer.token);
    expect(arranged.errors).toBeUndefined();
    expect((await rows(hire)).map((r) => r.status)).toEqual(['ISSUED']);
  }, 30_000);
});

describe('choosing the insurer adapter (INSURER_PROVIDER)', () => {
  const secrets = { JWT_SECRET: 'j'.repeat(32), PII_KEY: 'p'.repeat(32), METRICS_TOKEN: 'm'.repeat(24) };
  const http = {
    INSURER_PROVIDER: 'http',
    INSURER_URL: 'https://insurer.example.cn/api',
    INSURER_TOKEN: 't'.repeat(24),
    INSURER_NAME: '中国人寿财产保险',
  };

  it('has the development insurer outside production, none in production, and refuses dev there', () => {
    expect(loadConfig({}).insurance).toEqual({ provider: 'dev' });
    expect(loadConfig({ NODE_ENV: 'production', ...secrets }).insurance).toEqual({ provider: 'off' });
    expect(problemsOf({ NODE_ENV: 'production', ...secrets, INSURER_PROVIDER: 'dev' })).toEqual([
      'INSURER_PROVIDER 有误：生产环境不能用 dev：它并不实际投保（请用 http 或 off）',
    ]);
    expect(
      problemsOf({ NODE_ENV: 'production', ...secrets, INSURER_PROVIDER: 'dev', LINGONG_LOCALE: 'en' }),
    ).toEqual([expect.stringContaining('dev is not allowed in production: it insures nobody')]);
  });

  it('takes an HTTP insurer with its address, token and name, over https in production', () => {
    expect(loadConfig({ NODE_ENV: 'production', ...secrets, ...http }).insurance).toEqual({
      provider: 'http',
      http: { url: http.INSURER_URL, token: http.INSURER_TOKEN, name: http.INSURER_NAME, timeoutMs: 10_000 },
    });
    expect(problemsOf({ INSURER_PROVIDER: 'http' })).toEqual([
      'INSURER_URL 有误：设了 INSURER_PROVIDER=http 就必须设置它',
      'INSURER_TOKEN 有误：设了 INSURER_PROVIDER=http 就必须设置它',
      'INSURER_NAME 有误：设了 INSURER_PROVIDER=http 就必须设置它',
    ]);
    expect(
      problemsOf({ NODE_ENV: 'production', ...secrets, ...http, INSURER_URL: 'http://insurer.example.cn' }),
    ).toEqual(['INSURER_URL 有误：生产环境必须是 https:// 地址']);
    expect(problemsOf({ INSURER_PROVIDER: 'acme' })[0]).toMatch(
      /^INSURER_PROVIDER 有误：请用 off、dev 或 http/,
    );
  });
});
