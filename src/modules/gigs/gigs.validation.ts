import type { Clock } from '../../clock.js';
import { PAY_UNITS, type PayUnit } from '../../db/schema/index.js';
import { AppError, badInput, createProblems, ErrorCode } from '../../errors.js';
import { checkMultiLine, checkSingleLine } from '../../text/single-line.js';
import { marketDay } from '../../time.js';
import { countyAreaProblem } from '../reference/county-area.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import { outsideChina } from '../workers/workers.validation.js';
import { findExclusionPhrase } from './exclusion-phrases.js';
import { daysSpanned, hourlyRate, yuan } from './pay.js';

const HOUR_MS = 3_600_000;
export const GIG_LIMITS = {
  headcount: { min: 1, max: 500 },
  minHours: 1,
  maxDays: 31,
  maxDaysAhead: 90,
  hoursPerDay: { min: 1, max: 12 },
  payDueDays: { min: 0, max: 30 },
  maxPayFen: 10_000_000,
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
};

export type ValidGig = Omit<PostGigInput, 'payUnit' | 'hoursPerDay' | 'piecesPerHour'> & {
  payUnit: PayUnit;
  hoursPerDay: number | null;
  piecesPerHour: number | null;
  hourlyFen: number;
  olderFriendly: boolean;
  publicWelfare: boolean;
  instant: boolean;
  searchRadiusKm: number;
};

