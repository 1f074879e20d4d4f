/**
 * Splits subtitle text (WebVTT or SRT) into blocks of non-blank lines and
 * parses cue timestamps. Both formats separate cues by blank lines.
 */

/** Consecutive non-blank lines and the 1-based number of the first one. */
export interface LineBlock {
  lines: string[];
  firstLineNumber: number;
}

/** A cue's start and end in milliseconds. */
export interface CueTiming {
  startMs: number;
  endMs: number;
}

/** Returns the blocks of non-blank lines of `text`, from line index `fromLine` (0-based) on. */
export function splitBlocks(lines: string[], fromLine: number): LineBlock[] {
  const blocks: LineBlock[] = [];
  let current: LineBlock | null = null;
  for (let index = fromLine; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (line.trim() === '') {
      current = null;
      continue;
    }
    if (current === null) {
      current = { lines: [], firstLineNumber: index + 1 };
      blocks.push(current);
    }
    current.lines.push(line);
  }
  return blocks;
}

/** Splits text into lines at CRLF, LF or CR, after removing a byte order mark. */
export function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

// The form is [hours:]minutes:seconds<separator>fraction. Bounded repetitions keep the match linear.
const TIMESTAMP = '(?:(\\d{1,9}):)?(\\d{1,2}):(\\d{1,2})[.,](\\d{1,3})';
const TIMING_LINE = new RegExp(`^\\s*${TIMESTAMP}[ \\t]*-->[ \\t]*${TIMESTAMP}(?:[ \\t].*)?$`);

/**
 * Parses a timing line such as "00:01:02.500 --> 00:01:04.000" (WebVTT,
 * hours optional) or "00:01:02,500 --> 00:01:04,000" (SRT). Returns null when
 * the line does not match or minutes or seconds exceed 59.
 */
export function parseTimingLine(line: string): CueTiming | null {
  const match = TIMING_LINE.exec(line);
  if (match === null) {
    return null;
  }
  const startMs = timestampMs(match.slice(1, 5));
  const endMs = timestampMs(match.slice(5, 9));
  if (startMs === null || endMs === null) {
    return null;
  }
  return { startMs, endMs };
}

function timestampMs([hours, minutes, seconds, fraction]: (string | undefined)[]): number | null {
  const m = Number(minutes);
  const s = Number(seconds);
  if (m > 59 || s > 59) {
    return null;
  }
  // "5" after the separator is 500 ms, so pad the fraction on the right.
  const ms = Number((fraction ?? '0').padEnd(3, '0'));
  return ((Number(hours ?? '0') * 60 + m) * 60 + s) * 1000 + ms;
}
