/**
 * Maps the speaker names used in subtitle files (WebVTT voice tags, SRT
 * prefixes such as "Rep:" or "客户：") to transcript roles.
 */
import type { SpeakerRole } from '../../domain/transcript.js';

/** Speaker names read as the sales rep, compared case-insensitively. */
export const REP_SPEAKER_NAMES = ['rep', 'sales', 'agent', '销售', '坐席', '客服'] as const;

/** Speaker names read as the customer, compared case-insensitively. */
export const CUSTOMER_SPEAKER_NAMES = ['customer', 'client', '客户'] as const;

/** All accepted speaker names as a list for messages, e.g. `rep, sales, …, 客户`. */
export const ACCEPTED_SPEAKER_NAMES = [...REP_SPEAKER_NAMES, ...CUSTOMER_SPEAKER_NAMES].join(', ');

const ROLES_BY_NAME = new Map<string, SpeakerRole>([
  ...REP_SPEAKER_NAMES.map((name) => [name, 'rep'] as const),
  ...CUSTOMER_SPEAKER_NAMES.map((name) => [name, 'customer'] as const),
]);

const MAX_LABEL_CHARS = 24;
// A label is a short name that starts with a letter and contains only
// letters, digits, spaces, "-", "_" and ".", such as "Rep", "Speaker 1" or
// "客户经理". Text with other punctuation before a colon ("Well, the price:
// ...") is speech, not a label.
const LABEL_LIKE = /^\p{L}[\p{L}\p{N} ._-]*$/u;

/** A speaker label split off the start of a line. */
export interface SpeakerLabel {
  name: string;
  /** The rest of the line after the colon, trimmed. */
  text: string;
}

/**
 * Returns the role for a speaker name, or null when the name is not one of the
 * accepted names. Full-width letters and case are folded first.
 */
export function roleForSpeakerName(name: string): SpeakerRole | null {
  const folded = name.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
  return ROLES_BY_NAME.get(folded) ?? null;
}

/**
 * Splits a leading "Name:" or "Name：" (full-width colon) off `line`, after
 * an optional dialogue dash "- ". Returns null when the part before the colon
 * is not label-like or longer than 24 characters.
 */
export function splitSpeakerLabel(line: string): SpeakerLabel | null {
  const stripped = line.replace(/^\s*-\s+/, '').trimStart();
  const colon = firstColon(stripped);
  if (colon <= 0 || colon > MAX_LABEL_CHARS) {
    return null;
  }
  const name = stripped.slice(0, colon).trim();
  if (!LABEL_LIKE.test(name)) {
    return null;
  }
  return { name, text: stripped.slice(colon + 1).trim() };
}

function firstColon(text: string): number {
  const ascii = text.indexOf(':');
  const fullWidth = text.indexOf('：');
  if (ascii === -1) {
    return fullWidth;
  }
  return fullWidth === -1 ? ascii : Math.min(ascii, fullWidth);
}
