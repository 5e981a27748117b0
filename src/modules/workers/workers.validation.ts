import type { Clock } from '../../clock.js';
import { PRIORITY_GROUPS } from '../../db/schema/index.js';
import { createProblems } from '../../errors.js';
import { text } from '../../i18n/text.js';
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

/** Where a check puts what is wrong (createProblems in src/errors.ts). */
export type Problems = Pick<ReturnType<typeof createProblems>, 'add'>;

/**
 * Checks a registration field by field and reports every problem at once. There is no upper age
 * limit, ever: the policy forbids cutting out older workers.
 */
export async function validateWorkerProfile(
  input: WorkerProfileInput,
  deps: { reference: ReferenceRepository; clock: Clock },
): Promise<ValidWorkerProfile> {
  const problems = createProblems();
  const profile = await checkWorkerProfile(input, deps, problems);
  problems.throwIfAny();
  if (!profile) throw new Error('unreachable: a bad profile was reported above');
  return profile;
}

/**
 * Adds every problem of the profile to `problems` (the caller's, with its own fields' problems),
 * and returns the profile when it has none.
 */
export async function checkWorkerProfile(
  input: WorkerProfileInput,
  deps: { reference: ReferenceRepository; clock: Clock },
  problems: Problems,
): Promise<ValidWorkerProfile | null> {
  let found = false;
  const add: Problems['add'] = (field, message) => {
    found = true;
    problems.add(field, message);
  };
  const name = input.name.trim();
  if (name.length < 2 || name.length > 30) add('name', text('workers:name'));

  const parsed = parseIdNumber(input.idNumber, { today: deps.clock.now(), regionExists: () => false });
  if (!parsed.ok) add('idNumber', parsed.reason);
  else if (ageOn(parsed.value.birthDate, deps.clock.now()) < MIN_WORKING_AGE) {
    add('idNumber', text('workers:tooYoung', { minAge: MIN_WORKING_AGE }));
  }

  const codes = [input.homeRegionCode, input.residenceRegionCode].filter((c): c is string => Boolean(c));
  const known = new Set((await deps.reference.regionsByCode(codes)).map((r) => r.code));
  if (!known.has(input.homeRegionCode)) {
    add('homeRegionCode', text('workers:homeRegion', { code: input.homeRegionCode }));
  }
  if (input.residenceRegionCode && !known.has(input.residenceRegionCode)) {
    add('residenceRegionCode', text('workers:residenceRegion', { code: input.residenceRegionCode }));
  }
  if (outsideChina(input.location)) {
    add('location', text('workers:outsideChina'));
  } else if (input.residenceRegionCode && known.has(input.residenceRegionCode)) {
    // Held against the 常住地 only: the 户籍地 of a worker who went out to work is elsewhere.
    const tree = await deps.reference.regionTree();
    const misplaced = countyAreaProblem(tree, input.residenceRegionCode, input.location);
    if (misplaced) add('location', misplaced);
  }
  if (!Number.isInteger(input.travelRadiusKm) || input.travelRadiusKm < 1 || input.travelRadiusKm > 200) {
    add('travelRadiusKm', text('workers:travelRadius'));
  }

  const skillCodes = input.skills.map((s) => s.code);
  const knownSkills = new Set((await deps.reference.listSkills({ codes: skillCodes })).map((s) => s.code));
  if (input.skills.length === 0 || input.skills.length > 20) add('skills', text('workers:skillsCount'));
  input.skills.forEach((skill, i) => {
    if (!knownSkills.has(skill.code))
      add(`skills[${i}].code`, text('workers:unknownSkill', { code: skill.code }));
    if (!Number.isInteger(skill.level) || skill.level < 1 || skill.level > 5) {
      add(`skills[${i}].level`, text('workers:skillLevel'));
    }
    if (skillCodes.indexOf(skill.code) !== i)
      add(`skills[${i}].code`, text('workers:skillTwice', { code: skill.code }));
  });

  const laborBrand = input.laborBrand?.trim() || null;
  if (laborBrand && laborBrand.length > 30) add('laborBrand', text('workers:laborBrand'));
  checkSingleLine({ add }, { name, laborBrand });
  const priorityGroups = [...new Set(input.priorityGroups ?? [])];
  if (priorityGroups.some((g) => !(PRIORITY_GROUPS as readonly string[]).includes(g))) {
    add('priorityGroups', text('workers:priorityGroups', { groups: PRIORITY_GROUPS.join(', ') }));
  }

  if (found || !parsed.ok) return null;
  return {
    name,
    id: parsed.value,
    homeRegionCode: input.homeRegionCode,
    residenceRegionCode: input.residenceRegionCode ?? null,
    location: input.location,
    travelRadiusKm: input.travelRadiusKm,
    // A level the worker states is self-declared: only a certificate recorded by a station operator
    // certifies it (docs/skills.md), so a `certified` ticked here is not taken at its word.
    skills: input.skills.map((s) => ({ skillCode: s.code, level: s.level, certified: false })),
    laborBrand,
    priorityGroups,
  };
}
