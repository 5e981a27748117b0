import type { Clock } from '../../clock.js';
import type { Database } from '../../db/client.js';
import { badInput, createProblems } from '../../errors.js';
import { text } from '../../i18n/text.js';
import type { Search } from '../../search/client.js';
import { marketDay } from '../../time.js';
import type { Actor } from '../accounts/viewer.js';
import type { AuditTrail } from '../audit/audit.service.js';
import type { ReferenceRepository, SkillRecord } from './reference.repository.js';

const REGION_CODE = /^[0-9]{6}$/;
/** The longest trade search, and the longest note of where a minimum wage comes from. */
const MAX_QUERY = 50;
const MAX_SOURCE = 200;

export function createReferenceService(deps: {
  db: Database;
  repository: ReferenceRepository;
  search: Search;
  clock: Clock;
  onSearchDown?: (error: unknown) => void;
  audit: AuditTrail;
}) {
  const { repository, search, clock } = deps;

  async function region(code: string) {
    if (!REGION_CODE.test(code)) throw badInput('code', text('reference:countyCode'));
    return (await repository.regionsByCode([code]))[0] ?? null;
  }

  return {
    /**
     * The taxonomy; with a query, the trades whose name or synonyms match, best match first (the
     * search engine's ranking and synonyms). If the engine is down, PostgreSQL answers by substring.
     */
    async skills(args: { q?: string | null; category?: string | null }): Promise<SkillRecord[]> {
      const q = args.q?.trim();
      const category = args.category?.trim() || undefined;
      if (!q) return repository.listSkills({ category });
      if (q.length > MAX_QUERY) throw badInput('q', text('reference:searchTooLong', { max: MAX_QUERY }));
      try {
        const { hits } = await search.query<{ code: string }>('skills', q, {
          limit: 20,
          attributesToRetrieve: ['code'],
          filter: category ? `category = ${JSON.stringify(category)}` : undefined,
        });
        const codes = hits.map((hit) => hit.code);
        const byCode = new Map((await repository.listSkills({ codes })).map((s) => [s.code, s]));
        return codes.flatMap((code) => byCode.get(code) ?? []);
      } catch (error) {
        deps.onSearchDown?.(error);
        return repository.findSkillsByText(q, category);
      }
    },

    async regions(parentCode: string | null | undefined) {
      if (parentCode != null && !REGION_CODE.test(parentCode)) {
        throw badInput('parentCode', text('reference:cityCode'));
      }
      return repository.listRegions(parentCode ?? null);
    },

    region,
    /** Every trade, from memory after the first read. */
    taxonomy: () => repository.taxonomy(),
    /** The regions as a tree, from memory after the first read. */
    regionTree: () => repository.regionTree(),

    /**
     * An admin sets a region's hourly minimum wage from a date (default today). It is added to the
     * history; the row in force on a day is the latest whose date has come.
     */
    async setMinimumWage(
      input: { regionCode: string; hourlyFen: number; effectiveFrom?: string | null; source?: string | null },
      actor: Actor,
    ) {
      // Every field's problem in one answer.
      const problems = createProblems();
      const found = REGION_CODE.test(input.regionCode) ? await region(input.regionCode) : null;
      const noRegion = text('reference:noRegion', { code: input.regionCode });
      if (!found) problems.add('regionCode', noRegion);
      if (!Number.isInteger(input.hourlyFen) || input.hourlyFen < 100 || input.hourlyFen > 100_000)
        problems.add('hourlyFen', text('reference:minimumWageRange'));
      const effectiveFrom = input.effectiveFrom ?? marketDay(clock.now());
      // Date.parse takes 2026-02-30 (as 2026-03-02) and year 0; PostgreSQL's date refuses both.
      const day = /^\d{4}-\d{2}-\d{2}$/.test(effectiveFrom) ? new Date(`${effectiveFrom}T00:00:00Z`) : null;
      if (
        !day ||
        Number.isNaN(day.getTime()) ||
        day.toISOString().slice(0, 10) !== effectiveFrom ||
        effectiveFrom < '1900'
      ) {
        problems.add('effectiveFrom', text('reference:effectiveFrom'));
      }
      const source = input.source?.trim() || '人社部门管理员设置';
      if (source.length > MAX_SOURCE)
        problems.add('source', text('reference:sourceTooLong', { max: MAX_SOURCE }));
      problems.throwIfAny();
      if (!found) throw badInput('regionCode', noRegion);
      await deps.db.transaction(async (tx) => {
        // What was in force on that day by the posting rule (the county's own, else its city's, else
        // its province's), read in the transaction that adds the new one.
        const chain = (await repository.regionTree(tx)).ancestors(found.code);
        const before = await repository.minimumWagesInForce(chain, effectiveFrom, tx);
        const oldFrom = chain.find((code) => before.has(code)) ?? null;
        await repository.addMinimumWage(
          {
            regionCode: found.code,
            hourlyFen: input.hourlyFen,
            effectiveFrom,
            source,
            createdByAccountId: actor.accountId,
          },
          tx,
        );
        await deps.audit.record(
          {
            actor,
            action: 'MINIMUM_WAGE_SET',
            subjectType: 'REGION',
            subjectId: found.code,
            details: {
              regionName: found.name,
              effectiveFrom,
              oldHourlyFen: oldFrom ? (before.get(oldFrom) ?? null) : null,
              // The region whose wage applied before, when it was inherited from a city or province.
              oldSetFor: oldFrom && oldFrom !== found.code ? oldFrom : null,
              newHourlyFen: input.hourlyFen,
              source,
            },
          },
          tx,
        );
      });
      return found;
    },

    async wageHistory(regionCode: string) {
      if (!REGION_CODE.test(regionCode)) throw badInput('regionCode', text('reference:countyCode'));
      return repository.wageHistory(regionCode);
    },

    /** Today's hourly minimum wage in force per region (fen); regions without one are absent. */
    minimumWagesToday: (codes: readonly string[]) =>
      repository.minimumWagesInForce(codes, marketDay(clock.now())),
  };
}

export type ReferenceService = ReturnType<typeof createReferenceService>;
