import type { Clock } from '../../clock.js';
import { PAY_UNITS, type PayUnit, SKILL_LEVEL_MAX, SKILL_LEVEL_MIN } from '../../db/schema/index.js';
import { AppError, badInput, createProblems, ErrorCode } from '../../errors.js';
import { text } from '../../i18n/text.js';
import { checkMultiLine, checkSingleLine } from '../../text/single-line.js';
import { marketDay } from '../../time.js';
import { type CoverStatement, type CoverStatementInput, checkCoverStatement } from '../insurance/cover.js';
import { countyAreaProblem } from '../reference/county-area.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import { outsideChina } from '../workers/workers.validation.js';
import { findExclusionPhrase } from './exclusion-phrases.js';
import { daysSpanned, hourlyRate, mostOneHireEarns } from './pay.js';

const HOUR_MS = 3_600_000;
export const GIG_LIMITS = {
  headcount: { min: 1, max: 500 },
  minHours: 1,
  maxDays: 31,
  maxDaysAhead: 90,
  hoursPerDay: { min: 1, max: 12 },
  payDueDays: { min: 0, max: 30 },
  maxPayFen: 10_000_000,
  /**
   * The most one hire may come to (2,000 万元): the money a hire owes and is paid is kept in 32-bit
   * integers of fen (at most 2,147,483,647), so a hire past it could be neither made nor paid.
   */
  maxHireFen: 2_000_000_000,
  maxSkills: 5,
  searchRadiusKm: { min: 1, max: 100, instantDefault: 20 },
} as const;

export type PostGigInput = {
  title: string;
  description: string;
  skills: string[];
  headcount: number;
  startsAt: Date;
  endsAt: Date;
  regionCode: string;
  address: string;
  location: { lat: number; lng: number };
  payFen: number;
  payUnit: string;
  payDueDays: number;
  hoursPerDay?: number | null;
  piecesPerHour?: number | null;
  olderFriendly?: boolean | null;
  publicWelfare?: boolean | null;
  instant?: boolean | null;
  searchRadiusKm?: number | null;
  minSkillLevel?: number | null;
  /** Who provides the accident cover a risky trade or a public-welfare post needs; left out: the rule's default. */
  accidentCover?: CoverStatementInput | null;
};

export type ValidGig = Omit<PostGigInput, 'payUnit' | 'hoursPerDay' | 'piecesPerHour' | 'accidentCover'> & {
  payUnit: PayUnit;
  hoursPerDay: number | null;
  piecesPerHour: number | null;
  hourlyFen: number;
  olderFriendly: boolean;
  publicWelfare: boolean;
  instant: boolean;
  searchRadiusKm: number;
  minSkillLevel: number | null;
  /** The posting's statement of who provides its cover, when it made one (docs/insurance.md). */
  accidentCover: CoverStatement | null;
};

function textProblems(problems: ReturnType<typeof createProblems>, field: string, said: string) {
  const found = findExclusionPhrase(said);
  if (!found) return;
  problems.add(
    field,
    text(found.kind === 'age' ? 'gigs:ageLimit' : 'gigs:genderLimit', { phrase: found.phrase }),
  );
}

/**
 * Checks a gig field by field and reports every problem at once; only a gig that is otherwise
 * right is held against the minimum wage, so that error names a rate worth reading.
 */
