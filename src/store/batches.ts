/**
 * Batches of imported or re-scored calls. A batch only lists its calls; the
 * calls' own states say what is done, so progress survives any restart.
 */
import type { Principal } from '../auth/principal.js';
import { scopeCondition } from '../auth/scope.js';
import type { CallStatus, PipelineStage } from '../domain/call-state.js';
import type { Queryable } from './db.js';

/** What a batch does: import new calls from a manifest, or re-score stored ones. */
export type BatchKind = 'import' | 'rescore';

/** A batch as stored. */
export interface BatchRecord {
  id: string;
  kind: BatchKind;
  /** Team of a rescore, or the default team of an import's rows; null for a rescore over every team. */
  teamId: string | null;
  manifestSha256: string | null;
  rangeFrom: string | null;
  rangeTo: string | null;
  createdAt: string;
}

/** Counts of a batch's calls by outcome, and how many finished in the last `windowSeconds`. */
export interface BatchCounts {
  total: number;
  done: number;
  failed: number;
  remaining: number;
  finishedRecently: number;
  windowSeconds: number;
}

/** A failed call of a batch with the reason stored on the call. */
export interface BatchFailure {
  callId: string;
  line: number | null;
  code: string | null;
  message: string | null;
  stage: PipelineStage | null;
}

interface BatchRow {
  id: string;
  kind: BatchKind;
  team_id: string | null;
  manifest_sha256: string | null;
  range_from: Date | string | null;
  range_to: Date | string | null;
  created_at: Date | string;
}

function toIso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

function toBatch(row: BatchRow): BatchRecord {
  return {
    id: row.id,
    kind: row.kind,
    teamId: row.team_id,
    manifestSha256: row.manifest_sha256,
    rangeFrom: toIso(row.range_from),
    rangeTo: toIso(row.range_to),
    createdAt: toIso(row.created_at)!,
  };
}

// Rows per INSERT, far below PostgreSQL's limit of 65535 parameters.
const ITEM_CHUNK = 5000;

