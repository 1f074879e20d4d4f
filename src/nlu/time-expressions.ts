/**
 * Concrete time expressions in normalised text: a day, a clock time, a date
 * or a bounded duration (周三下午5点前, 明天, 24小时内, by Friday noon, within
 * 2 days). Vague ones (尽快, 回头, soon, later) do not count. Commitment and
 * next-step rules use this to tell a datable promise from a vague one.
 */

import type { Span } from '../domain/pitfalls.js';

const CHINESE_TIME = [
  '今天|明天|后天|大后天|今晚|明早|明晚|今早|当天|明天?一早',
  '(?:本|这|下)(?:个)?(?:周|星期|礼拜)[一二三四五六日天末]?',
  '(?:周|星期|礼拜)[一二三四五六日天末]',
  '(?:本|这个|下个?)月(?:底|初|中)?|月底|月初|年底|年前|节前|节后',
  '\\d{1,2}月\\d{1,2}[日号]?|\\d{1,2}[日号](?![码])',
  '(?:上午|下午|晚上|中午|早上|傍晚)(?!好)(?:\\d{1,2}点)?',
  '\\d{1,2}点(?:\\d{1,2}分?|半|整)?',
  '\\d{1,2}:\\d{2}',
  '\\d+(?:-\\d+)?(?:\\.\\d+)?个?(?:小时|工作日|天|分钟|周|个月|星期)(?:之内|以内|内|之后|以后|后)',
  '半(?:个)?小时(?:之内|以内|内|之后|以后|后)',
].join('|');

const DAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri)';
const MONTH =
  '(?:january|february|march|april|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|may(?=\\s+\\d))';

const ENGLISH_TIME = [
  `\\b(?:today|tonight|tomorrow|this (?:morning|afternoon|evening|week)|next week|${DAY})\\b`,
  '\\b(?:end of (?:the )?(?:day|week|month)|eod|cob|noon|midday)\\b',
  '\\b\\d{1,2}(?::\\d{2})?\\s?(?:am|pm|a\\.m\\.|p\\.m\\.)',
  "\\b\\d{1,2} o'clock\\b",
  '\\bat \\d{1,2}(?::\\d{2})?\\b',
  '\\b(?:within|in) (?:the next )?\\d+ (?:business |working )?(?:hours?|days?|minutes?|weeks?)\\b',
  `\\b${MONTH}\\.? \\d{1,2}(?:st|nd|rd|th)?\\b`,
  `\\b\\d{1,2}(?:st|nd|rd|th)(?: of ${MONTH})?\\b`,
].join('|');

const CONCRETE_TIME = new RegExp(`${CHINESE_TIME}|${ENGLISH_TIME}`, 'g');

/** Returns the first concrete time expression inside `range` of the text, or null. */
export function findConcreteTime(text: string, range: Span): Span | null {
  CONCRETE_TIME.lastIndex = range.start;
  const match = CONCRETE_TIME.exec(text);
  if (match === null || match.index >= range.end) {
    return null;
  }
  return { start: match.index, end: match.index + match[0].length };
}

/** True when `range` of the text contains a concrete time expression. */
export function hasConcreteTime(text: string, range: Span): boolean {
  return findConcreteTime(text, range) !== null;
}

// Pleasantries mention times without planning anything ("thanks for your time today").
const PLEASANTRY =
  /\bthanks? (?:you )?for (?:your|the) time today\b|\bhave a (?:good|great|nice) (?:day|weekend|week|afternoon|evening)\b|今天(?:就)?(?:先)?(?:到这|聊到这|辛苦)|周末愉快|感谢您今天/g;

/** Returns the text with pleasantries that mention a time blanked out, keeping offsets. */
export function withoutPleasantries(text: string): string {
  return text.replace(PLEASANTRY, (pleasantry) => ' '.repeat(pleasantry.length));
}
