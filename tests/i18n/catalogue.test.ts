import { type MessageFormatElement, TYPE } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src/errors.js';
import { catalogue } from '../../src/i18n/catalogue.js';
import { LOCALES, localeFromAcceptLanguage } from '../../src/i18n/locale.js';
import { MessageRenderError, render } from '../../src/i18n/render.js';
import { text } from '../../src/i18n/text.js';

type Variable = { name: string; kind: 'number' | 'text' | 'date' };

/** The values a message asks for, from its ICU syntax tree (plural and number arguments are numbers). */
function variablesOf(elements: MessageFormatElement[], into = new Map<string, Variable>()) {
  for (const element of elements) {
    if (element.type === TYPE.argument) into.set(element.value, { name: element.value, kind: 'text' });
    if (element.type === TYPE.number || element.type === TYPE.plural)
      into.set(element.value, { name: element.value, kind: 'number' });
    if (element.type === TYPE.date || element.type === TYPE.time)
      into.set(element.value, { name: element.value, kind: 'date' });
    if (element.type === TYPE.select) into.set(element.value, { name: element.value, kind: 'text' });
    if (element.type === TYPE.plural || element.type === TYPE.select)
      for (const option of Object.values(element.options)) variablesOf(option.value, into);
    if (element.type === TYPE.tag) variablesOf(element.children, into);
  }
  return into;
}

const sample = (variable: Variable) =>
  variable.kind === 'number'
    ? 3
    : variable.kind === 'date'
      ? new Date('2026-11-25T05:00:00Z')
      : `«${variable.name}»`;

const entries = Object.entries(catalogue['zh-CN']).flatMap(([ns, messages]) =>
  Object.keys(messages).map((key) => ({ ns, key })),
);
/** Han characters, or CJK punctuation (a list joined with 、 is Chinese and has no word of its own). */
const CJK = /[\u3001-\u303f\u3400-\u9fff]/;

describe('the message catalogue', () => {
  it('has a Chinese message for every error code', () => {
    const chinese = catalogue['zh-CN'].common as Record<string, string>;
    const missing = Object.values(ErrorCode).filter((code) => !CJK.test(chinese[`code.${code}`] ?? ''));
    expect(missing).toEqual([]);
  });

  it.each(entries)(
    '$ns:$key is Chinese, has English, asks both for the same values and renders them all',
    ({ ns, key }) => {
      const zh = (catalogue['zh-CN'] as Record<string, Record<string, string>>)[ns]?.[key] ?? '';
      const en = (catalogue.en as Record<string, Record<string, string>>)[ns]?.[key] ?? '';
      expect(CJK.test(zh), `${ns}:${key} has no Chinese: ${zh}`).toBe(true);
      expect(en.trim(), `${ns}:${key} has no English`).not.toBe('');
      const zhVars = variablesOf(new IntlMessageFormat(zh, 'zh-CN').getAst());
      const enVars = variablesOf(new IntlMessageFormat(en, 'en').getAst());
      expect([...zhVars.keys()].sort()).toEqual([...enVars.keys()].sort());
      const params = Object.fromEntries([...zhVars.values()].map((v) => [v.name, sample(v)]));
      for (const locale of LOCALES) {
        const shown = render(text(`${ns}:${key}` as Parameters<typeof text>[0], params), locale);
        // Every value is in the words, and no placeholder is left as it was written.
        expect(shown, `${locale} ${ns}:${key}`).not.toMatch(/[{}]/);
        for (const v of zhVars.values()) if (v.kind === 'text') expect(shown).toContain(`«${v.name}»`);
      }
    },
  );

  it('refuses to render a message missing one of its values (a test fails, not a reader)', () => {
    expect(() => render(text('common:notFound', { id: 'x' }), 'zh-CN')).toThrow(MessageRenderError);
  });

  it('picks the language from Accept-Language by weight, Chinese unless English is asked for', () => {
    expect(localeFromAcceptLanguage('en-US,en;q=0.9')).toBe('en');
    expect(localeFromAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('fr;q=1, en;q=0.5, zh-Hans;q=0.7')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('fr-FR')).toBeNull();
    expect(localeFromAcceptLanguage('en;q=0')).toBeNull();
  });
});
