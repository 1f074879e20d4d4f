/**
 * Finds quantities with units in normalised text (numbers already digits)
 * and converts them to one base per dimension: durations to minutes, money
 * to yuan, shares to percent and calendar dates to month and day. Metric
 * extraction then picks the canonical unit of the metric a quantity belongs to.
 */

/** Dimension of a quantity. `bare` is a number without a unit. */
export type QuantityDimension = 'duration' | 'money' | 'percent' | 'date' | 'bare';

/** A quantity found in normalised text, end exclusive. */
export interface Quantity {
  dimension: QuantityDimension;
  /** Minutes for durations, yuan for money, percent for shares, month × 100 + day for dates. */
  value: number;
  /** Calendar months when the duration was stated in months or years, so warranties stay exact. */
  months: number | null;
  start: number;
  end: number;
}

const MINUTES_PER_DAY = 1440;
const DAYS_PER_MONTH = 30;

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_NAME = `(${MONTH_NAMES.join('|')}|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)`;
// Days per month in a non-leap year, for "end of February" and 2月底.
const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// The English numeral rewrite turns "2 million" into "2 1000000", so a number may carry a
// following power of a thousand that multiplies it.
const NUMBER = String.raw`(\d+(?:\.\d+)?(?: 1000(?:000)?(?!\d))?)`;

interface UnitRule {
  pattern: RegExp;
  read(match: RegExpExecArray): Pick<Quantity, 'dimension' | 'value' | 'months'> | null;
}

function duration(minutes: number, months: number | null = null): Pick<Quantity, 'dimension' | 'value' | 'months'> {
  return { dimension: 'duration', value: minutes, months };
}

function monthIndex(name: string): number {
  return MONTH_NAMES.findIndex((full) => full.startsWith(name.slice(0, 3)));
}

function monthEnd(month: number): number {
  return month * 100 + (MONTH_LENGTHS[month - 1] ?? 31);
}

