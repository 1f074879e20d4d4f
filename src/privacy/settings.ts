/**
 * Team privacy settings: how transcripts are stored (masked only, or masked
 * with the original kept for admins), whether uploads need consent, and
 * how long recordings and transcripts are kept.
 */
import { z } from 'zod';

const retentionDays = z.number().int().min(1).max(36_500).nullable();

/** Storage of detected personal data: masked text only, or masked text plus the original for admins. */
export const REDACTION_MODES = ['redacted_only', 'original_for_admins'] as const;

/** One of REDACTION_MODES. */
export type RedactionMode = (typeof REDACTION_MODES)[number];

/** Schema of the privacy settings. Every field is optional and has a default. */
export const PrivacySettingsSchema = z.strictObject({
  /**
   * `redacted_only` stores only the masked transcript; `original_for_admins`
   * also keeps the original text in a separate table that only the admin
   * endpoint reads. Analysis always reads the masked text.
   */
  // NOTE: the stored recording still contains the spoken personal data. Silencing the masked spans
  // with the recognizer's token timestamps is not implemented, so recording retention is the control.
  redactionMode: z.enum(REDACTION_MODES).default('redacted_only'),
  /** When true, an upload without `consent=true` is rejected. */
  consentRequired: z.boolean().default(false),
  /** Days after the call start at which the recording file is deleted; null keeps it. */
  recordingRetentionDays: retentionDays.default(null),
  /** Days after the call start at which turns and finding quotes are deleted; null keeps them. Scores stay. */
  transcriptRetentionDays: retentionDays.default(null),
});

/** Privacy settings with defaults filled in. */
export type PrivacySettings = z.output<typeof PrivacySettingsSchema>;