export async function validateGig(
  input: PostGigInput,
  deps: { reference: ReferenceRepository; clock: Clock },
): Promise<ValidGig> {
  const problems = createProblems();
  const now = deps.clock.now().getTime();
  const title = input.title.trim();
  const description = input.description.trim();
  const address = input.address.trim();
  if (title.length < 4 || title.length > 40) problems.add('title', text('gigs:titleLength'));
  if (description.length < 1 || description.length > 2000)
    problems.add('description', text('gigs:descriptionLength'));
  checkSingleLine(problems, { title, address });
  checkMultiLine(problems, { description });
  textProblems(problems, 'title', title);
  textProblems(problems, 'description', description);
  if (address.length < 4 || address.length > 100) problems.add('address', text('gigs:addressLength'));

  const { headcount, payDueDays } = GIG_LIMITS;
  if (
    !Number.isInteger(input.headcount) ||
    input.headcount < headcount.min ||
    input.headcount > headcount.max
  )
    problems.add('headcount', text('gigs:headcountRange', { min: headcount.min, max: headcount.max }));

  const skills = [...new Set(input.skills)];
  let accidentCover: CoverStatement | null = null;
  if (skills.length < 1 || skills.length > GIG_LIMITS.maxSkills) {
    problems.add('skills', text('gigs:skillsCount', { max: GIG_LIMITS.maxSkills }));
  } else {
    const rows = await deps.reference.listSkills({ codes: skills });
    const known = new Set(rows.map((s) => s.code));
    const unknown = skills.filter((code) => !known.has(code));
    if (unknown.length > 0) problems.add('skills', text('gigs:skillsUnknown', { codes: unknown.join(', ') }));
    // Who provides the cover is weighed against the trades, so only once they are known.
    else
      accidentCover = checkCoverStatement(problems, input.accidentCover, {
        risky: rows.some((s) => s.accidentRisk),
        publicWelfare: input.publicWelfare ?? false,
      });
  }

  const start = input.startsAt.getTime();
  const end = input.endsAt.getTime();
  if (start <= now) problems.add('startsAt', text('gigs:startsInPast'));
  else if (start > now + GIG_LIMITS.maxDaysAhead * 24 * HOUR_MS)
    problems.add('startsAt', text('gigs:startsTooFar', { days: GIG_LIMITS.maxDaysAhead }));
  if (end <= start) problems.add('endsAt', text('gigs:endsBeforeStart'));
  else if (end - start < GIG_LIMITS.minHours * HOUR_MS)
    problems.add('endsAt', text('gigs:tooShort', { hours: GIG_LIMITS.minHours }));
  else if (daysSpanned(input.startsAt, input.endsAt) > GIG_LIMITS.maxDays)
    problems.add('endsAt', text('gigs:tooLong', { days: GIG_LIMITS.maxDays }));

  const [region] = await deps.reference.regionsByCode([input.regionCode]);
  if (!region) problems.add('regionCode', text('gigs:regionUnknown', { code: input.regionCode }));
  else if (region.level !== 'county')
    problems.add(
      'regionCode',
      text('gigs:regionNotCounty', { name: region.name, level: text(`gigs:level.${region.level}`) }),
    );
  if (outsideChina(input.location)) problems.add('location', text('gigs:outsideChina'));
  // Kiosks, statistics and offer distances trust both the county and the pin (issue 23).
  else if (region?.level === 'county') {
    const misplaced = countyAreaProblem(await deps.reference.regionTree(), region.code, input.location);
    if (misplaced) problems.add('location', misplaced);
  }

  const payUnit = (PAY_UNITS as readonly string[]).includes(input.payUnit)
    ? (input.payUnit as PayUnit)
    : null;
  if (!payUnit) problems.add('payUnit', text('gigs:payUnitUnknown', { units: PAY_UNITS.join(', ') }));
  const payFenInRange =
    Number.isInteger(input.payFen) && input.payFen >= 1 && input.payFen <= GIG_LIMITS.maxPayFen;
  if (!payFenInRange)
    problems.add(
      'payFen',
      text('gigs:payFenRange', { max: GIG_LIMITS.maxPayFen, maxYuan: GIG_LIMITS.maxPayFen / 100 }),
    );
  if (
    !Number.isInteger(input.payDueDays) ||
    input.payDueDays < payDueDays.min ||
    input.payDueDays > payDueDays.max
  )
    problems.add('payDueDays', text('gigs:payDueDaysRange', { max: payDueDays.max }));
  const perDay = input.hoursPerDay ?? null;
  if (perDay !== null) {
    const { min, max } = GIG_LIMITS.hoursPerDay;
    if (!(perDay >= min && perDay <= max))
      problems.add('hoursPerDay', text('gigs:hoursPerDayRange', { min, max }));
    else if (end > start && perDay * HOUR_MS > end - start)
      problems.add('hoursPerDay', text('gigs:hoursPerDayOverWindow'));
  }
  const pieces = input.piecesPerHour ?? null;
  if (pieces !== null && !(pieces > 0 && pieces <= 10_000))
    problems.add('piecesPerHour', text('gigs:piecesPerHourRange'));

  const instant = input.instant ?? false;
  const radius = input.searchRadiusKm ?? GIG_LIMITS.searchRadiusKm.instantDefault;
  if (!(radius >= GIG_LIMITS.searchRadiusKm.min && radius <= GIG_LIMITS.searchRadiusKm.max))
    problems.add(
      'searchRadiusKm',
      text('gigs:radiusRange', { min: GIG_LIMITS.searchRadiusKm.min, max: GIG_LIMITS.searchRadiusKm.max }),
    );

  const minSkillLevel = input.minSkillLevel ?? null;
  if (
    minSkillLevel !== null &&
    !(Number.isInteger(minSkillLevel) && minSkillLevel >= SKILL_LEVEL_MIN && minSkillLevel <= SKILL_LEVEL_MAX)
  ) {
    problems.add('minSkillLevel', text('gigs:minSkillLevel'));
  }

  const terms =
    payUnit && end > start ? { ...input, payUnit, hoursPerDay: perDay, piecesPerHour: pieces } : null;
  const rate = terms ? hourlyRate(terms) : null;
  if (rate && !rate.ok) problems.add(rate.field, rate.message);
  // A hire of this gig must fit what a hire's money is kept in (GIG_LIMITS.maxHireFen).
  else if (terms && rate?.ok && payFenInRange) {
    const most = mostOneHireEarns(terms, rate);
    if (most > GIG_LIMITS.maxHireFen)
      problems.add(
        'payFen',
        text('gigs:hireTooLarge', { most: most / 100, max: GIG_LIMITS.maxHireFen / 100 }),
      );
  }
  problems.throwIfAny();
  if (!rate?.ok || !payUnit || !region) throw new Error('validated gig without pay or region');

  const chain = (await deps.reference.regionTree()).ancestors(region.code);
  const wages = await deps.reference.minimumWagesInForce(chain, marketDay(input.startsAt));
  const minimum = chain.map((code) => wages.get(code)).find((fen) => fen !== undefined);
  if (payUnit === 'PIECE' && minimum === undefined) {
    throw badInput('payUnit', text('gigs:noMinimumWageForPiece', { region: region.name }));
  }
  if (minimum !== undefined && rate.hourlyFen < minimum) {
    throw new AppError(
      ErrorCode.BELOW_MINIMUM_WAGE,
      text('gigs:belowMinimumWage', {
        hourly: rate.hourlyFen / 100,
        minimum: minimum / 100,
        region: region.name,
        advice: text(payUnit === 'HOUR' ? 'gigs:raisePay' : 'gigs:raisePayOrCheckHours'),
      }),
      { field: 'payFen', minimumHourlyFen: minimum, hourlyFen: rate.hourlyFen, regionCode: region.code },
    );
  }

  const { accidentCover: _stated, ...rest } = input;
  return {
    ...rest,
    accidentCover,
    title,
    description,
    address,
    skills,
    payUnit,
    hoursPerDay: perDay,
    piecesPerHour: pieces,
    // Piece work is listed, sorted and filtered by what it guarantees (保底), not by the rate the
    // employer states: a claim of 10000 pieces an hour is not a wage anybody can count on.
    hourlyFen: payUnit === 'PIECE' && minimum !== undefined ? minimum : rate.hourlyFen,
    olderFriendly: input.olderFriendly ?? false,
    publicWelfare: input.publicWelfare ?? false,
    instant,
    searchRadiusKm: radius,
    minSkillLevel,
  };
}
