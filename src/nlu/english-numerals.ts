/**
 * Rewrites English number words as digits ("twenty-five percent" -> "25
 * percent", "two hours" -> "2 hours"), so amounts, discounts and deadlines
 * read the same whether the recogniser wrote digits or words. A lone "one" is
 * left alone unless a unit follows, because it is usually a pronoun.
 */

import type { TextEdit } from './text-edits.js';

const SMALL_VALUES: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

const SCALE_VALUES: Readonly<Record<string, number>> = { hundred: 100, thousand: 1000, million: 1_000_000 };

const NUMBER_WORD =
  '(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million)';
const NUMBER_PHRASE = new RegExp(`\\b(?:a\\s+(?=hundred|thousand|million))?${NUMBER_WORD}(?:(?:\\s+and)?[\\s-]+${NUMBER_WORD})*\\b`, 'g');
const UNIT_AFTER =
  /^\s*(?:percent|per cent|%|hours?|days?|weeks?|months?|years?|minutes?|mins?|seconds?|am|pm|a\.m\.|p\.m\.|o'clock|times|seats?|units?|users?|licen[cs]es?|people|stores?|sites?|sensors?|dollars?|yuan|rmb|k\b)/;

/** Parses a phrase of English number words, or returns null when a word is not a number. */
export function parseEnglishNumber(phrase: string): number | null {
  let total = 0;
  let current = 0;
  let sawWord = false;
  for (const word of phrase.split(/[\s-]+/)) {
    if (word === 'and' || word === 'a' || word === '') {
      if (word === 'a') {
        current = 1;
      }
      continue;
    }
    const small = SMALL_VALUES[word];
    const scale = SCALE_VALUES[word];
    if (small !== undefined) {
      current += small;
    } else if (scale === 100) {
      current = (current === 0 ? 1 : current) * 100;
    } else if (scale !== undefined) {
      total += (current === 0 ? 1 : current) * scale;
      current = 0;
    } else {
      return null;
    }
    sawWord = true;
  }
  return sawWord ? total + current : null;
}

/** Returns the edits that rewrite English number words in the text as digits, in order. */
export function findEnglishNumeralEdits(text: string): TextEdit[] {
  const edits: TextEdit[] = [];
  NUMBER_PHRASE.lastIndex = 0;
  for (let match = NUMBER_PHRASE.exec(text); match !== null; match = NUMBER_PHRASE.exec(text)) {
    const phrase = match[0];
    const end = match.index + phrase.length;
    const unitFollows = UNIT_AFTER.test(text.slice(end, end + 12));
    if (phrase === 'one' && !unitFollows) {
      continue;
    }
    const value = parseEnglishNumber(phrase);
    if (value !== null) {
      edits.push({ start: match.index, end, replacement: String(value) });
    }
  }
  return edits;
}
