/**
 * Renders the explanation of a call's behavior score: the formula with the
 * actual numbers and the notes on what the score could not see, in both locales.
 */

import type { PitfallType } from '../domain/pitfalls.js';
import { formatList, inBothLocales, t, type Locale, type LocalizedText } from '../i18n/catalog.js';
import type { ObjectionTreatment, ScoreNoteCode, ScoreReason } from './types.js';

/** The numbers that the behavior formula shows. Deductions are in integer tenths of a point. */
export interface BehaviorFormulaValues {
  /** Each finding's rounded deduction, in turn order. */
  findingTenths: readonly number[];
  /** Rounded deduction of all objections together. */
  objectionTenths: number;
  /** Unrounded deduction of all objections together. */
  objectionDeduction: number;
  objectionPoints: number;
  meanHandlingDepth: number | null;
  objectionTreatment: ObjectionTreatment;
  deductedTenths: number;
  score: number;
}

/**
 * Renders the behavior formula, such as
 * `100 - pitfall deductions (20 + 4 = 24) - objection handling (30 × (4 - mean depth 2.5) / 4 ≈ 11.3) = 64.7`.
 */
export function renderBehaviorFormula(values: BehaviorFormulaValues): LocalizedText {
  return inBothLocales((locale) => {
    const findingsTotal = values.findingTenths.reduce((total, tenths) => total + tenths, 0);
    const pitfallTerm =
      values.findingTenths.length === 0
        ? t(locale, 'score.formula.noPitfalls')
        : `${values.findingTenths.map(formatTenths).join(' + ')} = ${formatTenths(findingsTotal)}`;

    const rawTotalTenths = 1000 - values.deductedTenths;
    const result =
      rawTotalTenths < 0
        ? t(locale, 'score.formula.floored', { raw: formatTenths(rawTotalTenths) })
        : formatPoints(values.score);

    return t(locale, 'score.formula.behavior', {
      pitfallTerm,
      objectionTerm: renderObjectionTerm(locale, values),
      result,
    });
  });
}

function renderObjectionTerm(locale: Locale, values: BehaviorFormulaValues): string {
  if (values.objectionTreatment === 'no_objections') {
    return t(locale, 'score.formula.noObjections');
  }
  if (values.objectionTreatment === 'roles_unknown' || values.meanHandlingDepth === null) {
    return t(locale, 'score.formula.objectionsNotDetected');
  }

  // "≈" marks a deduction that was rounded to tenths, so the reader does not recompute a mismatch.
  const exact = Math.abs(values.objectionDeduction * 10 - values.objectionTenths) < 1e-6;
  return t(locale, 'score.formula.objectionDepth', {
    maxPoints: formatPoints(values.objectionPoints),
    meanDepth: String(Number(values.meanHandlingDepth.toFixed(2))),
    relation: exact ? '=' : '≈',
    points: formatTenths(values.objectionTenths),
  });
}

/** The facts behind the notes of a behavior score. */
export interface BehaviorNoteFacts {
  objectionTreatment: ObjectionTreatment;
  skippedDetectors: readonly PitfallType[];
  noRepTurns: boolean;
  deductedTenths: number;
}

/** Lists the caveats of a behavior score, each with a code and both texts. */
export function renderBehaviorNotes(facts: BehaviorNoteFacts): Array<ScoreReason<ScoreNoteCode>> {
  const notes: Array<ScoreReason<ScoreNoteCode>> = [];

  if (facts.objectionTreatment === 'no_objections') {
    notes.push({ code: 'no_objections', ...inBothLocales((locale) => t(locale, 'score.note.noObjections')) });
  }
  if (facts.objectionTreatment === 'roles_unknown') {
    notes.push({ code: 'roles_unknown', ...inBothLocales((locale) => t(locale, 'score.note.rolesUnknown')) });
  }
  if (facts.skippedDetectors.length > 0) {
    notes.push({
      code: 'detectors_skipped',
      ...inBothLocales((locale) =>
        t(locale, 'score.note.detectorsSkipped', {
          types: formatList(
            locale,
            facts.skippedDetectors.map((type) => t(locale, `pitfall.${type}`)),
          ),
        }),
      ),
    });
  }
  if (facts.noRepTurns) {
    notes.push({ code: 'no_rep_turns', ...inBothLocales((locale) => t(locale, 'score.note.noRepTurns')) });
  }
  if (facts.deductedTenths > 1000) {
    notes.push({
      code: 'floored',
      ...inBothLocales((locale) => t(locale, 'score.note.floored', { total: formatTenths(facts.deductedTenths) })),
    });
  }

  return notes;
}

/** Formats integer tenths as points without a trailing `.0`: 75 → "7.5", 200 → "20". */
export function formatTenths(tenths: number): string {
  return String(tenths / 10);
}

/** Formats points with at most one decimal: 60.74 → "60.7", 100 → "100". */
export function formatPoints(points: number): string {
  return String(Number(points.toFixed(1)));
}
