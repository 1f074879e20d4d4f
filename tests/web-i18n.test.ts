import { describe, expect, it } from 'vitest';
import { PITFALL_TYPES, SEVERITIES } from '../src/domain/pitfalls.js';
import { DISMISS_REASONS, FINDING_STATUSES } from '../src/domain/review.js';
import { formatTime, hasLabel, LABELS, localeFromBrowser } from '../web/src/i18n.ts';

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!).sort();
}

describe('web page catalogue', () => {
  it.each(Object.entries(LABELS))('label %s has both languages', (key, label) => {
    expect(label.en.trim(), `${key} en`).not.toBe('');
    expect(label['zh-CN'].trim(), `${key} zh-CN`).not.toBe('');
    expect(placeholders(label['zh-CN']), key).toEqual(placeholders(label.en));
  });

  it('has labels for every domain value', () => {
    const keys = [
      ...PITFALL_TYPES.map((type) => `pitfall.${type}`),
      ...SEVERITIES.map((severity) => `severity.${severity}`),
      ...FINDING_STATUSES.map((status) => `reviewStatus.${status}`),
      ...DISMISS_REASONS.map((reason) => `reason.${reason}`),
      ...['rep', 'customer', 'unknown'].map((speaker) => `speaker.${speaker}`),
      ...['admin', 'manager', 'coach', 'rep'].map((role) => `role.${role}`),
    ];
    for (const key of keys) expect(hasLabel(key), key).toBe(true);
  });
});

describe('page language from browser', () => {
  it.each([
    [['zh-CN', 'en'], 'zh-CN'],
    [['zh-TW'], 'zh-CN'],
    [['en-US', 'zh-CN'], 'en'],
    [['fr-FR', 'en-GB'], 'en'],
    [['de-DE', 'fr'], 'zh-CN'],
    [[], 'zh-CN'],
  ])('%j picks %s', (languages, expected) => {
    expect(localeFromBrowser(languages)).toBe(expected);
  });
});

describe('formatTime', () => {
  it.each([
    [0, '00:00'],
    [4200, '00:04'],
    [65_999, '01:05'],
    [3_600_000, '1:00:00'],
    [null, '--:--'],
  ])('%s ms is %s', (ms, expected) => {
    expect(formatTime(ms)).toBe(expected);
  });
});
