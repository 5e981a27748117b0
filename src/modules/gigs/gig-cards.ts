import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * The `Gig` fields a list card shows (the kiosk board's, a worker's search list), all answered by
 * the columns `cardsByIds` reads. A search page whose nodes ask for nothing else reads those
 * columns only: about a third of a full row, and most of a search's own CPU was decoding rows.
 * Any other field (the description, the place, the employer's other fields) reads whole rows.
 */
export const CARD_GIG_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  'id',
  'title',
  'status',
  'headcount',
  'filled',
  'startsAt',
  'endsAt',
  'address',
  'payFen',
  'payUnit',
  'hourlyFen',
  'olderFriendly',
  'publicWelfare',
  'instant',
  // Relations: the region and trades come from reference data held in memory, by code.
  'region',
  'skills',
  'employer',
]);
/** Of the card's employer, only these. */
export const CARD_EMPLOYER_FIELDS: ReadonlySet<string> = new Set(['__typename', 'id', 'name']);

type Fragments = Record<string, FragmentDefinitionNode>;

/**
 * The fields of a selection set, fragments spread in; null when a directive (`@include`,
 * `@skip`) could make the selection depend on the variables, which the caller then treats as
 * asking for everything.
 */
function fieldsOf(set: SelectionSetNode | undefined, fragments: Fragments): FieldNode[] | null {
  const fields: FieldNode[] = [];
  for (const selection of set?.selections ?? []) {
    if (selection.directives?.length) return null;
    if (selection.kind === 'Field') {
      fields.push(selection);
      continue;
    }
    const inner =
      selection.kind === 'InlineFragment'
        ? selection.selectionSet
        : fragments[selection.name.value]?.selectionSet;
    const spread = fieldsOf(inner, fragments);
    if (!spread) return null;
    fields.push(...spread);
  }
  return fields;
}

const onlyCardFields = (nodes: FieldNode[], fragments: Fragments): boolean =>
  nodes.every((node) => {
    const name = node.name.value;
    if (!CARD_GIG_FIELDS.has(name)) return false;
    if (name !== 'employer') return true;
    const employer = fieldsOf(node.selectionSet, fragments);
    return employer?.every((f) => CARD_EMPLOYER_FIELDS.has(f.name.value)) ?? false;
  });

/** Which `gigs` fields of a parsed document were found to ask only for cards; documents are cached, so is this. */
const decided = new WeakMap<FieldNode, boolean>();

/**
 * Whether a `gigs` (GigConnection) field asks its nodes for card fields only, under
 * `edges { node { … } }`. Anything it cannot vouch for answers false.
 */
export function asksOnlyForCards(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): boolean {
  const [field, ...others] = info.fieldNodes;
  if (!field || others.length > 0) return false;
  const known = decided.get(field);
  if (known !== undefined) return known;
  let cards = true;
  const connection = fieldsOf(field.selectionSet, info.fragments);
  if (!connection) cards = false;
  for (const edges of connection ?? []) {
    if (edges.name.value !== 'edges') continue;
    const edge = fieldsOf(edges.selectionSet, info.fragments);
    if (!edge) cards = false;
    for (const node of edge ?? []) {
      if (node.name.value !== 'node') continue;
      const fields = fieldsOf(node.selectionSet, info.fragments);
      if (!fields || !onlyCardFields(fields, info.fragments)) cards = false;
    }
  }
  decided.set(field, cards);
  return cards;
}
