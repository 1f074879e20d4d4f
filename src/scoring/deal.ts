/**
 * Scores a deal on the three calibration layers: behavior from its calls'
 * behavior scores, intent from its pain tags and the pains voiced in calls,
 * result from its contract and the requirements and commitments in calls.
 * A layer whose inputs are not given stays null with a reason.
 */

import { z } from 'zod';

import { CallscoreError } from '../errors/registry.js';
import { formatList, inBothLocales, t, type CatalogKey } from '../i18n/catalog.js';
import { formatPoints } from './behavior-explanation.js';
import { scoreIntentLayer, type IntentInput } from './intent.js';
import { scoreResultLayer, type ResultInput } from './result.js';
import { describeIssues } from './issues.js';
import { resolveScoringSettings, rulesVersionOf, type ScoringSettings } from './settings.js';
import type { BehaviorScore, CallSource, DealScore, LayerName, LayerScore, OverallScore } from './types.js';

/** One scored call of a deal. */
export interface DealCallInput {
  callId: string;
  behavior: BehaviorScore;
  /** Length of the recording in ms, or null when unknown. */
  durationMs: number | null;
}

const DealCallSchema = z.object({
  callId: z.string().min(1),
  durationMs: z.number().min(0).nullable(),
});

const LAYER_NAMES: readonly LayerName[] = ['intent', 'behavior', 'result'];

/** Inputs of the intent and result layers; a layer whose input is absent is not computed. */
export interface DealLayerInputs {
  intent?: IntentInput;
  result?: ResultInput;
}

/**
 * Scores a deal. The behavior layer is the duration-weighted mean of the call
 * scores, because a longer call gives more evidence of how the rep works.
 * The overall score stays null while any layer is null.
 *
 * Every call must have been scored under the same rules version that these
 * settings give, else CS_ERR_SCORING_RULES_MISMATCH is thrown. A call listed
 * twice throws CS_ERR_SCORING_DUPLICATE_CALL.
 */
export function scoreDeal(calls: readonly DealCallInput[], settings?: ScoringSettings, inputs: DealLayerInputs = {}): DealScore {
  const resolved = resolveScoringSettings(settings);
  const rulesVersion = rulesVersionOf(resolved);
  validateCalls(calls, rulesVersion);

  const layers: Record<LayerName, LayerScore> = {
    intent: inputs.intent ? scoreIntentLayer(inputs.intent) : notComputedLayer('intent', 'score.reason.intentNotComputed'),
    behavior: { ...scoreBehaviorLayer(calls), rulesVersion },
    result: inputs.result ? scoreResultLayer(inputs.result) : notComputedLayer('result', 'score.reason.resultNotComputed'),
  };

  return {
    ...layers,
    overall: combineLayers(layers, resolved.layerWeights),
    rulesVersion,
  };
}

/**
 * Combines the layers into the weighted mean used to rank deals, with one
 * decimal. Returns a null score with the reason `layers_missing` while any
 * layer is null, so missing evidence is never hidden in a single number.
 */
export function combineLayers(layers: Record<LayerName, LayerScore>, weights: Record<LayerName, number>): OverallScore {
  const missing = LAYER_NAMES.filter((name) => layers[name].score === null);
  if (missing.length > 0) {
    return {
      score: null,
      reason: {
        code: 'layers_missing',
        ...inBothLocales((locale) =>
          t(locale, 'score.reason.layersMissing', {
            layers: formatList(
              locale,
              missing.map((name) => t(locale, `layer.${name}`)),
            ),
          }),
        ),
      },
      formula: null,
      weights,
    };
  }

  const totalWeight = LAYER_NAMES.reduce((total, name) => total + weights[name], 0);
  const weightedSum = LAYER_NAMES.reduce((total, name) => total + (layers[name].score ?? 0) * weights[name], 0);
  const score = roundToTenth(weightedSum / totalWeight);

  return {
    score,
    reason: null,
    formula: inBothLocales((locale) =>
      t(locale, 'score.formula.overall', {
        terms: LAYER_NAMES.map(
          (name) =>
            `${t(locale, `layer.${name}`)} ${formatPoints(layers[name].score ?? 0)} × ${formatPoints(weights[name])}`,
        ).join(' + '),
        totalWeight: formatPoints(totalWeight),
        score: formatPoints(score),
      }),
    ),
    weights,
  };
}

