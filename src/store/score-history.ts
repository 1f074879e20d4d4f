/**
 * The history of every score a call received. The analysis stage appends a
 * version each time it scores a call, so re-scoring never overwrites the
 * figures that a report compares against.
 */
import type { CallAnalysis, PitfallType } from '../domain/pitfalls.js';
import type { Queryable } from './db.js';

/** One stored score of a call, with the counts that reports aggregate. */
export interface ScoreVersion {
  id: number;
  callId: string;
  rulesVersion: string;
  /** Team settings version the score was computed with; 0 for the defaults and for scores older than this history. */
  settingsVersion: number;
  behaviorScore: number;
  behavior: unknown;
  findingCounts: Partial<Record<PitfallType, number>>;
  objectionCount: number;
  /** Sum of the handling depths (0–4) of the call's objections. */
  objectionDepthSum: number;
  scoredAt: string;
}

/** What the analysis stage appends for one scoring. */
export interface NewScoreVersion {
  callId: string;
  rulesVersion: string;
  settingsVersion: number;
  behaviorScore: number;
  behavior: unknown;
  analysis: CallAnalysis;
}

/** Appends a score version in the caller's transaction. */
export async function appendScoreVersion(tx: Queryable, score: NewScoreVersion): Promise<void> {
  const findingCounts: Partial<Record<PitfallType, number>> = {};
  for (const finding of score.analysis.findings) findingCounts[finding.type] = (findingCounts[finding.type] ?? 0) + 1;
  const depthSum = score.analysis.objections.reduce((sum, objection) => sum + objection.handlingDepth, 0);

  await tx.query(
    `INSERT INTO score_versions (call_id, rules_version, settings_version, behavior_score, behavior, finding_counts,
       objection_count, objection_depth_sum)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      score.callId,
      score.rulesVersion,
      score.settingsVersion,
      score.behaviorScore,
      JSON.stringify(score.behavior),
      JSON.stringify(findingCounts),
      score.analysis.objections.length,
      depthSum,
    ],
  );
}

interface ScoreVersionRow {
  id: number;
  call_id: string;
  rules_version: string;
  settings_version: number;
  behavior_score: number;
  behavior: unknown;
  finding_counts: Partial<Record<PitfallType, number>>;
  objection_count: number;
  objection_depth_sum: number;
  scored_at: Date | string;
}

function toScoreVersion(row: ScoreVersionRow): ScoreVersion {
  return {
    id: Number(row.id),
    callId: row.call_id,
    rulesVersion: row.rules_version,
    settingsVersion: row.settings_version,
    behaviorScore: row.behavior_score,
    behavior: row.behavior,
    findingCounts: row.finding_counts,
    objectionCount: row.objection_count,
    objectionDepthSum: row.objection_depth_sum,
    scoredAt: new Date(row.scored_at).toISOString(),
  };
}

const VERSION_COLUMNS = `id, call_id, rules_version, settings_version, behavior_score, behavior, finding_counts,
  objection_count, objection_depth_sum, scored_at`;

/** Returns every score version of the given calls, oldest first per call. */
export async function listScoreVersions(db: Queryable, callIds: readonly string[]): Promise<ScoreVersion[]> {
  if (callIds.length === 0) return [];
  const rows = await db.query<ScoreVersionRow>(
    `SELECT ${VERSION_COLUMNS} FROM score_versions WHERE call_id = ANY($1::text[]) ORDER BY call_id, id`,
    [callIds],
  );
  return rows.map(toScoreVersion);
}

/** Counts the score versions of one call; tests use it to check that a call was scored exactly once. */
export async function countScoreVersions(db: Queryable, callId: string): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM score_versions WHERE call_id = $1', [callId]);
  return rows[0]?.n ?? 0;
}
