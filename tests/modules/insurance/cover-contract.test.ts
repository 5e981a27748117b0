import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractVerifies } from '../../../src/modules/hiring/contract-record.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { verifiedEmployer } from '../../support/gigs.js';
import { hireThroughApplication, type SeededWorker, seedWorkers, testClock } from '../../support/hiring.js';

const MY_CONTRACTS = '{ myEngagements { id contract { terms hash version verified } } }';

type Contract = { terms: string; hash: string; version: number; verified: boolean };

const DEV_INSURER = '开发环境保险（未实际投保）';

/**
 * The contract names the hire's accident cover (docs/insurance.md): who provides and pays it, the
 * insurer, and that the day's policy must exist before check-in; the line is hashed with the rest.
 */
describe('the contract names the accident cover', () => {
  const clock = testClock();
  let t: TestApp;
  let employer: Awaited<ReturnType<typeof verifiedEmployer>>;
  let workers: SeededWorker[];

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { WORK_SWEEP_MS: '3600000', GIG_SWEEP_MS: '3600000' } });
    employer = await verifiedEmployer(t);
    workers = await seedWorkers(t, 3);
  });
  afterAll(() => t?.close());

  const worker = (i: number) => {
    const w = workers[i];
    if (!w) throw new Error(`no worker ${i}`);
    return w;
  };

  async function contractOf(engagementId: string, token: string): Promise<Contract> {
    const { data, errors } = await t.gql<{ myEngagements: { id: string; contract: Contract }[] }>(
      MY_CONTRACTS,
      {},
      token,
    );
    expect(errors).toBeUndefined();
    const contract = data?.myEngagements.find((e) => e.id === engagementId)?.contract;
    if (!contract) throw new Error('no contract');
    return contract;
  }

  async function storedRow(engagementId: string) {
    const [row] = (await t.app.db.execute(
      sql`select terms, contract_text, contract_hash, contract_record, contract_version
        from engagements where id = ${engagementId}`,
    )) as unknown as {
      terms: { accidentCover?: unknown };
      contract_text: string;
      contract_hash: string;
      contract_record: unknown;
      contract_version: number;
    }[];
    if (!row) throw new Error('no engagement');
    return row;
  }

  it('names per-day policies paid by the employer, with the insurer, on a risky trade; it verifies', async () => {
    const hire = await hireThroughApplication(t, employer.token, worker(0), 2, {
      skills: ['loading_unloading'],
    });
    const contract = await contractOf(hire, worker(0).token);
    const lines = contract.terms.split('\n');
    expect(lines.at(-2)).toBe(
      `意外保险：按日投保意外伤害保险，由用工单位出资，承保公司 ${DEV_INSURER}；每个工作日的保单须在签到前出具，未投保不得签到上岗；劳动者不承担保费`,
    );
    expect(contract.verified).toBe(true);

    const row = await storedRow(hire);
    expect(row.terms.accidentCover).toEqual({
      provider: 'DAILY_POLICY',
      payer: 'EMPLOYER',
      insurer: DEV_INSURER,
    });
    expect(
      contractVerifies({
        contractVersion: row.contract_version,
        contractRecord: row.contract_record,
        contractText: row.contract_text,
        contractHash: row.contract_hash,
      }),
    ).toBe(true);

    // The cover line is under the hash: a record without it no longer verifies, and the API says so.
    // (A rewrite by someone who gets past the triggers, as a superuser could.)
    await t.app.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`
        update engagements set contract_record = jsonb_set(contract_record, '{fields}',
          (contract_record->'fields') - (jsonb_array_length(contract_record->'fields') - 1))
        where id = ${hire}`);
    });
    expect((await contractOf(hire, worker(0).token)).verified).toBe(false);
  });

  it('names the bureau’s pool as the payer on a public-welfare post', async () => {
    const hire = await hireThroughApplication(t, employer.token, worker(1), 2, {
      skills: ['cleaner'],
      publicWelfare: true,
    });
    const contract = await contractOf(hire, employer.token);
    expect(contract.terms).toContain(
      `\n意外保险：按日投保意外伤害保险，由人社局统筹（公益性岗位）出资，承保公司 ${DEV_INSURER}；每个工作日的保单须在签到前出具`,
    );
    expect(contract.verified).toBe(true);
    expect((await storedRow(hire)).terms.accidentCover).toEqual({
      provider: 'BUREAU_POOL',
      payer: 'BUREAU_POOL',
      insurer: DEV_INSURER,
    });
  });

  it('says nothing of insurance when the hire needs none', async () => {
    const hire = await hireThroughApplication(t, employer.token, worker(2), 2, { skills: ['cleaner'] });
    const contract = await contractOf(hire, worker(2).token);
    expect(contract.terms).not.toContain('意外保险');
    expect(contract.verified).toBe(true);
    expect((await storedRow(hire)).terms.accidentCover).toBeUndefined();
  });
});
