import { type ContractField, type ContractRecord, renderContract } from './contract-record.js';

/** What the contract's worker line reads once the worker is erased. */
export const erasedWorkerLine = (pseudonym: string) => `${pseudonym}（身份证已注销）`;

/** A stored contract, as the hire keeps it. */
export type StoredContract = {
  contractVersion: number;
  contractRecord: unknown;
  contractText: string;
  terms: unknown;
};

/**
 * A hire's contract with the worker pseudonymised (PIPL erasure): the worker's name and ID number
 * give way to the pseudonym in the agreed terms, the record and the text; every other term stays,
 * word for word, for a wage claim. The hash is not recomputed: it stays the hash of what both
 * sides agreed, so the worker's own copy (their export, their phone) still checks against it.
 */
export function pseudonymisedContract(
  contract: StoredContract,
  pseudonym: string,
  was: { name: string; idNumberMasked: string },
): { terms: unknown; contractRecord: unknown; contractText: string } {
  const line = erasedWorkerLine(pseudonym);
  const terms =
    contract.terms && typeof contract.terms === 'object'
      ? { ...(contract.terms as Record<string, unknown>), workerName: pseudonym }
      : contract.terms;
  if (contract.contractVersion !== 1 && contract.contractRecord) {
    const record = contract.contractRecord as ContractRecord;
    const fields: ContractField[] = record.fields.map((field) =>
      field.label === '劳动者' ? { label: field.label, value: line } : field,
    );
    const pseudonymised: ContractRecord = { ...record, fields };
    return { terms, contractRecord: pseudonymised, contractText: renderContract(pseudonymised) };
  }
  // Version 1 kept only the text: its worker line is rewritten, and the name and number wherever
  // else they appear.
  let text = contract.contractText
    .split('\n')
    .map((row) => (row.startsWith('劳动者：') ? `劳动者：${line}` : row))
    .join('\n');
  for (const [secret, replacement] of [
    [was.name, pseudonym],
    [was.idNumberMasked, '已注销'],
  ] as const) {
    if (secret.length >= 2) text = text.replaceAll(secret, replacement);
  }
  return { terms, contractRecord: contract.contractRecord, contractText: text };
}
