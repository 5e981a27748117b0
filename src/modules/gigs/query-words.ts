import { synonymsFromTaxonomy, type TaxonomyEntry } from '../../search/indexes.js';

/** One part of a query word: found when the gig's text holds any one of these words. */
export type Piece = readonly string[];

/**
 * A word of `q` as the PostgreSQL fallback and saved searches match it: the gig matches when, for
 * one of the options, every piece is found in its text (title, description, address, employer,
 * trade names). The first option is the word itself with its synonyms; a word that runs a trade
 * word together with other text (苹果采摘, 招焊工) has a second option, split at the trade words,
 * as Meilisearch's segmentation splits it, so 苹果采摘 needs 苹果 as well as a harvest.
 */
export type QueryWord = readonly (readonly Piece[])[];

type SynonymTable = { words: Map<string, string[]>; longest: number };

/** The taxonomy's synonym table (the one Meilisearch gets), built once per taxonomy held. */
const tables = new WeakMap<readonly TaxonomyEntry[], SynonymTable>();
function synonymTable(taxonomy: readonly TaxonomyEntry[]): SynonymTable {
  let table = tables.get(taxonomy);
  if (!table) {
    const words = new Map(Object.entries(synonymsFromTaxonomy(taxonomy)));
    table = { words, longest: Math.max(0, ...[...words.keys()].map((word) => word.length)) };
    tables.set(taxonomy, table);
  }
  return table;
}

/** Whether a word is a trade's name or one of its synonyms (a word the synonym table knows). */
export const isTradeWord = (word: string, taxonomy: readonly TaxonomyEntry[]): boolean =>
  synonymTable(taxonomy).words.has(word);

/** The word and, if it is a trade word, every other word of its trade (both ways, as in Meilisearch). */
const alternatives = (word: string, table: SynonymTable): Piece => [word, ...(table.words.get(word) ?? [])];

/** The word cut at the trade words it holds (longest first, left to right); the rest kept as it is. */
function splitAtTradeWords(word: string, table: SynonymTable): string[] {
  const parts: string[] = [];
  let rest = '';
  for (let i = 0; i < word.length; ) {
    let found = '';
    for (let n = Math.min(table.longest, word.length - i); n > 0 && !found; n--) {
      if (table.words.has(word.slice(i, i + n))) found = word.slice(i, i + n);
    }
    if (found) {
      if (rest) parts.push(rest);
      parts.push(found);
      rest = '';
      i += found.length;
    } else {
      rest += word[i];
      i++;
    }
  }
  if (rest) parts.push(rest);
  return parts;
}

/** The words of `q` (split on spaces), each with what the gig's text must hold to match it. */
export function queryWords(q: string | null | undefined, taxonomy: readonly TaxonomyEntry[]): QueryWord[] {
  const table = synonymTable(taxonomy);
  return (q?.split(/\s+/).filter(Boolean) ?? []).map((word) => {
    const parts = splitAtTradeWords(word, table);
    const whole = [alternatives(word, table)];
    return parts.length > 1 ? [whole, parts.map((part) => alternatives(part, table))] : [whole];
  });
}

/** Whether a text (the gig's searchable fields, joined) holds every query word; case-insensitive. */
export function textHolds(text: string, words: readonly QueryWord[]): boolean {
  const lower = text.toLowerCase();
  const found = (piece: Piece) => piece.some((w) => lower.includes(w.toLowerCase()));
  return words.every((options) => options.some((pieces) => pieces.every(found)));
}
