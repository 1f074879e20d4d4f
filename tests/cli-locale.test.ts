import { describe, expect, it } from 'vitest';

import { cliLocale } from '../src/cli/locale.js';
import { outputMode } from '../src/cli/output-mode.js';

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

describe('outputMode', () => {
  it('takes --locale from the arguments before the environment', () => {
    expect(outputMode(['eval', '--locale', 'zh-CN'], { LANG: 'en_US.UTF-8' }).locale).toBe('zh-CN');
    expect(outputMode(['eval', '--locale=en'], { LANG: 'zh_CN.UTF-8' }).locale).toBe('en');
  });

  it('falls back to the environment for a missing or invalid --locale', () => {
    expect(outputMode(['eval'], { LANG: 'zh_CN.UTF-8' }).locale).toBe('zh-CN');
    expect(outputMode(['eval', '--locale', 'fr'], { LANG: 'zh_CN.UTF-8' }).locale).toBe('zh-CN');
    expect(outputMode(['eval', '--locale'], {}).locale).toBe('en');
  });

  it('finds --json among the options', () => {
    expect(outputMode(['eval', '--bogus', '--json'], {}).json).toBe(true);
    expect(outputMode(['eval', '--bogus'], {}).json).toBe(false);
  });

  it('ignores arguments after --', () => {
    const mode = outputMode(['analyze', '--', '--json', '--locale', 'zh-CN'], {});
    expect(mode.json).toBe(false);
    expect(mode.locale).toBe('en');
  });
});
