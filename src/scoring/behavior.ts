/**
 * Scores one call's behavior layer from the pitfall findings and objections
 * that analysis produced. Pure: the caller loads the analysis and stores the score.
 */

import { z } from 'zod';

import {
  OBJECTION_TYPES,
  PITFALL_TYPES,
  SEVERITIES,
  type CallAnalysis,
  type Finding,
  type Objection,
  type PitfallType,
  type Severity,
} from '../domain/pitfalls.js';
import { CallscoreError } from '../errors/registry.js';
import { apportionTenths } from './apportion.js';
import { renderBehaviorFormula, renderBehaviorNotes } from './behavior-explanation.js';
import { describeIssues } from './issues.js';
import { resolveScoringSettings, rulesVersionOf, type ResolvedScoringSettings, type ScoringSettings } from './settings.js';
import type {
  BehaviorInputs,
  BehaviorScore,
  Contribution,
  FindingContribution,
  ObjectionContribution,
  ObjectionTreatment,
} from './types.js';

/** One call's analysis and the facts about the call that scoring needs. */
export interface CallBehaviorInput {
  callId: string;
  analysis: CallAnalysis;
  /** Length of the recording in ms, or null when unknown (an imported transcript without times). */
  durationMs: number | null;
  /** Number of turns spoken by the rep. */
  repTurnCount: number;
  /** False when speaker roles are unknown, so objections and role-dependent pitfalls were not detected. */
  rolesKnown: boolean;
}

const CallBehaviorInputSchema = z.object({
  callId: z.string().min(1),
  durationMs: z.number().min(0).nullable(),
  repTurnCount: z.int().min(0),
  rolesKnown: z.boolean(),
  analysis: z.object({
    findings: z.array(
      z.object({ type: z.enum(PITFALL_TYPES), severity: z.enum(SEVERITIES), turnIndex: z.int().min(0) }),
    ),
    objections: z.array(
      z.object({ type: z.enum(OBJECTION_TYPES), turnIndex: z.int().min(0), handlingDepth: z.int().min(0).max(4) }),
    ),
    skippedDetectors: z.array(z.enum(PITFALL_TYPES)),
  }),
});

interface PricedFinding {
  finding: Finding;
  occurrence: number;
  deduction: number;
}

interface PricedObjection {
  objection: Objection;
  deduction: number;
}

/**
 * Scores a call's behavior from 0 to 100 with one decimal:
 *
 *   score = 100 - pitfall deductions - objection deduction, floored at 0.
 *
 * The n-th finding of a pitfall type deducts its severity points ×
 * repeatFactor^(n-1), so repeats of one habit weigh less than distinct
 * problems. The objection deduction is objectionPoints × (4 - mean handling
 * depth) / 4, split over the objections by their own depth. Without
 * objections it is 0, as if handled at full marks, because a call without
 * objections has nothing to handle. An ignored objection deducts twice, as
 * the `objection_ignored` finding and as depth 0, because it is both a
 * conduct lapse and a lost chance to resolve the concern.
 *
 * The score is not normalised for call length: each finding is a discrete
 * event that a coach judges on its own, and the repeat factor already keeps
 * long calls from piling up deductions for one habit.
 *
 * Throws CS_ERR_SCORING_SETTINGS_INVALID for invalid settings and
 * CS_ERR_SCORING_INPUT_INVALID for malformed input.
 */
export function scoreCallBehavior(input: CallBehaviorInput, settings?: ScoringSettings): BehaviorScore {
  const resolved = resolveScoringSettings(settings);
  const parsed = describeIssues(CallBehaviorInputSchema, input);
  if (!parsed.success) {
    throw new CallscoreError('CS_ERR_SCORING_INPUT_INVALID', { callId: String(input.callId), ...parsed.issues });
  }

  const { findings, objections } = input.analysis;
  const pricedFindings = priceFindings(findings, resolved).sort((a, b) => a.finding.turnIndex - b.finding.turnIndex);
  const pricedObjections = priceObjections(objections, resolved.objectionPoints).sort(
    (a, b) => a.objection.turnIndex - b.objection.turnIndex,
  );
  const objectionTreatment = objectionTreatmentOf(input);

  // Round the deductions together, so the rounded contributions add up to 100 - score exactly.
  const tenths = apportionTenths([
    ...pricedFindings.map((priced) => priced.deduction),
    ...pricedObjections.map((priced) => priced.deduction),
  ]);
  const findingTenths = tenths.slice(0, pricedFindings.length);
  const objectionTenths = tenths.slice(pricedFindings.length);
  const deductedTenths = sum(tenths);
  const floorTenths = Math.max(0, deductedTenths - 1000);
  const score = (1000 - deductedTenths + floorTenths) / 10;

  const contributions = buildContributions(pricedFindings, findingTenths, pricedObjections, objectionTenths, floorTenths);
  const inputs = summarizeInputs(input);

  return {
    callId: input.callId,
    score,
    rulesVersion: rulesVersionOf(resolved),
    inputs,
    objectionTreatment,
    formula: renderBehaviorFormula({
      findingTenths,
      objectionTenths: sum(objectionTenths),
      objectionDeduction: sum(pricedObjections.map((priced) => priced.deduction)),
      objectionPoints: resolved.objectionPoints,
      meanHandlingDepth: inputs.meanHandlingDepth,
      objectionTreatment,
      deductedTenths,
      score,
    }),
    contributions,
    notes: renderBehaviorNotes({
      objectionTreatment,
      skippedDetectors: inputs.skippedDetectors,
      noRepTurns: input.rolesKnown && input.repTurnCount === 0,
      deductedTenths,
    }),
  };
}

