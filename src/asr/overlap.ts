/**
 * Measures overlapping speech between the two channels of a stereo call from
 * the VAD segments, so interruptions can be judged from the audio and not
 * only from turn boundaries.
 */

/** A stretch of detected speech on one channel, in milliseconds from the call start. */
export interface SpeechSpan {
  channel: number;
  startMs: number;
  endMs: number;
}

/**
 * Returns, for `span`, the milliseconds during which any span of another
 * channel in `others` is also active. Spans of one channel never overlap
 * each other (the VAD emits them in order), so summing the pairwise
 * intersections counts no millisecond twice.
 */
export function overlapWithOtherChannels(span: SpeechSpan, others: readonly SpeechSpan[]): number {
  let overlap = 0;
  for (const other of others) {
    if (other.channel === span.channel) continue;
    const start = Math.max(span.startMs, other.startMs);
    const end = Math.min(span.endMs, other.endMs);
    if (end > start) overlap += end - start;
  }
  return overlap;
}
