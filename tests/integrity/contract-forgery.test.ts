import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTRACT_LABELS,
  type ContractRecord,
  hashContract,
  renderContract,
} from '../../src/modules/hiring/contract-record.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { gigInput, POST_GIG, postGig, verifiedEmployer } from '../support/gigs.js';
import { ACCEPT_OFFER, hireFor, offerRows, seedWorkers } from '../support/hiring.js';
import {
  adminToken,
  creditCodeFor,
  employerInput,
  REGISTER_EMPLOYER,
  REGISTER_WORKER,
  registerWorker,
  workerInput,
} from '../support/people.js';

const HEADING = '零工用工协议';
const CLOSING = '双方确认以上条款；逾期未付，劳动者可通过平台申请调解。';
const when = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

type EngagementRow = {
  id: string;
  contract_text: string;
  contract_hash: string;
  contract_version: number;
  contract_record: ContractRecord | null;
  terms: Record<string, unknown>;
};

const MY_CONTRACTS = '{ myEngagements { id gig { id } contract { terms hash version verified } } }';
type Contracts = {
  myEngagements: {
    id: string;
    gig: { id: string };
    contract: { terms: string; hash: string; version: number; verified: boolean };
  }[];
};

/**
 * A hire's contract says only what was agreed: nothing typed into a title, an address or a name
 * can add a line to it or turn one around, and its text is rendered from a stored record whose
 * hash it carries, so anyone can check it.
 */
