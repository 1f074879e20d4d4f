/**
 * Rewrites Chinese numerals as digits where they count something: 两小时 ->
 * 2小时, 十五分钟 -> 15分钟, 八折 -> 8折, 九五折 -> 95折, 三成 -> 3成,
 * 百分之三十 -> 30%, 一万二 -> 12000. Numerals inside words (一定, 唯一的,
 * 十分满意, 千万别) are left alone, because rewriting them would break the
 * phrases the detectors look for.
 */

import type { TextEdit } from './text-edits.js';

const DIGIT_VALUES: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

const MULTIPLIERS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const SECTION_MULTIPLIERS: Readonly<Record<string, number>> = { 万: 10_000, 亿: 100_000_000 };

const NUMERAL_RUN = /[零〇一二两三四五六七八九十百千万亿]+/g;
const HAS_MULTIPLIER = /[十百千万亿]/;

// Measure words and units after which a numeral is a quantity. Longer units
// come first, so 个月 is read before 个.
const UNIT_AFTER = new RegExp(
  '^(?:小时|分钟|个月|季度|工作日|周年|个点|百分点|公里|星期|礼拜|个|成|折|位|家|台|套|件|次|遍|年|月|日|号|天|周|秒|元|块|毛|角|倍|人|款|条|项|种|批|期|层|级|名|页|张|份|笔|单|支|部|米|斤|吨|度|岁|轮|档)',
);
const DECIMAL_UNIT_AFTER = /^(?:折|倍|%|万|亿|个百分点|成)/;
const TIME_OF_DAY_BEFORE = /(?:上午|下午|晚上|早上|中午|凌晨|傍晚|今天|明天|后天|今晚|明晚|号|日|周[一二三四五六日天]|星期[一二三四五六日天])$/;
const CLOCK_AFTER = /^点(?:前|之前|以前|钟|整|半|[零〇一二两三四五六七八九十])/;
const WEEKDAY_BEFORE = /(?:周|星期|礼拜)$/;

// Words that start with a numeral but are not quantities, checked at the run start.
const NON_NUMERIC_WORDS = /^(?:一点儿|一点点|一成不变|一次性|一条龙|一个劲|一部分|一方面|一口气|一五一十|十分(?!钟)|三番五次|三天两头|三天打鱼|一天到晚|三方|一下子)/;
// Characters that glue a following 一 into a word (唯一, 统一, 专一, 不一, 之一), so the run stays as written.
const WORD_BEFORE_ONE = /[唯统万专不之逐划同单归合]$/;

/**
 * Parses a run of Chinese numeral characters as an integer, or returns null
 * when the run is empty. A run without 十/百/千/万/亿 reads digit by digit
 * (二零二五 -> 2025), and a trailing digit after 万, 千 or 百 is the next lower
 * place, as in speech (一万二 -> 12000, 三千五 -> 3500).
 */
export function parseChineseInteger(run: string): number | null {
  if (run.length === 0) {
    return null;
  }
  if (!HAS_MULTIPLIER.test(run)) {
    let value = 0;
    for (const character of run) {
      value = value * 10 + (DIGIT_VALUES[character] ?? 0);
    }
    return value;
  }

  let total = 0;
  let section = 0;
  let digit: number | null = null;
  let lastMultiplier = 0;
  let zeroSinceMultiplier = false;
  let previousWasMultiplier = false;
  for (const character of run) {
    const digitValue = DIGIT_VALUES[character];
    const multiplier = MULTIPLIERS[character];
    const sectionMultiplier = SECTION_MULTIPLIERS[character];
    if (digitValue !== undefined) {
      if (digitValue === 0) {
        zeroSinceMultiplier = true;
      } else {
        digit = digitValue;
      }
      previousWasMultiplier = false;
    } else if (multiplier !== undefined) {
      section += (digit ?? 1) * multiplier;
      digit = null;
      lastMultiplier = multiplier;
      zeroSinceMultiplier = false;
      previousWasMultiplier = true;
    } else if (sectionMultiplier !== undefined) {
      section += digit ?? 0;
      total += (section === 0 ? 1 : section) * sectionMultiplier;
      section = 0;
      digit = null;
      lastMultiplier = sectionMultiplier;
      zeroSinceMultiplier = false;
      previousWasMultiplier = true;
    }
  }
  if (digit !== null) {
    const abbreviatedPlace = !zeroSinceMultiplier && lastMultiplier >= 100 && !previousWasMultiplier;
    section += abbreviatedPlace ? digit * (lastMultiplier / 10) : digit;
  }
  return total + section;
}

function isApproximateRange(run: string): boolean {
  if (run.length !== 2 || HAS_MULTIPLIER.test(run)) {
    return false;
  }
  const first = DIGIT_VALUES[run[0] as string] ?? -1;
  const second = DIGIT_VALUES[run[1] as string] ?? -1;
  return first > 0 && second === first + 1;
}

