import fc from 'fast-check';
import {
  type GraphQLArgument,
  type GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { FixtureValue } from './fixture-values.js';
import { PLAUSIBLE } from './plausible.js';
import { ID, NOT_OF_TYPE, SCALARS } from './scalars.js';

/**
 * fast-check arbitraries for the arguments of a GraphQL field, made from their input types, so a
 * field added to the schema is covered without writing anything. Three temperaments: `tame` values
 * are mostly plausible ones (by the argument's or input field's name, or real rows of a fixture), so
 * that some calls get past validation into the services; `wild` ones are any value of the type;
 * `broken` ones are now and then not of the type at all, or null where required (the scalar
 * parsers and GraphQL's coercion must refuse them).
 */
export type Temperament = 'tame' | 'wild' | 'broken';

type Context = { name: string; temperament: Temperament; values: Record<string, string[]> };

/** Real rows of the fixture that fit this name, if it has any. */
function fixtureValue(context: Context): fc.Arbitrary<unknown> | undefined {
  const pool = context.values[context.name];
  if (!pool || pool.length === 0) return undefined;
  return fc
    .tuple(fc.nat({ max: pool.length - 1 }), fc.nat({ max: 4 }))
    .map(([i, upper]) => new FixtureValue(context.name, i, upper === 0));
}

/** Any fixture id, whatever it is named: the id of the wrong kind of row. */
function anyFixtureId(values: Record<string, string[]>): fc.Arbitrary<unknown> {
  const names = Object.keys(values).filter((n) => (values[n]?.length ?? 0) > 0);
  if (names.length === 0) return ID;
  return fc
    .tuple(fc.constantFrom(...names), fc.nat({ max: 9 }))
    .map(([name, i]) => new FixtureValue(name, i));
}

function scalarArbitrary(typeName: string, context: Context): fc.Arbitrary<unknown> {
  const ofType = SCALARS[typeName] ?? fc.jsonValue({ maxDepth: 2 });
  const typed =
    typeName === 'ID'
      ? fc.oneof({ arbitrary: ofType, weight: 3 }, { arbitrary: anyFixtureId(context.values), weight: 1 })
      : ofType;
  const notOfType = NOT_OF_TYPE[typeName];
  const generic =
    context.temperament === 'broken' && notOfType
      ? fc.oneof({ arbitrary: typed, weight: 6 }, { arbitrary: notOfType, weight: 1 })
      : typed;
  const plausible = [fixtureValue(context), PLAUSIBLE[context.name]].filter((a) => a !== undefined);
  if (plausible.length === 0) return generic;
  const weight = context.temperament === 'tame' ? 19 : 1;
  return fc.oneof(
    { arbitrary: generic, weight: context.temperament === 'tame' ? 1 : 3 },
    ...plausible.map((arbitrary) => ({ arbitrary, weight })),
  );
}

function inputArbitrary(type: GraphQLInputType, context: Context): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) {
    const value = nullableArbitrary(type.ofType, context);
    // A required value left null is the client's mistake, and must be refused as one.
    return context.temperament === 'broken'
      ? fc.oneof({ arbitrary: value, weight: 10 }, { arbitrary: fc.constant(null), weight: 1 })
      : value;
  }
  const value = nullableArbitrary(type, context);
  return fc.oneof(
    { arbitrary: value, weight: context.temperament === 'tame' ? 2 : 6 },
    { arbitrary: fc.constant(null), weight: 1 },
  );
}

function nullableArbitrary(type: GraphQLInputType, context: Context): fc.Arbitrary<unknown> {
  if (isListType(type)) {
    const item = inputArbitrary(type.ofType, context);
    if (context.temperament === 'tame') return fc.array(item, { minLength: 1, maxLength: 3 });
    // A lone value where a list is expected is coerced to a list of one (GraphQL's input coercion).
    return fc.oneof(
      { arbitrary: fc.array(item, { maxLength: 5 }), weight: 5 },
      { arbitrary: item, weight: 1 },
    );
  }
  if (isEnumType(type)) {
    const valid = fc.constantFrom(...type.getValues().map((v) => v.value as string));
    if (context.temperament !== 'broken') return valid;
    const invalid = fc.oneof(
      valid.map((v) => v.toLowerCase()),
      fc.constantFrom('NOPE', '', 42),
    );
    return fc.oneof({ arbitrary: valid, weight: 8 }, { arbitrary: invalid, weight: 1 });
  }
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const model = Object.fromEntries(
      fields.map((f) => [f.name, inputArbitrary(f.type, { ...context, name: f.name })]),
    );
    const requiredKeys = fields.filter((f) => isNonNullType(f.type)).map((f) => f.name);
    return fc.record(model, { requiredKeys });
  }
  if (isScalarType(type)) return scalarArbitrary(type.name, context);
  throw new Error(`no arbitrary for input type ${String(type)}`);
}

/**
 * The arguments of a field as GraphQL variables (one per argument, named as it): optional ones are
 * sometimes left out, sometimes null.
 */
export function argumentsArbitrary(
  args: readonly GraphQLArgument[],
  temperament: Temperament,
  values: Record<string, string[]>,
): fc.Arbitrary<Record<string, unknown>> {
  const model = Object.fromEntries(
    args.map((a) => [a.name, inputArbitrary(a.type, { name: a.name, temperament, values })]),
  );
  return fc.record(model, { requiredKeys: args.filter((a) => isNonNullType(a.type)).map((a) => a.name) });
}
