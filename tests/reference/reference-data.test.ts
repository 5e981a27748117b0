import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Level = 'province' | 'city' | 'county';

interface Region {
  code: string;
  name: string;
  level: Level;
  parentCode: string | null;
  lat: number;
  lng: number;
}

interface Town {
  countyCode: string;
  name: string;
  lat: number;
  lng: number;
}

interface WageTier {
  tier: number;
  hourlyFen: number;
  monthlyFen: number;
}

interface ProvinceWage {
  code: string;
  effectiveFrom: string;
  source: string;
  tiers: WageTier[];
}

interface CountyWage {
  code: string;
  tier: number;
  verified?: boolean;
}

interface MinimumWages {
  provinces: ProvinceWage[];
  counties: CountyWage[];
}

interface Skill {
  code: string;
  name: string;
  category: string;
  synonyms: string[];
}

function readSeed<T>(file: string): T {
  const url = new URL(`../../src/db/seed/${file}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as T;
}

const regions = readSeed<Region[]>('regions.json');
const towns = readSeed<Town[]>('towns.json');
const wages = readSeed<MinimumWages>('minimum-wages.json');
const skills = readSeed<Skill[]>('skills.json');

const regionsByCode = new Map(regions.map((region) => [region.code, region]));
const counties = regions.filter((region) => region.level === 'county');
const expectedParentLevel: Record<Level, Level | null> = { province: null, city: 'province', county: 'city' };

function parentOf(region: Region): Region | undefined {
  return region.parentCode === null ? undefined : regionsByCode.get(region.parentCode);
}

function provinceCodeOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const toRad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * toRad;
  const dLng = (b.lng - a.lng) * toRad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

function expectInsideChina(place: { name: string; lat: number; lng: number }): void {
  expect(place.lat, `${place.name} lat`).toBeGreaterThanOrEqual(18);
  expect(place.lat, `${place.name} lat`).toBeLessThanOrEqual(54);
  expect(place.lng, `${place.name} lng`).toBeGreaterThanOrEqual(73);
  expect(place.lng, `${place.name} lng`).toBeLessThanOrEqual(135);
}

describe('regions', () => {
  it('uses unique six-digit codes', () => {
    for (const region of regions) {
      expect(region.code, region.name).toMatch(/^\d{6}$/);
    }
    expect(regionsByCode.size).toBe(regions.length);
  });

  it('covers the four pilot cities and their provinces', () => {
    const byLevel = (level: Level) =>
      regions
        .filter((region) => region.level === level)
        .map((region) => region.code)
        .sort();
    expect(byLevel('province')).toEqual(['140000', '320000', '370000']);
    expect(byLevel('city')).toEqual(['141000', '321000', '370800', '371300']);
    expect(counties.length).toBeGreaterThanOrEqual(40);
  });

  it('gives provinces no parent and every other region an existing parent one level up', () => {
    for (const region of regions) {
      const wanted = expectedParentLevel[region.level];
      if (wanted === null) {
        expect(region.parentCode, region.name).toBeNull();
        continue;
      }
      const parent = parentOf(region);
      expect(parent, `${region.name} parent ${region.parentCode}`).toBeDefined();
      expect(parent?.level, `${region.name} parent level`).toBe(wanted);
    }
  });

  it('places every county under a city of the same prefix', () => {
    for (const county of counties) {
      const city = parentOf(county);
      expect(city?.code.slice(4), `${city?.name} is a prefecture-level code`).toBe('00');
      expect(county.code.slice(0, 4), county.name).toBe(city?.code.slice(0, 4));
    }
  });

  it('places every city under a province of the same prefix', () => {
    for (const city of regions.filter((region) => region.level === 'city')) {
      const province = parentOf(city);
      expect(province?.code.slice(2), `${province?.name} is a province-level code`).toBe('0000');
      expect(city.code.slice(0, 2), city.name).toBe(province?.code.slice(0, 2));
    }
  });

  it('keeps every centroid inside China', () => {
    for (const region of regions) {
      expectInsideChina(region);
    }
  });

  it('keeps every county seat within 120 km of its city seat', () => {
    for (const county of counties) {
      const city = parentOf(county);
      expect(city, county.name).toBeDefined();
      if (city) {
        expect(distanceKm(county, city), county.name).toBeLessThan(120);
      }
    }
  });

  it('knows 梁山县 as 370832 under 济宁市', () => {
    const liangshan = regionsByCode.get('370832');
    expect(liangshan?.name).toBe('梁山县');
    expect(liangshan?.level).toBe('county');
    expect(liangshan?.parentCode).toBe('370800');
    expect(regionsByCode.get('370800')?.name).toBe('济宁市');
  });
});

describe('towns', () => {
  it('attaches every town to a county', () => {
    for (const town of towns) {
      expect(regionsByCode.get(town.countyCode)?.level, `${town.name} → ${town.countyCode}`).toBe('county');
    }
  });

  it('gives every county between two and four towns with unique names', () => {
    for (const county of counties) {
      const names = towns.filter((town) => town.countyCode === county.code).map((town) => town.name);
      expect(names.length, county.name).toBeGreaterThanOrEqual(2);
      expect(names.length, county.name).toBeLessThanOrEqual(4);
      expect(new Set(names).size, county.name).toBe(names.length);
    }
  });

  it('keeps every town inside China and near its county seat', () => {
    for (const town of towns) {
      expectInsideChina(town);
      const county = regionsByCode.get(town.countyCode);
      if (county) {
        expect(distanceKm(town, county), `${town.name} (${county.name})`).toBeLessThan(60);
      }
    }
  });

  it('includes 拳铺镇 in 梁山县', () => {
    expect(towns.some((town) => town.countyCode === '370832' && town.name === '拳铺镇')).toBe(true);
  });
});

describe('minimum wages', () => {
  const provinceWages = new Map(wages.provinces.map((province) => [province.code, province]));

  it('has one standard per province in the region list', () => {
    const provinces = regions.filter((region) => region.level === 'province').map((region) => region.code);
    expect([...provinceWages.keys()].sort()).toEqual([...provinces].sort());
    expect(provinceWages.size).toBe(wages.provinces.length);
  });

  it('dates and sources every provincial standard', () => {
    for (const province of wages.provinces) {
      expect(province.effectiveFrom, province.code).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Number.isNaN(Date.parse(province.effectiveFrom)), province.code).toBe(false);
      expect(province.source.trim().length, province.code).toBeGreaterThan(10);
    }
  });

  it('numbers tiers from 1 with integer fen amounts strictly decreasing in pay', () => {
    for (const province of wages.provinces) {
      expect(province.tiers.length, province.code).toBeGreaterThanOrEqual(1);
      province.tiers.forEach((tier, index) => {
        expect(tier.tier, province.code).toBe(index + 1);
        expect(Number.isInteger(tier.hourlyFen), province.code).toBe(true);
        expect(Number.isInteger(tier.monthlyFen), province.code).toBe(true);
        expect(tier.hourlyFen, province.code).toBeGreaterThan(0);
        const previous = province.tiers[index - 1];
        if (previous) {
          expect(tier.hourlyFen, `${province.code} tier ${tier.tier} hourly`).toBeLessThan(
            previous.hourlyFen,
          );
          expect(tier.monthlyFen, `${province.code} tier ${tier.tier} monthly`).toBeLessThan(
            previous.monthlyFen,
          );
        }
      });
    }
  });

  it('assigns every county exactly one tier that exists in its province', () => {
    const countyCodes = wages.counties.map((county) => county.code);
    expect(new Set(countyCodes).size).toBe(countyCodes.length);
    expect([...countyCodes].sort()).toEqual(counties.map((county) => county.code).sort());
    for (const entry of wages.counties) {
      const province = provinceWages.get(provinceCodeOf(entry.code));
      expect(province, entry.code).toBeDefined();
      expect(
        province?.tiers.some((tier) => tier.tier === entry.tier),
        `${entry.code} tier ${entry.tier}`,
      ).toBe(true);
    }
  });
});

describe('skills', () => {
  it('lists at least 45 skills with unique snake_case codes', () => {
    expect(skills.length).toBeGreaterThanOrEqual(45);
    for (const skill of skills) {
      expect(skill.code).toMatch(/^[a-z][a-z0-9_]*$/);
    }
    expect(new Set(skills.map((skill) => skill.code)).size).toBe(skills.length);
  });

  it('gives every skill a unique name, a category and two to six synonyms', () => {
    for (const skill of skills) {
      expect(skill.name.trim(), skill.code).not.toBe('');
      expect(skill.category.trim(), skill.code).not.toBe('');
      expect(skill.synonyms.length, skill.code).toBeGreaterThanOrEqual(2);
      expect(skill.synonyms.length, skill.code).toBeLessThanOrEqual(6);
      for (const synonym of skill.synonyms) {
        expect(synonym.trim(), skill.code).not.toBe('');
      }
    }
    expect(new Set(skills.map((skill) => skill.name)).size).toBe(skills.length);
  });

  it('never shares a synonym between skills or uses another skill name as a synonym', () => {
    const names = new Map(skills.map((skill) => [skill.name, skill.code]));
    const owners = new Map<string, string>();
    for (const skill of skills) {
      for (const synonym of new Set(skill.synonyms)) {
        const namedSkill = names.get(synonym);
        expect(namedSkill === undefined || namedSkill === skill.code, `${skill.code}: ${synonym}`).toBe(true);
        expect(owners.get(synonym), `${skill.code}: ${synonym}`).toBeUndefined();
        owners.set(synonym, skill.code);
      }
    }
  });

  it('covers the trades the job stations ask for', () => {
    const names = new Set(skills.map((skill) => skill.name));
    const required = [
      '焊工',
      '电工',
      '瓦工',
      '钢筋工',
      '木工',
      '油漆工',
      '保洁',
      '家政',
      '育婴',
      '养老护理',
      '厨师',
      '面点',
      '采摘',
      '分拣',
      '包装',
      '装卸搬运',
      '快递分拣',
      '网约配送',
      '直播销售',
      '农机驾驶',
      '植保无人机',
      '柳编',
      '纺织',
      '缝纫',
      '叉车',
      '保安',
      '绿化养护',
      '道路养护',
    ];
    expect(required.filter((name) => !names.has(name))).toEqual([]);
  });
});
