import { describe, expect, it } from 'vitest';
import { AppError, badInput, createProblems } from '../../src/errors.js';
import { text } from '../../src/i18n/text.js';

describe('an error as a client reads it', () => {
  it('renders every message in its data in the reader’s language and every instant in +08:00', () => {
    const opensAt = new Date('2026-11-25T05:30:00Z');
    const error = new AppError('BAD_USER_INPUT', text('common:invalidId', { field: 'gigId' }), {
      field: 'gigId',
      opensAt,
      problems: [{ field: 'gigId', message: text('common:invalidId', { field: 'gigId' }) }],
    });
    expect(error.message).toBe('gigId is not a valid id: copy it from the list it came from.');
    expect(error.messageIn('zh-CN')).toBe('gigId 不是有效的编号：请从列表里复制。');
    expect(error.detailsIn('zh-CN')).toEqual({
      field: 'gigId',
      opensAt: '2026-11-25T13:30:00.000+08:00',
      problems: [{ field: 'gigId', message: 'gigId 不是有效的编号：请从列表里复制。' }],
    });
  });

  it('lists every problem at once, each in the reader’s language', () => {
    const problems = createProblems();
    problems.add('a', text('common:invalidId', { field: 'a' }));
    problems.add('b', text('common:invalidId', { field: 'b' }));
    try {
      problems.throwIfAny();
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).detailsIn('en')).toMatchObject({
        field: 'a',
        problems: [
          { field: 'a', message: 'a is not a valid id: copy it from the list it came from.' },
          { field: 'b', message: 'b is not a valid id: copy it from the list it came from.' },
        ],
      });
    }
  });

  it('fails a test whose error data holds an instant written out in UTC', () => {
    const error = badInput('startsAt', text('common:invalidId', { field: 'startsAt' }), {
      allowedFrom: new Date('2026-11-25T05:30:00Z').toISOString(),
    });
    expect(() => error.detailsIn('zh-CN')).toThrow(/UTC instant/);
  });
});
