/**
 * SQL of call deletion and of the retention sweep. Foreign keys cascade, so
 * a deleted call takes its turns, originals, findings, objections, scores,
 * extraction and transitions with it. The review items quoting it are
 * deleted too. Its recording row goes only when no other call refers to
 * the same content hash.
 */
import type { Queryable } from './db.js';

/** Rows and ids removed by deleting one call. */
export interface DeletedCallRows {
  callId: string;
  dealId: string;
  teamId: string;
  recordingSha256: string;
  /** True when no call refers to the recording any more, so its file may be removed. */
  recordingOrphaned: boolean;
  counts: { turns: number; findings: number; objections: number; reviews: number };
}

async function countRows(tx: Queryable, table: string, callId: string): Promise<number> {
  const rows = await tx.query<{ count: string | number }>(`SELECT count(*) AS count FROM ${table} WHERE call_id = $1`, [callId]);
  return Number(rows[0]?.count ?? 0);
}

/**
 * Deletes the deal's review items that quote the call (a requirement
 * mentioned in it); they would otherwise keep its text. The next deal
 * evaluation opens again the ones the remaining calls still support.
 */
async function deleteReviewItemsQuoting(tx: Queryable, dealId: string, callId: string): Promise<number> {
  const rows = await tx.query(
    `DELETE FROM review_items WHERE deal_id = $1 AND jsonb_typeof(payload -> 'mentions') = 'array'
       AND EXISTS (SELECT 1 FROM jsonb_array_elements(payload -> 'mentions') AS mention WHERE mention ->> 'callId' = $2)
     RETURNING id`,
    [dealId, callId],
  );
  return rows.length;
}

/** Deletes a deal's own row with its intent, contract clauses and review items; false when there was none. */
export async function deleteDealRow(tx: Queryable, dealId: string): Promise<boolean> {
  const rows = await tx.query('DELETE FROM deals WHERE id = $1 RETURNING id', [dealId]);
  return rows.length > 0;
}

/** Deletes a call and everything stored about it in the caller's transaction; null when no call has the id. */
export async function deleteCallRows(tx: Queryable, callId: string): Promise<DeletedCallRows | null> {
  // The row lock waits for a stage transaction that is writing this call right now.
  const calls = await tx.query<{ deal_id: string; team_id: string; recording_sha256: string }>(
    'SELECT deal_id, team_id, recording_sha256 FROM calls WHERE id = $1 FOR UPDATE',
    [callId],
  );
  const call = calls[0];
  if (!call) return null;

  const counts = {
    turns: await countRows(tx, 'turns', callId),
    findings: await countRows(tx, 'findings', callId),
    objections: await countRows(tx, 'objections', callId),
    reviews: await deleteReviewItemsQuoting(tx, call.deal_id, callId),
  };
  await tx.query('DELETE FROM calls WHERE id = $1', [callId]);

  const others = await tx.query('SELECT 1 FROM calls WHERE recording_sha256 = $1 LIMIT 1', [call.recording_sha256]);
  const recordingOrphaned = others.length === 0;
  if (recordingOrphaned) await tx.query('DELETE FROM recordings WHERE sha256 = $1', [call.recording_sha256]);

  return { callId, dealId: call.deal_id, teamId: call.team_id, recordingSha256: call.recording_sha256, recordingOrphaned, counts };
}

/** Returns the ids of a deal's calls. */
export async function listDealCallIds(db: Queryable, dealId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>('SELECT id FROM calls WHERE deal_id = $1 ORDER BY id', [dealId]);
  return rows.map((row) => row.id);
}

/** Counts calls per unfinished status (uploaded, transcribing, analyzing). */
export async function countUnfinishedCalls(db: Queryable): Promise<Record<string, number>> {
  const rows = await db.query<{ status: string; count: string | number }>(
    "SELECT status, count(*) AS count FROM calls WHERE status IN ('uploaded', 'transcribing', 'analyzing') GROUP BY status",
  );
  const counts: Record<string, number> = { uploaded: 0, transcribing: 0, analyzing: 0 };
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}

