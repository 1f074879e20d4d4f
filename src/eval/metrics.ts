/**
 * Scores detector output against labelled conversations: pitfall precision,
 * recall and F1 per type with macro and micro means, objection detection and
 * handling-depth accuracy, and the lists of misses used for tuning.
 */

import { PITFALL_TYPES } from '../domain/pitfalls.js';
import type { CallAnalysis, ObjectionType, PitfallType } from '../domain/pitfalls.js';
import type { GoldConversation } from './gold.js';

/** A labelled conversation paired with what the detector returned for it. */
export interface ScoredConversation {
  gold: GoldConversation;
  analysis: CallAnalysis;
}

/** Label counts behind a set of ratios. */
export interface Counts {
  gold: number;
  predicted: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/**
 * Precision, recall and F1. Precision is null when nothing was predicted and
 * recall is null when nothing was labelled. F1 is 2·TP / (2·TP + FP + FN), so
 * it is 0 when either side is empty and null only when both are.
 */
export interface Ratios {
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

/** Counts and ratios of one pitfall type. */
export interface TypeScore extends Counts, Ratios {
  type: PitfallType;
}

/** Pitfall detection figures over a set of conversations. */
export interface PitfallScores {
  perType: TypeScore[];
  /** Unweighted mean of the F1 of the types in `macroTypes`, or null when that list is empty. */
  macroF1: number | null;
  /** Types with at least one labelled or predicted pitfall, which form the macro mean. */
  macroTypes: PitfallType[];
  /**
   * Types with neither a labelled nor a predicted pitfall. Their F1 is 0/0,
   * so they are left out of the macro mean instead of counting as 0 or 1.
   */
  excludedTypes: PitfallType[];
  /** Counts summed over all 12 types, and the ratios of those sums. */
  micro: Counts & Ratios;
}

/** A turn of a labelled conversation. */
export interface TurnRef {
  conversationId: string;
  turn: number;
}

/** The wrong predictions and the misses of one pitfall type. */
export interface PitfallErrors {
  type: PitfallType;
  falsePositives: TurnRef[];
  falseNegatives: TurnRef[];
}

/** Objection detection figures. Type and depth figures cover matched objections only. */
export interface ObjectionScores extends Counts, Ratios {
  /** Share of matched objections whose predicted type equals the label, or null when none matched. */
  typeAccuracy: number | null;
  /** Share of matched objections whose predicted depth equals the label, or null when none matched. */
  depthAccuracy: number | null;
  /** Mean absolute difference between predicted and labelled depth, or null when none matched. */
  depthMae: number | null;
  /** Matched objections counted by labelled depth (row) and predicted depth (column), 5 × 5. */
  depthConfusion: number[][];
}

/** A matched objection whose predicted type or depth differs from the label. */
export interface ObjectionMismatch extends TurnRef {
  goldType: ObjectionType;
  predictedType: ObjectionType;
  goldDepth: number;
  predictedDepth: number;
}

/** The wrong predictions, the misses and the type or depth mismatches of objections. */
export interface ObjectionErrors {
  falsePositives: TurnRef[];
  falseNegatives: TurnRef[];
  mismatches: ObjectionMismatch[];
}

/** All figures of one evaluation. */
export interface EvalMetrics {
  pitfalls: PitfallScores;
  pitfallErrors: PitfallErrors[];
  objections: ObjectionScores;
  objectionErrors: ObjectionErrors;
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** Computes precision, recall and F1 from counts, with the null rules of `Ratios`. */
export function computeRatios(counts: Counts): Ratios {
  const { truePositives, falsePositives, falseNegatives } = counts;
  return {
    precision: ratio(truePositives, truePositives + falsePositives),
    recall: ratio(truePositives, truePositives + falseNegatives),
    f1: ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives),
  };
}

function emptyCounts(): Counts {
  return { gold: 0, predicted: 0, truePositives: 0, falsePositives: 0, falseNegatives: 0 };
}

/**
 * Scores pitfall findings. A prediction is a true positive when a labelled
 * pitfall of the same conversation has the same type and anchor turn. Several
 * findings of one type on one turn count once, because labels are per type
 * and turn.
 */
export function scorePitfalls(conversations: readonly ScoredConversation[]): {
  scores: PitfallScores;
  errors: PitfallErrors[];
} {
  const counts = new Map<PitfallType, Counts>(PITFALL_TYPES.map((type) => [type, emptyCounts()]));
  const errors = new Map<PitfallType, PitfallErrors>(
    PITFALL_TYPES.map((type) => [type, { type, falsePositives: [], falseNegatives: [] }]),
  );

  for (const { gold, analysis } of conversations) {
    for (const type of PITFALL_TYPES) {
      const labelled = new Set(gold.pitfalls.filter((pitfall) => pitfall.type === type).map((pitfall) => pitfall.turn));
      const predicted = new Set(
        analysis.findings.filter((finding) => finding.type === type).map((finding) => finding.turnIndex),
      );
      const typeCounts = counts.get(type)!;
      const typeErrors = errors.get(type)!;

      typeCounts.gold += labelled.size;
      typeCounts.predicted += predicted.size;
      for (const turn of predicted) {
        if (labelled.has(turn)) {
          typeCounts.truePositives += 1;
        } else {
          typeCounts.falsePositives += 1;
          typeErrors.falsePositives.push({ conversationId: gold.id, turn });
        }
      }
      for (const turn of labelled) {
        if (!predicted.has(turn)) {
          typeCounts.falseNegatives += 1;
          typeErrors.falseNegatives.push({ conversationId: gold.id, turn });
        }
      }
    }
  }

  const perType = PITFALL_TYPES.map((type): TypeScore => {
    const typeCounts = counts.get(type)!;
    return { type, ...typeCounts, ...computeRatios(typeCounts) };
  });

  const macroScores = perType.filter((score) => score.f1 !== null);
  const macroF1 =
    macroScores.length === 0 ? null : macroScores.reduce((sum, score) => sum + score.f1!, 0) / macroScores.length;

  const microCounts = emptyCounts();
  for (const score of perType) {
    microCounts.gold += score.gold;
    microCounts.predicted += score.predicted;
    microCounts.truePositives += score.truePositives;
    microCounts.falsePositives += score.falsePositives;
    microCounts.falseNegatives += score.falseNegatives;
  }

  return {
    scores: {
      perType,
      macroF1,
      macroTypes: macroScores.map((score) => score.type),
      excludedTypes: perType.filter((score) => score.f1 === null).map((score) => score.type),
      micro: { ...microCounts, ...computeRatios(microCounts) },
    },
    errors: [...errors.values()],
  };
}

/**
 * Scores objections. A predicted objection matches a labelled one on the same
 * customer turn, whatever its type. When the detector reports several
 * objections on one turn, the one with the highest confidence is compared.
 */
export function scoreObjections(conversations: readonly ScoredConversation[]): {
  scores: ObjectionScores;
  errors: ObjectionErrors;
} {
  const counts = emptyCounts();
  const errors: ObjectionErrors = { falsePositives: [], falseNegatives: [], mismatches: [] };
  const depthConfusion = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  let sameType = 0;
  let sameDepth = 0;
  let depthErrorSum = 0;

  for (const { gold, analysis } of conversations) {
    const predictedByTurn = new Map<number, CallAnalysis['objections'][number]>();
    for (const objection of analysis.objections) {
      const current = predictedByTurn.get(objection.turnIndex);
      if (current === undefined || objection.confidence > current.confidence) {
        predictedByTurn.set(objection.turnIndex, objection);
      }
    }
    const labelledTurns = new Set(gold.objections.map((objection) => objection.turn));

    counts.gold += gold.objections.length;
    counts.predicted += predictedByTurn.size;

    for (const labelled of gold.objections) {
      const predicted = predictedByTurn.get(labelled.turn);
      if (predicted === undefined) {
        counts.falseNegatives += 1;
        errors.falseNegatives.push({ conversationId: gold.id, turn: labelled.turn });
        continue;
      }

      counts.truePositives += 1;
      sameType += predicted.type === labelled.type ? 1 : 0;
      sameDepth += predicted.handlingDepth === labelled.depth ? 1 : 0;
      depthErrorSum += Math.abs(predicted.handlingDepth - labelled.depth);
      depthConfusion[labelled.depth]![predicted.handlingDepth]! += 1;
      if (predicted.type !== labelled.type || predicted.handlingDepth !== labelled.depth) {
        errors.mismatches.push({
          conversationId: gold.id,
          turn: labelled.turn,
          goldType: labelled.type,
          predictedType: predicted.type,
          goldDepth: labelled.depth,
          predictedDepth: predicted.handlingDepth,
        });
      }
    }

    for (const turn of predictedByTurn.keys()) {
      if (!labelledTurns.has(turn)) {
        counts.falsePositives += 1;
        errors.falsePositives.push({ conversationId: gold.id, turn });
      }
    }
  }

  const matched = counts.truePositives;
  return {
    scores: {
      ...counts,
      ...computeRatios(counts),
      typeAccuracy: ratio(sameType, matched),
      depthAccuracy: ratio(sameDepth, matched),
      depthMae: ratio(depthErrorSum, matched),
      depthConfusion,
    },
    errors,
  };
}

/** Computes every pitfall and objection figure of one evaluation. */
export function computeMetrics(conversations: readonly ScoredConversation[]): EvalMetrics {
  const pitfalls = scorePitfalls(conversations);
  const objections = scoreObjections(conversations);
  return {
    pitfalls: pitfalls.scores,
    pitfallErrors: pitfalls.errors,
    objections: objections.scores,
    objectionErrors: objections.errors,
  };
}
