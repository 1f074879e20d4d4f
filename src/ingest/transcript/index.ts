/**
 * Imports a transcript uploaded instead of a recording (JSON, WebVTT or SRT)
 * as the same `Transcript` that speech recognition produces.
 */
import type { Transcript } from '../../domain/transcript.js';
import type { UploadKind } from '../types.js';
import { DEFAULT_TRANSCRIPT_LIMITS } from './context.js';
import type { ParseContext, TranscriptLimits } from './context.js';
import { parseJsonTranscript } from './json.js';
import { parseSrt } from './srt.js';
import { parseVtt } from './vtt.js';

export { DEFAULT_TRANSCRIPT_LIMITS } from './context.js';
export type { TranscriptLimits } from './context.js';
export { ACCEPTED_SPEAKER_NAMES, CUSTOMER_SPEAKER_NAMES, REP_SPEAKER_NAMES } from './speakers.js';
export { decodeTranscriptBytes } from './text-encoding.js';

/** Upload kinds that are transcripts. */
export type TranscriptKind = Exclude<UploadKind, 'audio'>;

const PARSERS: Record<TranscriptKind, { format: string; parse: (text: string, context: ParseContext) => Transcript }> = {
  'transcript-json': { format: 'JSON', parse: parseJsonTranscript },
  'transcript-vtt': { format: 'WebVTT', parse: parseVtt },
  'transcript-srt': { format: 'SRT', parse: parseSrt },
};

/**
 * Parses transcript text of the given kind. `filename` is the user's name
 * for the file, used only in messages. Throws CS_ERR_TRANSCRIPT_INVALID
 * naming the position (JSON path or line) and the fix. It throws no other error.
 * `rolesKnown` is true when every turn is from the rep or the customer, and
 * `callEnded` is true unless a JSON object sets it.
 */
export function parseTranscript(
  text: string,
  kind: TranscriptKind,
  filename: string,
  limits: TranscriptLimits = DEFAULT_TRANSCRIPT_LIMITS,
): Transcript {
  const { format, parse } = PARSERS[kind];
  return parse(text, { format, filename, limits });
}