// Rules are tried in order and a later rule never takes characters an earlier one matched,
// so dates and longer units come before the bare day and number rules.
const UNIT_RULES: readonly UnitRule[] = [
  // NOTE: dates carry no year, so a deadline of 1月31日 compares as earlier than one of 12月31日 even across a year end.
  { pattern: /(\d{1,2})月(?:份)?(?:底|末)/g, read: (m) => ({ dimension: 'date', value: monthEnd(Number(m[1])), months: null }) },
  { pattern: /(\d{1,2})月(\d{1,2})[日号]/g, read: (m) => ({ dimension: 'date', value: Number(m[1]) * 100 + Number(m[2]), months: null }) },
  {
    pattern: new RegExp(`\\b(?:the )?end of ${MONTH_NAME}\\b`, 'g'),
    read: (m) => ({ dimension: 'date', value: monthEnd(monthIndex(m[1]!) + 1), months: null }),
  },
  {
    pattern: new RegExp(`\\b${MONTH_NAME} (\\d{1,2})(?:st|nd|rd|th)?\\b`, 'g'),
    read: (m) => ({ dimension: 'date', value: (monthIndex(m[1]!) + 1) * 100 + Number(m[2]), months: null }),
  },
  {
    pattern: new RegExp(`\\b(?:by|before) ${MONTH_NAME}\\b`, 'g'),
    read: (m) => ({ dimension: 'date', value: monthEnd(monthIndex(m[1]!) + 1), months: null }),
  },
  // "net 60" counts days unless a unit follows, as in "net 2 months".
  {
    pattern: /\bnet[ -]?(\d{1,3})(?!\d)(?:\s*(days?|weeks?|months?)\b)?/g,
    read: (m) => {
      const count = Number(m[1]);
      if (m[2]?.startsWith('month')) return duration(count * DAYS_PER_MONTH * MINUTES_PER_DAY, count);
      if (m[2]?.startsWith('week')) return duration(count * 7 * MINUTES_PER_DAY);
      return duration(count * MINUTES_PER_DAY);
    },
  },
  { pattern: new RegExp(`${NUMBER}\\s*(?:%|个百分点|percent\\b)`, 'g'), read: (m) => ({ dimension: 'percent', value: readNumber(m[1]!), months: null }) },
  { pattern: /半(?:个)?(?:小时|钟头)|\bhalf an hour\b/g, read: () => duration(30) },
  { pattern: /半天/g, read: () => duration(MINUTES_PER_DAY / 2) },
  { pattern: new RegExp(`${NUMBER}\\s*(?:分钟|minutes?\\b|mins?\\b)`, 'g'), read: (m) => duration(readNumber(m[1]!)) },
  { pattern: new RegExp(`${NUMBER}\\s*(?:个)?(?:半)?(?:小时|钟头|hours?\\b|hrs?\\b|h\\b)`, 'g'), read: (m) => duration(readHalf(m) * 60) },
  // NOTE: a working day counts as one calendar day, so "5个工作日" compares equal to "5天" although a week has only 5 working days.
  {
    pattern: new RegExp(`${NUMBER}\\s*(?:个)?(?:工作日|工作天|business days?\\b|working days?\\b)`, 'g'),
    read: (m) => duration(readNumber(m[1]!) * MINUTES_PER_DAY),
  },
  { pattern: new RegExp(`${NUMBER}\\s*(?:个)?(?:周|星期|礼拜|weeks?\\b)`, 'g'), read: (m) => duration(readNumber(m[1]!) * 7 * MINUTES_PER_DAY) },
  {
    pattern: new RegExp(`${NUMBER}\\s*(?:个月|months?\\b)`, 'g'),
    read: (m) => duration(readNumber(m[1]!) * DAYS_PER_MONTH * MINUTES_PER_DAY, readNumber(m[1]!)),
  },
  {
    pattern: new RegExp(`${NUMBER}\\s*(?:年|years?\\b)`, 'g'),
    read: (m) => duration(readNumber(m[1]!) * 365 * MINUTES_PER_DAY, readNumber(m[1]!) * 12),
  },
  { pattern: new RegExp(`${NUMBER}\\s*(?:天|日|days?\\b)`, 'g'), read: (m) => duration(readNumber(m[1]!) * MINUTES_PER_DAY) },
  {
    pattern: new RegExp(`${NUMBER}\\s*(?:万元|万块|万人民币|万|w\\b)`, 'g'),
    read: (m) => ({ dimension: 'money', value: Math.round(readNumber(m[1]!) * 10_000), months: null }),
  },
  { pattern: new RegExp(`${NUMBER}\\s*k\\b`, 'g'), read: (m) => ({ dimension: 'money', value: readNumber(m[1]!) * 1000, months: null }) },
  {
    pattern: new RegExp(`${NUMBER}\\s*(?:元|块钱|块|rmb\\b|yuan\\b|cny\\b)`, 'g'),
    read: (m) => ({ dimension: 'money', value: readNumber(m[1]!), months: null }),
  },
  { pattern: new RegExp(`(?:¥|rmb ?|cny ?)${NUMBER}`, 'g'), read: (m) => ({ dimension: 'money', value: readNumber(m[1]!), months: null }) },
  { pattern: new RegExp(NUMBER, 'g'), read: (m) => ({ dimension: 'bare', value: readNumber(m[1]!), months: null }) },
];

function readNumber(digits: string): number {
  return digits.split(' ').reduce((product, part) => product * Number(part), 1);
}

function readHalf(match: RegExpExecArray): number {
  return readNumber(match[1]!) + (match[0].includes('半') ? 0.5 : 0);
}

/** Finds the quantities of a normalised text in reading order, without overlaps. */
export function findQuantities(text: string): Quantity[] {
  const claimed = new Uint8Array(text.length);
  const found: Quantity[] = [];

  for (const rule of UNIT_RULES) {
    rule.pattern.lastIndex = 0;
    for (let match = rule.pattern.exec(text); match !== null; match = rule.pattern.exec(text)) {
      const start = match.index;
      const end = start + match[0].length;
      if (claimed.subarray(start, end).some((flag) => flag === 1) || isInsideWord(text, start, end)) continue;
      const quantity = rule.read(match);
      if (quantity === null || Number.isNaN(quantity.value)) continue;
      claimed.fill(1, start, end);
      found.push({ ...quantity, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

// A number glued to Latin letters (v2, 5g, iso9001) is part of a name, not a quantity.
function isInsideWord(text: string, start: number, end: number): boolean {
  const matched = text.slice(start, end);
  const gluedBefore = /^\d/.test(matched) && /[a-z]/.test(text[start - 1] ?? '');
  const gluedAfter = /\d$/.test(matched) && /[a-z]/.test(text[end] ?? '');
  return gluedBefore || gluedAfter;
}

/** Minutes in a day, for converting durations to days. */
export const MINUTES_IN_DAY = MINUTES_PER_DAY;

/** Days in a month when a duration in days is compared with one in months. */
export const DAYS_IN_MONTH = DAYS_PER_MONTH;
