/** Findings, objections and behavior scores of analysed calls. */
import type { CallAnalysis, Finding, Objection, PitfallType } from '../domain/pitfalls.js';
import type { Queryable } from './db.js';
import { carryReview, findingKey, readReviewedFindings } from './findings-review.js';

/** A stored finding with its row id, which reviews refer to. */
export type StoredFinding = Finding & { id: number };

/** A stored objection with its row id. */
export type StoredObjection = Objection & { id: number };

/** The behavior score of one call as stored, with the explanation kept whole. */
export interface StoredCallScore<Explanation = unknown> {
  callId: string;
  behaviorScore: number;
  behavior: Explanation;
  skippedDetectors: PitfallType[];
  rulesVersion: string;
  scoredAt: string;
}

/**
 * Replaces the analysis results and the score of a call in the caller's
 * transaction. A new finding with the type, turn and span of a reviewed one
 * takes over its review state and audit trail.
 */
export async function replaceAnalysis(
  tx: Queryable,
  callId: string,
  analysis: CallAnalysis,
  score: { behaviorScore: number; behavior: unknown; rulesVersion: string },
): Promise<void> {
  const reviewed = await readReviewedFindings(tx, callId);
  await tx.query('DELETE FROM findings WHERE call_id = $1', [callId]);
  await tx.query('DELETE FROM objections WHERE call_id = $1', [callId]);
  await tx.query('DELETE FROM call_scores WHERE call_id = $1', [callId]);

  for (const finding of analysis.findings) {
    const inserted = await tx.query<{ id: number }>(
      `INSERT INTO findings (call_id, type, severity, turn_index, span_start, span_end, confidence, evidence)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        callId,
        finding.type,
        finding.severity,
        finding.turnIndex,
        finding.span.start,
        finding.span.end,
        finding.confidence,
        JSON.stringify(finding.evidence),
      ],
    );
    const key = findingKey({ type: finding.type, turnIndex: finding.turnIndex, spanStart: finding.span.start, spanEnd: finding.span.end });
    const review = reviewed.get(key);
    if (review) {
      await carryReview(tx, Number(inserted[0]!.id), review);
      reviewed.delete(key);
    }
  }
  for (const objection of analysis.objections) {
    await tx.query(
      `INSERT INTO objections (call_id, type, turn_index, span_start, span_end, handling_depth, confidence, evidence)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        callId,
        objection.type,
        objection.turnIndex,
        objection.span.start,
        objection.span.end,
        objection.handlingDepth,
        objection.confidence,
        JSON.stringify(objection.evidence),
      ],
    );
  }
  await tx.query(
    `INSERT INTO call_scores (call_id, behavior_score, behavior, skipped_detectors, rules_version)
     VALUES ($1, $2, $3, $4, $5)`,
    [callId, score.behaviorScore, JSON.stringify(score.behavior), JSON.stringify(analysis.skippedDetectors), score.rulesVersion],
  );
}

interface FindingRow {
  id: number;
  type: Finding['type'];
  severity: Finding['severity'];
  turn_index: number;
  span_start: number;
  span_end: number;
  confidence: number;
  evidence: Finding['evidence'];
}

/** Returns the findings of a call ordered by turn. */
export async function getFindings(db: Queryable, callId: string): Promise<StoredFinding[]> {
  const rows = await db.query<FindingRow>(
    `SELECT id, type, severity, turn_index, span_start, span_end, confidence, evidence
     FROM findings WHERE call_id = $1 ORDER BY turn_index, id`,
    [callId],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    type: row.type,
    severity: row.severity,
    turnIndex: row.turn_index,
    span: { start: row.span_start, end: row.span_end },
    confidence: row.confidence,
    evidence: row.evidence,
  }));
}

interface ObjectionRow {
  id: number;
  type: Objection['type'];
  turn_index: number;
  span_start: number;
  span_end: number;
  handling_depth: Objection['handlingDepth'];
  confidence: number;
  evidence: Objection['evidence'];
}

/** Returns the objections of a call ordered by turn. */
export async function getObjections(db: Queryable, callId: string): Promise<StoredObjection[]> {
  const rows = await db.query<ObjectionRow>(
    `SELECT id, type, turn_index, span_start, span_end, handling_depth, confidence, evidence
     FROM objections WHERE call_id = $1 ORDER BY turn_index, id`,
    [callId],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    type: row.type,
    turnIndex: row.turn_index,
    span: { start: row.span_start, end: row.span_end },
    handlingDepth: row.handling_depth,
    confidence: row.confidence,
    evidence: row.evidence,
  }));
}

interface ScoreRow {
  call_id: string;
  behavior_score: number;
  behavior: unknown;
  skipped_detectors: PitfallType[];
  rules_version: string;
  scored_at: Date | string;
}

/** Returns the stored scores of the given calls. */
export async function getCallScores<Explanation>(db: Queryable, callIds: string[]): Promise<StoredCallScore<Explanation>[]> {
  if (callIds.length === 0) return [];
  const rows = await db.query<ScoreRow>(
    `SELECT call_id, behavior_score, behavior, skipped_detectors, rules_version, scored_at
     FROM call_scores WHERE call_id = ANY($1::text[])`,
    [callIds],
  );
  return rows.map((row) => ({
    callId: row.call_id,
    behaviorScore: row.behavior_score,
    behavior: row.behavior as Explanation,
    skippedDetectors: row.skipped_detectors,
    rulesVersion: row.rules_version,
    scoredAt: new Date(row.scored_at).toISOString(),
  }));
}
