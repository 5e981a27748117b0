import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findExclusionPhrase } from '../../../src/modules/gigs/exclusion-phrases.js';

// [text, kind, words the quoted phrase must contain]
const FLAGGED: [string, 'age' | 'gender', string][] = [
  ['限45岁以下', 'age', '45岁以下'],
  ['18-40岁', 'age', '18-40岁'],
  ['18～40周岁', 'age', '18～40周岁'],
  ['18 ~ 40 岁', 'age', '18 ~ 40 岁'],
  ['年龄18到45', 'age', '18到45'],
  ['年龄：１８－４５', 'age', '１８－４５'],
  ['年龄不超过50', 'age', '不超过50'],
  ['年龄不超过50岁', 'age', '不超过50岁'],
  ['年龄在20至45岁之间', 'age', '20至45岁'],
  ['年龄要求：30岁以内', 'age', '30岁以内'],
  ['35周岁以下', 'age', '35周岁以下'],
  ['４５周岁以下', 'age', '４５周岁以下'],
  ['四十五岁以下', 'age', '四十五岁以下'],
  ['三十五周岁以内', 'age', '三十五周岁以内'],
  ['45岁以上勿扰', 'age', '45岁以上勿扰'],
  ['不招50岁以上', 'age', '不招50岁以上'],
  ['50岁以上不要', 'age', '50岁以上不要'],
  ['超过45岁不要', 'age', '超过45岁不要'],
  ['年龄45岁以下', 'age', '45岁以下'],
  ['年龄限制', 'age', '年龄限制'],
  ['限年轻人', 'age', '年轻人'],
  ['只要年轻人', 'age', '只要年轻人'],
  ['年轻力壮者优先', 'age', '年轻力壮者优先'],
  ['限男性', 'gender', '男性'],
  ['仅招女工', 'gender', '女工'],
  ['只招男工', 'gender', '男工'],
  ['只要男的', 'gender', '男的'],
  ['男性优先', 'gender', '男性优先'],
  ['女性优先', 'gender', '女性优先'],
  ['限女', 'gender', '限女'],
  ['要求男性', 'gender', '男性'],
  ['不要女的', 'gender', '不要女的'],
  ['不招女性', 'gender', '不招女性'],
  ['女性勿扰', 'gender', '女性勿扰'],
  ['女同志优先', 'gender', '女同志优先'],
  ['性别：男', 'gender', '男'],
  ['男士', 'gender', '男士'],
  ['男工3名', 'gender', '男工'],
  ['招男工', 'gender', '男工'],
  ['女工2名，会缝纫', 'gender', '女工'],
];

const PASSING = [
  '工作时间8小时',
  '45公斤以下的货物',
  '搬运45公斤以下货物',
  '男女不限',
  '男女均可',
  '男工女工均可',
  '年龄不限',
  '不限年龄',
  '不限年龄 3-5天',
  '不限年龄\n18-20号上班',
  '无年龄限制',
  '适合大龄',
  '欢迎45岁以上',
  '欢迎50岁以上大龄工友',
  '60岁以上也可',
  '45岁以上也可，不要求学历',
  '每天工作10小时',
  '包吃住，日结200元',
  '需要3人，2-3天',
  '18-20号上班',
  '8-12点',
  '3-5天',
  '温度40度以下',
  '男女老少皆可',
  '工资每天150-200元',
  '女装厂车间打扫',
  '招女装厂车间打扫工',
  '男装店、女装店整理货架',
  '打扫男厕、女厕',
  '男生宿舍楼道保洁',
  '妇女节活动布置',
  '妇女工作站搬桌椅',
  '老年人活动中心保洁',
  '陪护70-80岁的老人',
  '照看3-6岁儿童',
  '面积300平米以下',
  '需要男女各2名',
  '联系人：王女士 13812345678',
  '十分钟内到岗',
  '主要女装、男装整理',
];

