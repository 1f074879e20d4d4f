/**
 * A team's settings: one versioned document with a section per stage.
 * Each PUT stores a new version, and every score records the version of the
 * rules it was computed with, so a re-scored period can be compared with the
 * previous one. The pitfall types themselves cannot be changed here.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CallscoreError } from '../errors/registry.js';
import { DetectionSettingsSchema } from '../pitfalls/settings.js';
import { resolveScoringSettings, ScoringSettingsSchema } from '../scoring/settings.js';
import { PrivacySettingsSchema } from '../privacy/settings.js';

/** Team used for calls uploaded without a teamId. */
export const DEFAULT_TEAM_ID = 'default';

/** Schema of the whole settings document; omitted sections take their defaults. */
export const TeamSettingsSchema = z.strictObject({
  detection: DetectionSettingsSchema.prefault({}),
  scoring: ScoringSettingsSchema.prefault({}),
  privacy: PrivacySettingsSchema.prefault({}),
});

/** Settings as a team sends them. */
export type TeamSettingsInput = z.input<typeof TeamSettingsSchema>;

/** Settings with every default filled in. */
export type TeamSettings = z.output<typeof TeamSettingsSchema>;

/** A stored version of a team's settings. Version 0 is the defaults, before any PUT. */
export interface VersionedTeamSettings {
  teamId: string;
  version: number;
  settings: TeamSettings;
}

const englishErrors = z.locales.en().localeError;
const chineseErrors = z.locales.zhCN().localeError;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Validates a settings document and fills in defaults. Throws
 * CS_ERR_VALIDATION naming the first invalid field and the value received,
 * in English and Chinese. Throws CS_ERR_SCORING_SETTINGS_INVALID when the
 * scoring section breaks a rule across fields, such as severity points that
 * fall from minor to critical or all layer weights 0. So settings that
 * scoring would reject are never stored.
 */
export function parseTeamSettings(input: unknown): TeamSettings {
  const parsed = TeamSettingsSchema.safeParse(input ?? {}, { error: englishErrors });
  if (parsed.success) {
    resolveScoringSettings(parsed.data.scoring);
    return parsed.data;
  }

  const issue = parsed.error.issues[0]!;
  const chinese = TeamSettingsSchema.safeParse(input ?? {}, { error: chineseErrors });
  const chineseIssue = chinese.success ? undefined : chinese.error.issues[0];
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const field = [...issue.path.map(String), ...(keys.length > 0 ? [keys.join(', ')] : [])].join('.') || 'settings';
  const received = keys.length > 0 ? undefined : valueAt(input, issue.path);
  const receivedNote = received === undefined ? '' : ` (received ${JSON.stringify(received)?.slice(0, 80)})`;
  throw new CallscoreError('CS_ERR_VALIDATION', {
    field,
    reason: `${issue.message}${receivedNote}`,
    reasonZh: `${chineseIssue?.message ?? issue.message}${receivedNote.replace('received', '收到')}`,
  });
}

/** The defaults, as version 0 of any team. */
export function defaultTeamSettings(teamId: string): VersionedTeamSettings {
  return { teamId, version: 0, settings: parseTeamSettings({}) };
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Identifies the detection rules a score was computed with: the scoring
 * rules version plus a short hash of the effective detection settings, so
 * equal settings give equal versions whatever team or PUT produced them.
 */
export function rulesVersionFor(scoringRulesVersion: string, settings: TeamSettings): string {
  const digest = createHash('sha256').update(canonicalJson(settings.detection)).digest('hex').slice(0, 8);
  return `${scoringRulesVersion}/d${digest}`;
}
