import { describe, expect, it } from 'vitest';

import { CallscoreError } from '../src/errors/registry.js';
import { OBJECTION_TYPES, PITFALL_TYPES, SEVERITIES } from '../src/domain/pitfalls.js';
import { SPEAKER_ROLES } from '../src/domain/transcript.js';
import {
  CATALOG,
  LOCALES,
  formatList,
  inBothLocales,
  localeFromAcceptLanguage,
  t,
  type CatalogKey,
} from '../src/i18n/catalog.js';

const CJK = /[\u4e00-\u9fff]/;

function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

describe('catalog', () => {
  const keys = Object.keys(CATALOG) as CatalogKey[];

  it.each(keys)('has both texts for %s', (key) => {
    const entry: Record<string, string> = CATALOG[key];

    for (const locale of LOCALES) {
      expect(entry[locale]?.trim(), `${key} in ${locale}`).toBeTruthy();
    }
    expect(entry['zh-CN'], `${key} in zh-CN has Chinese`).toMatch(CJK);
    expect(entry.en, `${key} in en has no Chinese`).not.toMatch(CJK);
    expect(placeholdersOf(entry['zh-CN'] ?? ''), `${key} placeholders`).toEqual(placeholdersOf(entry.en ?? ''));
  });

  it.each([
    ...PITFALL_TYPES.map((type) => `pitfall.${type}`),
    ...SEVERITIES.map((severity) => `severity.${severity}`),
    ...OBJECTION_TYPES.map((type) => `objection.${type}`),
    ...[0, 1, 2, 3, 4].map((depth) => `handlingDepth.${depth}`),
    ...['uploaded', 'transcribing', 'analyzing', 'scored', 'failed'].map((status) => `callStatus.${status}`),
    ...['intent', 'behavior', 'result'].map((layer) => `layer.${layer}`),
    ...SPEAKER_ROLES.map((role) => `speaker.${role}`),
  ])('labels %s', (key) => {
    expect(Object.hasOwn(CATALOG, key)).toBe(true);
  });

  it.each([
    ['pitfall.absolute_claim', '绝对化用语'],
    ['pitfall.no_next_step', '未约定下一步'],
    ['severity.minor', '轻微'],
    ['severity.major', '一般'],
    ['severity.critical', '严重'],
    ['objection.trust', '信任与风险'],
    ['handlingDepth.0', '未回应'],
    ['handlingDepth.4', '已解决'],
    ['callStatus.transcribing', '转写中'],
    ['layer.behavior', '行为层'],
    ['speaker.rep', '销售'],
  ] as const)('names %s in Chinese', (key, expected) => {
    expect(t('zh-CN', key)).toBe(expected);
  });

  it('keeps each Chinese label unique within its group', () => {
    const groups = new Map<string, string[]>();
    for (const key of keys) {
      const group = key.split('.')[0] ?? key;
      groups.set(group, [...(groups.get(group) ?? []), CATALOG[key]['zh-CN']]);
    }

    for (const [group, labels] of groups) {
      expect(new Set(labels).size, group).toBe(labels.length);
    }
  });
});

describe('t', () => {
  it('fills placeholders in the locale', () => {
    expect(t('en', 'score.formula.callTerm', { score: 72, seconds: 300 })).toBe('72 × 300 s');
    expect(t('zh-CN', 'score.formula.callTerm', { score: 72, seconds: 300 })).toBe('72 × 300 秒');
  });

  it('leaves a missing placeholder visible', () => {
    const params = { score: 72 } as unknown as { score: number; seconds: number };

    expect(t('en', 'score.formula.callTerm', params)).toBe('72 × {seconds} s');
  });

  it('renders both locales', () => {
    expect(inBothLocales((locale) => t(locale, 'layer.intent'))).toEqual({ en: 'Intent layer', zh: '意图层' });
  });

  it('joins lists per locale', () => {
    expect(formatList('en', ['a', 'b', 'c'])).toBe('a, b, and c');
    expect(formatList('zh-CN', ['甲', '乙', '丙'])).toBe('甲、乙和丙');
  });
});

describe('localeFromAcceptLanguage', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['   ', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh-cn', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['zh-HK,en;q=0.5', 'zh-CN'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en;q=0.5,zh-CN;q=0.9', 'zh-CN'],
    ['zh;q=0.7, en;q=0.7', 'zh-CN'],
    ['en;q=0.7, zh;q=0.7', 'en'],
    ['fr-FR,de;q=0.8', 'en'],
    ['fr-FR,zh;q=0.1', 'zh-CN'],
    ['*', 'zh-CN'],
    ['zh;q=0, *', 'en'],
    ['zh;q=0, en;q=0, *', 'en'],
    ['fr, *;q=0.5', 'zh-CN'],
    ['zh-CN;q=0', 'en'],
    ['en;q=1.000, zh;q=1.0', 'en'],
    ['EN-us', 'en'],
    ['garbage!!!', 'zh-CN'],
    ['en;q=2, zh', 'zh-CN'],
    ['en;q=abc', 'zh-CN'],
    ['en;q=0.5;level=1', 'en'],
    [';;;,,,', 'zh-CN'],
  ])('picks the locale for %j', (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});

describe('CS_ERR_RATE_LIMITED message', () => {
  const message = (seconds: number, locale: 'en' | 'zh-CN') =>
    new CallscoreError('CS_ERR_RATE_LIMITED', { what: 'sign-in', whatZh: '登录', retryAfterSeconds: seconds }).messageIn(locale);

  it('uses singular for one second', () => {
    expect(message(1, 'en')).toContain('Wait 1 second and try again.');
  });

  it('uses plural for other counts', () => {
    expect(message(2, 'en')).toContain('Wait 2 seconds and try again.');
    expect(message(60, 'en')).toContain('Wait 60 seconds and try again.');
  });

  it('names the seconds in Chinese', () => {
    expect(message(1, 'zh-CN')).toContain('请等待 1 秒后重试');
  });
});