describe('findExclusionPhrase', () => {
  it.each(FLAGGED)('flags %s as %s', (text, kind, words) => {
    const found = findExclusionPhrase(text);
    expect(found).not.toBeNull();
    expect(found?.kind).toBe(kind);
    expect(text).toContain(found?.phrase);
    expect(found?.phrase).toContain(words);
  });

  it.each(PASSING)('lets %s through', (text) => {
    expect(findExclusionPhrase(text)).toBeNull();
  });

  it('quotes only the limiting words, in the original text, and the first limit wins', () => {
    expect(findExclusionPhrase('招焊工3名，限45岁以下男性，日结')).toEqual({
      kind: 'age',
      phrase: '限45岁以下',
    });
    expect(findExclusionPhrase('招焊工3名，男性优先，限45岁以下')).toEqual({
      kind: 'gender',
      phrase: '男性优先',
    });
    expect(findExclusionPhrase('日结，年龄 ３５ 周岁以下')).toEqual({
      kind: 'age',
      phrase: '年龄 ３５ 周岁以下',
    });
    expect(findExclusionPhrase('搬家，四十五岁以上勿扰')).toEqual({
      kind: 'age',
      phrase: '四十五岁以上勿扰',
    });
  });

  it.each([
    [
      '【急招】城东物流园装卸工10名，要求身体健康，能吃苦耐劳，年龄18-45周岁，日结200元/天，包午餐。',
      'age',
      '18-45周岁',
    ],
    [
      '某小区保洁，每天工作6小时，月休4天，限女性，50岁以下，有经验者优先。联系电话：13812345678 王女士',
      'gender',
      '女性',
    ],
    [
      '工地搬砖，每天8:00-17:00，工资每天180-220元，搬运25公斤以下砖块，年轻力壮者优先，男女不限。',
      'age',
      '年轻力壮者优先',
    ],
    ['酒店宴会厅服务员5名，女士优先，身高160以上，时间12月18-20号，日结150元。', 'gender', '女士优先'],
  ] as const)('flags a whole gig description: %s', (text, kind, words) => {
    const found = findExclusionPhrase(text);
    expect(found?.kind).toBe(kind);
    expect(text).toContain(found?.phrase);
    expect(found?.phrase).toContain(words);
  });

  it.each([
    '招聘装卸工5名，男女不限，年龄不限，欢迎50岁以上大龄工友。工作时间8:00-17:00，日结180-220元，搬运20-30公斤货物。',
    '女装厂车间打扫，每周3-5天，每天4小时，工资每天150-200元，男女老少皆可，60岁以上也可。联系人：李女士',
    '社区老年人活动中心保洁，面积300平米以下，打扫男厕、女厕，18-20号上班，8-12点，包午餐。',
    '果园采摘，需要10人，2-3天，每天工作8小时，筐重15公斤以下，欢迎45岁以上工友，不限年龄，男女均可。',
  ])('lets a whole gig description through: %s', (text) => {
    expect(findExclusionPhrase(text)).toBeNull();
  });

  it('never flags text made only of harmless fragments', () => {
    const n = (min: number, max: number) => fc.integer({ min, max });
    const fragment = fc.oneof(
      n(1, 200).map((kg) => `搬运${kg}公斤以下货物`),
      n(1, 12).map((h) => `每天工作${h}小时`),
      fc.tuple(n(0, 23), n(0, 23)).map(([a, b]) => `${a}-${b}点`),
      fc.tuple(n(0, 23), n(0, 23)).map(([a, b]) => `${a}:00-${b}:30`),
      fc.tuple(n(50, 300), n(50, 500)).map(([a, b]) => `工资每天${a}-${b}元`),
      fc.tuple(n(1, 31), n(1, 31)).map(([a, b]) => `${a}-${b}号上班`),
      fc.tuple(n(1, 9), n(1, 9)).map(([a, b]) => `${a}～${b}天`),
      n(18, 70).map((age) => `欢迎${age}岁以上`),
      n(18, 70).map((age) => `${age}岁以上也可`),
      n(1, 500).map((people) => `需要${people}人`),
      fc.constantFrom('男女不限', '男女均可', '年龄不限', '不限年龄', '包吃住', '日结', '女装厂', '男厕女厕'),
    );
    const text = fc
      .tuple(
        fc.array(fragment, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('，', '。', ' ', '', '；', '、', ' - ', '\n'),
      )
      .map(([parts, separator]) => parts.join(separator));
    fc.assert(
      fc.property(text, (t) => {
        expect(findExclusionPhrase(t)).toBeNull();
      }),
    );
  });

  it('finds a limit wherever it sits among harmless text, and quotes it from the original', () => {
    const harmless = fc.constantFrom(
      '男女不限',
      '搬运45公斤以下货物',
      '工资每天150-200元',
      '18-20号上班',
      '',
    );
    const limit = fc.constantFrom(...FLAGGED);
    fc.assert(
      fc.property(harmless, limit, harmless, (before, [phrase, kind, words], after) => {
        const text = `${before}，${phrase}，${after}`;
        const found = findExclusionPhrase(text);
        expect(found?.kind).toBe(kind);
        expect(text).toContain(found?.phrase);
        expect(found?.phrase).toContain(words);
      }),
    );
  });
});
