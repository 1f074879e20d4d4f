/**
 * Analyses one transcript: runs the pitfall detectors and the objection
 * analysis and returns the findings sorted by turn. The analysis is pure and
 * deterministic, and it does no I/O and no logging.
 */

import { PITFALL_TYPES, ROLE_DEPENDENT_PITFALLS } from '../domain/pitfalls.js';
import type { CallAnalysis, Finding, PitfallType } from '../domain/pitfalls.js';
import type { Transcript } from '../domain/transcript.js';
import { detectAbsoluteClaim } from './absolute-claim.js';
import { detectCompetitorDisparagement } from './competitor-disparagement.js';
import { buildDetectionContext } from './context.js';
import type { DetectionContext } from './context.js';
import { detectImproperBenefit } from './improper-benefit.js';
import { detectInterruption } from './interruption.js';
import { detectMonologue } from './monologue.js';
import { detectNoNextStep } from './no-next-step.js';
import { detectorModel, detectorModelDigest } from './model/detector-model.js';
import type { DetectorModel } from './model/detector-model.js';
import { learnedPitfalls } from './learned-pitfalls.js';
import { LEARNED_THRESHOLDS, analyzeObjections } from './objections.js';
import type { LearnedThresholds } from './objections.js';
import { detectOverCommitment } from './over-commitment.js';
import { detectPressureTactic } from './pressure-tactic.js';
import { detectResponsibilityEvasion } from './responsibility-evasion.js';
import { parseDetectionSettings } from './settings.js';
import type { DetectionSettings, DetectionSettingsInput } from './settings.js';
import { detectUnauthorizedConcession } from './unauthorized-concession.js';
import { detectVagueCommitment } from './vague-commitment.js';

export { parseDetectionSettings } from './settings.js';
export type { DetectionSettings, DetectionSettingsInput } from './settings.js';

/** A detector of one pitfall type. */
export type Detector = (context: DetectionContext) => Finding[];

/** The phrase- and call-level detectors, which run on every transcript. */
const TEXT_DETECTORS: ReadonlyArray<readonly [PitfallType, Detector]> = [
  ['vague_commitment', detectVagueCommitment],
  ['over_commitment', detectOverCommitment],
  ['responsibility_evasion', detectResponsibilityEvasion],
  ['absolute_claim', detectAbsoluteClaim],
  ['unauthorized_concession', detectUnauthorizedConcession],
  ['improper_benefit', detectImproperBenefit],
  ['competitor_disparagement', detectCompetitorDisparagement],
  ['pressure_tactic', detectPressureTactic],
  ['no_next_step', detectNoNextStep],
];

/** Detectors that read turn timings; they need speaker roles as well. */
const TIMING_DETECTORS: ReadonlyArray<readonly [PitfallType, Detector]> = [
  ['interruption', detectInterruption],
  ['monologue', detectMonologue],
];

const TYPE_ORDER = new Map(PITFALL_TYPES.map((type, index) => [type, index]));

function compareFindings(a: Finding, b: Finding): number {
  return a.turnIndex - b.turnIndex || (TYPE_ORDER.get(a.type) ?? 0) - (TYPE_ORDER.get(b.type) ?? 0) || a.span.start - b.span.start;
}

/**
 * Version of the detection rules. Raise it whenever a rule, a lexicon or a
 * threshold changes; the learned model's own digest is added by `detectionVersion`.
 */
export const DETECTION_RULES_VERSION = '4';

/** Names the rules and the committed model that produce findings, such as `2+1a2b3c4d`. */
export function detectionVersion(): string {
  return `${DETECTION_RULES_VERSION}+${detectorModelDigest()}`;
}

const defaultSettings = parseDetectionSettings({});

/** Options of one analysis. */
export interface AnalyzeOptions {
  /** The learned layer for objections and phrase-level pitfalls; null runs the rules alone. Defaults to the committed model. */
  model?: DetectorModel | null;
  /** Probabilities at which the learned layer overrules the rules; defaults to LEARNED_THRESHOLDS. */
  learnedThresholds?: LearnedThresholds;
}

/**
 * Finds the pitfalls and objections of one transcript. Without speaker roles
 * the role-dependent detectors and objections are skipped; without timings on
 * every turn the timing detectors are skipped. Both are listed in
 * `skippedDetectors`. Throws CS_ERR_VALIDATION for invalid settings.
 */
export function analyzeTranscript(transcript: Transcript, settings?: DetectionSettingsInput, options: AnalyzeOptions = {}): CallAnalysis {
  const resolved: DetectionSettings = settings === undefined ? defaultSettings : parseDetectionSettings(settings);
  const context = buildDetectionContext(transcript, resolved);
  const skipped = new Set<PitfallType>();
  const findings: Finding[] = [];

  for (const [, detect] of TEXT_DETECTORS) {
    findings.push(...detect(context));
  }
  const model = options.model === undefined ? detectorModel() : options.model;
  const thresholds = options.learnedThresholds ?? LEARNED_THRESHOLDS;
  if (transcript.rolesKnown && model !== null) {
    // Learned findings also cap the handling depth of the rep turns they sit on, as the definition requires,
    // although the depth model was trained on the rules' findings alone.
    findings.push(...learnedPitfalls(context, findings, model, thresholds.pitfall));
  }

  if (!transcript.rolesKnown) {
    for (const type of ROLE_DEPENDENT_PITFALLS) {
      skipped.add(type);
    }
  }
  for (const [type, detect] of TIMING_DETECTORS) {
    if (skipped.has(type)) {
      continue;
    }
    if (context.timed) {
      findings.push(...detect(context));
    } else {
      skipped.add(type);
    }
  }

  let objections: CallAnalysis['objections'] = [];
  if (transcript.rolesKnown) {
    const analysis = analyzeObjections(context, findings, model, thresholds);
    objections = analysis.objections;
    findings.push(...analysis.ignoredFindings);
  }

  findings.sort(compareFindings);
  return {
    findings,
    objections,
    skippedDetectors: PITFALL_TYPES.filter((type) => skipped.has(type)),
  };
}