/** Returns the teams that have calls. */
export async function listTeamsWithCalls(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ team_id: string }>('SELECT DISTINCT team_id FROM calls ORDER BY team_id');
  return rows.map((row) => row.team_id);
}

/** A finished call whose recording or transcript has passed its retention period. */
export interface ExpiredCall {
  id: string;
  recordingSha256: string;
}

/** Lists a team's finished calls that started before `cutoff` and still have their recording. */
export async function listCallsWithExpiredRecording(db: Queryable, teamId: string, cutoff: Date): Promise<ExpiredCall[]> {
  const rows = await db.query<{ id: string; recording_sha256: string }>(
    `SELECT id, recording_sha256 FROM calls
     WHERE team_id = $1 AND started_at < $2 AND recording_deleted_at IS NULL AND status IN ('scored', 'failed')
     ORDER BY started_at, id`,
    [teamId, cutoff.toISOString()],
  );
  return rows.map((row) => ({ id: row.id, recordingSha256: row.recording_sha256 }));
}

/** Lists a team's finished calls that started before `cutoff` and still have their transcript. */
export async function listCallsWithExpiredTranscript(db: Queryable, teamId: string, cutoff: Date): Promise<ExpiredCall[]> {
  const rows = await db.query<{ id: string; recording_sha256: string }>(
    `SELECT id, recording_sha256 FROM calls
     WHERE team_id = $1 AND started_at < $2 AND transcript_deleted_at IS NULL AND status IN ('scored', 'failed')
     ORDER BY started_at, id`,
    [teamId, cutoff.toISOString()],
  );
  return rows.map((row) => ({ id: row.id, recordingSha256: row.recording_sha256 }));
}

/**
 * Marks a call's recording deleted. Returns null when another sweep marked
 * it first, else whether no call still keeps a recording with the same
 * hash, so the file itself may go.
 */
export async function markRecordingDeleted(tx: Queryable, callId: string, sha256: string): Promise<boolean | null> {
  const marked = await tx.query('UPDATE calls SET recording_deleted_at = now() WHERE id = $1 AND recording_deleted_at IS NULL RETURNING id', [
    callId,
  ]);
  if (marked.length === 0) return null;
  const keeping = await tx.query('SELECT 1 FROM calls WHERE recording_sha256 = $1 AND recording_deleted_at IS NULL LIMIT 1', [sha256]);
  return keeping.length === 0;
}

/**
 * Deletes a call's turns and unmasked originals and drops the quoted text
 * from its finding and objection evidence, keeping types, spans, depths
 * and scores. Returns the number of turns deleted, or null when another
 * sweep deleted them first.
 */
export async function deleteTranscriptRows(tx: Queryable, callId: string): Promise<number | null> {
  const marked = await tx.query('UPDATE calls SET transcript_deleted_at = now() WHERE id = $1 AND transcript_deleted_at IS NULL RETURNING id', [
    callId,
  ]);
  if (marked.length === 0) return null;
  const turns = await countRows(tx, 'turns', callId);
  await tx.query('DELETE FROM turns WHERE call_id = $1', [callId]);
  await tx.query('DELETE FROM turn_originals WHERE call_id = $1', [callId]);
  // Extracted requirements and pains keep their metric, value and span but lose the quoted text.
  await tx.query("UPDATE call_terms SET text = '' WHERE call_id = $1", [callId]);
  await tx.query("UPDATE call_pains SET text = '' WHERE call_id = $1", [callId]);
  // NOTE: review items opened before the sweep still quote the requirement text in their payload.
  for (const table of ['findings', 'objections']) {
    await tx.query(
      `UPDATE ${table} SET evidence = COALESCE(
         (SELECT jsonb_agg(jsonb_build_object('rule', item -> 'rule')) FROM jsonb_array_elements(evidence) AS item), '[]'::jsonb)
       WHERE call_id = $1`,
      [callId],
    );
  }
  return turns;
}
