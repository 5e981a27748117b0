import { type DocumentNode, getOperationAST, Kind, type SelectionSetNode } from 'graphql';
import type { MercuriusContext } from 'mercurius';

/**
 * Sign-in, registration, phone codes, password reset, unlock and refresh: counted by the sign-in
 * limit (limitSignIns), per account when signed in, else per client address; wrong passwords and
 * codes also by their own limits per number and address (login-lockout.ts, phone-codes.ts).
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

/**
 * The mutations an operation would run (aliases count each): `signIns` for the sign-in limit,
 * `changes` for the mutation limit.
 */
export function countedMutations(
  document: DocumentNode,
  operationName?: string | null,
): { signIns: number; changes: number } {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (operation?.operation !== 'mutation') return { signIns: 0, changes: 0 };
  const fields = rootFields(operation.selectionSet, document).filter((name) => name !== '__typename');
  const signIns = fields.filter((name) => SIGN_IN_MUTATIONS.has(name)).length;
  return { signIns, changes: fields.length - signIns };
}

/**
 * A mercurius preExecution hook: counts a request's mutations against its caller's minute before
 * any of them runs. The caller is the signed-in account (its id, from whatever address), else the
 * client address. A station operator's changes count against its own, larger budget
 * (STATION_MUTATION_RATE_LIMIT): walk-ins registered and acted for at a station behind one address
 * use the operator's allowance, not the address's. Queries and kiosks (which may not mutate) are not
 * counted.
 */
export async function limitMutations(_schema: unknown, document: DocumentNode, context: MercuriusContext) {
  const { viewer, request } = context;
  if (viewer?.kind === 'kiosk') return;
  const body = request.body as { operationName?: string | null } | undefined;
  const { signIns, changes } = countedMutations(document, body?.operationName);
  const caller = viewer ? `account:${viewer.accountId}` : `ip:${request.ip}`;
  if (signIns > 0) request.server.limitSignIns(caller, signIns);
  if (changes > 0) {
    request.server.limitMutations(
      caller,
      changes,
      viewer?.role === 'STATION_OPERATOR' ? 'station' : 'standard',
    );
  }
}
