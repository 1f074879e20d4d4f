/**
 * Shared parts of the transcript parsers: the size limits, the error they
 * throw, and the final assembly of parsed turns into a `Transcript`.
 */
import type { Transcript, Turn } from '../../domain/transcript.js';
import { CallscoreError } from '../../errors/registry.js';
import { displayFilename } from '../filename.js';
import { reasonParams } from '../reason.js';
import type { Reason } from '../reason.js';

/** Size limits applied to an imported transcript. */
export interface TranscriptLimits {
  /** Maximum number of turns after consecutive cues of one speaker are merged. */
  maxTurns: number;
  /** Maximum length of one turn's text in UTF-16 code units. */
  maxTurnChars: number;
  /** Latest time a turn may start or end, in ms from the call start. */
  maxTimeMs: number;
}

/**
 * Default limits: 20,000 turns, 10,000 characters per turn, and times up to
 * 24 hours. At an estimated 4 characters per second, a turn of 10,000
 * characters is about 40 minutes of Mandarin speech. The time limit keeps
 * one file with an absurd end time from outweighing every other call of a
 * deal, whose behavior score is weighted by call length.
 */
export const DEFAULT_TRANSCRIPT_LIMITS: TranscriptLimits = { maxTurns: 20_000, maxTurnChars: 10_000, maxTimeMs: 24 * 60 * 60 * 1000 };

/** The format being parsed, the user's filename and the limits, passed to every parser step. */
export interface ParseContext {
  /** Format name shown in messages: JSON, WebVTT or SRT. */
  format: string;
  filename: string;
  limits: TranscriptLimits;
}

/** Throws CS_ERR_TRANSCRIPT_INVALID for the file in `context` with `reason`. */
export function failTranscript(context: ParseContext, reason: Reason): never {
  throw new CallscoreError('CS_ERR_TRANSCRIPT_INVALID', {
    filename: displayFilename(context.filename),
    format: context.format,
    ...reasonParams(reason),
  });
}

/** Throws when more than the maximum number of turns were read. Parsers call it as they go. */
export function checkTurnCount(context: ParseContext, count: number): void {
  if (count > context.limits.maxTurns) {
    failTranscript(context, {
      en: `it has more than ${context.limits.maxTurns} turns, the maximum per call`,
      zh: `发言轮次超过每通电话的上限 ${context.limits.maxTurns}`,
    });
  }
}

/**
 * Checks the limits and builds the transcript. `where` names each turn's
 * position in the file for messages, such as "turns[3]" or "line 12".
 * `rolesKnown` is true when every turn is from the rep or the customer.
 */
export function buildTranscript(
  context: ParseContext,
  turns: Turn[],
  where: (index: number) => string,
  callEnded: boolean,
): Transcript {
  checkTurnCount(context, turns.length);
  if (turns.length === 0) {
    failTranscript(context, { en: 'it contains no turns', zh: '文件中没有任何发言' });
  }

  turns.forEach((turn, index) => {
    if (turn.text.length > context.limits.maxTurnChars) {
      failTranscript(context, {
        en: `the turn at ${where(index)} has ${turn.text.length} characters, more than the maximum of ${context.limits.maxTurnChars}`,
        zh: `${where(index)} 处的发言有 ${turn.text.length} 个字符，超过上限 ${context.limits.maxTurnChars}`,
      });
    }
    if (turn.text.includes('\u0000')) {
      failTranscript(context, {
        en: `the turn at ${where(index)} contains a NUL character (U+0000); remove it and upload again`,
        zh: `${where(index)} 处的发言包含 NUL 字符（U+0000）；请删除后重新上传`,
      });
    }
    const latest = Math.max(turn.startMs ?? 0, turn.endMs ?? 0);
    if (latest > context.limits.maxTimeMs) {
      failTranscript(context, {
        en: `the turn at ${where(index)} ends at ${latest} ms, later than the maximum of ${context.limits.maxTimeMs} ms; give times in milliseconds from the call start`,
        zh: `${where(index)} 处的发言时间为 ${latest} 毫秒，超过上限 ${context.limits.maxTimeMs} 毫秒；时间应为距通话开始的毫秒数`,
      });
    }
  });

  const rolesKnown = turns.every((turn) => turn.speaker === 'rep' || turn.speaker === 'customer');
  return { turns, rolesKnown, callEnded };
}
