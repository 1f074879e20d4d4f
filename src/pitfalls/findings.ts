/**
 * Builds findings from matches in normalised text: the span is mapped back
 * to the original turn text and the severity comes from the settings.
 */

import { DEFAULT_SEVERITY } from '../domain/pitfalls.js';
import type { Evidence, Finding, PitfallType, Severity } from '../domain/pitfalls.js';
import type { DetectionContext, TurnView } from './context.js';
import type { DetectionSettings } from './settings.js';

/** Returns the severity of a pitfall type after the team's overrides. */
export function severityOf(settings: DetectionSettings, type: PitfallType): Severity {
  return settings.severityOverrides[type] ?? DEFAULT_SEVERITY[type];
}

/** A finding before its span is mapped: offsets are in the turn's normalised text. */
export interface FindingCandidate {
  turn: TurnView;
  start: number;
  end: number;
  confidence: number;
  evidence: Evidence[];
}

function roundConfidence(confidence: number): number {
  return Math.round(Math.min(1, Math.max(0, confidence)) * 100) / 100;
}

/** Turns a candidate into a finding anchored on the original turn text. */
export function createFinding(context: DetectionContext, type: PitfallType, candidate: FindingCandidate): Finding {
  return {
    type,
    severity: severityOf(context.settings, type),
    turnIndex: candidate.turn.index,
    span: candidate.turn.norm.toOriginal(candidate.start, candidate.end),
    confidence: roundConfidence(candidate.confidence),
    evidence: candidate.evidence,
  };
}

/** Returns the span covering a whole turn, for call-level and timing findings. */
export function wholeTurn(turn: TurnView): { start: number; end: number } {
  return { start: 0, end: turn.text.length };
}
