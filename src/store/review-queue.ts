/**
 * The coaching review queue: findings with their call, turn and review
 * state, filtered and scoped in SQL and paged by keyset. The order is
 * severity (critical first), then unreviewed before reviewed, then newest
 * call, then finding id.
 */
import type { Principal } from '../auth/principal.js';
import { scopeCondition } from '../auth/scope.js';
import type { PitfallType, Severity } from '../domain/pitfalls.js';
import type { DismissReason, FindingStatus } from '../domain/review.js';
import type { Queryable } from './db.js';
import { reviewOfRow, type FindingReview } from './findings-review.js';

/** Filters of the review queue; a null or absent field does not filter. */
export interface QueueFilters {
  teamId?: string;
  repId?: string;
  type?: PitfallType;
  severity?: Severity;
  status?: FindingStatus;
  /** Earliest call start, ISO 8601, included. */
  from?: string;
  /** Latest call start, ISO 8601, excluded. */
  to?: string;
}

/**
 * Position after the last row of a page. `snapshotAt` is the instant the
 * first page was read: a finding first reviewed after it keeps its unreviewed
 * rank on later pages, so reviewing while paging moves no row across the cursor.
 */
export interface QueueCursor {
  severityRank: number;
  reviewRank: number;
  /** Call start as an ISO 8601 instant with microseconds. */
  startedAt: string;
  findingId: number;
  snapshotAt: string;
}

/** A finding of the queue with everything its view needs. */
export interface QueueFinding {
  id: number;
  callId: string;
  dealId: string;
  repId: string;
  teamId: string;
  callStartedAt: string;
  type: PitfallType;
  severity: Severity;
  status: FindingStatus;
  confidence: number;
  turnIndex: number;
  spanStart: number;
  spanEnd: number;
  /** Start of the finding's turn in ms, when the transcript has timings. */
  startMs: number | null;
  /** Masked text of the finding's turn, as stored; empty when the transcript was deleted. */
  turnText: string;
  review: FindingReview | null;
}

/** One page of the queue and the cursor of the next page, or null after the last. */
export interface QueuePage {
  items: QueueFinding[];
  next: QueueCursor | null;
}

const INSTANT_FORMAT = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

const SEVERITY_RANK = `CASE f.severity WHEN 'critical' THEN 0 WHEN 'major' THEN 1 ELSE 2 END`;

interface QueueRow {
  id: number;
  call_id: string;
  deal_id: string;
  rep_id: string;
  team_id: string;
  started_at: Date | string;
  started_key: string;
  type: PitfallType;
  severity: Severity;
  status: FindingStatus;
  confidence: number;
  turn_index: number;
  span_start: number;
  span_end: number;
  start_ms: number | null;
  turn_text: string | null;
  reason_code: DismissReason | null;
  note: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | string | null;
  severity_rank: number;
  review_rank: number;
}

/** Columns of a queue row; `$snapshot` is replaced by the placeholder of the snapshot instant. */
function queueColumns(snapshotPlaceholder: string): string {
  return `f.id, f.call_id, c.deal_id, c.rep_id, c.team_id, c.started_at,
    to_char(c.started_at AT TIME ZONE 'UTC', ${INSTANT_FORMAT}) AS started_key,
    f.type, f.severity, f.status, f.confidence, f.turn_index, f.span_start, f.span_end,
    t.start_ms, t.text AS turn_text, f.reason_code, f.note, f.reviewed_by, f.reviewed_at,
    ${SEVERITY_RANK} AS severity_rank,
    CASE WHEN f.first_reviewed_at IS NOT NULL AND f.first_reviewed_at <= ${snapshotPlaceholder} THEN 1 ELSE 0 END AS review_rank`;
}

const QUEUE_FROM = `findings f JOIN calls c ON c.id = f.call_id LEFT JOIN turns t ON t.call_id = f.call_id AND t.idx = f.turn_index`;