// Within a type the most severe finding counts as the first occurrence, then
// turn order decides, so a repeat never deducts more than the full-price finding.
function priceFindings(findings: readonly Finding[], settings: ResolvedScoringSettings): PricedFinding[] {
  const severityPoints = (severity: Severity): number => settings.severityPoints[severity];
  const byType = new Map<PitfallType, Finding[]>();
  for (const finding of findings) {
    byType.set(finding.type, [...(byType.get(finding.type) ?? []), finding]);
  }

  const priced: PricedFinding[] = [];
  for (const group of byType.values()) {
    const ordered = [...group].sort(
      (a, b) => severityPoints(b.severity) - severityPoints(a.severity) || a.turnIndex - b.turnIndex,
    );
    ordered.forEach((finding, index) => {
      const deduction = severityPoints(finding.severity) * settings.repeatFactor ** index;
      priced.push({ finding, occurrence: index + 1, deduction });
    });
  }
  return priced;
}

// Each objection deducts objectionPoints / count × (4 - its depth) / 4, and
// these shares add up to objectionPoints × (4 - mean depth) / 4.
function priceObjections(objections: readonly Objection[], objectionPoints: number): PricedObjection[] {
  const share = objectionPoints / Math.max(objections.length, 1);
  return objections.map((objection) => ({ objection, deduction: (share * (4 - objection.handlingDepth)) / 4 }));
}

function objectionTreatmentOf(input: CallBehaviorInput): ObjectionTreatment {
  if (input.analysis.objections.length > 0) {
    return 'scored';
  }
  return input.rolesKnown ? 'no_objections' : 'roles_unknown';
}

function buildContributions(
  pricedFindings: readonly PricedFinding[],
  findingTenths: readonly number[],
  pricedObjections: readonly PricedObjection[],
  objectionTenths: readonly number[],
  floorTenths: number,
): Contribution[] {
  const findingItems: FindingContribution[] = pricedFindings.map(({ finding, occurrence }, index) => ({
    kind: 'finding',
    type: finding.type,
    severity: finding.severity,
    turnIndex: finding.turnIndex,
    occurrence,
    points: toPoints(-(findingTenths[index] ?? 0)),
  }));

  // Objections resolved at depth 4 deduct nothing and are left out.
  const objectionItems: ObjectionContribution[] = pricedObjections.flatMap(({ objection }, index) =>
    objection.handlingDepth === 4
      ? []
      : [
          {
            kind: 'objection' as const,
            type: objection.type,
            turnIndex: objection.turnIndex,
            handlingDepth: objection.handlingDepth,
            points: toPoints(-(objectionTenths[index] ?? 0)),
          },
        ],
  );

  // A stable sort keeps a finding before an objection on the same turn.
  const ordered: Contribution[] = [...findingItems, ...objectionItems].sort((a, b) => a.turnIndex - b.turnIndex);
  return floorTenths > 0 ? [...ordered, { kind: 'floor', points: toPoints(floorTenths) }] : ordered;
}

function summarizeInputs(input: CallBehaviorInput): BehaviorInputs {
  const { findings, objections, skippedDetectors } = input.analysis;

  const findingsBySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  const findingsByType = Object.fromEntries(PITFALL_TYPES.map((type) => [type, 0])) as Record<PitfallType, number>;
  for (const finding of findings) {
    findingsBySeverity[finding.severity] += 1;
    findingsByType[finding.type] += 1;
  }

  const meanHandlingDepth =
    objections.length === 0 ? null : sum(objections.map((objection) => objection.handlingDepth)) / objections.length;

  return {
    durationMs: input.durationMs,
    repTurnCount: input.repTurnCount,
    rolesKnown: input.rolesKnown,
    findingsBySeverity,
    findingsByType,
    objections: objections.map(({ type, turnIndex, handlingDepth }) => ({ type, turnIndex, handlingDepth })),
    meanHandlingDepth,
    skippedDetectors: [...skippedDetectors],
  };
}

// Adding 0 turns -0 into 0, so a finding that rounds to nothing shows as 0 points.
function toPoints(tenths: number): number {
  return tenths / 10 + 0;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
