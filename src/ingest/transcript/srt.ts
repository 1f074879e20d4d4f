/**
 * Imports SRT transcripts. Speakers come from a "Name:" or "Name：" label at
 * the start of a cue line. Formatting tags (`<i>`, `<font …>`, `{\an8}`) are dropped.
 */
import type { Transcript } from '../../domain/transcript.js';
import type { ParseContext } from './context.js';
import { failTranscript } from './context.js';
import { parseTimingLine, splitBlocks, splitLines } from './cue-blocks.js';
import { TurnCollector } from './cue-turns.js';

const CUE_NUMBER = /^\s*\d{1,9}\s*$/;
// HTML-like tags and ASS override blocks, bounded so a stray "<" or "{" cannot make the scan quadratic.
const FORMATTING_TAG = /<\/?[a-zA-Z][^<>\n]{0,200}>|\{\\[^{}\n]{0,200}\}/g;

/** Parses SRT text into a transcript. `callEnded` is true because an imported file covers the whole call. */
export function parseSrt(text: string, context: ParseContext): Transcript {
  const collector = new TurnCollector(context);

  for (const block of splitBlocks(splitLines(text), 0)) {
    const [first, second] = block.lines as [string, string | undefined];
    // The cue number is required by the format but some tools leave it out.
    const timingOffset = CUE_NUMBER.test(first) ? 1 : 0;
    const timingLine = timingOffset === 0 ? first : second;
    const lineNumber = block.firstLineNumber + timingOffset;
    const timing = timingLine === undefined ? null : parseTimingLine(timingLine);
    if (timing === null) {
      failTranscript(context, {
        en: `line ${lineNumber}: expected a cue timing line such as "00:00:01,000 --> 00:00:04,000"`,
        zh: `第 ${lineNumber} 行：应为时间轴行，例如 "00:00:01,000 --> 00:00:04,000"`,
      });
    }
    if (timing.endMs < timing.startMs) {
      failTranscript(context, {
        en: `line ${lineNumber}: the cue ends before it starts`,
        zh: `第 ${lineNumber} 行：字幕的结束时间早于开始时间`,
      });
    }

    const lines = block.lines.slice(timingOffset + 1).map((line) => line.replace(FORMATTING_TAG, ''));
    collector.addCue([{ speaker: null, lines }], timing.startMs, timing.endMs, lineNumber);
  }
  return collector.finish(true);
}
