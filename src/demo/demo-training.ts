import { eq } from 'drizzle-orm';
import { trainingProviders } from '../db/schema/index.js';
import { creditCheckCharacter } from '../modules/registry/credit-code.js';
import { marketDay } from '../time.js';
import { DEMO_PASSWORD } from './demo.js';
import { type DemoDeps, writeChapterOnce } from './demo-chapter.js';

const CHAPTER = { key: 'demo:training:v1', lock: 7_305_507 };
export const DEMO_PROVIDER_PHONE = '13800000011';
const SCHOOL = { lat: 35.79, lng: 116.09 };
const ADDRESS = '梁山县拳铺镇职业技能培训学校实训楼';

/**
 * The demo's training provider (梁山县, verified, 13800000011 and the demo password) and its
 * courses: a subsidised 电焊 course leading to the 特种作业操作证, a subsidised 育婴 course and a
 * fee-paying 叉车 course, all near the demo station, so its kiosk's 培训 tab shows them.
 */
export function seedDemoTrainingOnce(deps: DemoDeps) {
  const { db, services, clock } = deps;
  return writeChapterOnce(deps, CHAPTER, async () => {
    const first17 = '91370832MA200001X';
    const { account, provider } = await services.trainingProviders.register(
      {
        phone: DEMO_PROVIDER_PHONE,
        password: DEMO_PASSWORD,
        name: '梁山县鲁源职业技能培训学校',
        creditCode: first17 + creditCheckCharacter(first17),
        regionCode: '370832',
        location: SCHOOL,
      },
      { by: 'system' },
    );
    // Verified as the employers are: written straight in, the bureau's check done off-line.
    await db
      .update(trainingProviders)
      .set({ verifiedAt: clock.now() })
      .where(eq(trainingProviders.id, provider.id));
    const day = (n: number) => marketDay(new Date(clock.now().getTime() + n * 86_400_000));
    const common = { regionCode: '370832', address: ADDRESS, location: SCHOOL, language: 'MANDARIN' };
    await services.courses.post(account.id, {
      ...common,
      title: '电焊工特种作业培训班',
      description: '熔化焊接与热切割作业：安全知识、理论和实操，考试合格取得特种作业操作证。',
      skillCode: 'welder',
      certificate: 'SPECIAL_OPERATION',
      subsidised: true,
      subsidySource: '梁山县职业技能提升专项资金',
      feeFen: 0,
      startsOn: day(7),
      endsOn: day(21),
      hours: 96,
      seats: 30,
    });
    await services.courses.post(account.id, {
      ...common,
      title: '育婴员（五级）职业技能培训班',
      description: '婴幼儿生活照料、保健和早期教育，考核合格发五级职业技能等级证书。',
      skillCode: 'infant_care',
      certificate: 'SKILL_LEVEL',
      targetLevel: 1,
      subsidised: true,
      subsidySource: '济宁市就业补助资金',
      feeFen: 0,
      startsOn: day(10),
      endsOn: day(24),
      hours: 80,
      seats: 25,
    });
    await services.courses.post(account.id, {
      ...common,
      title: '叉车操作实训班',
      description: '叉车驾驶、装卸和安全规范，实操为主，结业发培训证明。',
      skillCode: 'forklift_operator',
      subsidised: false,
      feeFen: 120_000,
      startsOn: day(14),
      endsOn: day(18),
      hours: 40,
      seats: 20,
    });
    deps.log.info({ courses: 3 }, 'demo training provider and courses seeded');
    return true;
  });
}
