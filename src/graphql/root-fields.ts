import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  getOperationAST,
  Kind,
  type SelectionSetNode,
} from 'graphql';

const META_FIELDS = new Set(['__typename', '__schema', '__type']);

/**
 * The operation a request runs and the root fields it selects (by field name, never by alias),
 * looked up in the schema: anything the schema does not name is `unknown`, so a label built from
 * these can only take values the schema allows, whatever a client sends.
 */
export function rootFieldsOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
): { operationType: string; fields: string[] } {
  const operation = getOperationAST(document, operationName);
  if (!operation) return { operationType: 'unknown', fields: ['unknown'] };
  const known = schema.getRootType(operation.operation)?.getFields() ?? {};
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const fields = new Set<string>();
  const visited = new Set<string>();
  const visit = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        fields.add(Object.hasOwn(known, name) || META_FIELDS.has(name) ? name : 'unknown');
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment.selectionSet);
      }
    }
  };
  visit(operation.selectionSet);
  return { operationType: operation.operation, fields: fields.size > 0 ? [...fields] : ['unknown'] };
}
