/**
 * Normalises one turn's text for the detectors: full-width to half-width,
 * Traditional to Simplified, Latin to lower case, fillers removed and numbers
 * as digits without thousands separators. The result keeps an offset map, so
 * a match in normalised text is reported as a span of the original text. It
 * does not tokenise.
 */

import type { Span } from '../domain/pitfalls.js';
import { findChineseNumeralEdits } from './chinese-numerals.js';
import { findDigitGroupEdits } from './digit-groups.js';
import { findEnglishNumeralEdits } from './english-numerals.js';
import { findFillers } from './fillers.js';
import { foldScript } from './script-fold.js';
import { applyEdits } from './text-edits.js';
import type { MappedText, TextEdit } from './text-edits.js';

/** Normalised text of one turn with a way back to the original. */
export interface NormalisedText {
  /** The turn text as spoken or transcribed. */
  readonly original: string;
  /** The normalised text that detectors match against. */
  readonly text: string;
  /**
   * Maps a range of `text` (end exclusive) to the smallest range of `original`
   * that produced it. An empty range maps to an empty span at that position.
   */
  toOriginal(start: number, end: number): Span;
}

class MappedNormalisedText implements NormalisedText {
  readonly original: string;
  readonly text: string;
  private readonly originalStarts: Int32Array | null;
  private readonly originalEnds: Int32Array | null;

  constructor(original: string, mapped: MappedText) {
    this.original = original;
    this.text = mapped.text;
    this.originalStarts = mapped.originalStarts;
    this.originalEnds = mapped.originalEnds;
  }

  toOriginal(start: number, end: number): Span {
    const length = this.text.length;
    const from = Math.min(Math.max(start, 0), length);
    const to = Math.min(Math.max(end, from), length);
    if (to === from) {
      const position = from < length ? this.startOf(from) : this.original.length;
      return { start: position, end: position };
    }
    return { start: this.startOf(from), end: this.endOf(to - 1) };
  }

  private startOf(index: number): number {
    return this.originalStarts === null ? index : (this.originalStarts[index] as number);
  }

  private endOf(index: number): number {
    return this.originalEnds === null ? index + 1 : (this.originalEnds[index] as number);
  }
}

const HAS_HAN_NUMERAL = /[零〇一二两三四五六七八九十百千万亿]/;
const HAS_LATIN = /[a-z]/;
const HAS_DIGIT_GROUP = /\d,\d/;

function mergeEdits(first: TextEdit[], second: TextEdit[]): TextEdit[] {
  if (second.length === 0) {
    return first;
  }
  if (first.length === 0) {
    return second;
  }
  // Chinese and English numerals never overlap, because they match different scripts.
  return [...first, ...second].sort((a, b) => a.start - b.start);
}

/** Normalises the text of one turn with the steps that the module comment lists. */
export function normaliseText(original: string): NormalisedText {
  const folded = foldScript(original);
  const withoutFillers = applyEdits(folded, findFillers(folded.text));
  const ungrouped = HAS_DIGIT_GROUP.test(withoutFillers.text) ? applyEdits(withoutFillers, findDigitGroupEdits(withoutFillers.text)) : withoutFillers;

  const text = ungrouped.text;
  const chineseEdits = HAS_HAN_NUMERAL.test(text) ? findChineseNumeralEdits(text) : [];
  const englishEdits = HAS_LATIN.test(text) ? findEnglishNumeralEdits(text) : [];
  const normalised = applyEdits(ungrouped, mergeEdits(chineseEdits, englishEdits));

  return new MappedNormalisedText(original, normalised);
}