function toQueueFinding(row: QueueRow): QueueFinding {
  return {
    id: Number(row.id),
    callId: row.call_id,
    dealId: row.deal_id,
    repId: row.rep_id,
    teamId: row.team_id,
    callStartedAt: new Date(row.started_at).toISOString(),
    type: row.type,
    severity: row.severity,
    status: row.status,
    confidence: row.confidence,
    turnIndex: row.turn_index,
    spanStart: row.span_start,
    spanEnd: row.span_end,
    startMs: row.start_ms,
    turnText: row.turn_text ?? '',
    review: reviewOfRow(row),
  };
}

/** Returns the current database time as an ISO 8601 instant with microseconds. */
async function databaseNow(db: Queryable): Promise<string> {
  const rows = await db.query<{ now: string }>(`SELECT to_char(now() AT TIME ZONE 'UTC', ${INSTANT_FORMAT}) AS now`);
  return rows[0]!.now;
}

/** Appends the filter conditions to `conditions` and their values to `params`. */
function addFilters(filters: QueueFilters, conditions: string[], params: unknown[]): void {
  const add = (sql: (placeholder: string) => string, value: unknown): void => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  if (filters.teamId !== undefined) add((p) => `c.team_id = ${p}`, filters.teamId);
  if (filters.repId !== undefined) add((p) => `c.rep_id = ${p}`, filters.repId);
  if (filters.type !== undefined) add((p) => `f.type = ${p}`, filters.type);
  if (filters.severity !== undefined) add((p) => `f.severity = ${p}`, filters.severity);
  if (filters.status !== undefined) add((p) => `f.status = ${p}`, filters.status);
  if (filters.from !== undefined) add((p) => `c.started_at >= ${p}::timestamptz`, filters.from);
  if (filters.to !== undefined) add((p) => `c.started_at < ${p}::timestamptz`, filters.to);
}

/** Returns one page of the review queue in the caller's scope, `limit` rows at most. */
export async function listQueue(
  db: Queryable,
  principal: Principal,
  filters: QueueFilters,
  cursor: QueueCursor | null,
  limit: number,
): Promise<QueuePage> {
  const snapshotAt = cursor?.snapshotAt ?? (await databaseNow(db));
  const params: unknown[] = [snapshotAt];
  const conditions = [scopeCondition(principal, { team: 'c.team_id', rep: 'c.rep_id' }, params)];
  addFilters(filters, conditions, params);

  let after = 'TRUE';
  if (cursor) {
    params.push(cursor.severityRank, cursor.reviewRank, cursor.startedAt, cursor.findingId);
    const [s, r, t, i] = [params.length - 3, params.length - 2, params.length - 1, params.length].map((n) => `$${n}`);
    // Keyset condition for ORDER BY severity_rank, review_rank, started_at DESC, id.
    after = `(q.severity_rank > ${s} OR (q.severity_rank = ${s} AND (q.review_rank > ${r} OR (q.review_rank = ${r} AND
      (q.started_at < ${t}::timestamptz OR (q.started_at = ${t}::timestamptz AND q.id > ${i}))))))`;
  }
  params.push(limit + 1);

  const rows = await db.query<QueueRow>(
    `SELECT * FROM (SELECT ${queueColumns('$1::timestamptz')} FROM ${QUEUE_FROM} WHERE ${conditions.join(' AND ')}) q
     WHERE ${after}
     ORDER BY q.severity_rank, q.review_rank, q.started_at DESC, q.id
     LIMIT $${params.length}`,
    params,
  );

  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const next =
    rows.length > limit && last
      ? { severityRank: last.severity_rank, reviewRank: last.review_rank, startedAt: last.started_key, findingId: Number(last.id), snapshotAt }
      : null;
  return { items: page.map(toQueueFinding), next };
}

/** Returns one finding in the queue's shape, or null when no finding with the id is in the caller's scope. */
export async function getQueueFinding(db: Queryable, principal: Principal, findingId: number): Promise<QueueFinding | null> {
  const params: unknown[] = [findingId];
  const scope = scopeCondition(principal, { team: 'c.team_id', rep: 'c.rep_id' }, params);
  const rows = await db.query<QueueRow>(`SELECT ${queueColumns('now()')} FROM ${QUEUE_FROM} WHERE f.id = $1 AND ${scope}`, params);
  return rows[0] ? toQueueFinding(rows[0]) : null;
}
