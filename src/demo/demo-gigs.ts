import { marketDay } from '../time.js';
import { type DemoDeps, demoEmployerIds, writeChapterOnce } from './demo-chapter.js';

const CHAPTER = { key: 'demo:gigs:v1', lock: 7_305_504 };
const HOUR = 3_600_000;

type DemoGig = {
  employer: number;
  title: string;
  description: string;
  skills: string[];
  regionCode: string;
  address: string;
  location: { lat: number; lng: number };
  payFen: number;
  payUnit: 'HOUR' | 'DAY' | 'PIECE' | 'TOTAL';
  piecesPerHour?: number;
  hoursPerDay?: number;
  headcount: number;
  /** Days from tomorrow, the start hour in market time, and how long it lasts. */
  day: number;
  hour: number;
  hours: number;
  olderFriendly?: boolean;
  publicWelfare?: boolean;
  instant?: boolean;
};

// Gigs the four demo employers would post in their own counties (梁山, 金乡, 尧都, 江都).
const GIGS: DemoGig[] = [
  {
    employer: 0,
    title: '钢结构厂房电焊工',
    description: '厂房钢梁焊接，持焊工证优先，提供午饭。',
    skills: ['welder'],
    regionCode: '370832',
    address: '梁山县拳铺镇工业园区8号',
    location: { lat: 35.802, lng: 116.096 },
    payFen: 30_000,
    payUnit: 'DAY',
    headcount: 3,
    day: 0,
    hour: 7,
    hours: 10,
  },
  {
    employer: 0,
    title: '车间装卸搬运',
    description: '钢材装车卸车，有叉车配合。',
    skills: ['loading_unloading'],
    regionCode: '370832',
    address: '梁山县拳铺镇工业园区8号',
    location: { lat: 35.802, lng: 116.096 },
    payFen: 2_800,
    payUnit: 'HOUR',
    headcount: 6,
    day: 1,
    hour: 8,
    hours: 6,
    instant: true,
  },
  {
    employer: 0,
    title: '厂区绿化养护',
    description: '修剪绿篱、除草浇水，活不重。',
    skills: ['greening_maintenance'],
    regionCode: '370832',
    address: '梁山县拳铺镇工业园区8号',
    location: { lat: 35.802, lng: 116.096 },
    payFen: 18_000,
    payUnit: 'DAY',
    headcount: 2,
    day: 2,
    hour: 8,
    hours: 8,
    olderFriendly: true,
  },
  {
    employer: 0,
    title: '新厂房开荒保洁',
    description: '新建车间和办公楼开荒保洁，工具公司提供。',
    skills: ['cleaner'],
    regionCode: '370832',
    address: '梁山县馆驿镇工业路',
    location: { lat: 35.75, lng: 116.05 },
    payFen: 2_500,
    payUnit: 'HOUR',
    headcount: 5,
    day: 0,
    hour: 13,
    hours: 4,
    olderFriendly: true,
    instant: true,
  },
  {
    employer: 0,
    title: '钢结构安装 一周',
    description: '钢结构吊装配合，连续一周，每天9小时。',
    skills: ['welder', 'scaffolder'],
    regionCode: '370832',
    address: '梁山县拳铺镇工业园区8号',
    location: { lat: 35.802, lng: 116.096 },
    payFen: 220_000,
    payUnit: 'TOTAL',
    hoursPerDay: 9,
    headcount: 4,
    day: 3,
    hour: 7,
    hours: 6 * 24 + 9,
  },
  {
    employer: 1,
    title: '大蒜采收 日结',
    description: '大田蒜头起收、剪根装袋，管午饭，日结。',
    skills: ['harvest_picking'],
    regionCode: '370828',
    address: '金乡县鸡黍镇王庄村',
    location: { lat: 35.148, lng: 116.247 },
    payFen: 18_000,
    payUnit: 'DAY',
    headcount: 20,
    day: 1,
    hour: 6,
    hours: 8,
    olderFriendly: true,
  },
  {
    employer: 1,
    title: '蒜薹分拣包装',
    description: '冷库内蒜薹分拣、称重装箱，计件。',
    skills: ['sorting', 'packing'],
    regionCode: '370828',
    address: '金乡县金乡街道冷链物流园',
    location: { lat: 35.067, lng: 116.312 },
    payFen: 40,
    payUnit: 'PIECE',
    piecesPerHour: 70,
    headcount: 15,
    day: 0,
    hour: 8,
    hours: 8,
    olderFriendly: true,
    instant: true,
  },
  {
    employer: 1,
    title: '大棚辣椒管理',
    description: '大棚打杈、绑蔓、采收，熟手优先。',
    skills: ['greenhouse_management'],
    regionCode: '370828',
    address: '金乡县鸡黍镇大棚园区',
    location: { lat: 35.15, lng: 116.25 },
    payFen: 18_000,
    payUnit: 'DAY',
    headcount: 8,
    day: 4,
    hour: 6,
    hours: 8,
    olderFriendly: true,
  },
  {
    employer: 1,
    title: '合作社装车 半天',
    description: '成品蒜装车，每袋25公斤。',
    skills: ['loading_unloading'],
    regionCode: '370828',
    address: '金乡县金乡街道冷链物流园',
    location: { lat: 35.067, lng: 116.312 },
    payFen: 3_000,
    payUnit: 'HOUR',
    headcount: 6,
    day: 2,
    hour: 14,
    hours: 4,
    instant: true,
  },
  {
    employer: 1,
    title: '村道环卫保洁（公益性岗位）',
    description: '村内道路清扫，优先安排脱贫户和大龄劳动力。',
    skills: ['sanitation'],
    regionCode: '370828',
    address: '金乡县鸡黍镇王庄村委会',
    location: { lat: 35.15, lng: 116.24 },
    payFen: 12_000,
    payUnit: 'DAY',
    headcount: 4,
    day: 1,
    hour: 7,
    hours: 5,
    olderFriendly: true,
    publicWelfare: true,
  },
  {
    employer: 2,
    title: '苹果采摘',
    description: '果园采摘、套袋摘袋，提供梯子和筐。',
    skills: ['harvest_picking'],
    regionCode: '141002',
    address: '尧都区刘村镇果园',
    location: { lat: 36.08, lng: 111.52 },
    payFen: 17_000,
    payUnit: 'DAY',
    headcount: 10,
    day: 1,
    hour: 7,
    hours: 7,
    olderFriendly: true,
  },
  {
    employer: 2,
    title: '果树冬季修剪',
    description: '苹果树冬剪，会修剪的师傅。',
    skills: ['fruit_tree_pruning'],
    regionCode: '141002',
    address: '尧都区刘村镇果园',
    location: { lat: 36.08, lng: 111.52 },
    payFen: 22_000,
    payUnit: 'DAY',
    headcount: 3,
    day: 5,
    hour: 8,
    hours: 8,
  },
  {
    employer: 2,
    title: '农机秋收驾驶',
    description: '玉米收获机驾驶，需有农机驾驶证。',
    skills: ['farm_machinery_operator'],
    regionCode: '141002',
    address: '尧都区刘村镇东村',
    location: { lat: 36.09, lng: 111.53 },
    payFen: 35_000,
    payUnit: 'DAY',
    headcount: 1,
    day: 2,
    hour: 6,
    hours: 10,
  },
  {
    employer: 3,
    title: '快递分拣 夜班',
    description: '流水线分拣包裹，站立作业。',
    skills: ['parcel_sorting'],
    regionCode: '321012',
    address: '江都区邵伯镇物流园',
    location: { lat: 32.522, lng: 119.452 },
    payFen: 2_600,
    payUnit: 'HOUR',
    headcount: 12,
    day: 0,
    hour: 20,
    hours: 8,
    instant: true,
  },
  {
    employer: 3,
    title: '仓库叉车工',
    description: '持叉车证，仓库装卸。',
    skills: ['forklift_operator'],
    regionCode: '321012',
    address: '江都区邵伯镇物流园',
    location: { lat: 32.522, lng: 119.452 },
    payFen: 26_000,
    payUnit: 'DAY',
    headcount: 2,
    day: 1,
    hour: 8,
    hours: 9,
  },
  {
    employer: 3,
    title: '整车卸货',
    description: '家电整车卸货入库。',
    skills: ['loading_unloading'],
    regionCode: '321012',
    address: '江都区仙女镇物流园',
    location: { lat: 32.434, lng: 119.567 },
    payFen: 3_200,
    payUnit: 'HOUR',
    headcount: 8,
    day: 3,
    hour: 9,
    hours: 5,
    instant: true,
  },
];

/**
 * Open gigs for the demo employers, posted through the gig service (every rule applies) and
 * dated from the first start, so a newcomer's market has something to find.
 */
export function seedDemoGigsOnce(deps: DemoDeps) {
  return writeChapterOnce(deps, CHAPTER, async (tx) => {
    const employerIds = await demoEmployerIds(tx);
    if (!employerIds) return false;
    const tomorrow = new Date(
      `${marketDay(new Date(deps.clock.now().getTime() + 24 * HOUR))}T00:00:00+08:00`,
    );
    for (const { employer, day, hour, hours, ...gig } of GIGS) {
      const startsAt = new Date(tomorrow.getTime() + (day * 24 + hour) * HOUR);
      await deps.services.gigs.post(employerIds[employer] as string, {
        ...gig,
        startsAt,
        endsAt: new Date(startsAt.getTime() + hours * HOUR),
        payDueDays: 3,
      });
    }
    deps.log.info({ gigs: GIGS.length }, 'demo gigs posted');
    return true;
  });
}