/** Inserts a batch unless one with the same id exists; returns true when it was new. */
export async function insertBatch(tx: Queryable, batch: Omit<BatchRecord, 'createdAt'>): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO batches (id, kind, team_id, manifest_sha256, range_from, range_to)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id`,
    [batch.id, batch.kind, batch.teamId, batch.manifestSha256, batch.rangeFrom, batch.rangeTo],
  );
  return rows.length > 0;
}

/** Returns the batch, or null when no batch has the id. */
export async function getBatch(db: Queryable, batchId: string): Promise<BatchRecord | null> {
  const rows = await db.query<BatchRow>(
    'SELECT id, kind, team_id, manifest_sha256, range_from, range_to, created_at FROM batches WHERE id = $1',
    [batchId],
  );
  return rows[0] ? toBatch(rows[0]) : null;
}

/**
 * Returns the batch when it exists and is in the caller's scope, else null.
 * Batches belong to a team and to no rep, so a rep sees none, and a re-score
 * of every team (team_id NULL) is visible to admins only.
 */
export async function getBatchInScope(db: Queryable, batchId: string, principal: Principal): Promise<BatchRecord | null> {
  const params: unknown[] = [batchId];
  // A batch has no rep column, and NULL never equals the rep id.
  const scope = scopeCondition(principal, { team: 'team_id', rep: 'NULL' }, params);
  const rows = await db.query<BatchRow>(
    `SELECT id, kind, team_id, manifest_sha256, range_from, range_to, created_at FROM batches WHERE id = $1 AND ${scope}`,
    params,
  );
  return rows[0] ? toBatch(rows[0]) : null;
}

/** Adds calls to a batch; a call already in it keeps its first entry. */
export async function addBatchItems(tx: Queryable, batchId: string, items: ReadonlyArray<{ callId: string; line: number | null }>): Promise<void> {
  for (let offset = 0; offset < items.length; offset += ITEM_CHUNK) {
    const chunk = items.slice(offset, offset + ITEM_CHUNK);
    await tx.query(
      `INSERT INTO batch_items (batch_id, call_id, line)
       SELECT $1, item.call_id, item.line FROM unnest($2::text[], $3::int[]) AS item (call_id, line)
       ON CONFLICT DO NOTHING`,
      [batchId, chunk.map((item) => item.callId), chunk.map((item) => item.line)],
    );
  }
}

/**
 * Counts the batch's calls: `done` are scored, `failed` failed, the rest
 * remain. A call counts as finished recently when its last change is within
 * the window and after it joined the batch.
 */
export async function countBatchItems(db: Queryable, batchId: string, windowSeconds = 60): Promise<BatchCounts> {
  const rows = await db.query<{ total: number; done: number; failed: number; recent: number }>(
    `SELECT COUNT(*)::int AS total,
            COUNT(*) FILTER (WHERE c.status = 'scored')::int AS done,
            COUNT(*) FILTER (WHERE c.status = 'failed')::int AS failed,
            COUNT(*) FILTER (WHERE c.status IN ('scored', 'failed') AND c.updated_at >= i.queued_at
                               AND c.updated_at > now() - make_interval(secs => $2))::int AS recent
     FROM batch_items i JOIN calls c ON c.id = i.call_id
     WHERE i.batch_id = $1`,
    [batchId, windowSeconds],
  );
  const row = rows[0] ?? { total: 0, done: 0, failed: 0, recent: 0 };
  return {
    total: row.total,
    done: row.done,
    failed: row.failed,
    remaining: row.total - row.done - row.failed,
    finishedRecently: row.recent,
    windowSeconds,
  };
}

/** Returns the batch's calls that are neither scored nor failed, with their status. */
export async function listUnfinishedBatchCalls(db: Queryable, batchId: string): Promise<Array<{ id: string; status: CallStatus }>> {
  return db.query<{ id: string; status: CallStatus }>(
    `SELECT c.id, c.status FROM batch_items i JOIN calls c ON c.id = i.call_id
     WHERE i.batch_id = $1 AND c.status NOT IN ('scored', 'failed') ORDER BY i.line NULLS LAST, c.id`,
    [batchId],
  );
}

/** Returns the failed calls of a batch in manifest order, each with its failure. */
export async function listBatchFailures(db: Queryable, batchId: string): Promise<BatchFailure[]> {
  const rows = await db.query<{
    call_id: string;
    line: number | null;
    failure_code: string | null;
    failure_message: string | null;
    failed_stage: PipelineStage | null;
  }>(
    `SELECT c.id AS call_id, i.line, c.failure_code, c.failure_message, c.failed_stage
     FROM batch_items i JOIN calls c ON c.id = i.call_id
     WHERE i.batch_id = $1 AND c.status = 'failed' ORDER BY i.line NULLS LAST, c.id`,
    [batchId],
  );
  return rows.map((row) => ({
    callId: row.call_id,
    line: row.line,
    code: row.failure_code,
    message: row.failure_message,
    stage: row.failed_stage,
  }));
}

/** Returns which of the given calls belong to some batch, so a restart queues them behind interactive work. */
export async function filterBatchCalls(db: Queryable, callIds: readonly string[]): Promise<Set<string>> {
  if (callIds.length === 0) return new Set();
  const rows = await db.query<{ call_id: string }>('SELECT DISTINCT call_id FROM batch_items WHERE call_id = ANY($1::text[])', [callIds]);
  return new Set(rows.map((row) => row.call_id));
}

/** Selects the scored calls that started in [from, to), of one team or of all teams when `teamId` is null. */
export async function listScoredCallIds(db: Queryable, range: { teamId: string | null; from: string; to: string }): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM calls
     WHERE status = 'scored' AND started_at >= $1 AND started_at < $2 AND ($3::text IS NULL OR team_id = $3)
     ORDER BY started_at, id`,
    [range.from, range.to, range.teamId],
  );
  return rows.map((row) => row.id);
}
