/**
 * The per-call view that every detector reads: each turn normalised once,
 * its language and whether it is a backchannel, plus the resolved settings
 * and glossary. Building it is the only per-turn text work of an analysis.
 */

import type { PitfallType } from '../domain/pitfalls.js';
import type { SpeakerRole, Transcript } from '../domain/transcript.js';
import { isBackchannel } from '../nlu/backchannel.js';
import { detectLanguage } from '../nlu/language.js';
import type { TurnLanguage } from '../nlu/language.js';
import { normaliseText } from '../nlu/normalise.js';
import type { NormalisedText } from '../nlu/normalise.js';
import { compileGlossary } from './glossary.js';
import type { CompiledGlossary } from './glossary.js';
import type { DetectionSettings } from './settings.js';

/** One turn as the detectors see it. */
export interface TurnView {
  index: number;
  speaker: SpeakerRole;
  /** Normalised text with the map back to the original. */
  norm: NormalisedText;
  /** Shortcut for `norm.text`. */
  text: string;
  language: TurnLanguage;
  /** True when the turn consists only of listener responses such as 嗯 or OK. */
  backchannel: boolean;
  startMs: number | undefined;
  endMs: number | undefined;
  /** Speech of the other channel during this turn, measured from the audio of a stereo call, in milliseconds. */
  overlapMs: number | undefined;
}

/** Everything a detector needs to judge one call. */
export interface DetectionContext {
  transcript: Transcript;
  settings: DetectionSettings;
  glossary: CompiledGlossary;
  turns: TurnView[];
  /** True when every turn has both `startMs` and `endMs`. */
  timed: boolean;
  /**
   * Pitfall types whose phrase matched in a turn but which the rules' context
   * checks (negation, a source, the customer's own words) ruled out, by turn
   * index. The learned layer adds no finding of such a type to such a turn.
   */
  ruledOut: Map<number, Set<PitfallType>>;
}

/** Normalises every turn and compiles the glossary for one analysis. */
export function buildDetectionContext(transcript: Transcript, settings: DetectionSettings): DetectionContext {
  let timed = transcript.turns.length > 0;
  const turns = transcript.turns.map((turn, index): TurnView => {
    const norm = normaliseText(turn.text);
    if (turn.startMs === undefined || turn.endMs === undefined) {
      timed = false;
    }
    return {
      index,
      speaker: turn.speaker,
      norm,
      text: norm.text,
      language: detectLanguage(norm.text),
      backchannel: isBackchannel(norm.text),
      startMs: turn.startMs,
      endMs: turn.endMs,
      overlapMs: turn.overlapMs,
    };
  });
  return { transcript, settings, glossary: compileGlossary(settings.glossary), turns, timed, ruledOut: new Map() };
}

/**
 * True when a turn may carry a rep pitfall: a rep turn, or any turn of a call
 * whose speaker roles are unknown, where phrase-level detectors run on every turn.
 */
export function canCarryRepPitfall(context: DetectionContext, turn: TurnView): boolean {
  return context.transcript.rolesKnown ? turn.speaker === 'rep' : true;
}

/** True when the turn was spoken by the customer in a call with known roles. */
export function isCustomerTurn(context: DetectionContext, turn: TurnView): boolean {
  return context.transcript.rolesKnown && turn.speaker === 'customer';
}
