/**
 * Removes thousands separators from numbers ("1,200,000" -> "1200000"), so
 * that quantity and clause parsing read one number instead of three. Only
 * commas followed by groups of exactly three digits count, which keeps lists
 * such as "1,2,3" and decimal commas such as "1,5" as they are.
 * NOTE: a decimal comma with exactly three decimals ("1,500" for 1.5) is
 * read as a thousands separator, because the text alone cannot tell them apart.
 */

import type { TextEdit } from './text-edits.js';

// One to three leading digits, then one or more ",ddd" groups. The lookarounds keep
// the match from starting or ending inside a longer number, so "1234,567" and
// "1,200,00" stay as they are.
const GROUPED_NUMBER = /(?<!\d[.,]?)\d{1,3}(?:,\d{3})+(?!\d|,\d)/g;

/** Finds the thousands separators of the text and returns edits that delete them, in order. */
export function findDigitGroupEdits(text: string): TextEdit[] {
  const edits: TextEdit[] = [];
  GROUPED_NUMBER.lastIndex = 0;
  for (let match = GROUPED_NUMBER.exec(text); match !== null; match = GROUPED_NUMBER.exec(text)) {
    for (let offset = match[0].indexOf(','); offset !== -1; offset = match[0].indexOf(',', offset + 1)) {
      const start = match.index + offset;
      edits.push({ start, end: start + 1, replacement: '' });
    }
  }
  return edits;
}
