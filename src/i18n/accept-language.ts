/**
 * Picks the response locale from an HTTP Accept-Language header (RFC 9110,
 * section 12.5.4). Only the locale choice lives here, the labels are in the catalogue.
 */

import type { Locale } from '../errors/registry.js';

interface LanguageRange {
  /** Lower-case range such as `zh-cn`, `en` or `*`. */
  range: string;
  quality: number;
  position: number;
}

/** Default when the header is absent or unreadable: the first users work in Chinese. */
const DEFAULT_LOCALE: Locale = 'zh-CN';

const RANGE_PATTERN = /^(?:\*|[a-z]{1,8}(?:-[a-z0-9]{1,8})*)$/;
const QUALITY_PATTERN = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * Chooses `en` or `zh-CN` for an Accept-Language header by quality value.
 * Every `zh` range (zh-CN, zh-TW, zh-Hant, ...) selects zh-CN, because only
 * Simplified Chinese ships and Traditional Chinese readers follow it more
 * easily than English. `*` selects zh-CN unless `zh;q=0` excludes it.
 * An absent header, or one with no valid range, gives zh-CN. A valid header
 * that names only other languages gives en.
 */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  const ranges = parseAcceptLanguage(header ?? '');
  if (ranges.length === 0) {
    return DEFAULT_LOCALE;
  }

  const excluded = new Set(ranges.filter((entry) => entry.quality === 0).map((entry) => entry.range));
  const isExcluded = (locale: Locale): boolean =>
    excluded.has(locale.toLowerCase()) || excluded.has(primarySubtag(locale.toLowerCase()));

  const accepted = ranges
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.position - b.position);

  for (const entry of accepted) {
    const locale = localeForRange(entry.range, isExcluded);
    if (locale !== null) {
      return locale;
    }
  }
  return 'en';
}

function localeForRange(range: string, isExcluded: (locale: Locale) => boolean): Locale | null {
  if (range === '*') {
    const candidates: Locale[] = [DEFAULT_LOCALE, 'en'];
    return candidates.find((locale) => !isExcluded(locale)) ?? null;
  }

  const primary = primarySubtag(range);
  if (primary === 'zh') {
    return 'zh-CN';
  }
  if (primary === 'en') {
    return 'en';
  }
  return null;
}

function primarySubtag(range: string): string {
  return range.split('-', 1)[0] ?? range;
}

/** Splits the header into ranges, dropping any entry whose range or q value is malformed. */
function parseAcceptLanguage(header: string): LanguageRange[] {
  const ranges: LanguageRange[] = [];

  header.split(',').forEach((rawEntry, position) => {
    const [rawRange = '', ...rawParameters] = rawEntry.split(';');
    const range = rawRange.trim().toLowerCase();
    if (!RANGE_PATTERN.test(range)) {
      return;
    }

    let quality = 1;
    for (const rawParameter of rawParameters) {
      const [name = '', value = ''] = rawParameter.split('=').map((part) => part.trim());
      if (name.toLowerCase() !== 'q') {
        continue;
      }
      if (!QUALITY_PATTERN.test(value)) {
        return;
      }
      quality = Number(value);
    }

    ranges.push({ range, quality, position });
  });

  return ranges;
}
