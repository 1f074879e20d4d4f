/**
 * The result layer (结果层): how much of what the customer asked for and the
 * rep promised the signed contract keeps, weighted by how strongly and how
 * often each was raised.
 */

import type { DealOutcome, ContractClause } from '../domain/deal.js';
import { inBothLocales, t } from '../i18n/catalog.js';
import { formatPoints } from './behavior-explanation.js';
import { assessFulfillment, INTENT_RESULT_RULES_VERSION, STATUS_CREDIT, type CallExtractionInput, type FulfillmentItem } from './fulfillment.js';
import { formatTerm } from './term-labels.js';
import type { LayerEvidence, LayerScore } from './types.js';

/** The inputs of the result layer of one deal. */
export interface ResultInput {
  outcome: DealOutcome;
  clauses: ContractClause[];
  calls: CallExtractionInput[];
}

/**
 * Scores the result layer: 100 × Σ(weight × credit) / Σ weight, with credit
 * 1 for fulfilled, 0.5 for weaker and 0 for missing. Null with a reason when
 * the deal has no contract or its calls state no requirement or commitment.
 */
export function scoreResultLayer(input: ResultInput): LayerScore {
  const assessment = assessFulfillment(input.calls, input.clauses, input.outcome);
  const base = { layer: 'result' as const, sources: [], notes: [], rulesVersion: INTENT_RESULT_RULES_VERSION };

  if (input.clauses.length === 0) {
    return { ...base, score: null, formula: null, reason: { code: 'no_contract', ...inBothLocales((locale) => t(locale, 'score.reason.noContract')) } };
  }
  if (assessment.items.length === 0) {
    return {
      ...base,
      score: null,
      formula: null,
      reason: { code: 'no_requirements', ...inBothLocales((locale) => t(locale, 'score.reason.noRequirements')) },
    };
  }

  const total = assessment.items.reduce((sum, item) => sum + item.term.weight, 0);
  const credited = assessment.items.reduce((sum, item) => sum + item.term.weight * STATUS_CREDIT[item.status], 0);
  const score = Math.round((1000 * credited) / total) / 10;

  return {
    ...base,
    score,
    reason: null,
    formula: inBothLocales((locale) =>
      t(locale, 'score.formula.result', { credited: formatPoints(credited), total: formatPoints(total), score: formatPoints(score) }),
    ),
    evidence: evidenceOf(assessment.items),
    inputs: {
      items: assessment.items.map((item) => ({
        source: item.term.source,
        label: inBothLocales((locale) => formatTerm(locale, item.term)),
        metric: item.term.metric,
        comparator: item.term.comparator,
        value: item.term.value,
        unit: item.term.unit,
        strength: item.term.strength,
        mentions: item.term.mentions.length,
        weight: item.term.weight,
        status: item.status,
        credit: STATUS_CREDIT[item.status],
        clauseIndex: item.clauseIndex,
      })),
      lowIntentFulfillment: assessment.lowIntentFulfillment,
    },
  };
}

/** Collects the calls, turns and clauses that a set of judgements drew on. */
export function evidenceOf(items: readonly FulfillmentItem[]): LayerEvidence {
  const turns = new Map<string, Set<number>>();
  for (const item of items) {
    for (const mention of item.term.mentions) {
      const set = turns.get(mention.callId) ?? new Set<number>();
      set.add(mention.turnIndex);
      turns.set(mention.callId, set);
    }
  }
  const clauseIndexes = [...new Set(items.flatMap((item) => (item.clauseIndex === null ? [] : [item.clauseIndex])))].sort((a, b) => a - b);
  return {
    calls: [...turns].map(([callId, indexes]) => ({ callId, turnIndexes: [...indexes].sort((a, b) => a - b) })),
    clauseIndexes,
  };
}
