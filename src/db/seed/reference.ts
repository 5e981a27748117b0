import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { projectPath } from '../../paths.js';
import type { Database } from '../client.js';
import { minimumWages, regions, type SpecialOperation, skills } from '../schema/index.js';

type RegionRow = typeof regions.$inferInsert;
type SkillRow = {
  code: string;
  name: string;
  category: string;
  synonyms: string[];
  specialOperation?: SpecialOperation;
  accidentRisk?: boolean;
};
type WageFile = {
  provinces: {
    code: string;
    effectiveFrom: string;
    source: string;
    tiers: { tier: number; hourlyFen: number; monthlyFen?: number }[];
  }[];
  counties: { code: string; tier: number }[];
};

async function readSeed<T>(name: string): Promise<T> {
  return JSON.parse(await readFile(projectPath('src/db/seed', name), 'utf8')) as T;
}

export const readTaxonomy = () => readSeed<SkillRow[]>('skills.json');

/**
 * Each county's outline, derived by scripts/county-outlines.ts from a public data package (its
 * source and licence are in the file). Read with the regions, never stored in the table: only the
 * county check needs it, and every region list would otherwise carry it.
 */
export const readCountyOutlines = async () =>
  (await readSeed<{ outlines: Record<string, [number, number][][]> }>('county-outlines.json')).outlines;

/** Each county's wage row, from its province's standard and the tier the province put it in. */
export function countyWages(file: WageFile) {
  return file.counties.map(({ code, tier }) => {
    const province = file.provinces.find((p) => p.code.slice(0, 2) === code.slice(0, 2));
    const standard = province?.tiers.find((t) => t.tier === tier);
    if (!province || !standard) throw new Error(`minimum-wages.json: no tier ${tier} for county ${code}`);
    return {
      regionCode: code,
      hourlyFen: standard.hourlyFen,
      monthlyFen: standard.monthlyFen ?? null,
      effectiveFrom: province.effectiveFrom,
      source: `${province.source}（第${tier}档）`,
    };
  });
}

/**
 * Loads the regions, the trades taxonomy and the statutory minimum wages. Regions and skills follow
 * the files (a fix to a name lands on the next start); wages are seeded only for regions with no
 * wage history yet, so an admin's later change is never overwritten.
 */
export async function seedReferenceData(db: Database): Promise<{ regions: number; skills: number }> {
  const regionRows = await readSeed<RegionRow[]>('regions.json');
  const skillRows = await readTaxonomy();
  const wages = countyWages(await readSeed<WageFile>('minimum-wages.json'));
  const byLevel = (level: string) => regionRows.filter((r) => r.level === level);

  await db.transaction(async (tx) => {
    // Two nodes starting together must not both add the baseline wages.
    await tx.execute(sql`select pg_advisory_xact_lock(7305502)`);
    // Parents first, so every parent_code points at a row that exists.
    for (const level of ['province', 'city', 'county']) {
      const rows = byLevel(level);
      if (rows.length === 0) continue;
      await tx
        .insert(regions)
        .values(rows)
        .onConflictDoUpdate({
          target: regions.code,
          set: {
            name: sql`excluded.name`,
            level: sql`excluded.level`,
            parentCode: sql`excluded.parent_code`,
            lat: sql`excluded.lat`,
            lng: sql`excluded.lng`,
          },
        });
    }
    await tx
      .insert(skills)
      .values(
        skillRows.map((s, i) => ({
          ...s,
          specialOperation: s.specialOperation ?? null,
          accidentRisk: s.accidentRisk ?? false,
          sortOrder: i,
        })),
      )
      .onConflictDoUpdate({
        target: skills.code,
        set: {
          name: sql`excluded.name`,
          category: sql`excluded.category`,
          synonyms: sql`excluded.synonyms`,
          sortOrder: sql`excluded.sort_order`,
          specialOperation: sql`excluded.special_operation`,
          accidentRisk: sql`excluded.accident_risk`,
        },
      });
    const withHistory = new Set(
      (await tx.selectDistinct({ code: minimumWages.regionCode }).from(minimumWages)).map((r) => r.code),
    );
    const missing = wages.filter((w) => !withHistory.has(w.regionCode));
    if (missing.length > 0) await tx.insert(minimumWages).values(missing);
  });
  return { regions: regionRows.length, skills: skillRows.length };
}
