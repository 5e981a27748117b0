import { describe, expect, it } from 'vitest';
import { readTaxonomy } from '../../../src/db/seed/reference.js';
import { queryWords, textHolds } from '../../../src/modules/gigs/query-words.js';

const taxonomy = await readTaxonomy();
const HARVEST = ['采摘', '采摘工', '摘果', '采收'];

describe('the words of a query, as the fallback and saved searches match them', () => {
  it('keeps a word that is no trade word as it is, with nothing added', () => {
    expect(queryWords('苹果', taxonomy)).toEqual([[[['苹果']]]]);
    expect(queryWords('  苹果   分拣 ', taxonomy)).toHaveLength(2);
    expect(queryWords(null, taxonomy)).toEqual([]);
  });

  it('gives a trade word every other word of its trade, both ways', () => {
    expect(queryWords('摘果', taxonomy)).toEqual([[[['摘果', '采摘', '采摘工', '采收']]]]);
    expect(queryWords('采摘', taxonomy)).toEqual([[[HARVEST]]]);
  });

  it('also cuts a word at the trade words it runs together with other text', () => {
    expect(queryWords('苹果采摘', taxonomy)).toEqual([[[['苹果采摘']], [['苹果'], HARVEST]]]);
    expect(queryWords('采摘苹果', taxonomy)).toEqual([[[['采摘苹果']], [HARVEST, ['苹果']]]]);
    // The longest trade word wins: 电焊工 is one word, not 电焊 and 工.
    expect(queryWords('招电焊工', taxonomy)[0]?.[1]?.map((piece) => piece[0])).toEqual(['招', '电焊工']);
  });

  it('finds a crop only in the text, and every part of a cut word', () => {
    const garlic = '大蒜采收 日结\n金乡大蒜地里起蒜装袋\n采摘';
    const holds = (q: string) => textHolds(garlic, queryWords(q, taxonomy));
    expect(holds('苹果')).toBe(false);
    expect(holds('采摘苹果')).toBe(false);
    expect(holds('摘果')).toBe(true);
    expect(holds('大蒜采摘')).toBe(true);
    expect(holds('大蒜 摘果')).toBe(true);
    expect(textHolds('QC Inspector', queryWords('qc', taxonomy))).toBe(true);
  });
});
