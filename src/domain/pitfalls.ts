/**
 * The fixed vocabulary of pitfall types, severities and objection handling
 * depth. Teams may tune thresholds and severities, never this set.
 */

/** The pitfall types that a phrase in one rep turn carries, which the learned pitfall layer also covers. */
export const PHRASE_PITFALL_TYPES = [
  'vague_commitment',
  'over_commitment',
  'responsibility_evasion',
  'absolute_claim',
  'unauthorized_concession',
  'improper_benefit',
  'competitor_disparagement',
  'pressure_tactic',
] as const;

/** The 12 sales-talk pitfall types. */
export const PITFALL_TYPES = [
  ...PHRASE_PITFALL_TYPES,
  'objection_ignored',
  'interruption',
  'monologue',
  'no_next_step',
] as const;

export type PitfallType = (typeof PITFALL_TYPES)[number];

export const SEVERITIES = ['minor', 'major', 'critical'] as const;

export type Severity = (typeof SEVERITIES)[number];

/** Default severity of each pitfall type; a team setting may override it. */
export const DEFAULT_SEVERITY: Record<PitfallType, Severity> = {
  vague_commitment: 'minor',
  over_commitment: 'major',
  responsibility_evasion: 'major',
  absolute_claim: 'critical',
  unauthorized_concession: 'critical',
  improper_benefit: 'critical',
  competitor_disparagement: 'major',
  pressure_tactic: 'major',
  objection_ignored: 'major',
  interruption: 'minor',
  monologue: 'minor',
  no_next_step: 'minor',
};

/**
 * Pitfall types whose rule compares the rep with the customer. They are
 * skipped on a transcript whose speaker roles are unknown; the phrase-level
 * types then run on every turn, and objections are not detected.
 */
export const ROLE_DEPENDENT_PITFALLS: readonly PitfallType[] = ['objection_ignored', 'interruption', 'monologue'];

/** A pitfall type that a phrase in one rep turn carries. */
export type PhrasePitfallType = (typeof PHRASE_PITFALL_TYPES)[number];

export const OBJECTION_TYPES = [
  'price',
  'timing',
  'authority',
  'need',
  'competitor',
  'trust',
  'technical',
  'terms',
] as const;

export type ObjectionType = (typeof OBJECTION_TYPES)[number];

/**
 * Highest step the exchange after an objection reaches: 0 ignored,
 * 1 acknowledged, 2 explored, 3 responded, 4 resolved.
 */
export type HandlingDepth = 0 | 1 | 2 | 3 | 4;

/** A character range in a turn's original text, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** Why a detector fired: the rule or feature names and the matched text. */
export interface Evidence {
  rule: string;
  detail?: string;
}

/** A pitfall found on one turn. */
export interface Finding {
  type: PitfallType;
  severity: Severity;
  turnIndex: number;
  span: Span;
  confidence: number;
  evidence: Evidence[];
}

/** A customer objection and how deeply the rep handled it. */
export interface Objection {
  type: ObjectionType;
  turnIndex: number;
  span: Span;
  handlingDepth: HandlingDepth;
  confidence: number;
  evidence: Evidence[];
}

/** Result of analysing one transcript. */
export interface CallAnalysis {
  findings: Finding[];
  objections: Objection[];
  /** Detectors skipped because the transcript lacks speaker roles or timings. */
  skippedDetectors: PitfallType[];
}
