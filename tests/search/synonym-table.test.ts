import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTaxonomy } from '../../src/db/seed/reference.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { postGig, verifiedEmployer } from '../support/gigs.js';

/**
 * What a word of `q` finds, through Meilisearch and through the PostgreSQL fallback: trade
 * synonyms are words for the trade (采摘工, 摘果 find every harvest), never a crop, an animal or one
 * kind of the work, which are found in the gig's own text (苹果 finds the apple gigs, not every
 * harvest). docs/search.md, "Synonyms".
 */
const MARKET = {
  appleHarvest: {
    title: '果园摘苹果 日结',
    description: '红富士苹果采摘装筐，果园提供梯子和午饭。',
    skills: ['harvest_picking'],
  },
  garlicHarvest: {
    title: '大蒜采收 日结',
    description: '金乡大蒜地里起蒜装袋，管午饭。',
    skills: ['harvest_picking'],
  },
  peachHarvest: {
    title: '桃园帮工十人',
    description: '油桃成熟，摘果后装筐，按天结算。',
    skills: ['harvest_picking'],
  },
  appleSorting: { title: '冷库苹果分拣', description: '按大小给苹果分级，挑出坏果。', skills: ['sorting'] },
  garlicPeeling: {
    title: '剥蒜 按天结算',
    description: '冷库大蒜剥皮去根，管午饭。',
    skills: ['agri_processing'],
  },
  welding: { title: '钢结构厂房电焊工', description: '厂房钢梁焊接，需持焊工证。', skills: ['welder'] },
  argonWelding: {
    title: '不锈钢件氩弧焊师傅',
    description: '车间不锈钢护栏氩弧焊，焊缝要平整。',
    skills: ['welder'],
  },
  truckUnloading: { title: '物流园卸车', description: '整车卸货，按天结算。', skills: ['loading_unloading'] },
  houseMoving: {
    title: '居民搬家 两人',
    description: '三楼搬到新小区，家具需要拆装。',
    skills: ['house_moving'],
  },
  officeCleaning: {
    title: '写字楼保洁 半天',
    description: '办公楼公共区域打扫卫生，工具公司提供。',
    skills: ['cleaner'],
  },
  homeCleaning: {
    title: '家庭保洁 钟点工',
    description: '居民家中擦玻璃、整理厨房。',
    skills: ['housekeeping'],
  },
  hospitalCare: {
    title: '县医院陪护',
    description: '照顾术后病人，白天陪床。',
    skills: ['patient_caregiver'],
  },
  elderlyCare: { title: '敬老院夜班护理', description: '照顾老人起居，协助翻身。', skills: ['elderly_care'] },
  maternity: {
    title: '月嫂 产后一个月',
    description: '照顾产妇和新生儿，住在雇主家。',
    skills: ['maternity_nurse'],
  },
  plumbingWiring: {
    title: '新房水电改造',
    description: '开槽布管、穿线，按天结算。',
    skills: ['plumbing_electrical_installer'],
  },
  electrician: { title: '厂区电工', description: '车间线路检修，需持证上岗。', skills: ['electrician'] },
  pigFarm: { title: '养猪场饲养员', description: '猪场喂料清圈，管吃住。', skills: ['livestock_poultry'] },
  chickenFarm: { title: '蛋鸡场捡蛋', description: '鸡场喂料、捡蛋、清粪。', skills: ['livestock_poultry'] },
  wheatHarvest: {
    title: '麦收开收割机',
    description: '小麦收割，需有农机驾驶证。',
    skills: ['farm_machinery_operator'],
  },
} satisfies Record<string, { title: string; description: string; skills: string[] }>;

type Gig = keyof typeof MARKET;
const HARVESTS: Gig[] = ['appleHarvest', 'garlicHarvest', 'peachHarvest'];

/**
 * Each query, the gigs of the market it finds (every other gig it must not find), and the gigs it
 * must not find that a synonym list which over-reaches, or a word dropped from the query, did find.
 */
