/**
 * Team-tunable scoring settings: their defaults, validation, and the rules
 * version that every score records so a re-scored quarter can be compared
 * with the last one.
 */

import { createHash } from 'node:crypto';
import { z } from 'zod';

import { CallscoreError } from '../errors/registry.js';
import { t } from '../i18n/catalog.js';
import { detectionVersion } from '../pitfalls/index.js';
import { describeIssues } from './issues.js';

/**
 * Version of the scoring formulas. Raise it whenever a formula changes, so
 * scores made under the old formula get a different rules version.
 */
export const SCORING_RULES_VERSION = '1';

const points = z.number().min(0).max(100);
const layerWeight = z.number().min(0).max(100);

/** Schema of the scoring settings. Every field is optional and has a default. */
export const ScoringSettingsSchema = z
  .object({
    /** Points that the first finding of a type deducts, by severity. */
    severityPoints: z
      .object({
        minor: points.default(3),
        major: points.default(8),
        critical: points.default(20),
      })
      .strict()
      .prefault({}),
    /**
     * Factor applied to each further finding of the same type in one call:
     * the n-th finding deducts severity points × repeatFactor^(n-1).
     */
    repeatFactor: z.number().min(0).max(1).default(0.5),
    /** Points deducted when every objection is ignored (mean handling depth 0). */
    objectionPoints: points.default(30),
    /** Relative weights of the three layers in a deal's overall score. */
    layerWeights: z
      .object({
        intent: layerWeight.default(1),
        behavior: layerWeight.default(1),
        result: layerWeight.default(1),
      })
      .strict()
      .prefault({}),
  })
  .strict();

/** Scoring settings as a team supplies them. Omitted fields take their defaults. */
export type ScoringSettings = z.input<typeof ScoringSettingsSchema>;

/** Scoring settings with every default filled in. */
export type ResolvedScoringSettings = z.output<typeof ScoringSettingsSchema>;

/**
 * Validates the settings and fills in defaults. Throws
 * CS_ERR_SCORING_SETTINGS_INVALID naming every invalid value, also when
 * severity points decrease from minor to critical or all layer weights are 0.
 */
export function resolveScoringSettings(settings: ScoringSettings = {}): ResolvedScoringSettings {
  const parsed = describeIssues(ScoringSettingsSchema, settings);
  if (!parsed.success) {
    throw new CallscoreError('CS_ERR_SCORING_SETTINGS_INVALID', parsed.issues);
  }
  const resolved = parsed.data;

  const { minor, major, critical } = resolved.severityPoints;
  if (minor > major || major > critical) {
    const params = { minor, major, critical };
    throw new CallscoreError('CS_ERR_SCORING_SETTINGS_INVALID', {
      issuesEn: t('en', 'settings.issue.severityOrder', params),
      issuesZh: t('zh-CN', 'settings.issue.severityOrder', params),
    });
  }

  const { intent, behavior, result } = resolved.layerWeights;
  if (intent + behavior + result === 0) {
    throw new CallscoreError('CS_ERR_SCORING_SETTINGS_INVALID', {
      issuesEn: t('en', 'settings.issue.layerWeightsZero'),
      issuesZh: t('zh-CN', 'settings.issue.layerWeightsZero'),
    });
  }

  return resolved;
}

/**
 * Derives the rules version of resolved settings: the formula version plus
 * the first 8 hex digits of the SHA-256 of the settings as JSON with sorted
 * keys, together with the detection version (rules and learned model).
 * Equal settings always give the same version, whatever their key order, and
 * retrained detectors give another.
 */
export function rulesVersionOf(settings: ResolvedScoringSettings): string {
  const digest = createHash('sha256').update(canonicalJson({ settings, detection: detectionVersion() })).digest('hex');
  return `${SCORING_RULES_VERSION}+${digest.slice(0, 8)}`;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const fields = Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value);
}
