/**
 * Team-tunable detection settings: timing thresholds, the discount a rep may
 * give without approval, severity overrides and the business glossary. The
 * set of pitfall types is fixed, so an unknown type or field is rejected.
 */

import { z } from 'zod';

import { PITFALL_TYPES, SEVERITIES } from '../domain/pitfalls.js';
import { CallscoreError } from '../errors/registry.js';

const milliseconds = z.number().int().min(0).max(3_600_000);
const glossaryTerm = z.string().trim().min(1).max(100);

/** Schema of the detection settings. Every field is optional and has a default. */
export const DetectionSettingsSchema = z.strictObject({
  /** Overlap in ms of a rep turn over a customer turn above which it counts as an interruption. */
  interruptionOverlapMs: milliseconds.default(1000),
  /** Rep speaking time in ms without a customer turn above which a monologue is flagged. */
  monologueMs: milliseconds.default(90_000),
  /** Maximum duration in ms of a backchannel (嗯, OK) that neither interrupts nor breaks a monologue. */
  backchannelMaxMs: milliseconds.default(2000),
  /** Minimum call length in ms for `no_next_step`; shorter calls are exempt. */
  noNextStepMinCallMs: milliseconds.default(60_000),
  /**
   * Maximum discount in percent that a rep may offer on the spot without
   * citing an approval. The default 0 flags every unapproved discount.
   */
  maxDiscountWithoutApprovalPercent: z.number().min(0).max(100).default(0),
  /** Severity per pitfall type that replaces the default severity. */
  severityOverrides: z.partialRecord(z.enum(PITFALL_TYPES), z.enum(SEVERITIES)).default({}),
  /** Business glossary that detection reads. */
  glossary: z
    .strictObject({
      /** Competitor names, such as 金蝶 or Hartwell. */
      competitors: z.array(glossaryTerm).max(500).default([]),
      /** The team's own product names, such as LearnPath. */
      products: z.array(glossaryTerm).max(500).default([]),
      /** Groups of terms that mean the same thing; a group naming a competitor or product extends that list. */
      synonyms: z.array(z.array(glossaryTerm).min(2).max(50)).max(500).default([]),
    })
    .prefault({}),
});

/** Detection settings as a team supplies them; omitted fields take their defaults. */
export type DetectionSettingsInput = z.input<typeof DetectionSettingsSchema>;

/** Detection settings with every default filled in. */
export type DetectionSettings = z.output<typeof DetectionSettingsSchema>;

const englishErrors = z.locales.en().localeError;
const chineseErrors = z.locales.zhCN().localeError;

function formatField(path: readonly PropertyKey[], keys: readonly string[] = []): string {
  const parts = path.map(String);
  if (keys.length > 0) {
    parts.push(keys.join(', '));
  }
  return parts.length === 0 ? 'settings' : parts.join('.');
}

/**
 * Validates detection settings and fills in defaults. Throws
 * CS_ERR_VALIDATION naming the first invalid field, with the reason in
 * English and Simplified Chinese.
 */
export function parseDetectionSettings(input: unknown = {}): DetectionSettings {
  const english = DetectionSettingsSchema.safeParse(input ?? {}, { error: englishErrors });
  if (english.success) {
    return english.data;
  }

  const issue = english.error.issues[0];
  const chinese = DetectionSettingsSchema.safeParse(input ?? {}, { error: chineseErrors });
  const chineseIssue = chinese.success ? undefined : chinese.error.issues[0];
  const keys = issue?.code === 'unrecognized_keys' ? issue.keys : [];

  throw new CallscoreError('CS_ERR_VALIDATION', {
    field: formatField(issue?.path ?? [], keys),
    reason: issue?.message ?? 'invalid value',
    reasonZh: chineseIssue?.message ?? issue?.message ?? '无效的值',
  });
}
