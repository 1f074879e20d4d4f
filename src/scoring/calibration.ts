/**
 * The three-dimensional calibration (三维校准) of a deal: the intent,
 * behavior and result scores side by side, the weighted overall score, and a
 * status that names the imbalance, such as strong behavior with a weak result.
 */

import { formatList, inBothLocales, t, type LocalizedText } from '../i18n/catalog.js';
import type { DealScore, LayerName, LayerScore, OverallScore } from './types.js';

/** Points between the highest and lowest layer from which a deal counts as imbalanced. */
export const IMBALANCE_GAP = 25;

/** Calibration status: all layers close, one far from another, or a layer not scored. */
export type CalibrationStatus = 'balanced' | 'imbalanced' | 'incomplete';

/** The calibration view of a deal score. */
export interface Calibration {
  layers: Record<LayerName, LayerScore>;
  overall: OverallScore;
  status: CalibrationStatus;
  /** The strongest and weakest layer when the status is imbalanced. */
  strong: LayerName | null;
  weak: LayerName | null;
  statusText: LocalizedText;
  rulesVersion: string;
}

const LAYERS: readonly LayerName[] = ['intent', 'behavior', 'result'];

/** Builds the calibration of a deal score. */
export function calibrate(score: DealScore): Calibration {
  const layers = { intent: score.intent, behavior: score.behavior, result: score.result };
  const base = { layers, overall: score.overall, rulesVersion: score.rulesVersion };

  const missing = LAYERS.filter((name) => layers[name].score === null);
  if (missing.length > 0) {
    return {
      ...base,
      status: 'incomplete',
      strong: null,
      weak: null,
      statusText: inBothLocales((locale) =>
        t(locale, 'calibration.incomplete', { layers: formatList(locale, missing.map((name) => t(locale, `layer.${name}`))) }),
      ),
    };
  }

  const ranked = [...LAYERS].sort((a, b) => (layers[b].score ?? 0) - (layers[a].score ?? 0));
  const strong = ranked[0]!;
  const weak = ranked[ranked.length - 1]!;
  const difference = Math.round(((layers[strong].score ?? 0) - (layers[weak].score ?? 0)) * 10) / 10;
  if (difference < IMBALANCE_GAP) {
    return { ...base, status: 'balanced', strong: null, weak: null, statusText: inBothLocales((locale) => t(locale, 'calibration.balanced', { gap: IMBALANCE_GAP })) };
  }
  return {
    ...base,
    status: 'imbalanced',
    strong,
    weak,
    statusText: inBothLocales((locale) =>
      t(locale, 'calibration.imbalanced', { strong: t(locale, `layer.${strong}`), weak: t(locale, `layer.${weak}`), difference }),
    ),
  };
}
