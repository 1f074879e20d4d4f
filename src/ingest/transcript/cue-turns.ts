/**
 * Turns the cues of a subtitle file (WebVTT or SRT) into transcript turns.
 * It splits cue text at speaker labels, joins lines, and merges consecutive
 * cues of one speaker into one turn. Subtitle tools cut a long utterance into
 * many short cues, while a turn is one speaker's whole stretch of speech.
 */
import type { SpeakerRole, Transcript, Turn } from '../../domain/transcript.js';
import { sanitizeDisplayText } from '../filename.js';
import type { Reason } from '../reason.js';
import { buildTranscript, checkTurnCount, failTranscript } from './context.js';
import type { ParseContext } from './context.js';
import { ACCEPTED_SPEAKER_NAMES, roleForSpeakerName, splitSpeakerLabel } from './speakers.js';

/** Part of a cue's text: with a known speaker (a WebVTT voice), or null to split it at speaker labels. */
export interface CuePart {
  speaker: SpeakerRole | null;
  lines: string[];
}

// Han, kana, Hangul, CJK punctuation and full-width forms: text in these
// scripts is written without spaces, so lines are joined without one.
const CJK_CHARACTER = /[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/;

/** Collects the turns of one subtitle file in order. */
export class TurnCollector {
  private readonly context: ParseContext;
  private readonly turns: Turn[] = [];
  private readonly lineNumbers: number[] = [];
  private unrecognisedLabel: { name: string; lineNumber: number } | null = null;

  constructor(context: ParseContext) {
    this.context = context;
  }

  /**
   * Adds one cue whose timing line is `lineNumber` (1-based). A cue that
   * yields one turn keeps its times. A cue that yields several turns (a
   * dialogue cue such as "- Rep: …" / "- 客户：…") gives them no times,
   * because the file does not say where one speaker stops.
   */
  addCue(parts: CuePart[], startMs: number, endMs: number, lineNumber: number): void {
    const drafts = parts.flatMap((part) => (part.speaker === null ? this.splitAtLabels(part.lines, lineNumber) : [part]));
    const spoken = drafts
      .map((draft) => ({ speaker: draft.speaker ?? 'unknown', text: joinLines(draft.lines) }))
      .filter((draft) => draft.text !== '');

    for (const draft of spoken) {
      const turn: Turn = spoken.length === 1 ? { ...draft, startMs, endMs } : { ...draft };
      this.push(turn, lineNumber);
    }
  }

  /**
   * Returns the transcript. Throws when a cue starts with a label that is not
   * an accepted speaker name in a file where other cues name a speaker.
   */
  finish(callEnded: boolean): Transcript {
    const label = this.unrecognisedLabel;
    if (label !== null && this.turns.some((turn) => turn.speaker !== 'unknown')) {
      failTranscript(this.context, unknownSpeakerReason(label.name, label.lineNumber));
    }
    return buildTranscript(this.context, this.turns, (index) => `line ${this.lineNumbers[index]}`, callEnded);
  }

  private splitAtLabels(lines: string[], lineNumber: number): CuePart[] {
    const parts: CuePart[] = [];
    let current: CuePart | null = null;

    for (const [index, line] of lines.entries()) {
      const label = splitSpeakerLabel(line);
      const role = label === null ? null : roleForSpeakerName(label.name);
      if (label !== null && role !== null) {
        current = { speaker: role, lines: [label.text] };
        parts.push(current);
        continue;
      }
      if (label !== null && index === 0 && this.unrecognisedLabel === null) {
        this.unrecognisedLabel = { name: label.name, lineNumber };
      }
      if (current === null) {
        current = { speaker: 'unknown', lines: [] };
        parts.push(current);
      }
      current.lines.push(line);
    }
    return parts;
  }

  private push(turn: Turn, lineNumber: number): void {
    const previous = this.turns[this.turns.length - 1];
    if (previous === undefined || previous.speaker !== turn.speaker || turn.speaker === 'unknown') {
      this.turns.push(turn);
      this.lineNumbers.push(lineNumber);
      checkTurnCount(this.context, this.turns.length);
      return;
    }

    previous.text = joinText(previous.text, turn.text);
    // Merged cues stop growing at the limit, so a hostile file cannot build one huge turn.
    if (previous.text.length > this.context.limits.maxTurnChars) {
      failTranscript(this.context, turnTooLongReason(this.context, this.lineNumbers[this.lineNumbers.length - 1]!));
    }
    if (previous.startMs !== undefined && turn.endMs !== undefined) {
      previous.endMs = turn.endMs;
    } else {
      delete previous.startMs;
      delete previous.endMs;
    }
  }
}

/** Returns the reason for rejecting a speaker name, listing the accepted names. */
export function unknownSpeakerReason(name: string, lineNumber: number): Reason {
  const displayedName = sanitizeDisplayText(name, 40);
  return {
    en: `line ${lineNumber}: the speaker "${displayedName}" is not recognised. Name speakers ${ACCEPTED_SPEAKER_NAMES}`,
    zh: `第 ${lineNumber} 行：无法识别说话人 "${displayedName}"。说话人须为 ${ACCEPTED_SPEAKER_NAMES} 之一`,
  };
}

/** Joins text lines into one line, with a space between them except between CJK characters. */
export function joinLines(lines: string[]): string {
  return lines.reduce((joined, line) => joinText(joined, line.replace(/\s+/g, ' ').trim()), '');
}

function turnTooLongReason(context: ParseContext, lineNumber: number): Reason {
  const limit = context.limits.maxTurnChars;
  return {
    en: `the turn that starts at line ${lineNumber} has more than ${limit} characters, the maximum per turn`,
    zh: `从第 ${lineNumber} 行开始的发言超过每轮上限 ${limit} 个字符`,
  };
}

// Both sides are already trimmed with single spaces.
function joinText(left: string, right: string): string {
  if (left === '' || right === '') {
    return left + right;
  }
  const bothCjk = CJK_CHARACTER.test(left[left.length - 1]!) && CJK_CHARACTER.test(right[0]!);
  return bothCjk ? left + right : `${left} ${right}`;
}