function formatRun(run: string, unitAfter: string): string {
  // 三四天 and 两三个 are ranges, but 九五折 and 七五折 read digit by digit.
  if (isApproximateRange(run) && !unitAfter.startsWith('折')) {
    return `${DIGIT_VALUES[run[0] as string]}-${DIGIT_VALUES[run[1] as string]}`;
  }
  return String(parseChineseInteger(run));
}

function isClockTime(text: string, start: number, end: number, run: string): boolean {
  if (text[end] !== '点') {
    return false;
  }
  const before = text.slice(Math.max(0, start - 6), start);
  if (TIME_OF_DAY_BEFORE.test(before) || CLOCK_AFTER.test(text.slice(end, end + 3))) {
    return true;
  }
  // 便宜一点 means "a bit cheaper", so a bare 一点 needs a time context.
  return run !== '一' && run !== '两';
}

interface DecimalPart {
  digits: string;
  end: number;
}

function readDecimalDigits(text: string, end: number): DecimalPart | null {
  if (text[end] !== '点') {
    return null;
  }
  let cursor = end + 1;
  let digits = '';
  while (cursor < text.length && DIGIT_VALUES[text[cursor] as string] !== undefined) {
    digits += String(DIGIT_VALUES[text[cursor] as string]);
    cursor++;
  }
  return digits.length === 0 ? null : { digits, end: cursor };
}

function percentEdit(text: string, start: number, runEnd: number, run: string): TextEdit {
  const decimal = readDecimalDigits(text, runEnd);
  const integer = String(parseChineseInteger(run));
  const value = decimal === null ? integer : `${integer}.${decimal.digits}`;
  return { start: start - 3, end: decimal === null ? runEnd : decimal.end, replacement: `${value}%` };
}

function editForRun(text: string, start: number, run: string): TextEdit | null {
  const end = start + run.length;

  if (run === '百' && text.startsWith('百分百', start)) {
    return { start, end: start + 3, replacement: '100%' };
  }
  if (start >= 3 && text.startsWith('百分之', start - 3)) {
    return percentEdit(text, start, end, run);
  }
  if (/^[百千万亿]/.test(run)) {
    return null;
  }
  if (NON_NUMERIC_WORDS.test(text.slice(start, start + 5))) {
    return null;
  }
  if (run.length === 1 && WEEKDAY_BEFORE.test(text.slice(Math.max(0, start - 2), start))) {
    return null;
  }

  // 八点五折 is a decimal; 三点五十 (a clock time) is not, because no decimal unit follows.
  const decimal = readDecimalDigits(text, end);
  if (decimal !== null && DECIMAL_UNIT_AFTER.test(text.slice(decimal.end, decimal.end + 4))) {
    return { start, end: decimal.end, replacement: `${parseChineseInteger(run)}.${decimal.digits}` };
  }

  const unitAfter = text.slice(end, end + 4);
  if (text[start - 1] === '第') {
    return { start, end, replacement: formatRun(run, unitAfter) };
  }
  if (text[end] === '点') {
    return isClockTime(text, start, end, run) ? { start, end, replacement: formatRun(run, unitAfter) } : null;
  }
  if (UNIT_AFTER.test(unitAfter)) {
    return { start, end, replacement: formatRun(run, unitAfter) };
  }
  if (text[end] === '分' && text[start - 1] === '点') {
    return { start, end, replacement: formatRun(run, unitAfter) };
  }
  if (run.length >= 2 && HAS_MULTIPLIER.test(run) && /^[零〇一二两三四五六七八九十]/.test(run)) {
    return { start, end, replacement: formatRun(run, unitAfter) };
  }
  return null;
}

/** Returns the edits that rewrite quantity numerals in the text as digits, in order. */
export function findChineseNumeralEdits(text: string): TextEdit[] {
  const edits: TextEdit[] = [];
  let lastEnd = 0;
  NUMERAL_RUN.lastIndex = 0;
  for (let match = NUMERAL_RUN.exec(text); match !== null; match = NUMERAL_RUN.exec(text)) {
    const start = match.index;
    const run = match[0];
    if (start < lastEnd) {
      continue;
    }
    if (run[0] === '一' && WORD_BEFORE_ONE.test(text.slice(Math.max(0, start - 1), start))) {
      continue;
    }
    const edit = editForRun(text, start, run);
    if (edit !== null && edit.start >= lastEnd) {
      edits.push(edit);
      lastEnd = edit.end;
      NUMERAL_RUN.lastIndex = Math.max(NUMERAL_RUN.lastIndex, edit.end);
    }
  }
  return edits;
}
