/**
 * A PostgreSQL array literal, bound as one parameter (`= any($1::uuid[])`, `unnest($1::text[])`):
 * one parameter however many values, so the statement stays the same and a long list costs no
 * parameter per item (building those cost more CPU than the queries, in profiles of
 * bench/offers.ts). Only for values that need no quoting: ids, enum names, numbers; null is NULL.
 */
export const pgArray = (values: readonly (string | number | null | undefined)[]): string =>
  `{${values.map((value) => value ?? 'NULL').join(',')}}`;
