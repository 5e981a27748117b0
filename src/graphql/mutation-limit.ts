import { type DocumentNode, getOperationAST, Kind, type SelectionSetNode } from 'graphql';
import type { MercuriusContext } from 'mercurius';

/**
 * Sign-in, registration and phone codes: counted per client address by the sign-in limit
 * (limitAuthAttempt); codes also by their own limits per number and address.
 */
const SIGN_IN_MUTATIONS = new Set([
  'login',
  'refreshSession',
  'registerWorker',
  'registerEmployer',
  'requestPhoneCode',
  'resetPassword',
  'unlockSignIn',
]);

/** The top-level fields of a selection, through inline fragments and fragment spreads. */
function rootFields(
  selectionSet: SelectionSetNode,
  document: DocumentNode,
  seen = new Set<string>(),
): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet, document, seen);
    const name = selection.name.value;
    if (seen.has(name)) return [];
    seen.add(name);
    const fragment = document.definitions.find(
      (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name,
    );
    return fragment?.kind === Kind.FRAGMENT_DEFINITION
      ? rootFields(fragment.selectionSet, document, seen)
      : [];
  });
}

/** The mutations an operation would run that the mutation limit counts (aliases count each). */
export function countedMutations(document: DocumentNode, operationName?: string | null): number {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (operation?.operation !== 'mutation') return 0;
  return rootFields(operation.selectionSet, document).filter(
    (name) => name !== '__typename' && !SIGN_IN_MUTATIONS.has(name),
  ).length;
}

/**
 * A mercurius preExecution hook: counts a request's mutations against its caller's minute (an
 * account's own, or the client address's when anonymous) before any of them runs. Queries and
 * kiosks (which may not mutate) are not counted.
 */
export async function limitMutations(_schema: unknown, document: DocumentNode, context: MercuriusContext) {
  const { viewer, request } = context;
  if (viewer?.kind === 'kiosk') return;
  const body = request.body as { operationName?: string | null } | undefined;
  const mutations = countedMutations(document, body?.operationName);
  if (mutations === 0) return;
  const caller = viewer ? `account:${viewer.accountId}` : `ip:${request.ip}`;
  request.server.limitMutations(caller, mutations);
}
