/**
 * The learned pitfall layer: where the rules found no pitfall of a
 * phrase-level type on a rep turn, and did not rule one out by its context,
 * the model for that type may add one. The
 * finding's evidence lists the three words of the turn that weigh most
 * toward the type, so a coach can check why it fired, and its span is the
 * earliest of them (the whole turn when no word of the turn weighs toward it).
 */

import type { Finding, PhrasePitfallType, PitfallType } from '../domain/pitfalls.js';
import type { DetectionContext, TurnView } from './context.js';
import { createFinding } from './findings.js';
import { REP_REPLY_PREFIX, pitfallFeatures } from './model/features.js';
import { forEachGram } from './model/hashing.js';
import { pitfallProbabilities } from './model/detector-model.js';
import type { DetectorModel } from './model/detector-model.js';
import { originalPhrase } from './phrase-detector.js';

const EVIDENCE_WORDS = 3;

interface WeightedSpan {
  start: number;
  end: number;
  weight: number;
}

// The n-grams of the turn's own text (hashed as in pitfallFeatures) with the largest positive weights.
function strongestSpans(turn: TurnView, weights: readonly number[]): WeightedSpan[] {
  const spans: WeightedSpan[] = [];
  forEachGram(REP_REPLY_PREFIX, turn.text, (bucket, start, end) => {
    const weight = weights[bucket] ?? 0;
    if (weight > 0) {
      spans.push({ start, end, weight });
    }
  });
  spans.sort((a, b) => b.weight - a.weight || a.start - b.start);
  const chosen: WeightedSpan[] = [];
  for (const span of spans) {
    if (chosen.length === EVIDENCE_WORDS) {
      break;
    }
    if (!chosen.some((other) => span.start < other.end && other.start < span.end)) {
      chosen.push(span);
    }
  }
  return chosen;
}

function learnedFinding(context: DetectionContext, turn: TurnView, type: PhrasePitfallType, probability: number, weights: readonly number[]): Finding {
  const spans = strongestSpans(turn, weights);
  const first = spans.reduce((earliest, span) => (span.start < earliest.start ? span : earliest), spans[0] ?? { start: 0, end: turn.text.length, weight: 0 });
  const words = spans.map((span) => originalPhrase(turn, span.start, span.end)).join(', ');
  return createFinding(context, type, {
    turn,
    start: first.start,
    end: first.end,
    confidence: probability,
    evidence: [{ rule: 'learned-pitfall', detail: `p=${probability.toFixed(2)}${words === '' ? '' : `; ${words}`}` }],
  });
}

/**
 * Returns the findings the learned layer adds to the rules' `findings`: one
 * per rep turn and phrase-level type that the rules left without a finding,
 * where the model's probability reaches `threshold`. Needs speaker roles.
 */
export function learnedPitfalls(context: DetectionContext, findings: readonly Finding[], model: DetectorModel, threshold: number): Finding[] {
  const added: Finding[] = [];
  const typesByTurn = new Map<number, Set<PitfallType>>();
  for (const finding of findings) {
    const types = typesByTurn.get(finding.turnIndex) ?? new Set<PitfallType>();
    types.add(finding.type);
    typesByTurn.set(finding.turnIndex, types);
  }
  for (const turn of context.turns) {
    if (turn.speaker !== 'rep' || turn.backchannel) {
      continue;
    }
    const ruleTypes = typesByTurn.get(turn.index) ?? new Set<PitfallType>();
    let probabilities: Float64Array | null = null;
    model.pitfalls.types.forEach((type, index) => {
      if (ruleTypes.has(type) || context.ruledOut.get(turn.index)?.has(type) === true) {
        return;
      }
      probabilities ??= pitfallProbabilities(model, pitfallFeatures(context, turn, ruleTypes));
      const probability = probabilities[index] as number;
      if (probability >= threshold) {
        added.push(learnedFinding(context, turn, type, probability, model.pitfalls.weights[index] as number[]));
      }
    });
  }
  return added;
}