function validateCalls(calls: readonly DealCallInput[], rulesVersion: string): void {
  const seen = new Set<string>();

  for (const call of calls) {
    const parsed = describeIssues(DealCallSchema, call);
    if (!parsed.success) {
      throw new CallscoreError('CS_ERR_SCORING_INPUT_INVALID', { callId: String(call.callId), ...parsed.issues });
    }
    if (call.behavior.callId !== call.callId) {
      const params = { other: call.behavior.callId };
      throw new CallscoreError('CS_ERR_SCORING_INPUT_INVALID', {
        callId: call.callId,
        issuesEn: t('en', 'input.issue.callIdMismatch', params),
        issuesZh: t('zh-CN', 'input.issue.callIdMismatch', params),
      });
    }
    if (seen.has(call.callId)) {
      throw new CallscoreError('CS_ERR_SCORING_DUPLICATE_CALL', { callId: call.callId });
    }
    if (call.behavior.rulesVersion !== rulesVersion) {
      throw new CallscoreError('CS_ERR_SCORING_RULES_MISMATCH', {
        callId: call.callId,
        callRules: call.behavior.rulesVersion,
        dealRules: rulesVersion,
      });
    }
    seen.add(call.callId);
  }
}

function notComputedLayer(layer: LayerName, key: CatalogKey & `score.reason.${string}NotComputed`): LayerScore {
  return {
    layer,
    score: null,
    reason: { code: 'not_computed', ...inBothLocales((locale) => t(locale, key)) },
    formula: null,
    sources: [],
    notes: [],
  };
}

/**
 * Weights each call by its duration in seconds. A call of unknown or 0 ms
 * duration takes the mean of the known durations, and when no duration is
 * known every call weighs the same.
 */
function scoreBehaviorLayer(calls: readonly DealCallInput[]): LayerScore {
  if (calls.length === 0) {
    return {
      layer: 'behavior',
      score: null,
      reason: { code: 'no_scored_calls', ...inBothLocales((locale) => t(locale, 'score.reason.noScoredCalls')) },
      formula: null,
      sources: [],
      notes: [],
    };
  }

  const knownSeconds = calls.flatMap((call) => (call.durationMs ? [call.durationMs / 1000] : []));
  const equalWeights = knownSeconds.length === 0;
  const imputedSeconds = equalWeights ? 1 : knownSeconds.reduce((total, value) => total + value, 0) / knownSeconds.length;
  const weights = calls.map((call) => {
    if (equalWeights) {
      return 1;
    }
    return call.durationMs ? call.durationMs / 1000 : imputedSeconds;
  });

  const totalWeight = weights.reduce((total, weight) => total + weight, 0);
  const weightedSum = calls.reduce((total, call, index) => total + call.behavior.score * (weights[index] ?? 0), 0);
  const score = roundToTenth(weightedSum / totalWeight);

  const sources: CallSource[] = calls.map((call, index) => ({
    callId: call.callId,
    score: call.behavior.score,
    durationMs: call.durationMs,
    weight: Math.round(((weights[index] ?? 0) / totalWeight) * 10_000) / 10_000,
    turnIndexes: turnIndexesOf(call.behavior),
  }));

  const imputedCount = calls.length - knownSeconds.length;
  const notes: LayerScore['notes'] = [];
  if (equalWeights) {
    notes.push({ code: 'equal_weights', ...inBothLocales((locale) => t(locale, 'score.note.equalWeights')) });
  } else if (imputedCount > 0) {
    const params = { count: imputedCount, seconds: formatPoints(imputedSeconds) };
    notes.push({ code: 'duration_imputed', ...inBothLocales((locale) => t(locale, 'score.note.durationImputed', params)) });
  }

  const formula = inBothLocales((locale) => {
    if (equalWeights) {
      return t(locale, 'score.formula.dealBehaviorEqual', {
        count: calls.length,
        terms: calls.map((call) => formatPoints(call.behavior.score)).join(' + '),
        score: formatPoints(score),
      });
    }
    return t(locale, 'score.formula.dealBehavior', {
      count: calls.length,
      terms: calls
        .map((call, index) =>
          t(locale, 'score.formula.callTerm', {
            score: formatPoints(call.behavior.score),
            seconds: formatPoints(weights[index] ?? 0),
          }),
        )
        .join(' + '),
      totalSeconds: formatPoints(totalWeight),
      score: formatPoints(score),
    });
  });

  return { layer: 'behavior', score, reason: null, formula, sources, notes };
}

function turnIndexesOf(behavior: BehaviorScore): number[] {
  const turns = behavior.contributions.flatMap((item) => (item.kind === 'floor' ? [] : [item.turnIndex]));
  return [...new Set(turns)].sort((a, b) => a - b);
}

function roundToTenth(value: number): number {
  return Math.round(value * 10) / 10;
}
