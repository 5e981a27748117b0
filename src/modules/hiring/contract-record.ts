import { createHash } from 'node:crypto';
import { asOneLine } from '../../text/single-line.js';

/**
 * The electronic contract (电子劳动合同) as a record: a heading, labelled fields in a fixed order
 * and a closing sentence. The text both sides read is rendered from it, one field per line, and
 * the hash is of the record, so the text can always be derived again and checked, and nothing a
 * value holds can pass for a line of its own.
 *
 * Version 1 (before this record) stored only the text and the SHA-256 of the text; those rows
 * keep both. Version 2 stores this record and the SHA-256 of its canonical form.
 */
export const CONTRACT_VERSION = 2;

/** Every label a contract line may carry, in the order the lines come. */
export const CONTRACT_LABELS = [
  '用工单位',
  '劳动者',
  '工作内容',
  '工作地点',
  '工作时间',
  '工作时长',
  '报酬',
  '计件保底',
  '应付金额',
  '意外保险',
] as const;

export type ContractLabel = (typeof CONTRACT_LABELS)[number];
export type ContractField = { label: ContractLabel; value: string };

export type ContractRecord = {
  version: typeof CONTRACT_VERSION;
  heading: string;
  fields: ContractField[];
  closing: string;
};

/**
 * The canonical form the hash is of: JSON with every object's keys sorted (the record comes back
 * from jsonb with its keys in another order) and arrays in their order, no spaces, UTF-8.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export const hashContract = (record: ContractRecord): string => sha256(canonicalJson(record));

/**
 * The text both sides read: the heading, then `label：value` per field, then the closing, one per
 * line. Values are made one line again here, whatever validation let in when they were stored.
 */
export function renderContract(record: ContractRecord): string {
  return [
    asOneLine(record.heading),
    ...record.fields.map(({ label, value }) => `${asOneLine(label)}：${asOneLine(value)}`),
    asOneLine(record.closing),
  ].join('\n');
}

/** True when `hash` is the hash of `record` (and `text`, when given, is what it renders). */
export function verifyContract(record: ContractRecord, hash: string, text?: string): boolean {
  try {
    if (record.version !== CONTRACT_VERSION) return false;
    return hashContract(record) === hash && (text === undefined || renderContract(record) === text);
  } catch {
    // A stored record that is not one (edited by hand, cut short) verifies nothing.
    return false;
  }
}

/** A version 1 contract: its hash is of the text itself. */
export const verifyLegacyContract = (text: string, hash: string): boolean => sha256(text) === hash;

/** Whether a hire's stored contract checks out, whichever version it was made under. */
export function contractVerifies(engagement: {
  contractVersion: number;
  contractRecord: unknown;
  contractText: string;
  contractHash: string;
}): boolean {
  if (engagement.contractVersion === 1)
    return verifyLegacyContract(engagement.contractText, engagement.contractHash);
  return verifyContract(
    engagement.contractRecord as ContractRecord,
    engagement.contractHash,
    engagement.contractText,
  );
}
