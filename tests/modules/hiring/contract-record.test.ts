import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AgreedTerms, contractOf } from '../../../src/modules/hiring/contract.js';
import {
  CONTRACT_LABELS,
  type ContractRecord,
  canonicalJson,
  contractVerifies,
  renderContract,
  verifyContract,
} from '../../../src/modules/hiring/contract-record.js';

const TERMS: AgreedTerms = {
  title: '玉米装卸搬运',
  employerName: '梁山县好运钢结构有限公司',
  workerName: '李四',
  address: '梁山县拳铺镇工业园区8号',
  startsAt: '2026-12-08T00:00:00.000Z',
  endsAt: '2026-12-08T09:00:00.000Z',
  payFen: 50,
  payUnit: 'PIECE',
  hourlyFen: 2000,
  hoursPerDay: 8,
  piecesPerHour: 60,
  amountDueFen: 16_000,
  payDueDays: 3,
  payDueAt: '2026-12-11T09:00:00.000Z',
  minimumHourlyFen: 2000,
};
const IDS = { employerCreditCode: '91370832000012345A', workerIdMasked: '370832**********0000' };

describe('the contract record', () => {
  it('renders one labelled term per line, in order, from the record it hashes', () => {
    const contract = contractOf(TERMS, IDS);
    expect(contract.text).toBe(
      [
        '零工用工协议',
        '用工单位：梁山县好运钢结构有限公司（统一社会信用代码 91370832000012345A）',
        '劳动者：李四（身份证 370832**********0000）',
        '工作内容：玉米装卸搬运',
        '工作地点：梁山县拳铺镇工业园区8号',
        '工作时间：2026/12/08 08:00 至 2026/12/08 17:00（北京时间）',
        '工作时长：每天工作 8 小时；超出的工时按每小时 20.00 元计付',
        '报酬：每件 0.50 元（用工单位预计每小时 60 件，约每小时 30.00 元）',
        '计件保底：按实际工作小时计，每小时不低于 20.00 元（当地最低小时工资）',
        '应付金额：160.00 元，于 2026/12/11 17:00 前足额支付（完工后 3 日内）',
        '双方确认以上条款；逾期未付，劳动者可通过平台申请调解。',
      ].join('\n'),
    );
    expect(contract.version).toBe(2);
    expect(renderContract(contract.record)).toBe(contract.text);
    expect(verifyContract(contract.record, contract.hash, contract.text)).toBe(true);
  });

  it('has no hours line without daily hours, and no guarantee line for pay by the day', () => {
    const { record } = contractOf({ ...TERMS, payUnit: 'DAY', payFen: 20_000, hoursPerDay: null }, IDS);
    const labels = record.fields.map((f) => f.label);
    expect(labels).toEqual(['用工单位', '劳动者', '工作内容', '工作地点', '工作时间', '报酬', '应付金额']);
  });

  it('names the accident cover last, as the hire agreed it: per-day policies, the pool, or a group policy', () => {
    const daily = contractOf(
      { ...TERMS, accidentCover: { provider: 'DAILY_POLICY', payer: 'EMPLOYER', insurer: '中国人寿财险' } },
      IDS,
    );
    expect(daily.text.split('\n').at(-2)).toBe(
      '意外保险：按日投保意外伤害保险，由用工单位出资，承保公司 中国人寿财险；每个工作日的保单须在签到前出具，未投保不得签到上岗；劳动者不承担保费',
    );
    const pool = contractOf(
      { ...TERMS, accidentCover: { provider: 'BUREAU_POOL', payer: 'BUREAU_POOL', insurer: '中国人寿财险' } },
      IDS,
    );
    expect(pool.text).toContain(
      '意外保险：按日投保意外伤害保险，由人社局统筹（公益性岗位）出资，承保公司 中国人寿财险；',
    );
    const group = contractOf(
      {
        ...TERMS,
        accidentCover: {
          provider: 'EMPLOYER_GROUP_POLICY',
          payer: 'EMPLOYER',
          insurer: '平安财险',
          policyNumber: 'PA-2026-0001',
        },
      },
      IDS,
    );
    expect(group.text).toContain(
      '意外保险：由用工单位的团体意外伤害保险承保，承保公司 平安财险，保单号 PA-2026-0001；劳动者不承担保费',
    );
    for (const contract of [daily, pool, group]) {
      expect(contract.record.fields.at(-1)?.label).toBe('意外保险');
      expect(verifyContract(contract.record, contract.hash, contract.text)).toBe(true);
    }
    // The cover is part of what is hashed: a contract stripped of it, or naming another insurer, fails.
    const stripped = { ...daily.record, fields: daily.record.fields.slice(0, -1) };
    expect(verifyContract(stripped, daily.hash)).toBe(false);
    const otherInsurer = {
      ...group.record,
      fields: group.record.fields.map((f) =>
        f.label === '意外保险' ? { ...f, value: f.value.replace('PA-2026-0001', 'PA-2026-9999') } : f,
      ),
    };
    expect(verifyContract(otherInsurer, group.hash)).toBe(false);
    // With no insurer configured yet, the line names none: the day's policy will.
    const unnamed = contractOf(
      { ...TERMS, accidentCover: { provider: 'DAILY_POLICY', payer: 'EMPLOYER' } },
      IDS,
    );
    expect(unnamed.text.split('\n').at(-2)).toBe(
      '意外保险：按日投保意外伤害保险，由用工单位出资；每个工作日的保单须在签到前出具，未投保不得签到上岗；劳动者不承担保费',
    );
    // A hire that needs no cover has no such line, and hashes as before.
    expect(contractOf(TERMS, IDS).record.fields.map((f) => f.label)).not.toContain('意外保险');
    expect(CONTRACT_LABELS.at(-1)).toBe('意外保险');
  });

  it('hashes the canonical form, whatever order the keys come back in (jsonb reorders them)', () => {
    const { record, hash } = contractOf(TERMS, IDS);
    const reordered = JSON.parse(
      JSON.stringify({
        closing: record.closing,
        fields: record.fields.map(({ label, value }) => ({ value, label })),
        heading: record.heading,
        version: record.version,
      }),
    ) as ContractRecord;
    expect(canonicalJson(reordered)).toBe(canonicalJson(record));
    expect(verifyContract(reordered, hash)).toBe(true);
    expect(canonicalJson({ b: 1, a: [2, { d: 'x', c: null }] })).toBe('{"a":[2,{"c":null,"d":"x"}],"b":1}');
  });

  it('fails to verify once any value, label, order, the text or the hash is changed', () => {
    const { record, hash, text } = contractOf(TERMS, IDS);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: record.fields.length - 1 }),
        fc.string({ minLength: 1 }),
        (i, extra) => {
          const fields = record.fields.map((f, k) => (k === i ? { ...f, value: f.value + extra } : f));
          expect(verifyContract({ ...record, fields }, hash)).toBe(false);
        },
      ),
    );
    const swapped = [...record.fields];
    [swapped[0], swapped[1]] = [swapped[1] as never, swapped[0] as never];
    expect(verifyContract({ ...record, fields: swapped }, hash)).toBe(false);
    expect(verifyContract(record, hash, `${text}\n劳动者放弃追讨欠薪`)).toBe(false);
    expect(
      verifyContract(
        record,
        hash.replace(/^./, (c) => (c === '0' ? '1' : '0')),
      ),
    ).toBe(false);
    expect(verifyContract({ nonsense: true } as unknown as ContractRecord, hash)).toBe(false);
  });

  it('renders any value as one line: the text has exactly one line per field, each a known label', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (title, address) => {
        const { text, record, hash } = contractOf({ ...TERMS, title, address }, IDS);
        const lines = text.split('\n');
        expect(lines).toHaveLength(record.fields.length + 2);
        for (const line of lines.slice(1, -1))
          expect(CONTRACT_LABELS as readonly string[]).toContain(line.split('：')[0]);
        expect(verifyContract(record, hash, text)).toBe(true);
      }),
    );
  });

  it('verifies a version 1 contract by the hash of its text', () => {
    const text = '零工用工协议\n工作内容：钢结构厂房电焊工';
    const legacy = { contractVersion: 1, contractRecord: null, contractText: text };
    const hash = sha(text);
    expect(contractVerifies({ ...legacy, contractHash: hash })).toBe(true);
    expect(contractVerifies({ ...legacy, contractText: `${text}。`, contractHash: hash })).toBe(false);
  });
});

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
