import { createHash } from 'node:crypto';
import type { WorkerOrigin } from '../../db/schema/index.js';
import { MARKET_TIME_ZONE } from '../../time.js';
import type { EmployerRecord } from '../employers/employers.repository.js';
import type { GigRecord } from '../gigs/gigs.repository.js';
import { daysSpanned, hourlyRate, yuan } from '../gigs/pay.js';
import type { RegionTree } from '../reference/region-ancestry.js';
import type { WorkerRecord } from '../workers/workers.repository.js';

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
  /** The region's hourly minimum wage in force at hire: the floor under every hour worked. */
  minimumHourlyFen?: number;
  payDueDays: number;
  payDueAt: string;
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

export function agreedTerms(gig: GigRecord, employer: EmployerRecord, worker: WorkerRecord): AgreedTerms {
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
  };
}

/** The electronic contract (电子劳动合同) both sides acknowledge, and its SHA-256. */
export function contractOf(terms: AgreedTerms, ids: { employerCreditCode: string; workerIdMasked: string }) {
  const when = (iso: string) => timeFormat.format(new Date(iso));
  const text = [
    '零工用工协议',
    `用工单位：${terms.employerName}（统一社会信用代码 ${ids.employerCreditCode}）`,
    `劳动者：${terms.workerName}（身份证 ${ids.workerIdMasked}）`,
    `工作内容：${terms.title}`,
    `工作地点：${terms.address}`,
    `工作时间：${when(terms.startsAt)} 至 ${when(terms.endsAt)}（北京时间）`,
    `报酬：${PAY_UNIT_WORDS[terms.payUnit]} ${yuan(terms.payFen)}，折合每小时 ${yuan(terms.hourlyFen)}`,
    `应付金额：${yuan(terms.amountDueFen)}，于 ${when(terms.payDueAt)} 前足额支付（完工后 ${terms.payDueDays} 日内）`,
    '双方确认以上条款；逾期未付，劳动者可通过平台申请调解。',
  ].join('\n');
  return { text, hash: createHash('sha256').update(text).digest('hex') };
}
