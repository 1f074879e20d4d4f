/**
 * The intent layer (意图层): how well the rep's pain tags match the pains
 * the customer voiced in calls. Precision counts tags that customer evidence
 * supports (weighted by the rep's solution-match self-assessment), recall
 * counts voiced pains that some tag covers, and level coverage counts which
 * of the three levels the tags reach.
 */

import type { ExtractedPain, PainLevel } from '../domain/deal.js';
import { inBothLocales, t } from '../i18n/catalog.js';
import { normaliseText } from '../nlu/normalise.js';
import { formatPoints } from './behavior-explanation.js';
import { INTENT_RESULT_RULES_VERSION } from './fulfillment.js';
import type { LayerScore } from './types.js';

/** A pain tag of a deal. */
export interface PainTag {
  id: string;
  level: PainLevel;
  text: string;
  /** The rep's self-assessed solution match, 1 (poor) to 5 (exact), or null when not given. */
  selfAssessment: number | null;
}

/** A pain voiced in one call of the deal. */
export interface DealPain extends ExtractedPain {
  callId: string;
}

/** The inputs of the intent layer of one deal. */
export interface IntentInput {
  tags: PainTag[];
  pains: DealPain[];
  /** Synonym groups of the glossary, so a tag matches a pain worded with a synonym. */
  synonyms: string[][];
}

/** Share of a tag's words or character pairs that a pain must contain to support it. */
export const SUPPORT_THRESHOLD = 0.5;

// Weight of a tag without a self-assessment: the middle of the 1-5 scale.
const DEFAULT_SELF_ASSESSMENT = 3;

/**
 * Scores the intent layer as 100 × (0.4 precision + 0.4 recall + 0.2 level
 * coverage). Without voiced pains the recall part is left out and the rest
 * reweighted; without tags the layer is null with the reason `no_intent_tags`.
 */
export function scoreIntentLayer(input: IntentInput): LayerScore {
  const base = { layer: 'intent' as const, sources: [], rulesVersion: INTENT_RESULT_RULES_VERSION };
  if (input.tags.length === 0) {
    return {
      ...base,
      score: null,
      formula: null,
      notes: [],
      reason: { code: 'no_intent_tags', ...inBothLocales((locale) => t(locale, 'score.reason.noIntentTags')) },
    };
  }

  const support = input.tags.map((tag) => input.pains.flatMap((pain, index) => (supports(tag.text, pain.text, input.synonyms) ? [index] : [])));
  const weights = input.tags.map((tag) => tag.selfAssessment ?? DEFAULT_SELF_ASSESSMENT);
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const supportedWeight = weights.reduce((sum, weight, index) => sum + (support[index]!.length > 0 ? weight : 0), 0);
  const precision = round(supportedWeight / totalWeight);

  const covered = new Set(support.flat());
  const recall = input.pains.length === 0 ? null : round(covered.size / input.pains.length);
  const levels = round(new Set(input.tags.map((tag) => tag.level)).size / 3);

  const raw = recall === null ? (0.4 * precision + 0.2 * levels) / 0.6 : 0.4 * precision + 0.4 * recall + 0.2 * levels;
  const score = Math.round(raw * 1000) / 10;

  const formula = inBothLocales((locale) =>
    recall === null
      ? t(locale, 'score.formula.intentNoPains', { precision: formatPoints(precision), levels: formatPoints(levels), score: formatPoints(score) })
      : t(locale, 'score.formula.intent', {
          precision: formatPoints(precision),
          recall: formatPoints(recall),
          levels: formatPoints(levels),
          score: formatPoints(score),
        }),
  );
  const notes: LayerScore['notes'] =
    recall === null ? [{ code: 'no_customer_pains', ...inBothLocales((locale) => t(locale, 'score.note.noCustomerPains')) }] : [];

  const turns = new Map<string, Set<number>>();
  for (const pain of input.pains) {
    turns.set(pain.callId, (turns.get(pain.callId) ?? new Set<number>()).add(pain.turnIndex));
  }

  return {
    ...base,
    score,
    reason: null,
    formula,
    notes,
    evidence: {
      calls: [...turns].map(([callId, indexes]) => ({ callId, turnIndexes: [...indexes].sort((a, b) => a - b) })),
      clauseIndexes: [],
    },
    inputs: {
      precision,
      recall,
      levelCoverage: levels,
      levelsPresent: [...new Set(input.tags.map((tag) => tag.level))],
      tags: input.tags.map((tag, index) => ({
        id: tag.id,
        level: tag.level,
        text: tag.text,
        weight: weights[index],
        supportedBy: support[index]!.map((painIndex) => ({ callId: input.pains[painIndex]!.callId, turnIndex: input.pains[painIndex]!.turnIndex })),
      })),
      uncoveredPains: input.pains
        .filter((_, index) => !covered.has(index))
        .map((pain) => ({ callId: pain.callId, turnIndex: pain.turnIndex, level: pain.level, text: pain.text })),
    },
  };
}

/**
 * True when the pain text contains at least half of the tag's units (English
 * words of 3+ letters and Chinese character pairs), trying each synonym of a
 * glossary term the tag contains.
 */
export function supports(tagText: string, painText: string, synonyms: readonly string[][]): boolean {
  const pain = normaliseText(painText).text;
  return tagVariants(normaliseText(tagText).text, synonyms).some((variant) => coverage(variant, pain) >= SUPPORT_THRESHOLD);
}

function tagVariants(tag: string, synonyms: readonly string[][]): string[] {
  const variants = [tag];
  for (const group of synonyms) {
    const terms = group.map((term) => normaliseText(term).text);
    const present = terms.find((term) => term.length > 0 && tag.includes(term));
    if (present === undefined) continue;
    for (const other of terms) {
      if (other !== present) variants.push(tag.replace(present, other));
    }
  }
  return variants;
}

function coverage(tag: string, pain: string): number {
  const units = unitsOf(tag);
  if (units.length === 0) return 0;
  const found = units.filter((unit) => pain.includes(unit)).length;
  return found / units.length;
}

function unitsOf(text: string): string[] {
  const units: string[] = [];
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    if (run.length === 1) units.push(run);
    for (let index = 0; index + 1 < run.length; index += 1) units.push(run.slice(index, index + 2));
  }
  for (const word of text.match(/[a-z]{3,}/g) ?? []) units.push(word);
  return units;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * Returns the first tag id an intent chain names that is not a tag of the
 * deal, or null when every step is a tag.
 */
export function findUnknownChainTag(tagIds: readonly string[], chain: readonly string[]): string | null {
  const known = new Set(tagIds);
  return chain.find((id) => !known.has(id)) ?? null;
}
