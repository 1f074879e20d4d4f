/**
 * The loop shared by the phrase-level detectors. It finds trigger phrases in
 * each turn that may carry a rep pitfall and lets the detector judge each
 * match in its context. Each turn gets at most one finding per type, with
 * the evidence of every accepted match.
 */

import type { Evidence, Finding, PitfallType } from '../domain/pitfalls.js';
import { canCarryRepPitfall } from './context.js';
import type { DetectionContext, TurnView } from './context.js';
import { createFinding } from './findings.js';

/** A phrase pattern that may signal a pitfall, with the rule name shown to coaches. */
export interface PhraseTrigger {
  rule: string;
  /** A global regular expression over normalised text. */
  pattern: RegExp;
  /** Confidence of a match that passes every context check. */
  confidence: number;
}

/** One match of a trigger in a turn's normalised text. */
export interface TriggerMatch {
  trigger: PhraseTrigger;
  start: number;
  end: number;
  /** The matched normalised text. */
  phrase: string;
  groups: RegExpExecArray;
}

/** A detector's verdict on one match: null rejects it, otherwise its confidence and evidence. */
export type MatchVerdict = { confidence: number; evidence: Evidence[] } | null;

/**
 * Matches of one turn that a detector judges at most. Each judgement reads
 * the sentence around its match, so a long turn that repeats a trigger
 * phrase would cost time quadratic in its length. A real turn has far fewer
 * matches of one type, and one finding per turn and type is reported anyway.
 */
export const MAX_MATCHES_JUDGED = 32;

/** Returns every match of the triggers in the text, ordered by position. */
export function findTriggers(text: string, triggers: readonly PhraseTrigger[]): TriggerMatch[] {
  const matches: TriggerMatch[] = [];
  for (const trigger of triggers) {
    trigger.pattern.lastIndex = 0;
    for (let match = trigger.pattern.exec(text); match !== null; match = trigger.pattern.exec(text)) {
      if (match[0].length === 0) {
        trigger.pattern.lastIndex++;
        continue;
      }
      matches.push({ trigger, start: match.index, end: match.index + match[0].length, phrase: match[0], groups: match });
    }
  }
  return matches.length > 1 ? matches.sort((a, b) => a.start - b.start) : matches;
}

/**
 * Runs a phrase-level detector over the call. The first accepted match of a
 * turn anchors the finding; later accepted matches add their evidence and can
 * raise its confidence.
 */
export function detectPhrasePitfall(
  context: DetectionContext,
  type: PitfallType,
  triggers: readonly PhraseTrigger[],
  judge: (turn: TurnView, match: TriggerMatch) => MatchVerdict,
): Finding[] {
  const findings: Finding[] = [];
  for (const turn of context.turns) {
    if (turn.backchannel || !canCarryRepPitfall(context, turn)) {
      continue;
    }
    const matches = findTriggers(turn.text, triggers);
    if (matches.length === 0) {
      continue;
    }

    let anchor: TriggerMatch | null = null;
    let confidence = 0;
    const evidence: Evidence[] = [];
    for (const match of matches.length > MAX_MATCHES_JUDGED ? matches.slice(0, MAX_MATCHES_JUDGED) : matches) {
      const verdict = judge(turn, match);
      if (verdict === null) {
        continue;
      }
      anchor ??= match;
      confidence = Math.max(confidence, verdict.confidence);
      evidence.push(...verdict.evidence);
    }
    if (anchor !== null) {
      findings.push(createFinding(context, type, { turn, start: anchor.start, end: anchor.end, confidence, evidence }));
    } else {
      const ruledOut = context.ruledOut.get(turn.index) ?? new Set<PitfallType>();
      ruledOut.add(type);
      context.ruledOut.set(turn.index, ruledOut);
    }
  }
  return findings;
}

/** Builds the evidence entry of a trigger match; the detail is the phrase as written in the original turn. */
export function triggerEvidence(turn: TurnView, match: TriggerMatch): Evidence {
  return { rule: match.trigger.rule, detail: originalPhrase(turn, match.start, match.end) };
}

/** Returns the original text behind a range of the turn's normalised text. */
export function originalPhrase(turn: TurnView, start: number, end: number): string {
  const span = turn.norm.toOriginal(start, end);
  return turn.norm.original.slice(span.start, span.end);
}
