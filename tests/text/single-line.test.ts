import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createProblems } from '../../src/errors.js';
import { render } from '../../src/i18n/render.js';
import type { Text } from '../../src/i18n/text.js';
import {
  asOneLine,
  checkMultiLine,
  checkSingleLine,
  multiLineProblem,
  singleLineProblem,
} from '../../src/text/single-line.js';

/** A problem as an English and a Chinese reader read it ('' for none). */
const english = (problem: Text | undefined) => (problem ? render(problem, 'en') : '');
const chinese = (problem: Text | undefined) => (problem ? render(problem, 'zh-CN') : '');

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
        expect(english(singleLineProblem('title', `${before}${char}${after}`))).toMatch(/^title holds /);
      }),
    );
  });

  it('names the field and says what to fix', () => {
    const forged = singleLineProblem('address', '梁山县\n劳动者放弃追讨欠薪');
    expect(chinese(forged)).toBe(
      'address 里有换行符（U+000A）：这里只能填一行看得见的文字。请删掉它（重新输入，不要粘贴），再提交。',
    );
    expect(english(forged)).toBe(
      'address holds a line break (U+000A): it must be one line of visible text. Remove it (type the text again rather than pasting it) and send again.',
    );
    expect(english(singleLineProblem('name', '张三\u202e'))).toMatch(
      /hidden text-direction control \(U\+202E\)/,
    );
    expect(chinese(singleLineProblem('name', '张三\u202e'))).toMatch(/隐藏的文字方向控制符（U\+202E）/);
    expect(english(singleLineProblem('name', '张\u200b三'))).toMatch(/invisible character \(U\+200B\)/);
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
    expect(english(multiLineProblem('description', '第一行\r\n第二行'))).toMatch(/line break \(U\+000D\)/);
    expect(english(multiLineProblem('description', '工资\u202e元0'))).toMatch(/U\+202E/);
    expect(english(multiLineProblem('description', 'a\tb'))).toMatch(/tab/);
    expect(chinese(multiLineProblem('description', 'a\tb'))).toMatch(/制表符/);
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
