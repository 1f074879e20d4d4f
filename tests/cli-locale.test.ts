import { describe, expect, it } from 'vitest';

import { cliLocale } from '../src/cli/locale.js';

describe('cliLocale', () => {
  it('reads CALLSCORE_LOCALE before the POSIX variables', () => {
    expect(cliLocale({ CALLSCORE_LOCALE: 'zh-CN', LANG: 'en_US.UTF-8' })).toBe('zh-CN');
    expect(cliLocale({ CALLSCORE_LOCALE: 'en', LC_ALL: 'zh_CN.UTF-8' })).toBe('en');
  });

  it('takes LC_ALL, then LC_MESSAGES, then LANG', () => {
    expect(cliLocale({ LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh-CN');
    expect(cliLocale({ LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh-CN');
    expect(cliLocale({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
  });

  it('skips an empty variable', () => {
    expect(cliLocale({ LC_ALL: '', LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(cliLocale({ CALLSCORE_LOCALE: '', LC_ALL: '', LC_MESSAGES: '', LANG: '' })).toBe('en');
  });

  it('defaults to English', () => {
    expect(cliLocale({})).toBe('en');
    expect(cliLocale({ LANG: 'C.UTF-8' })).toBe('en');
  });
});