const TABLE: { q: string; finds: Gig[]; notably: Gig[] }[] = [
  { q: '苹果', finds: ['appleHarvest', 'appleSorting'], notably: ['garlicHarvest', 'peachHarvest'] },
  { q: '大蒜', finds: ['garlicHarvest', 'garlicPeeling'], notably: ['appleHarvest'] },
  { q: '摘苹果', finds: ['appleHarvest'], notably: ['garlicHarvest', 'peachHarvest'] },
  { q: '苹果采摘', finds: ['appleHarvest'], notably: ['garlicHarvest', 'peachHarvest'] },
  { q: '采摘苹果', finds: ['appleHarvest'], notably: ['garlicHarvest', 'peachHarvest'] },
  { q: '采摘 苹果', finds: ['appleHarvest'], notably: ['garlicHarvest', 'appleSorting'] },
  { q: '大蒜采收', finds: ['garlicHarvest'], notably: ['appleHarvest', 'garlicPeeling'] },
  { q: '苹果 分拣', finds: ['appleSorting'], notably: ['appleHarvest'] },
  { q: '采摘', finds: HARVESTS, notably: ['appleSorting', 'wheatHarvest'] },
  { q: '摘果', finds: HARVESTS, notably: ['appleSorting'] },
  { q: '采摘工', finds: HARVESTS, notably: ['appleSorting'] },
  { q: '采收', finds: HARVESTS, notably: ['garlicPeeling'] },
  { q: '电焊', finds: ['welding', 'argonWelding'], notably: ['electrician'] },
  { q: '焊工', finds: ['welding', 'argonWelding'], notably: ['electrician'] },
  { q: '电焊工', finds: ['welding', 'argonWelding'], notably: ['electrician'] },
  { q: '氩弧焊', finds: ['argonWelding'], notably: ['welding'] },
  { q: '分拣', finds: ['appleSorting'], notably: ['appleHarvest'] },
  { q: '分拣员', finds: ['appleSorting'], notably: ['appleHarvest'] },
  { q: '保洁', finds: ['officeCleaning', 'homeCleaning'], notably: ['hospitalCare'] },
  { q: '清洁工', finds: ['officeCleaning', 'homeCleaning'], notably: ['hospitalCare'] },
  { q: '打扫卫生', finds: ['officeCleaning', 'homeCleaning'], notably: ['elderlyCare'] },
  { q: '家政', finds: ['homeCleaning'], notably: ['officeCleaning'] },
  { q: '钟点工', finds: ['homeCleaning'], notably: ['officeCleaning'] },
  { q: '护工', finds: ['hospitalCare'], notably: ['elderlyCare', 'maternity'] },
  { q: '陪护', finds: ['hospitalCare'], notably: ['elderlyCare', 'maternity'] },
  { q: '照顾老人', finds: ['elderlyCare'], notably: ['hospitalCare', 'maternity'] },
  { q: '月嫂', finds: ['maternity'], notably: ['elderlyCare', 'hospitalCare'] },
  { q: '装卸', finds: ['truckUnloading'], notably: ['houseMoving'] },
  { q: '搬运', finds: ['truckUnloading'], notably: ['houseMoving'] },
  { q: '搬运工', finds: ['truckUnloading'], notably: ['houseMoving'] },
  { q: '搬家', finds: ['houseMoving'], notably: ['truckUnloading'] },
  { q: '水电', finds: ['plumbingWiring'], notably: ['electrician'] },
  { q: '水电工', finds: ['plumbingWiring'], notably: ['electrician'] },
  { q: '电工', finds: ['electrician'], notably: ['plumbingWiring', 'welding'] },
  { q: '养猪', finds: ['pigFarm'], notably: ['chickenFarm'] },
  { q: '饲养员', finds: ['pigFarm', 'chickenFarm'], notably: ['appleHarvest'] },
  { q: '收割机', finds: ['wheatHarvest'], notably: HARVESTS },
];

const FIND = `query ($q: String) { gigs(search: { q: $q }, first: 100) { degraded edges { node { id } } } }`;
type Found = { gigs: { degraded: boolean; edges: { node: { id: string } }[] } };

let t: TestApp;
let pg: TestApp; // the same market with Meilisearch unreachable: PostgreSQL answers
const gigOf = new Map<string, Gig>();

beforeAll(async () => {
  t = await createTestApp();
  const employer = await verifiedEmployer(t, { name: '梁山县众联人力资源有限公司' });
  for (const [name, gig] of Object.entries(MARKET)) {
    const posted = await postGig(t, employer.token, { ...gig, address: '梁山县拳铺镇东街8号' });
    gigOf.set(posted.id, name as Gig);
  }
  await t.app.outbox.drain();
  pg = await createTestApp({ sameDatabaseAs: t, env: { MEILI_URL: 'http://127.0.0.1:9' } });
});
afterAll(async () => {
  await pg?.close();
  await t?.close();
});

async function search(app: TestApp, q: string) {
  const { data, errors } = await app.gql<Found>(FIND, { q });
  if (!data?.gigs) throw new Error(JSON.stringify(errors));
  return { degraded: data.gigs.degraded, found: data.gigs.edges.map((e) => gigOf.get(e.node.id)).sort() };
}

describe.each([
  ['Meilisearch', () => t, false],
  ['the PostgreSQL fallback', () => pg, true],
] as const)('the search words table, through %s', (_engine, app, degraded) => {
  it('is a table of at least 30 queries over a market that has every gig it names', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(30);
    for (const row of TABLE)
      expect(
        row.notably.filter((gig) => row.finds.includes(gig)),
        row.q,
      ).toEqual([]);
  });

  it.each(TABLE)('$q finds $finds, and not $notably', async ({ q, finds }) => {
    const answer = await search(app(), q);
    expect(answer.degraded).toBe(degraded);
    expect(answer.found).toEqual([...finds].sort());
  });
});

describe('the trade synonyms', () => {
  it('name the trade, never a crop, an animal, a place or a platform', async () => {
    // A word of these inside a synonym would make it find every gig of the trade.
    const objects =
      /苹果|桃|梨|蒜|蔬菜|白菜|猪|鸡|牛|羊|鱼|虾|蟹|家具|敬老院|淘宝|京东|拼多多|盆景|馒头|包子|拖拉机|收割机/;
    const offending = (await readTaxonomy()).flatMap((skill) =>
      skill.synonyms.filter((word) => objects.test(word)).map((word) => `${skill.code}: ${word}`),
    );
    expect(offending).toEqual([]);
  });

  it('are not in the gig documents: Meilisearch applies them to the words of a query', async () => {
    for (const index of ['gigs', 'gigsFresh'] as const) {
      const settings = await t.app.meili.index(index).getSettings();
      expect(settings.searchableAttributes).not.toContain('skillSynonyms');
      expect(settings.synonyms?.摘果).toContain('采摘');
      expect(settings.synonyms?.苹果).toBeUndefined();
    }
  });
});
