import type { WorkerOrigin } from '../../db/schema/index.js';
import { MARKET_TIME_ZONE } from '../../time.js';
import type { EmployerRecord } from '../employers/employers.repository.js';
import type { GigRecord } from '../gigs/gigs.repository.js';
import { daysSpanned, hourlyRate, yuan } from '../gigs/pay.js';
import type { ContractCover } from '../insurance/cover.js';
import type { RegionTree } from '../reference/region-ancestry.js';
import type { WorkerRecord } from '../workers/workers.repository.js';
import {
  CONTRACT_VERSION,
  type ContractField,
  type ContractRecord,
  hashContract,
  renderContract,
} from './contract-record.js';

const DAY_MS = 86_400_000;

const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: MARKET_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

const PAY_UNIT_WORDS = { HOUR: '每小时', DAY: '每天', PIECE: '每件', TOTAL: '总价' } as const;

/** The gig's terms as agreed at the moment of hire; later edits of the gig do not change them. */
export type AgreedTerms = {
  title: string;
  employerName: string;
  workerName: string;
  address: string;
  startsAt: string;
  endsAt: string;
  payFen: number;
  payUnit: GigRecord['payUnit'];
  hourlyFen: number;
  hoursPerDay: number | null;
  piecesPerHour: number | null;
  amountDueFen: number;
  payDueDays: number;
  payDueAt: string;
  /**
   * The hourly minimum wage (fen) of the gig's region in force on the hire's first day, when the
   * region has one: the floor under every hour worked, whatever the unit (计件保底 for piece work).
   */
  minimumHourlyFen?: number;
  /**
   * The accident insurance a hire of a risky trade or a public-welfare post has (docs/insurance.md):
   * who provides and pays it, the insurer, and the employer's group policy number; absent when the
   * hire needs none.
   */
  accidentCover?: ContractCover;
};

/**
 * What the employer owes for the whole gig as posted: hours worked times the hourly pay, days
 * times the day's pay, the total, or for piece work the guaranteed hourly floor over the hours (the
 * employer records what the pieces earned above it when paying).
 */
export function amountDue(gig: GigRecord): number {
  const rate = hourlyRate(gig);
  const hours = rate.ok ? rate.workingHours : (gig.endsAt.getTime() - gig.startsAt.getTime()) / 3_600_000;
  switch (gig.payUnit) {
    case 'HOUR':
      return Math.round(gig.payFen * hours);
    case 'DAY':
      return gig.payFen * daysSpanned(gig.startsAt, gig.endsAt);
    case 'TOTAL':
      return gig.payFen;
    case 'PIECE':
      // The guaranteed floor (保底), which a piece gig's hourlyFen is: the pieces are not counted here.
      return Math.round(gig.hourlyFen * hours);
  }
}

/** Pay is due `payDueDays` after the work ends (根治欠薪: every hire has a pay-by date). */
export const payDueAt = (gig: GigRecord) => new Date(gig.endsAt.getTime() + gig.payDueDays * DAY_MS);

/** 本地 / 县外 / 市外: the worker's home region against the gig's, for the bureau's statistics. */
export function originOf(homeRegionCode: string, gigRegionCode: string, tree: RegionTree): WorkerOrigin {
  const at = (code: string, level: string) =>
    tree.ancestors(code).find((c) => tree.get(c)?.level === level) ?? code;
  if (at(homeRegionCode, 'county') === at(gigRegionCode, 'county')) return 'LOCAL';
  if (at(homeRegionCode, 'city') === at(gigRegionCode, 'city')) return 'OUT_OF_COUNTY';
  return 'OUT_OF_CITY';
}

export function agreedTerms(
  gig: GigRecord,
  employer: EmployerRecord,
  worker: WorkerRecord,
  minimumHourlyFen?: number,
  accidentCover?: ContractCover,
): AgreedTerms {
  return {
    title: gig.title,
    employerName: employer.name,
    workerName: worker.name,
    address: gig.address,
    startsAt: gig.startsAt.toISOString(),
    endsAt: gig.endsAt.toISOString(),
    payFen: gig.payFen,
    payUnit: gig.payUnit,
    hourlyFen: gig.hourlyFen,
    hoursPerDay: gig.hoursPerDay,
    piecesPerHour: gig.piecesPerHour,
    amountDueFen: amountDue(gig),
    payDueDays: gig.payDueDays,
    payDueAt: payDueAt(gig).toISOString(),
    ...(minimumHourlyFen === undefined ? {} : { minimumHourlyFen }),
    ...(accidentCover === undefined ? {} : { accidentCover }),
  };
}

