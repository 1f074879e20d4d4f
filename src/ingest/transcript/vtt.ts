/**
 * Imports WebVTT transcripts. Speakers come from voice tags
 * (`<v Rep>…</v>`, `<v 客户>…`) or, in cues without one, from a leading
 * "Name:" label. Other tags are dropped and character references decoded.
 */
import type { Transcript } from '../../domain/transcript.js';
import type { ParseContext } from './context.js';
import { failTranscript } from './context.js';
import { parseTimingLine, splitBlocks, splitLines } from './cue-blocks.js';
import { TurnCollector, unknownSpeakerReason } from './cue-turns.js';
import type { CuePart } from './cue-turns.js';
import { roleForSpeakerName } from './speakers.js';

const HEADER = /^WEBVTT(?:[ \t]|$)/;
const NON_CUE_BLOCK = /^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/;
const CHARACTER_REFERENCES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  lrm: '',
  rlm: '',
};

/** Parses WebVTT text into a transcript. `callEnded` is true because an imported file covers the whole call. */
export function parseVtt(text: string, context: ParseContext): Transcript {
  const lines = splitLines(text);
  if (!HEADER.test(lines[0] ?? '')) {
    failTranscript(context, {
      en: 'the first line must be "WEBVTT"',
      zh: '第一行必须是 "WEBVTT"',
    });
  }

  // The header runs to the first blank line, and the cues follow it.
  let firstCueLine = 1;
  while (firstCueLine < lines.length && lines[firstCueLine]!.trim() !== '') {
    firstCueLine += 1;
  }

  const collector = new TurnCollector(context);
  for (const block of splitBlocks(lines, firstCueLine)) {
    const [first, second] = block.lines as [string, string | undefined];
    if (NON_CUE_BLOCK.test(first) && !first.includes('-->')) {
      continue;
    }

    // An optional cue identifier line comes before the timing line.
    const timingOffset = first.includes('-->') ? 0 : 1;
    const timingLine = timingOffset === 0 ? first : second;
    const lineNumber = block.firstLineNumber + timingOffset;
    const timing = timingLine === undefined ? null : parseTimingLine(timingLine);
    if (timing === null) {
      // Point at the cue's first line unless the second line has an arrow and is the broken one.
      const badLine = timingLine?.includes('-->') === true ? lineNumber : block.firstLineNumber;
      failTranscript(context, {
        en: `line ${badLine}: expected a cue timing line such as "00:00:01.000 --> 00:00:04.000"`,
        zh: `第 ${badLine} 行：应为时间轴行，例如 "00:00:01.000 --> 00:00:04.000"`,
      });
    }
    if (timing.endMs < timing.startMs) {
      failTranscript(context, {
        en: `line ${lineNumber}: the cue ends before it starts`,
        zh: `第 ${lineNumber} 行：字幕的结束时间早于开始时间`,
      });
    }

    const parts = voiceParts(block.lines.slice(timingOffset + 1).join('\n'), context, lineNumber);
    collector.addCue(parts, timing.startMs, timing.endMs, lineNumber);
  }
  return collector.finish(true);
}

// Splits cue text into spans by voice tag. Text outside any voice span gets
// speaker null, so the collector looks for "Name:" labels in it. The scan
// uses indexOf only, so hostile input cannot make it backtrack.
function voiceParts(payload: string, context: ParseContext, lineNumber: number): CuePart[] {
  const parts: CuePart[] = [];
  let voice: string | null = null;
  let text = '';
  const flush = (): void => {
    if (text.trim() !== '') {
      const speaker = voice === null ? null : roleForSpeakerName(voice);
      if (voice !== null && speaker === null) {
        failTranscript(context, unknownSpeakerReason(voice, lineNumber));
      }
      parts.push({ speaker, lines: decodeReferences(text).split('\n') });
    }
    text = '';
  };

  let position = 0;
  while (position < payload.length) {
    const open = payload.indexOf('<', position);
    const close = open === -1 ? -1 : payload.indexOf('>', open);
    if (open === -1 || close === -1) {
      text += payload.slice(position);
      break;
    }
    text += payload.slice(position, open);
    position = close + 1;

    const tag = payload.slice(open + 1, close);
    if (tag === 'v' || tag.startsWith('v ') || tag.startsWith('v\t') || tag.startsWith('v.')) {
      flush();
      voice = voiceName(tag);
    } else if (tag === '/v') {
      flush();
      voice = null;
    }
  }
  flush();
  return parts;
}

// "v.loud Rep" or "v Rep": the annotation after the tag name and classes.
function voiceName(tag: string): string {
  const space = tag.search(/[ \t]/);
  return space === -1 ? '' : tag.slice(space + 1).trim();
}

function decodeReferences(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g, (reference, name: string) => {
    if (name.startsWith('#')) {
      const codePoint = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : reference;
    }
    return CHARACTER_REFERENCES[name] ?? reference;
  });
}
