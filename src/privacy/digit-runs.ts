/**
 * Finds runs of digits in a turn, written ("138 1234 5678") or spoken one
 * digit at a time ("一三八幺二三四", "one three eight, double five"), so the
 * number detectors see the digits whatever way the recognizer wrote them.
 * This is the digit-by-digit part of inverse text normalisation; numbers
 * read as amounts (一千三百) are not digit runs and are left alone.
 */

/** One group of digits with no separator inside, and its range in the text. */
export interface DigitGroup {
  /** Digits 0-9, plus a trailing X on a written group (the resident ID check character). */
  digits: string;
  start: number;
  end: number;
}

/** Groups separated only by short separators, read as one number; `plus` marks a leading "+". */
export interface DigitRun {
  groups: DigitGroup[];
  plus: boolean;
}

const CHINESE_DIGITS: Record<string, string> = {
  零: '0', 〇: '0', 洞: '0', 一: '1', 幺: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9',
};

const ENGLISH_DIGITS: Record<string, string> = {
  zero: '0', oh: '0', o: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
};

const REPEAT_WORDS: Record<string, number> = { double: 2, triple: 3 };

// Characters allowed between the groups of one number, and how many in a row.
const SEPARATOR = /[\s\-–—.()（）、,，/]/;
const MAX_SEPARATOR_RUN = 3;

const ASCII_LETTER = /[A-Za-z]/;

function writtenDigit(char: string): string | null {
  if (char >= '0' && char <= '9') return char;
  if (char >= '０' && char <= '９') return String.fromCharCode(char.charCodeAt(0) - 0xfee0);
  return null;
}

function readWrittenGroup(text: string, start: number): DigitGroup | null {
  let end = start;
  let digits = '';
  for (let digit = writtenDigit(text[end] ?? ''); digit !== null; digit = writtenDigit(text[end] ?? '')) {
    digits += digit;
    end++;
  }
  if ((text[end] === 'X' || text[end] === 'x') && !ASCII_LETTER.test(text[end + 1] ?? '')) {
    digits += 'X';
    end++;
  }
  // Digits glued to Latin letters are part of an identifier (a UUID, a hash, a model name), not a number.
  if (ASCII_LETTER.test(text[start - 1] ?? '') || ASCII_LETTER.test(text[end] ?? '')) return null;
  return { digits, start, end };
}

function readChineseGroup(text: string, start: number): DigitGroup {
  let end = start;
  let digits = '';
  while (CHINESE_DIGITS[text[end] ?? ''] !== undefined) {
    digits += CHINESE_DIGITS[text[end]!];
    end++;
  }
  return { digits, start, end };
}

const WORD = /[A-Za-z]+/y;

function wordAt(text: string, start: number): string | null {
  if (ASCII_LETTER.test(text[start - 1] ?? '')) return null;
  WORD.lastIndex = start;
  const match = WORD.exec(text);
  return match ? match[0] : null;
}

function readEnglishGroup(text: string, start: number): DigitGroup | null {
  const word = wordAt(text, start);
  if (word === null) return null;
  const lower = word.toLowerCase();
  const single = ENGLISH_DIGITS[lower];
  if (single !== undefined) return { digits: single, start, end: start + word.length };

  const repeat = REPEAT_WORDS[lower];
  if (repeat === undefined) return null;
  let next = start + word.length;
  while (text[next] === ' ') next++;
  const following = wordAt(text, next);
  const digit = following ? ENGLISH_DIGITS[following.toLowerCase()] : undefined;
  if (digit === undefined || following === null) return null;
  return { digits: digit.repeat(repeat), start, end: next + following.length };
}

function readGroup(text: string, index: number): DigitGroup | null {
  const char = text[index]!;
  if (writtenDigit(char) !== null) return readWrittenGroup(text, index);
  if (CHINESE_DIGITS[char] !== undefined) return readChineseGroup(text, index);
  if (ASCII_LETTER.test(char)) return readEnglishGroup(text, index);
  return null;
}

function skipToNextToken(text: string, index: number): number {
  const char = text[index]!;
  if (ASCII_LETTER.test(char)) {
    while (index < text.length && ASCII_LETTER.test(text[index]!)) index++;
    return index;
  }
  if (writtenDigit(char) !== null) {
    // A written group rejected for touching letters: skip the whole alphanumeric token.
    while (index < text.length && (writtenDigit(text[index]!) !== null || ASCII_LETTER.test(text[index]!))) index++;
    return index;
  }
  return index + 1;
}

/** Lists the digit runs of a text in order. A run may be a single group. */
export function findDigitRuns(text: string): DigitRun[] {
  const runs: DigitRun[] = [];
  let current: DigitRun | null = null;
  let lastEnd = -1;
  let index = 0;

  while (index < text.length) {
    const group = readGroup(text, index);
    if (group === null || group.digits.length === 0) {
      index = skipToNextToken(text, index);
      continue;
    }

    const gap = text.slice(lastEnd, group.start);
    const joins = current !== null && gap.length <= MAX_SEPARATOR_RUN && [...gap].every((char) => SEPARATOR.test(char));
    if (!joins || current === null) {
      current = { groups: [], plus: text[group.start - 1] === '+' || text[group.start - 1] === '＋' };
      runs.push(current);
    }
    current.groups.push(group);
    lastEnd = group.end;
    index = group.end;
  }
  return runs;
}