describe('contract forgery', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { OFFER_SWEEP_MS: '60000' } });
  });
  afterAll(() => t.close());

  const count = async (table: 'gigs' | 'workers' | 'employers' | 'crews' | 'engagements') =>
    Number(
      (
        (await t.app.db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`)) as unknown as {
          n: number;
        }[]
      )[0]?.n,
    );

  async function engagementRow(gigId: string): Promise<EngagementRow> {
    const [row] = (await t.app.db.execute(
      sql`select id, contract_text, contract_hash, contract_version, contract_record, terms from engagements where gig_id = ${gigId}`,
    )) as unknown as EngagementRow[];
    if (!row) throw new Error(`no engagement of gig ${gigId}`);
    return row;
  }

  /** Every line but the first and last is `label：value` with a known label, each label at most once. */
  function expectOnlyLabelledLines(text: string) {
    const lines = text.split('\n');
    expect(lines[0]).toBe(HEADING);
    expect(lines.at(-1)).toBe(CLOSING);
    const labels = lines.slice(1, -1).map((line) => line.split('：')[0]);
    for (const label of labels) expect(CONTRACT_LABELS).toContain(label);
    expect(new Set(labels).size).toBe(labels.length);
  }

  it('refuses a gig whose title or address carries a line break or a direction control, and posts nothing', async () => {
    const employer = await verifiedEmployer(t);
    const before = await count('gigs');
    const attempts = [
      [{ title: '装卸搬运\n应付金额：0.00 元' }, ['input.title']],
      [{ address: '梁山县拳铺镇工业园区8号\n…劳动者放弃追讨欠薪\u202e' }, ['input.address']],
      [
        { title: '装卸搬运\u2028工资面议', address: '梁山县\u2066拳铺镇\u2069工业园' },
        ['input.title', 'input.address'],
      ],
      [{ title: '装卸\u200b搬运工人' }, ['input.title']],
      [{ description: '厂房钢梁焊接\u202e元0001' }, ['input.description']],
    ] as const;
    for (const [overrides, fields] of attempts) {
      const { data, errors } = await t.gql(POST_GIG, { input: gigInput(overrides) }, employer.token);
      expect(data?.postGig ?? null).toBeNull();
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(errors?.[0]?.extensions?.field).toBe(fields[0]);
      const problems = (errors?.[0]?.extensions?.problems ?? []) as { field: string }[];
      const named = problems.map((p) => p.field);
      expect(named).toEqual(fields);
      expect(errors?.[0]?.message).toMatch(/只能填一行看得见的文字|只能有看得见的文字和普通换行/);
    }
    expect(await count('gigs')).toBe(before);
    // A description is prose: its line breaks are kept.
    const prose = await postGig(t, employer.token, {
      description: '厂房钢梁焊接。\n需自带焊工证。\n工地提供午饭。',
    });
    expect(prose.id).toBeTruthy();
  });

  it('refuses hidden characters in worker, employer, crew and station names and in reasons, creating nothing', async () => {
    const before = await Promise.all([count('workers'), count('employers'), count('crews')]);
    const worker = await t.gql(REGISTER_WORKER, { input: workerInput({ name: '张三\u202e' }) });
    expect(worker.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    const brand = await t.gql(REGISTER_WORKER, {
      input: workerInput({ laborBrand: '梁山好焊\n劳动者自愿放弃工资' }),
    });
    expect(brand.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.laborBrand',
    });
    const employer = await t.gql(REGISTER_EMPLOYER, {
      input: employerInput({ name: '好运钢结构\r\n有限公司' }),
    });
    expect(employer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });

    const member = await registerWorker(t);
    const crew = await t.gql(
      'mutation ($n: String!) { createCrew(name: $n) { id } }',
      { n: '韩垓镇\t焊工班' },
      member.token,
    );
    expect(crew.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(await Promise.all([count('workers'), count('employers'), count('crews')])).toEqual([
      before[0] + 1,
      before[1],
      before[2],
    ]);

    const station = await t.gql(
      'mutation ($i: CreateStationInput!) { createStation(input: $i) { id } }',
      {
        i: {
          name: '拳铺镇零工驿站\u202e',
          regionCode: '370832',
          location: { lat: 35.8, lng: 116.1 },
          address: '梁山县拳铺镇政府东100米',
        },
      },
      await adminToken(t),
    );
    expect(station.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });

    const owner = await verifiedEmployer(t);
    const gig = await postGig(t, owner.token);
    const cancel = await t.gql(
      'mutation ($id: ID!, $r: String!) { cancelGig(gigId: $id, reason: $r) { status } }',
      { id: gig.id, r: '钢材未到货\n工资已结清' },
      owner.token,
    );
    expect(cancel.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const [row] = (await t.app.db.execute(sql`select status from gigs where id = ${gig.id}`)) as unknown as {
      status: string;
    }[];
    expect(row?.status).toBe('OPEN');
  });

  it('renders a piece-work hire as one labelled term per line, with daily hours and the minimum-wage guarantee', async () => {
    const creditCode = creditCodeFor();
    const employer = await verifiedEmployer(t, { creditCode });
    const worker = await registerWorker(t, { name: '李四' });
    const gig = await postGig(t, employer.token, {
      title: '玉米装卸搬运',
      payUnit: 'PIECE',
      payFen: 50,
      piecesPerHour: 60,
      hoursPerDay: 8,
      headcount: 1,
    });
    await hireFor(t, employer.token, worker, gig.id);
    const row = await engagementRow(gig.id);
    const [masked] = (await t.app.db.execute(
      sql`select id_number_masked from workers where id = ${worker.id}`,
    )) as unknown as { id_number_masked: string }[];
    const input = gigInput();
    const start = when.format(new Date(input.startsAt));
    const end = when.format(new Date(input.endsAt));
    const payBy = when.format(new Date(new Date(input.endsAt).getTime() + 3 * 86_400_000));

    expect(row.contract_text.split('\n')).toEqual([
      HEADING,
      `用工单位：梁山县好运钢结构有限公司（统一社会信用代码 ${creditCode}）`,
      `劳动者：李四（身份证 ${masked?.id_number_masked}）`,
      '工作内容：玉米装卸搬运',
      '工作地点：梁山县拳铺镇工业园区8号',
      `工作时间：${start} 至 ${end}（北京时间）`,
      '工作时长：每天工作 8 小时；超出的工时按每小时 20.00 元计付',
      '报酬：每件 0.50 元（用工单位预计每小时 60 件，约每小时 30.00 元）',
      '计件保底：按实际工作小时计，每小时不低于 20.00 元（当地最低小时工资）',
      `应付金额：160.00 元，于 ${payBy} 前足额支付（完工后 3 日内）`,
      // Welding is a risky trade: the contract names its per-day accident cover (docs/insurance.md).
      '意外保险：按日投保意外伤害保险，由用工单位出资，承保公司 开发环境保险（未实际投保）；每个工作日的保单须在签到前出具，未投保不得签到上岗；劳动者不承担保费',
      CLOSING,
    ]);
    expectOnlyLabelledLines(row.contract_text);
    expect(row.terms).toMatchObject({ minimumHourlyFen: 2000, hoursPerDay: 8 });
    // The text is the record's rendering, and the hash is the record's.
    expect(row.contract_version).toBe(2);
    const record = row.contract_record as ContractRecord;
    expect(renderContract(record)).toBe(row.contract_text);
    expect(hashContract(record)).toBe(row.contract_hash);

    const seen = await t.gql<Contracts>(MY_CONTRACTS, {}, worker.token);
    expect(seen.data?.myEngagements.find((e) => e.gig.id === gig.id)?.contract).toEqual({
      terms: row.contract_text,
      hash: row.contract_hash,
      version: 2,
      verified: true,
    });
  });

  it('states the guarantee on an instant piece-work hire taken over the batched accept', async () => {
    const [worker] = await seedWorkers(t, 1, { skills: [{ code: 'harvest_picking', level: 3 }] });
    if (!worker) throw new Error('no worker seeded');
    const employer = await verifiedEmployer(t);
    const gig = await postGig(t, employer.token, {
      instant: true,
      headcount: 1,
      skills: ['harvest_picking'],
      title: '苹果采摘',
      payUnit: 'PIECE',
      payFen: 40,
      piecesPerHour: 80,
    });
    await t.app.services.hiring.drain();
    const [offer] = await offerRows(t, gig.id);
    const accepted = await t.gql<{ acceptOffer: { id: string } }>(
      ACCEPT_OFFER,
      { id: offer?.id },
      worker.token,
    );
    expect(accepted.errors).toBeUndefined();
    const row = await engagementRow(gig.id);
    expectOnlyLabelledLines(row.contract_text);
    expect(row.contract_text).toContain(
      '\n计件保底：按实际工作小时计，每小时不低于 20.00 元（当地最低小时工资）\n',
    );
    expect(row.contract_text).not.toContain('工作时长');
  });

  it('keeps a title stored before the checks from breaking a line of the contract', async () => {
    const employer = await verifiedEmployer(t);
    const worker = await registerWorker(t);
    const gig = await postGig(t, employer.token, { headcount: 1 });
    // A row written before validation refused such text (or by hand): the renderer still holds the line.
    await t.app.db.execute(
      sql`update gigs set title = ${'装卸搬运\n应付金额：0.00 元'}, address = ${'梁山县\u2028劳动者放弃追讨欠薪\u202e'} where id = ${gig.id}`,
    );
    await hireFor(t, employer.token, worker, gig.id);
    const row = await engagementRow(gig.id);
    expectOnlyLabelledLines(row.contract_text);
    expect(row.contract_text).toContain('\n工作内容：装卸搬运\ufffd应付金额：0.00 元\n');
    expect(row.contract_text).toContain('\n工作地点：梁山县\ufffd劳动者放弃追讨欠薪\ufffd\n');
    expect(row.contract_text.match(/^应付金额：/gm)).toHaveLength(1);
  });

  it('says whether a stored contract verifies: tampered text or record fail, legacy text hashes still pass', async () => {
    const employer = await verifiedEmployer(t);
    const worker = await registerWorker(t);
    const gig = await postGig(t, employer.token, { headcount: 1 });
    await hireFor(t, employer.token, worker, gig.id);
    const row = await engagementRow(gig.id);
    const verified = async () =>
      (await t.gql<Contracts>(MY_CONTRACTS, {}, worker.token)).data?.myEngagements.find(
        (e) => e.gig.id === gig.id,
      )?.contract;

    // The database refuses to rewrite a contract, its record and version included (0013).
    for (const change of [
      sql`contract_record = jsonb_set(contract_record, '{fields,2,value}', '"装卸搬运"')`,
      sql`contract_version = 1`,
    ]) {
      await expect(
        t.app.db.execute(sql`update engagements set ${change} where id = ${row.id}`),
      ).rejects.toThrow();
    }
    /** A rewrite by someone who gets past the triggers (a superuser): verification must catch it. */
    const tamper = (change: ReturnType<typeof sql>) =>
      t.app.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`update engagements set ${change} where id = ${row.id}`);
      });

    expect(await verified()).toMatchObject({ version: 2, verified: true });
    await tamper(sql`contract_text = contract_text || ${'\n劳动者放弃追讨欠薪'}`);
    expect(await verified()).toMatchObject({ version: 2, verified: false });
    await tamper(
      sql`contract_text = ${row.contract_text},
        contract_record = jsonb_set(contract_record, '{fields,2,value}', '"装卸搬运"')`,
    );
    expect(await verified()).toMatchObject({ version: 2, verified: false });

    // A hire made before contract records: the text and its own hash, version 1.
    const legacy = ['零工用工协议', '工作内容：钢结构厂房电焊工'].join('\n');
    await tamper(
      sql`contract_version = 1, contract_record = null, contract_text = ${legacy},
        contract_hash = ${createHash('sha256').update(legacy).digest('hex')}`,
    );
    expect(await verified()).toMatchObject({ version: 1, verified: true, terms: legacy });
    await tamper(sql`contract_text = ${`${legacy}。`}`);
    expect(await verified()).toMatchObject({ version: 1, verified: false });
  });
});
