/**
 * The learned layer for the phrase-level pitfalls: on rep turns where the
 * rules found no pitfall of a type, a logistic model of that type trained on
 * the labelled corpus adds a finding when its probability reaches the
 * threshold. The finding's evidence lists the words that weighed most, so a
 * coach can tell why it fired. Rule findings are kept as they are.
 */

import type { Finding, PitfallType } from '../domain/pitfalls.js';
import { canCarryRepPitfall } from './context.js';
import type { DetectionContext, TurnView } from './context.js';
import { createFinding, wholeTurn } from './findings.js';
import { pitfallProbability } from './model/detector-model.js';
import type { DetectorModel } from './model/detector-model.js';
import { repTurnFeatures, repTurnPieces } from './model/features.js';

/** The types the learned layer may add: those whose evidence is the wording of one rep turn. */
export const LEARNED_PITFALL_TYPES: readonly PitfallType[] = [
  'vague_commitment',
  'over_commitment',
  'responsibility_evasion',
  'absolute_claim',
  'unauthorized_concession',
  'improper_benefit',
  'competitor_disparagement',
  'pressure_tactic',
];

/**
 * The probability from which the learned layer adds a finding, chosen by
 * cross-validation with one writer held out (scripts/cv-detectors.ts).
 */
export const LEARNED_PITFALL_THRESHOLD = 0.6;

// The number of words or characters named in the evidence of a learned finding.
const EVIDENCE_PIECES = 3;

function ruleTypesByTurn(findings: readonly Finding[]): Map<number, Set<PitfallType>> {
  const byTurn = new Map<number, Set<PitfallType>>();
  for (const finding of findings) {
    let types = byTurn.get(finding.turnIndex);
    if (types === undefined) {
      types = new Set();
      byTurn.set(finding.turnIndex, types);
    }
    types.add(finding.type);
  }
  return byTurn;
}

// Names the pieces of the turn with the largest positive weight in the type's model, without repeats.
function weightiestPieces(turn: TurnView, weights: readonly number[]): string[] {
  const seen = new Set<string>();
  const ranked = repTurnPieces(turn)
    .map((piece) => ({ text: piece.text, weight: weights[piece.bucket] ?? 0 }))
    .filter((piece) => piece.weight > 0)
    .sort((a, b) => b.weight - a.weight);
  const names: string[] = [];
  for (const piece of ranked) {
    if (names.length === EVIDENCE_PIECES) break;
    if (seen.has(piece.text)) continue;
    seen.add(piece.text);
    names.push(piece.text);
  }
  return names;
}

/** Returns the findings the learned models add to the rule findings of a call with known roles. */
export function learnedPitfallFindings(
  context: DetectionContext,
  ruleFindings: readonly Finding[],
  model: DetectorModel,
  threshold: number = LEARNED_PITFALL_THRESHOLD,
): Finding[] {
  const added: Finding[] = [];
  const byTurn = ruleTypesByTurn(ruleFindings);
  for (const turn of context.turns) {
    if (turn.backchannel || !canCarryRepPitfall(context, turn)) {
      continue;
    }
    const ruleTypes = byTurn.get(turn.index) ?? new Set<PitfallType>();
    let features: number[] | null = null;
    for (const type of LEARNED_PITFALL_TYPES) {
      if (ruleTypes.has(type)) {
        continue;
      }
      features ??= repTurnFeatures(context, turn, ruleTypes);
      const probability = pitfallProbability(model, type, features);
      if (probability === null || probability < threshold) {
        continue;
      }
      const weights = model.pitfalls.weights[model.pitfalls.types.indexOf(type)] ?? [];
      const words = weightiestPieces(turn, weights);
      const detail = `probability ${probability.toFixed(2)}${words.length > 0 ? `; words that weighed most: ${words.join(', ')}` : ''}`;
      added.push(createFinding(context, type, { turn, ...wholeTurn(turn), confidence: probability, evidence: [{ rule: 'learned-model', detail }] }));
    }
  }
  return added;
}
