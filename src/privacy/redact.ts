/**
 * Masks detected personal data. Each item is replaced by a placeholder of
 * its kind ([手机号] in Chinese text, [phone] in English text), and the
 * result lists every replacement with its kind and its span in the masked
 * text, so a page can mark it. Used on turns before they are stored, on
 * finding evidence, and on every log line.
 */
import type { Turn } from '../domain/transcript.js';
import { findPersonalData } from './detect.js';
import { placeholderFor, type PiiKind } from './kinds.js';

/** One masked item: its kind and the placeholder's span in the masked text, end exclusive. */
export interface Redaction {
  kind: PiiKind;
  start: number;
  end: number;
}

/** A masked text and the replacements made in it. */
export interface RedactedText {
  text: string;
  redactions: Redaction[];
}

/** Placeholder language: Chinese or English, or `auto` to pick Chinese when the text contains Han characters. */
export type PlaceholderLanguage = 'zh' | 'en' | 'auto';

const HAN = /\p{Script=Han}/u;

/** Replaces the personal data in `text` with placeholders and lists what was replaced. */
export function redactText(text: string, language: PlaceholderLanguage = 'auto'): RedactedText {
  const matches = findPersonalData(text);
  if (matches.length === 0) return { text, redactions: [] };

  const useChinese = language === 'zh' || (language === 'auto' && HAN.test(text));
  const redactions: Redaction[] = [];
  let output = '';
  let position = 0;
  for (const match of matches) {
    output += text.slice(position, match.start);
    const placeholder = placeholderFor(match.kind, useChinese ? 'zh-CN' : 'en');
    redactions.push({ kind: match.kind, start: output.length, end: output.length + placeholder.length });
    output += placeholder;
    position = match.end;
  }
  output += text.slice(position);
  return { text: output, redactions };
}

/** Turns with their personal data masked, the replacements of each turn, and the original texts. */
export interface RedactedTurns {
  turns: Turn[];
  /** Replacements per turn, index for index with `turns`. */
  redactions: Redaction[][];
  /** Count of turns in which something was masked. */
  changedTurns: number;
}

/** Masks the personal data in every turn; timings and speakers are kept. */
export function redactTurns(turns: readonly Turn[]): RedactedTurns {
  const redacted: Turn[] = [];
  const redactions: Redaction[][] = [];
  let changedTurns = 0;
  for (const turn of turns) {
    const result = redactText(turn.text);
    redacted.push({ ...turn, text: result.text });
    redactions.push(result.redactions);
    if (result.redactions.length > 0) changedTurns++;
  }
  return { turns: redacted, redactions, changedTurns };
}

const MAX_DEPTH = 8;

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function redactError(error: Error, depth: number, seen: WeakSet<object>): Error {
  // The copy keeps the prototype, so serializers still see the error's class and name.
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Error & Record<string, unknown>;
  for (const [key, item] of Object.entries(error)) copy[key] = redactValue(item, depth + 1, seen);
  Object.defineProperty(copy, 'message', { value: redactText(error.message).text, enumerable: false, writable: true });
  if (error.stack) Object.defineProperty(copy, 'stack', { value: redactText(error.stack).text, enumerable: false, writable: true });
  if (error.cause !== undefined) {
    Object.defineProperty(copy, 'cause', { value: redactValue(error.cause, depth + 1, seen), enumerable: false, writable: true });
  }
  return copy;
}

/**
 * Returns a copy of `value` with the personal data in every string masked.
 * Plain objects, arrays and errors are walked, and an error is copied with
 * its prototype, masked message and stack. Numbers, booleans and class
 * instances other than errors are returned unchanged.
 */
export function redactValue(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return redactText(value).text;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);

  if (value instanceof Error) return redactError(value, depth, seen);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
  if (!isPlainObject(value)) return value;

  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = redactValue(item, depth + 1, seen);
  return copy;
}
