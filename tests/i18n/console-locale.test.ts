import { describe, expect, it } from 'vitest';
import { consoleLocale } from '../../src/i18n/locale.js';

describe('the console’s language', () => {
  it('is Chinese when nothing says otherwise, or the process locale is neither Chinese nor English', () => {
    expect(consoleLocale({})).toBe('zh-CN');
    expect(consoleLocale({ LANG: 'C.UTF-8' })).toBe('zh-CN');
    expect(consoleLocale({ LANG: 'POSIX' })).toBe('zh-CN');
    expect(consoleLocale({ LANG: 'de_DE.UTF-8' })).toBe('zh-CN');
    expect(consoleLocale({ LANG: '' })).toBe('zh-CN');
  });

  it('follows LANG: zh* Chinese, en* English', () => {
    expect(consoleLocale({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(consoleLocale({ LANG: 'en' })).toBe('en');
    expect(consoleLocale({ LANG: 'en_GB' })).toBe('en');
    expect(consoleLocale({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(consoleLocale({ LANG: 'zh_TW.Big5' })).toBe('zh-CN');
    expect(consoleLocale({ LANG: 'zh' })).toBe('zh-CN');
  });

  it('reads LC_ALL, then LC_MESSAGES, then LANG: the first one set decides', () => {
    expect(consoleLocale({ LC_ALL: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe(
      'en',
    );
    expect(consoleLocale({ LC_MESSAGES: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(consoleLocale({ LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh-CN');
    // LC_ALL=C means no language at all: Chinese, whatever LANG says.
    expect(consoleLocale({ LC_ALL: 'C', LANG: 'en_US.UTF-8' })).toBe('zh-CN');
    // Set but empty is not set.
    expect(consoleLocale({ LC_ALL: '', LANG: 'en_US.UTF-8' })).toBe('en');
  });

  it('takes LINGONG_LOCALE before the process locale, and passes over one it does not know', () => {
    expect(consoleLocale({ LINGONG_LOCALE: 'en', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(consoleLocale({ LINGONG_LOCALE: 'zh-CN', LC_ALL: 'en_US.UTF-8' })).toBe('zh-CN');
    // The configuration refuses it (tests/config.test.ts); until then the process locale speaks.
    expect(consoleLocale({ LINGONG_LOCALE: 'fr', LANG: 'en_US.UTF-8' })).toBe('en');
    expect(consoleLocale({ LINGONG_LOCALE: 'fr' })).toBe('zh-CN');
  });
});
