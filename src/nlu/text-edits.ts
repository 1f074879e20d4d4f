/**
 * Applies replacements to a text while keeping, for every character of the
 * result, the range of the original text it came from. Normalisation steps
 * chain these edits so a match in normalised text can be highlighted in the
 * original turn.
 */

/** One replacement of `text.slice(start, end)`; an empty `replacement` deletes the range. */
export interface TextEdit {
  start: number;
  end: number;
  replacement: string;
}

/**
 * A text with, for each of its UTF-16 code units, the start and end (exclusive)
 * of the original range it was derived from. Null arrays mean the identity map.
 */
export interface MappedText {
  text: string;
  originalStarts: Int32Array | null;
  originalEnds: Int32Array | null;
}

/** Wraps an original text in an identity map. */
export function identityMapped(text: string): MappedText {
  return { text, originalStarts: null, originalEnds: null };
}

function originalStartOf(source: MappedText, index: number): number {
  return source.originalStarts === null ? index : (source.originalStarts[index] as number);
}

function originalEndOf(source: MappedText, index: number): number {
  return source.originalEnds === null ? index + 1 : (source.originalEnds[index] as number);
}

/**
 * Applies edits (sorted by start, non-overlapping) and returns the new text
 * with composed offsets. Every character of a replacement maps to the whole
 * original range of the text it replaced.
 */
export function applyEdits(source: MappedText, edits: readonly TextEdit[]): MappedText {
  if (edits.length === 0) {
    return source;
  }

  let length = source.text.length;
  for (const edit of edits) {
    length += edit.replacement.length - (edit.end - edit.start);
  }
  const starts = new Int32Array(length);
  const ends = new Int32Array(length);
  const pieces: string[] = [];

  let out = 0;
  let cursor = 0;
  for (const edit of edits) {
    for (let i = cursor; i < edit.start; i++, out++) {
      starts[out] = originalStartOf(source, i);
      ends[out] = originalEndOf(source, i);
    }
    pieces.push(source.text.slice(cursor, edit.start), edit.replacement);

    if (edit.replacement.length > 0) {
      const rangeStart = originalStartOf(source, edit.start);
      const rangeEnd = edit.end > edit.start ? originalEndOf(source, edit.end - 1) : rangeStart;
      for (let k = 0; k < edit.replacement.length; k++, out++) {
        starts[out] = rangeStart;
        ends[out] = rangeEnd;
      }
    }
    cursor = edit.end;
  }
  for (let i = cursor; i < source.text.length; i++, out++) {
    starts[out] = originalStartOf(source, i);
    ends[out] = originalEndOf(source, i);
  }
  pieces.push(source.text.slice(cursor));

  return { text: pieces.join(''), originalStarts: starts, originalEnds: ends };
}
