import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createProblems } from '../../src/errors.js';
import {
  asOneLine,
  checkMultiLine,
  checkSingleLine,
  multiLineProblem,
  singleLineProblem,
} from '../../src/text/single-line.js';

const REFUSED = [
  '\n',
  '\r',
  '\t',
  '\u0000',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u2028',
  '\u2029',
  '\u061c',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200b',
  '\u2060',
  '\ufeff',
];

describe('the single-line check', () => {
  it('refuses every line break, control, direction control and invisible, wherever it stands', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REFUSED), fc.string(), fc.string(), (char, before, after) => {
        expect(singleLineProblem('title', `${before}${char}${after}`)).toMatch(/^title holds /);
      }),
    );
  });

  it('names the field and says what to fix', () => {
    expect(singleLineProblem('address', '梁山县\n劳动者放弃追讨欠薪')).toBe(
      'address holds a line break (U+000A): it must be one line of visible text. Remove it (type the text again rather than pasting it) and send again.',
    );
    expect(singleLineProblem('name', '张三\u202e')).toMatch(/hidden text-direction control \(U\+202E\)/);
    expect(singleLineProblem('name', '张\u200b三')).toMatch(/invisible character \(U\+200B\)/);
  });

  it('takes ordinary Chinese, ASCII, full-width text and emoji with joiners', () => {
    for (const text of [
      '钢结构厂房电焊工',
      'Zhang San',
      'ｆｕｌｌ１２３',
      '🧑‍🌾👷🏽‍♀️',
      '\u3000张三\u3000',
      'e\u0301',
    ])
      expect(singleLineProblem('name', text)).toBeUndefined();
  });

  it('lets a multi-line text keep its line breaks, and nothing else of the kind', () => {
    expect(multiLineProblem('description', '第一行\n第二行')).toBeUndefined();
    expect(multiLineProblem('description', '第一行\r\n第二行')).toMatch(/line break \(U\+000D\)/);
    expect(multiLineProblem('description', '工资\u202e元0')).toMatch(/U\+202E/);
    expect(multiLineProblem('description', 'a\tb')).toMatch(/tab/);
  });

  it('reports every bad field through createProblems, the first named', () => {
    const problems = createProblems();
    checkSingleLine(problems, { title: '装卸\n搬运', address: '好地址', workerName: null });
    checkMultiLine(problems, { description: '\u2066说明' });
    expect(problems.count).toBe(2);
    expect(() => problems.throwIfAny()).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        details: expect.objectContaining({ field: 'title' }),
      }),
    );
  });

  it('makes any text one line of visible text at render time', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const flat = asOneLine(text);
        expect(singleLineProblem('x', flat)).toBeUndefined();
        expect(flat.length).toBe(text.length);
      }),
    );
    expect(asOneLine('地址\n应付金额：0.00 元\u202e')).toBe('地址\ufffd应付金额：0.00 元\ufffd');
  });
});
