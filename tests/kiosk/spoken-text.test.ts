import { describe, expect, it } from 'vitest';
import { type BoardGig, clockWords, HOW_TO_TAKE, spokenText } from '../../public/kiosk/spoken-text.js';

/** Noon on Wednesday 10 June 2026 in Asia/Shanghai. */
const NOW = new Date('2026-06-10T04:00:00Z');
const NAMES: Record<string, string> = { welder: '焊工', harvest_picking: '采摘', cook: '厨师' };
const context = { skillName: (code: string) => NAMES[code], now: NOW };

const welding: BoardGig = {
  id: 'g1',
  title: '钢结构厂房电焊工',
  payFen: 20_000,
  payUnit: 'DAY',
  startsAt: '2026-06-11T00:00:00Z', // 08:00 market time, tomorrow
  endsAt: '2026-06-11T09:00:00Z',
  address: '梁山县拳铺镇工业园区8号',
  placesLeft: 3,
  olderFriendly: false,
  publicWelfare: false,
  instant: false,
  skills: ['welder'],
  distanceKm: 2.14,
};

describe('the words the kiosk reads aloud for a gig', () => {
  it('says what, pay, when, where, how far, how many and how to take it, in short sentences', () => {
    expect(spokenText(welding, context)).toBe(
      '钢结构厂房电焊工。工种是焊工。工钱是一天200元。时间是明天，6月11日，星期四。' +
        '从上午8点干到下午5点，一共9个小时。地点在梁山县拳铺镇工业园区8号。离驿站2.1公里。还要3个人。' +
        '想去的话，请到驿站窗口找工作人员报名，或者用手机扫卡片上的二维码。',
    );
  });

  it('says a special operation (特种作业) needs a valid 特种作业操作证, right after the trade', () => {
    const needsCertificate = (gig: BoardGig) => gig.skills.includes('welder');
    expect(spokenText(welding, { ...context, needsCertificate })).toMatch(
      /^钢结构厂房电焊工。工种是焊工。这是特种作业，需要持有效的特种作业操作证。工钱是一天200元。/,
    );
    expect(spokenText({ ...welding, skills: ['cook'] }, { ...context, needsCertificate })).not.toContain(
      '特种作业',
    );
  });

  it('says a hire is insured each day (含意外险) when the gig is, after the pay and the tags', () => {
    const insured = (gig: BoardGig) => gig.skills.includes('welder');
    expect(spokenText(welding, { ...context, insured })).toContain(
      '工钱是一天200元。这个活含意外险，干活的每一天都给你上保险，不用你出钱。时间是',
    );
    expect(spokenText({ ...welding, skills: ['cook'] }, { ...context, insured })).not.toContain('意外险');
  });

  it('says hourly pay, half hours, today and the day after, and what the tags mean', () => {
    const picking = {
      ...welding,
      title: '梨园采摘帮工',
      payFen: 2_550,
      payUnit: 'HOUR' as const,
      startsAt: '2026-06-12T23:30:00Z', // 07:30 on 13 June
      endsAt: '2026-06-13T08:00:00Z', // 16:00
      skills: ['harvest_picking', 'no_such_trade'],
      olderFriendly: true,
      publicWelfare: true,
      instant: true,
    };
    const text = spokenText(picking, context);
    expect(text).toContain(
      '工种是采摘。工钱是每小时25.5元。年纪大的也可以干。这是公益岗位。这个活急着要人。',
    );
    expect(text).toContain('时间是6月13日，星期六。从上午7点半干到下午4点，一共8个半小时。');
    const today = { ...picking, startsAt: '2026-06-10T06:00:00Z', endsAt: '2026-06-10T06:30:00Z' };
    expect(spokenText(today, context)).toContain(
      '时间是今天，6月10日，星期三。从下午2点干到下午2点半，一共半个小时。',
    );
    const dayAfter = { ...picking, startsAt: '2026-06-12T01:00:00Z', endsAt: '2026-06-12T10:00:00Z' };
    expect(spokenText(dayAfter, context)).toContain('时间是后天，6月12日，星期五。');
  });

  it('says pay by the piece and in total in 元, and a gig over several days from its first to its last day', () => {
    expect(spokenText({ ...welding, payFen: 50, payUnit: 'PIECE' }, context)).toContain(
      '工钱按件算，每件0.5元。',
    );
    const total = { ...welding, payFen: 120_000, payUnit: 'TOTAL' as const, endsAt: '2026-06-13T09:00:00Z' };
    const text = spokenText(total, context);
    expect(text).toContain('工钱一共1200元。');
    expect(text).toContain('时间是明天，6月11日，星期四。从上午8点开始，干到6月13日下午5点。');
    expect(text).not.toContain('一共9个小时');
  });

  it('says hours of the day as a listener would', () => {
    expect(clockWords({ hour: 0, minute: 0 })).toBe('半夜12点');
    expect(clockWords({ hour: 5, minute: 0 })).toBe('凌晨5点');
    expect(clockWords({ hour: 12, minute: 30 })).toBe('中午12点半');
    expect(clockWords({ hour: 19, minute: 10 })).toBe('晚上7点10分');
  });

  it('leaves out symbols a voice reads badly, and what it does not know', () => {
    const messy = {
      ...welding,
      title: '电焊工/气焊工 ~急招~',
      address: '工业园#8号 A&B栋',
      skills: [],
      distanceKm: null,
    };
    const text = spokenText(messy, context);
    expect(text).toMatch(/^电焊工 气焊工 急招。工钱是一天200元。/);
    expect(text).toContain('地点在工业园 8号 A和B栋。还要3个人。');
    expect(text).not.toMatch(/[/~～#&:：]/);
    expect(text).not.toContain('离驿站');
    expect(text.endsWith(HOW_TO_TAKE)).toBe(true);
    expect(spokenText({ ...welding, distanceKm: 0.43 }, context)).toContain('离驿站400米。');
    expect(spokenText({ ...welding, distanceKm: 12.6 }, context)).toContain('离驿站13公里。');
  });
});
