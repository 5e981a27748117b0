import { readFile } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import { employers, workers } from '../db/schema/index.js';
import { creditCheckCharacter } from '../modules/registry/credit-code.js';
import { idCheckCharacter } from '../modules/registry/id-number.js';
import { projectPath } from '../paths.js';
import { marketDay } from '../time.js';
import { type DemoDeps, writeChapterOnce } from './demo-chapter.js';

/** Each chapter of the demo market is written once per installation; later chapters add to it. */
const CHAPTER = { key: 'demo:accounts:v1', lock: 7_305_503 };
export const DEMO_PASSWORD = 'demo-password-1';

export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
];
export const GIVEN = [
  '建国',
  '秀英',
  '桂兰',
  '玉珍',
  '志强',
  '海燕',
  '德华',
  '春梅',
  '金凤',
  '永红',
  '卫东',
  '丽娟',
  '国强',
  '小平',
];

const EMPLOYERS = [
  {
    name: '梁山县鑫源钢结构有限公司',
    kind: 'ENTERPRISE',
    regionCode: '370832',
    location: { lat: 35.802, lng: 116.096 },
  },
  {
    name: '金乡县蒜都果蔬专业合作社',
    kind: 'COOPERATIVE',
    regionCode: '370828',
    location: { lat: 35.066, lng: 116.311 },
  },
  {
    name: '尧都区刘村家庭农场',
    kind: 'FAMILY_FARM',
    regionCode: '141002',
    location: { lat: 36.08, lng: 111.52 },
  },
  {
    name: '江都区邵伯物流有限公司',
    kind: 'ENTERPRISE',
    regionCode: '321012',
    location: { lat: 32.49, lng: 119.57 },
  },
] as const;

/** A small deterministic generator, so every fresh install shows the same demo people. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/**
 * The demo market a newcomer sees on the first start: verified employers and workers of all ages
 * across the seed counties, registered through the same services (and rules) as real ones.
 */
export function seedDemoMarketOnce(deps: DemoDeps) {
  const { db, services } = deps;
  return writeChapterOnce(deps, CHAPTER, async () => {
    const next = random(20261123);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

    for (const [i, employer] of EMPLOYERS.entries()) {
      const first17 = `91${employer.regionCode}MA${String(100_000 + i).padStart(6, '0')}X`.slice(0, 17);
      // The demo's numbers are invented: registered by the system, no code is texted to them.
      const { employer: row } = await services.employers.register(
        {
          ...employer,
          phone: `1380000000${i + 1}`,
          password: DEMO_PASSWORD,
          creditCode: first17 + creditCheckCharacter(first17),
        },
        { by: 'system' },
      );
      await db.update(employers).set({ verifiedAt: deps.clock.now() }).where(eq(employers.id, row.id));
    }

    const towns = JSON.parse(await readFile(projectPath('src/db/seed/towns.json'), 'utf8')) as {
      countyCode: string;
      lat: number;
      lng: number;
    }[];
    const taxonomy = await services.reference.skills({});
    for (let i = 0; i < 40; i++) {
      const town = pick(towns);
      const year = 1960 + Math.floor(next() * 40);
      const day = `${year}${String(1 + Math.floor(next() * 12)).padStart(2, '0')}${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
      const first17 = `${town.countyCode}${day}${String(100 + i).padStart(3, '0')}`;
      const skills = [...new Set([pick(taxonomy), pick(taxonomy)].map((s) => s.code))];
      // Drawn in the order the demo always drew them, so the same seed makes the same market.
      const name = pick(SURNAMES) + pick(GIVEN);
      const location = { lat: town.lat + (next() - 0.5) * 0.02, lng: town.lng + (next() - 0.5) * 0.02 };
      const travelRadiusKm = 10 + Math.floor(next() * 40);
      const declared = skills.map((code) => ({
        code,
        level: 1 + Math.floor(next() * 5),
        certified: next() > 0.7,
      }));
      const { worker } = await services.workers.register(
        {
          phone: `137${String(i + 1).padStart(8, '0')}`,
          password: DEMO_PASSWORD,
          name,
          idNumber: first17 + idCheckCharacter(first17),
          homeRegionCode: town.countyCode,
          location,
          travelRadiusKm,
          skills: declared.map(({ code, level }) => ({ code, level })),
          priorityGroups: next() > 0.8 ? ['POVERTY_ALLEVIATED'] : [],
        },
        { by: 'system' },
      );
      // About three in ten trades were certified: a certificate recorded as a station would
      // (docs/skills.md); a special-operation trade's is its 特种作业操作证, valid for years yet.
      for (const [k, skill] of declared.entries()) {
        if (!skill.certified) continue;
        const special = taxonomy.find((s) => s.code === skill.code)?.specialOperation;
        const today = marketDay(deps.clock.now());
        await services.certificates.record(
          { by: 'STATION_OPERATOR', actor: null, stationId: null },
          {
            workerId: worker.id,
            skillCode: skill.code,
            kind: special ? 'SPECIAL_OPERATION' : 'SKILL_LEVEL',
            level: special ? null : skill.level,
            number: `DEMO${String(i).padStart(3, '0')}${k}`,
            issuer: special ? '济宁市应急管理局' : '梁山县职业技能鉴定所',
            issuedOn: `${Number(today.slice(0, 4)) - 1}${today.slice(4, 8)}01`,
            expiresOn: special ? `${Number(today.slice(0, 4)) + 3}${today.slice(4, 8)}01` : null,
          },
        );
      }
      // Three in four were seen at a job station with their ID card (实名核验), like the employers'
      // verification above written straight in; the rest stay self-declared, as new sign-ups are.
      if (i % 4 !== 3) {
        await db
          .update(workers)
          .set({ identityStatus: 'VERIFIED_IN_PERSON', identityVerifiedAt: deps.clock.now() })
          .where(eq(workers.id, worker.id));
      }
      const startOfDay = new Date(deps.clock.now());
      startOfDay.setUTCHours(23, 0, 0, 0); // 07:00 the next morning in Asia/Shanghai
      await services.workers.setAvailability(
        worker.id,
        [0, 1, 2, 3, 4].map((d) => ({
          startsAt: new Date(startOfDay.getTime() + d * 86_400_000),
          endsAt: new Date(startOfDay.getTime() + d * 86_400_000 + 11 * 3_600_000),
        })),
      );
    }
    deps.log.info(
      { employers: EMPLOYERS.length, workers: 40 },
      'demo market seeded (password demo-password-1)',
    );
    return true;
  });
}
