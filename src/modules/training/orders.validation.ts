import { createProblems } from '../../errors.js';
import { text } from '../../i18n/text.js';
import type { ReferenceRepository } from '../reference/reference.repository.js';

export const ORDER_LIMITS = { headcount: 500, priorityDays: 365, note: 200, levels: [1, 5] } as const;

export type PlaceTrainingOrderInput = {
  skillCode: string;
  targetLevel?: number | null;
  headcount: number;
  dueOn: string;
  regionCode: string;
  priorityDays: number;
  note?: string | null;
};

export type ValidTrainingOrder = {
  skillCode: string;
  targetLevel: number | null;
  headcount: number;
  dueOn: string;
  regionCode: string;
  priorityDays: number;
  note: string | null;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (value: string) =>
  DAY.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
const whole = (value: number, min: number, max: number) =>
  Number.isInteger(value) && value >= min && value <= max;

/**
 * An order checked field by field, every problem in one answer (nothing is written on one): a known
 * trade; a level 1–5, or none for a special-operation trade (its 特种作业操作证 has no level, as its
 * courses have none); 1–500 workers; due on a market day after `today`; a county-level region; a
 * priority period of 1–365 days; a note of at most 200 characters.
 */
export async function checkTrainingOrder(
  input: PlaceTrainingOrderInput,
  deps: { reference: Pick<ReferenceRepository, 'taxonomy' | 'regionsByCode'> },
  today: string,
): Promise<ValidTrainingOrder> {
  const problems = createProblems();
  const trade = (await deps.reference.taxonomy()).find((s) => s.code === input.skillCode);
  const targetLevel = input.targetLevel ?? null;
  if (!trade) problems.add('skillCode', text('training:orderSkillUnknown', { code: input.skillCode }));
  else if (trade.specialOperation && targetLevel !== null) {
    problems.add('targetLevel', text('training:orderLevelSpecial', { trade: trade.name }));
  } else if (!trade.specialOperation && (targetLevel === null || !whole(targetLevel, 1, 5))) {
    problems.add('targetLevel', text('training:orderLevel'));
  }
  if (!whole(input.headcount, 1, ORDER_LIMITS.headcount)) {
    problems.add('headcount', text('training:orderHeadcount', { max: ORDER_LIMITS.headcount }));
  }
  if (!isDay(input.dueOn)) problems.add('dueOn', text('training:orderDueOnDay'));
  else if (input.dueOn <= today) problems.add('dueOn', text('training:orderDueOnFuture', { today }));
  const [region] = await deps.reference.regionsByCode([input.regionCode]);
  if (!region) problems.add('regionCode', text('training:orderRegionUnknown', { code: input.regionCode }));
  else if (region.level !== 'county') {
    problems.add('regionCode', text('training:orderRegionNotCounty', { name: region.name }));
  }
  if (!whole(input.priorityDays, 1, ORDER_LIMITS.priorityDays)) {
    problems.add('priorityDays', text('training:orderPriorityDays', { max: ORDER_LIMITS.priorityDays }));
  }
  const note = input.note?.trim() || null;
  if (note !== null && [...note].length > ORDER_LIMITS.note) {
    problems.add('note', text('training:orderNote', { max: ORDER_LIMITS.note }));
  }
  problems.throwIfAny();
  return {
    skillCode: input.skillCode,
    targetLevel,
    headcount: input.headcount,
    dueOn: input.dueOn,
    regionCode: input.regionCode,
    priorityDays: input.priorityDays,
    note,
  };
}