function textProblems(problems: ReturnType<typeof createProblems>, field: string, text: string) {
  const found = findExclusionPhrase(text);
  if (!found) return;
  problems.add(
    field,
    found.kind === 'age'
      ? `"${found.phrase}" sets an age limit, which a gig may not (workers of every age may apply). Describe the work itself (weights, hours, pace) instead; to welcome older workers, set olderFriendly.`
      : `"${found.phrase}" limits the gig to one gender, which a gig may not. Describe the work itself (weights, hours, conditions) instead, and let every worker apply.`,
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
  if (title.length < 4 || title.length > 40)
    problems.add('title', 'Give a short title saying the work (4 to 40 characters), e.g. 钢结构厂房电焊工.');
  if (description.length < 1 || description.length > 2000)
    problems.add('description', 'Describe the work, place and conditions in at most 2000 characters.');
  checkSingleLine(problems, { title, address });
  checkMultiLine(problems, { description });
  textProblems(problems, 'title', title);
  textProblems(problems, 'description', description);
  if (address.length < 4 || address.length > 100)
    problems.add('address', 'Give the address where workers report (4 to 100 characters).');

  const { headcount, payDueDays } = GIG_LIMITS;
  if (
    !Number.isInteger(input.headcount) ||
    input.headcount < headcount.min ||
    input.headcount > headcount.max
  )
    problems.add(
      'headcount',
      `Headcount is how many workers you need: ${headcount.min} to ${headcount.max}.`,
    );

  const skills = [...new Set(input.skills)];
  if (skills.length < 1 || skills.length > GIG_LIMITS.maxSkills) {
    problems.add('skills', `Name 1 to ${GIG_LIMITS.maxSkills} trades the work needs, from the skills list.`);
  } else {
    const known = new Set((await deps.reference.listSkills({ codes: skills })).map((s) => s.code));
    const unknown = skills.filter((code) => !known.has(code));
    if (unknown.length > 0)
      problems.add('skills', `Unknown trade ${unknown.join(', ')}: pick codes from the skills list.`);
  }

  const start = input.startsAt.getTime();
  const end = input.endsAt.getTime();
  if (start <= now) problems.add('startsAt', 'The gig must start in the future.');
  else if (start > now + GIG_LIMITS.maxDaysAhead * 24 * HOUR_MS)
    problems.add('startsAt', `Post gigs at most ${GIG_LIMITS.maxDaysAhead} days ahead.`);
  if (end <= start) problems.add('endsAt', 'The gig must end after it starts.');
  else if (end - start < GIG_LIMITS.minHours * HOUR_MS)
    problems.add('endsAt', `A gig lasts at least ${GIG_LIMITS.minHours} hour.`);
  else if (daysSpanned(input.startsAt, input.endsAt) > GIG_LIMITS.maxDays)
    problems.add(
      'endsAt',
      `A gig lasts at most ${GIG_LIMITS.maxDays} days; post longer work as several gigs.`,
    );

  const [region] = await deps.reference.regionsByCode([input.regionCode]);
  if (!region) problems.add('regionCode', `No region ${input.regionCode}: pick one from the regions list.`);
  else if (region.level !== 'county')
    problems.add(
      'regionCode',
      `${region.name} is a ${region.level}: pick the county or district (区/县) of the work.`,
    );
  if (outsideChina(input.location))
    problems.add('location', 'The location is outside China: check that lat and lng are not swapped.');
  // Kiosks, statistics and offer distances trust both the county and the pin (issue 23).
  else if (region?.level === 'county') {
    const misplaced = countyAreaProblem(await deps.reference.regionTree(), region.code, input.location);
    if (misplaced) problems.add('location', misplaced);
  }

  const payUnit = (PAY_UNITS as readonly string[]).includes(input.payUnit)
    ? (input.payUnit as PayUnit)
    : null;
  if (!payUnit) problems.add('payUnit', `Pay unit is one of ${PAY_UNITS.join(', ')}.`);
  if (!Number.isInteger(input.payFen) || input.payFen < 1 || input.payFen > GIG_LIMITS.maxPayFen)
    problems.add(
      'payFen',
      `Pay is in fen (分): 1 to ${GIG_LIMITS.maxPayFen} (${yuan(GIG_LIMITS.maxPayFen)}).`,
    );
  if (
    !Number.isInteger(input.payDueDays) ||
    input.payDueDays < payDueDays.min ||
    input.payDueDays > payDueDays.max
  )
    problems.add('payDueDays', `Pay must be due within ${payDueDays.max} days of the work (0 = same day).`);
  const perDay = input.hoursPerDay ?? null;
  if (perDay !== null) {
    const { min, max } = GIG_LIMITS.hoursPerDay;
    if (!(perDay >= min && perDay <= max)) problems.add('hoursPerDay', `Hours per day are ${min} to ${max}.`);
    else if (end > start && perDay * HOUR_MS > end - start)
      problems.add('hoursPerDay', 'There are fewer hours between start and end than hoursPerDay says.');
  }
  const pieces = input.piecesPerHour ?? null;
  if (pieces !== null && !(pieces > 0 && pieces <= 10_000))
    problems.add('piecesPerHour', 'Pieces per hour must be above 0 (at most 10000).');

  const instant = input.instant ?? false;
  const radius = input.searchRadiusKm ?? GIG_LIMITS.searchRadiusKm.instantDefault;
  if (!(radius >= GIG_LIMITS.searchRadiusKm.min && radius <= GIG_LIMITS.searchRadiusKm.max))
    problems.add(
      'searchRadiusKm',
      `Offers reach ${GIG_LIMITS.searchRadiusKm.min} to ${GIG_LIMITS.searchRadiusKm.max} km.`,
    );

  const rate =
    payUnit && end > start
      ? hourlyRate({ ...input, payUnit, hoursPerDay: perDay, piecesPerHour: pieces })
      : null;
  if (rate && !rate.ok) problems.add(rate.field, rate.message);
  problems.throwIfAny();
  if (!rate?.ok || !payUnit || !region) throw new Error('validated gig without pay or region');

  const chain = (await deps.reference.regionTree()).ancestors(region.code);
  const wages = await deps.reference.minimumWagesInForce(chain, marketDay(input.startsAt));
  const minimum = chain.map((code) => wages.get(code)).find((fen) => fen !== undefined);
  if (payUnit === 'PIECE' && minimum === undefined) {
    throw badInput(
      'payUnit',
      `No minimum wage is set for ${region.name}, so piece work there cannot be guaranteed its hourly floor (保底). Pay by the hour or day, or ask the bureau to set the minimum wage.`,
    );
  }
  if (minimum !== undefined && rate.hourlyFen < minimum) {
    throw new AppError(
      ErrorCode.BELOW_MINIMUM_WAGE,
      `This pay comes to ${yuan(rate.hourlyFen)} an hour, under the minimum of ${yuan(minimum)} an hour in ${region.name}. Raise the pay${payUnit === 'HOUR' ? '' : ' or check the hours'}.`,
      { field: 'payFen', minimumHourlyFen: minimum, hourlyFen: rate.hourlyFen, regionCode: region.code },
    );
  }

  return {
    ...input,
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
  };
}
