import type { Clock } from '../../clock.js';
import { PRIORITY_GROUPS } from '../../db/schema/index.js';
import { createProblems } from '../../errors.js';
import { checkSingleLine } from '../../text/single-line.js';
import { countyAreaProblem } from '../reference/county-area.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';
import { ageOn, type IdNumber, parseIdNumber } from '../registry/id-number.js';

export const MIN_WORKING_AGE = 16;

/** Mainland China's bounding box: a location outside it is a swapped lat/lng or a typo. */
export function outsideChina(point: { lat: number; lng: number }): boolean {
  return !(point.lat >= 18 && point.lat <= 53.6 && point.lng >= 73.5 && point.lng <= 135.1);
}

export type WorkerProfileInput = {
  name: string;
  idNumber: string;
  homeRegionCode: string;
  residenceRegionCode?: string | null;
  location: { lat: number; lng: number };
  travelRadiusKm: number;
  skills: { code: string; level: number; certified?: boolean | null }[];
  laborBrand?: string | null;
  priorityGroups?: string[] | null;
};

export type ValidWorkerProfile = {
  name: string;
  id: IdNumber;
  homeRegionCode: string;
  residenceRegionCode: string | null;
  location: { lat: number; lng: number };
  travelRadiusKm: number;
  skills: { skillCode: string; level: number; certified: boolean }[];
  laborBrand: string | null;
  priorityGroups: string[];
};

/**
 * Checks a registration field by field and reports every problem at once. There is no upper age
 * limit, ever: the policy forbids cutting out older workers.
 */
export async function validateWorkerProfile(
  input: WorkerProfileInput,
  deps: { reference: ReferenceRepository; clock: Clock },
): Promise<ValidWorkerProfile> {
  const problems = createProblems();
  const name = input.name.trim();
  if (name.length < 2 || name.length > 30)
    problems.add('name', 'Give the real name as on the ID card (2 to 30 characters).');

  const parsed = parseIdNumber(input.idNumber, { today: deps.clock.now(), regionExists: () => false });
  if (!parsed.ok) problems.add('idNumber', parsed.reason);
  else if (ageOn(parsed.value.birthDate, deps.clock.now()) < MIN_WORKING_AGE) {
    problems.add('idNumber', `Workers must be at least ${MIN_WORKING_AGE} years old to register.`);
  }

  const codes = [input.homeRegionCode, input.residenceRegionCode].filter((c): c is string => Boolean(c));
  const known = new Set((await deps.reference.regionsByCode(codes)).map((r) => r.code));
  if (!known.has(input.homeRegionCode)) {
    problems.add(
      'homeRegionCode',
      `No region ${input.homeRegionCode}: pick the 户籍地 from the regions list.`,
    );
  }
  if (input.residenceRegionCode && !known.has(input.residenceRegionCode)) {
    problems.add(
      'residenceRegionCode',
      `No region ${input.residenceRegionCode}: pick the 常住地 from the regions list.`,
    );
  }
  if (outsideChina(input.location)) {
    problems.add('location', 'The location is outside China: check that lat and lng are not swapped.');
  } else if (input.residenceRegionCode && known.has(input.residenceRegionCode)) {
    // Held against the 常住地 only: the 户籍地 of a worker who went out to work is elsewhere.
    const tree = await deps.reference.regionTree();
    const misplaced = countyAreaProblem(tree, input.residenceRegionCode, input.location);
    if (misplaced) problems.add('location', misplaced);
  }
  if (!Number.isInteger(input.travelRadiusKm) || input.travelRadiusKm < 1 || input.travelRadiusKm > 200) {
    problems.add('travelRadiusKm', 'How far the worker travels must be 1 to 200 km.');
  }

  const skillCodes = input.skills.map((s) => s.code);
  const knownSkills = new Set((await deps.reference.listSkills({ codes: skillCodes })).map((s) => s.code));
  if (input.skills.length === 0 || input.skills.length > 20) problems.add('skills', 'List 1 to 20 trades.');
  input.skills.forEach((skill, i) => {
    if (!knownSkills.has(skill.code))
      problems.add(`skills[${i}].code`, `No trade ${skill.code}: use a code from skills.`);
    if (!Number.isInteger(skill.level) || skill.level < 1 || skill.level > 5) {
      problems.add(`skills[${i}].level`, 'A skill level is 1 (beginner) to 5 (master).');
    }
    if (skillCodes.indexOf(skill.code) !== i)
      problems.add(`skills[${i}].code`, `The trade ${skill.code} is listed twice.`);
  });

  const laborBrand = input.laborBrand?.trim() || null;
  if (laborBrand && laborBrand.length > 30)
    problems.add('laborBrand', 'A labour brand has at most 30 characters.');
  checkSingleLine(problems, { name, laborBrand });
  const priorityGroups = [...new Set(input.priorityGroups ?? [])];
  if (priorityGroups.some((g) => !(PRIORITY_GROUPS as readonly string[]).includes(g))) {
    problems.add('priorityGroups', `Priority groups are ${PRIORITY_GROUPS.join(', ')}.`);
  }

  problems.throwIfAny();
  return {
    name,
    id: (parsed as { ok: true; value: IdNumber }).value,
    homeRegionCode: input.homeRegionCode,
    residenceRegionCode: input.residenceRegionCode ?? null,
    location: input.location,
    travelRadiusKm: input.travelRadiusKm,
    skills: input.skills.map((s) => ({ skillCode: s.code, level: s.level, certified: s.certified ?? false })),
    laborBrand,
    priorityGroups,
  };
}
