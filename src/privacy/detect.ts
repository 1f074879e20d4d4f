/**
 * Detects personal data in one text: e-mail addresses by pattern, and
 * phone, resident ID, bank card and social security numbers by reading
 * every digit run (written or spoken) and checking its length, prefix and
 * check digit. Pure functions; masking is in redact.ts.
 */
import { hasResidentIdShape, isLuhnValid, isValidResidentId } from './checksums.js';
import { findDigitRuns, type DigitGroup, type DigitRun } from './digit-runs.js';
import type { PiiKind, PiiMatch } from './kinds.js';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

// Mainland numbers, optionally after the country code 86 or 0086.
const MAINLAND_MOBILE = /^(?:0086|86)?1[3-9]\d{9}$/;
const MAINLAND_LANDLINE = /^(?:0086|86)?0(?:10|2\d|[3-9]\d{2})[2-9]\d{6,7}$/;
// North American numbering plan: area code and exchange never start with 0 or 1.
const NANP_PHONE = /^1?[2-9]\d{2}[2-9]\d{6}$/;
// Card numbers start with 3 (Amex, JCB), 4 (Visa), 5 (Mastercard), 6 (UnionPay, Discover) or 9 (older
// mainland debit cards). Requiring one of these keeps order numbers that pass Luhn by chance unmasked.
const CARD_PREFIX = /^[34569]/;
const SSN_CONTEXT = /(social security|\bssn\b|社会安全号)/i;

// Maximum digits read as one number: a 19-digit card, or a landline after 0086.
const MAX_NUMBER_DIGITS = 19 + 3;

function isValidSsn(digits: string): boolean {
  const area = Number(digits.slice(0, 3));
  const group = Number(digits.slice(3, 5));
  const serial = Number(digits.slice(5));
  return area !== 0 && area !== 666 && area < 900 && group !== 0 && serial !== 0;
}

const RESIDENT_ID_CONTEXT = /身份证|证件|身份号|\bid\b|identity/i;

interface Candidate {
  digits: string;
  groupLengths: number[];
  plus: boolean;
  contextBefore: string;
}

function classify(candidate: Candidate): PiiKind | null {
  const { digits, groupLengths } = candidate;
  if (digits.length === 18 && isValidResidentId(digits)) return 'resident_id';
  if (digits.includes('X')) return null;

  const usStyle = groupLengths.join(',') === '1,3,3,4' || groupLengths.join(',') === '3,3,4';
  if (NANP_PHONE.test(digits) && usStyle) return 'phone';
  if (MAINLAND_MOBILE.test(digits)) return 'mobile';
  if (MAINLAND_LANDLINE.test(digits)) return 'landline';
  if (digits.length === 9 && isValidSsn(digits)) {
    if (groupLengths.join(',') === '3,2,4' || SSN_CONTEXT.test(candidate.contextBefore)) return 'ssn';
  }
  // A bare ten-digit run is too often a date or a reference, so an unprefixed US number needs its usual grouping or spoken digits.
  const spokenStyle = groupLengths.length >= 4 && groupLengths.every((length) => length <= 3);
  if (NANP_PHONE.test(digits) && spokenStyle) return 'phone';
  if (candidate.plus && digits.length >= 8 && digits.length <= 15) return 'phone';
  if (digits.length >= 13 && digits.length <= 19 && CARD_PREFIX.test(digits) && isLuhnValid(digits)) return 'bank_card';
  // A wrong check character may be a misheard digit, so the shape counts where the words say it is an ID.
  if (digits.length === 18 && hasResidentIdShape(digits) && RESIDENT_ID_CONTEXT.test(candidate.contextBefore)) return 'resident_id';
  return null;
}

function candidateOf(text: string, run: DigitRun, from: number, to: number): Candidate {
  const groups = run.groups.slice(from, to + 1);
  const first = groups[0]!;
  return {
    digits: groups.map((group) => group.digits).join(''),
    groupLengths: groups.map((group) => group.digits.length),
    plus: from === 0 && run.plus,
    contextBefore: text.slice(Math.max(0, first.start - 40), first.start),
  };
}

function digitCount(groups: DigitGroup[], from: number, to: number): number {
  let count = 0;
  for (let i = from; i <= to; i++) count += groups[i]!.digits.length;
  return count;
}

/**
 * Reads each run from the left and takes the longest stretch of whole
 * groups that classifies, so "2026-11-03 13812345678" still yields the
 * mobile number after the date.
 */
function matchRun(text: string, run: DigitRun): PiiMatch[] {
  const matches: PiiMatch[] = [];
  const groups = run.groups;
  let from = 0;
  while (from < groups.length) {
    let to = from;
    while (to + 1 < groups.length && digitCount(groups, from, to + 1) <= MAX_NUMBER_DIGITS) to++;

    let matched = false;
    for (; to >= from; to--) {
      const kind = classify(candidateOf(text, run, from, to));
      if (kind === null) continue;
      let start = from === 0 && run.plus ? groups[0]!.start - 1 : groups[from]!.start;
      const end = groups[to]!.end;
      // An area code in brackets, "(415) 555-2671", is masked with its opening bracket.
      if ('(（'.includes(text[start - 1] ?? '-') && /[)）]/.test(text.slice(start, end))) start--;
      matches.push({ kind, start, end });
      from = to + 1;
      matched = true;
      break;
    }
    if (!matched) from++;
  }
  return matches;
}

/** Finds the personal data in `text`, ordered by position and never overlapping. */
export function findPersonalData(text: string): PiiMatch[] {
  const matches: PiiMatch[] = [];
  for (const email of text.matchAll(EMAIL)) {
    matches.push({ kind: 'email', start: email.index, end: email.index + email[0].length });
  }

  const insideEmail = (match: PiiMatch) => matches.some((email) => match.start < email.end && email.start < match.end);
  const numbers = findDigitRuns(text).flatMap((run) => matchRun(text, run)).filter((match) => !insideEmail(match));

  return [...matches, ...numbers].sort((a, b) => a.start - b.start);
}