const COVER_PAID_BY = { EMPLOYER: '用工单位', BUREAU_POOL: '人社局统筹（公益性岗位）' } as const;

/** The contract's line on accident insurance: who provides and pays it, the insurer, and when it must exist. */
export function coverLine(cover: ContractCover): string {
  if (cover.provider === 'EMPLOYER_GROUP_POLICY')
    return `由用工单位的团体意外伤害保险承保，承保公司 ${cover.insurer ?? ''}，保单号 ${cover.policyNumber ?? ''}；劳动者不承担保费`;
  const insurer = cover.insurer ? `，承保公司 ${cover.insurer}` : '';
  return `按日投保意外伤害保险，由${COVER_PAID_BY[cover.payer]}出资${insurer}；每个工作日的保单须在签到前出具，未投保不得签到上岗；劳动者不承担保费`;
}

const HEADING = '零工用工协议';
const CLOSING = '双方确认以上条款；逾期未付，劳动者可通过平台申请调解。';

/** The contract's record (contract-record.ts): what was agreed, one labelled field each. */
export function contractRecordOf(
  terms: AgreedTerms,
  ids: { employerCreditCode: string; workerIdMasked: string },
): ContractRecord {
  const when = (iso: string) => timeFormat.format(new Date(iso));
  const fields: ContractField[] = [
    { label: '用工单位', value: `${terms.employerName}（统一社会信用代码 ${ids.employerCreditCode}）` },
    { label: '劳动者', value: `${terms.workerName}（身份证 ${ids.workerIdMasked}）` },
    { label: '工作内容', value: terms.title },
    { label: '工作地点', value: terms.address },
    { label: '工作时间', value: `${when(terms.startsAt)} 至 ${when(terms.endsAt)}（北京时间）` },
  ];
  // Hours worked beyond the stated ones are paid at the contract's hourly rate, never under the
  // minimum (src/modules/work/wages.ts); the contract says so where the hours are stated.
  if (terms.hoursPerDay !== null)
    fields.push({
      label: '工作时长',
      value: `每天工作 ${terms.hoursPerDay} 小时；超出的工时按每小时 ${yuan(Math.max(terms.hourlyFen, terms.minimumHourlyFen ?? 0))}计付`,
    });
  fields.push({
    label: '报酬',
    value:
      terms.payUnit === 'PIECE' && terms.piecesPerHour !== null
        ? // A piece gig's hourlyFen is its guaranteed floor; the stated pace is the employer's estimate.
          `${PAY_UNIT_WORDS.PIECE} ${yuan(terms.payFen)}（用工单位预计每小时 ${terms.piecesPerHour} 件，约每小时 ${yuan(Math.floor(terms.payFen * terms.piecesPerHour))}）`
        : `${PAY_UNIT_WORDS[terms.payUnit]} ${yuan(terms.payFen)}，折合每小时 ${yuan(terms.hourlyFen)}`,
  });
  if (terms.payUnit === 'PIECE')
    fields.push({
      label: '计件保底',
      value:
        terms.minimumHourlyFen === undefined
          ? '按实际工作小时计，每小时不低于当地最低小时工资'
          : `按实际工作小时计，每小时不低于 ${yuan(terms.minimumHourlyFen)}（当地最低小时工资）`,
    });
  fields.push({
    label: '应付金额',
    value: `${yuan(terms.amountDueFen)}，于 ${when(terms.payDueAt)} 前足额支付（完工后 ${terms.payDueDays} 日内）`,
  });
  if (terms.accidentCover) fields.push({ label: '意外保险', value: coverLine(terms.accidentCover) });
  return { version: CONTRACT_VERSION, heading: HEADING, fields, closing: CLOSING };
}

/** The electronic contract (电子劳动合同) both sides acknowledge: its record, text and hash. */
export function contractOf(terms: AgreedTerms, ids: { employerCreditCode: string; workerIdMasked: string }) {
  const record = contractRecordOf(terms, ids);
  return { version: CONTRACT_VERSION, record, text: renderContract(record), hash: hashContract(record) };
}
