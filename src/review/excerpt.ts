/**
 * The excerpt a review queue item shows: the finding's span with some
 * context on either side, cut from the masked turn text that the call view
 * shows, so the queue never reveals what masking removed.
 */

/** Characters of context kept before and after the span. */
export const EXCERPT_CONTEXT_CHARS = 40;

const ELLIPSIS = '…';

/**
 * Returns the span of `text` from `start` to `end` (end exclusive, in UTF-16
 * units as detectors record spans) with up to EXCERPT_CONTEXT_CHARS on each
 * side, marking cut ends with an ellipsis. Out-of-range spans are clamped.
 */
export function excerptAround(text: string, start: number, end: number): string {
  const spanStart = Math.max(0, Math.min(start, text.length));
  const spanEnd = Math.max(spanStart, Math.min(end, text.length));
  const from = Math.max(0, spanStart - EXCERPT_CONTEXT_CHARS);
  const to = Math.min(text.length, spanEnd + EXCERPT_CONTEXT_CHARS);

  const body = text.slice(from, to);
  return `${from > 0 ? ELLIPSIS : ''}${body}${to < text.length ? ELLIPSIS : ''}`;
}
