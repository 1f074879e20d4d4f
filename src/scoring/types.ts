/**
 * Result types of the scoring stage. Every score carries what a coach needs
 * to audit it: its data sources, its formula with the numbers filled in, and its inputs.
 */

import type { HandlingDepth, ObjectionType, PitfallType, Severity } from '../domain/pitfalls.js';
import type { LocalizedText } from '../i18n/catalog.js';

/** Codes of the reasons why a score is null. */
export type NullScoreCode = 'not_computed' | 'no_scored_calls' | 'layers_missing' | 'no_contract' | 'no_requirements' | 'no_intent_tags';

/** Codes of the caveats attached to a score that was computed. */
export type ScoreNoteCode =
  | 'no_objections'
  | 'roles_unknown'
  | 'detectors_skipped'
  | 'no_rep_turns'
  | 'floored'
  | 'duration_imputed'
  | 'equal_weights'
  | 'no_customer_pains';

/** A machine-readable code with its explanation in both locales. */
export interface ScoreReason<Code extends string = NullScoreCode | ScoreNoteCode> extends LocalizedText {
  code: Code;
}

/** Points deducted by one finding. `points` is negative. */
export interface FindingContribution {
  kind: 'finding';
  type: PitfallType;
  severity: Severity;
  turnIndex: number;
  /** 1 for the first finding of this type in the call, 2 for the first repeat, and so on. */
  occurrence: number;
  points: number;
}

/** Points deducted by one objection handled below depth 4. `points` is negative. */
export interface ObjectionContribution {
  kind: 'objection';
  type: ObjectionType;
  turnIndex: number;
  handlingDepth: HandlingDepth;
  points: number;
}

/** Points given back when the deductions exceed 100, so the score stops at 0. `points` is positive. */
export interface FloorContribution {
  kind: 'floor';
  points: number;
}

/**
 * One item that moved a behavior score away from 100, in points with one
 * decimal. The points of all contributions of a score add up to score - 100.
 */
export type Contribution = FindingContribution | ObjectionContribution | FloorContribution;

/**
 * Treatment of the objection component: scored from the handling depths, or
 * 0 points deducted because there are no objections or the roles are unknown.
 */
export type ObjectionTreatment = 'scored' | 'no_objections' | 'roles_unknown';

/** The facts a behavior score was computed from. */
export interface BehaviorInputs {
  durationMs: number | null;
  repTurnCount: number;
  rolesKnown: boolean;
  findingsBySeverity: Record<Severity, number>;
  findingsByType: Record<PitfallType, number>;
  objections: Array<{ type: ObjectionType; turnIndex: number; handlingDepth: HandlingDepth }>;
  /** Mean handling depth over the objections, or null when there are none. */
  meanHandlingDepth: number | null;
  /** Pitfall types not checked on this call, so absent findings of these types mean nothing. */
  skippedDetectors: PitfallType[];
}

/** The behavior score of one call, 0 to 100 with one decimal, with its explanation. */
export interface BehaviorScore {
  callId: string;
  score: number;
  rulesVersion: string;
  inputs: BehaviorInputs;
  objectionTreatment: ObjectionTreatment;
  /** The computation with the actual numbers, such as `100 - pitfall deductions (20 + 8 = 28) - ...`. */
  formula: LocalizedText;
  /** Findings and objections that cost points, ordered by turn, then the floor if one applied. */
  contributions: Contribution[];
  notes: Array<ScoreReason<ScoreNoteCode>>;
}

/** The three layers of the calibration score. */
export type LayerName = 'intent' | 'behavior' | 'result';

/** A call that a deal-level score draws on, with its share of the weight. */
export interface CallSource {
  callId: string;
  score: number;
  durationMs: number | null;
  /** The call's weight in the mean, as a fraction of the total weight (rounded to 4 decimals). */
  weight: number;
  /** Turns whose findings or objections cost this call points. */
  turnIndexes: number[];
}

/**
 * One layer of a deal score. `score` is null when the layer cannot be
 * computed, and `reason` then gives the cause.
 */
export interface LayerScore {
  layer: LayerName;
  score: number | null;
  reason: ScoreReason<NullScoreCode> | null;
  formula: LocalizedText | null;
  sources: CallSource[];
  notes: Array<ScoreReason<ScoreNoteCode>>;
  /** The calls, turns and contract clauses an intent or result score drew on. */
  evidence?: LayerEvidence;
  /** The facts an intent or result score was computed from, each part shown. */
  inputs?: Record<string, unknown>;
  /** Version of the intent and result rules that produced an intent or result score. */
  rulesVersion?: string;
}

/** Where an intent or result score came from. */
export interface LayerEvidence {
  calls: Array<{ callId: string; turnIndexes: number[] }>;
  /** Indexes of the deal's contract clauses that were compared. */
  clauseIndexes: number[];
}

/** The weighted mean of the layers for ranking deals, null while any layer is null. */
export interface OverallScore {
  score: number | null;
  reason: ScoreReason<NullScoreCode> | null;
  formula: LocalizedText | null;
  weights: Record<LayerName, number>;
}

/** The three-layer calibration score of a deal. */
export interface DealScore {
  intent: LayerScore;
  behavior: LayerScore;
  result: LayerScore;
  overall: OverallScore;
  rulesVersion: string;
}
