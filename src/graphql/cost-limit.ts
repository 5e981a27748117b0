import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import {
  type ASTVisitor,
  type DocumentNode,
  GraphQLError,
  Kind,
  TypeInfo,
  ValidationContext,
  type ValidationRule,
  visit,
} from 'graphql';
import { AppError, ErrorCode } from '../errors.js';
import { text } from '../i18n/text.js';

/** The largest page `first` / `last` may ask for (gigs, stationBoard, auditLog). */
export const LARGEST_PAGE = 100;

/**
 * graphql-armor multiplies a list's cost by its `first` / `last` only when the number is written
 * in the query; `first: $n` would count as one item, and fifteen aliased pages of 100 would pass.
 * So a page size given by a variable is costed as the largest page the API serves.
 */
function withVariablePagesAtLargest(document: DocumentNode): DocumentNode {
  return visit(document, {
    Argument(node) {
      if ((node.name.value === 'first' || node.name.value === 'last') && node.value.kind === Kind.VARIABLE) {
        return { ...node, value: { kind: Kind.INT, value: String(LARGEST_PAGE) } };
      }
      return undefined;
    },
  });
}

/**
 * graphql-armor's cost limit (objects 2, scalars 1, ×1.5 a level, × the page size of a list),
 * with a variable page size costed at its largest, and a message that says what to change.
 * The introspection query GraphiQL sends costs nothing.
 */
export function costLimit({ maxCost }: { maxCost: number }): ValidationRule {
  return (context) => {
    const document = withVariablePagesAtLargest(context.getDocument());
    const schema = context.getSchema();
    // The rule reads fragments through the context, so it gets one over the rewritten document.
    const costed = new ValidationContext(schema, document, new TypeInfo(schema), () => {});
    const rule = costLimitRule({
      maxCost,
      exposeLimits: true,
      propagateOnRejection: false,
      onReject: [
        (_context, error) => {
          const found = error.message.replace(/^Syntax Error: /, '');
          // The words a client reads come from the catalogue, in its language (src/graphql/errors.ts).
          const costs = /limit of (\d+) exceeded, found (\d+)/i.exec(found);
          const words = costs
            ? new AppError(
                ErrorCode.BAD_USER_INPUT,
                text('api:queryTooCostly', { maxCost: Number(costs[1]), found: Number(costs[2]) }),
              )
            : undefined;
          context.reportError(
            new GraphQLError(
              `${found} Ask for fewer items per page (first) or fewer fields, or split the query in two.`,
              { originalError: words },
            ),
          );
        },
      ],
    })(costed);
    const operations = context.getDocument().definitions;
    return {
      OperationDefinition(node) {
        const rewritten = document.definitions[operations.indexOf(node)];
        if (rewritten?.kind === Kind.OPERATION_DEFINITION) rule.OperationDefinition.enter(rewritten);
      },
    } satisfies ASTVisitor;
  };
}
