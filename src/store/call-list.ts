/**
 * The scoped list of calls for the review page, newest first and paged by
 * keyset, with the number of findings and unreviewed findings of each call,
 * and the recording facts that audio playback needs.
 */
import type { Principal } from '../auth/principal.js';
import { scopeCondition } from '../auth/scope.js';
import type { CallStatus } from '../domain/call-state.js';
import type { Queryable } from './db.js';

/** Filters of the call list; an absent field does not filter. */
export interface CallListFilters {
  teamId?: string;
  repId?: string;
  dealId?: string;
  status?: CallStatus;
  /** Earliest call start, ISO 8601, included. */
  from?: string;
  /** Latest call start, ISO 8601, excluded. */
  to?: string;
}

/** Position after the last call of a page. */
export interface CallListCursor {
  /** Call start as an ISO 8601 instant with microseconds. */
  startedAt: string;
  callId: string;
}

/** One call of the list. */
export interface CallListItem {
  id: string;
  dealId: string;
  repId: string;
  teamId: string;
  startedAt: string;
  status: CallStatus;
  durationMs: number | null;
  findingCount: number;
  unreviewedCount: number;
}

const INSTANT_FORMAT = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/** Returns one page of calls in the caller's scope and the cursor of the next page, or null after the last. */
export async function listCalls(
  db: Queryable,
  principal: Principal,
  filters: CallListFilters,
  cursor: CallListCursor | null,
  limit: number,
): Promise<{ items: CallListItem[]; next: CallListCursor | null }> {
  const params: unknown[] = [];
  const conditions = [scopeCondition(principal, { team: 'c.team_id', rep: 'c.rep_id' }, params)];
  const add = (sql: (placeholder: string) => string, value: unknown): void => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  if (filters.teamId !== undefined) add((p) => `c.team_id = ${p}`, filters.teamId);
  if (filters.repId !== undefined) add((p) => `c.rep_id = ${p}`, filters.repId);
  if (filters.dealId !== undefined) add((p) => `c.deal_id = ${p}`, filters.dealId);
  if (filters.status !== undefined) add((p) => `c.status = ${p}`, filters.status);
  if (filters.from !== undefined) add((p) => `c.started_at >= ${p}::timestamptz`, filters.from);
  if (filters.to !== undefined) add((p) => `c.started_at < ${p}::timestamptz`, filters.to);
  if (cursor) {
    params.push(cursor.startedAt, cursor.callId);
    const [t, i] = [`$${params.length - 1}::timestamptz`, `$${params.length}`];
    conditions.push(`(c.started_at < ${t} OR (c.started_at = ${t} AND c.id < ${i}))`);
  }
  params.push(limit + 1);

  const rows = await db.query<{
    id: string;
    deal_id: string;
    rep_id: string;
    team_id: string;
    started_at: Date | string;
    started_key: string;
    status: CallStatus;
    duration_ms: number | null;
    finding_count: number | string;
    unreviewed_count: number | string;
  }>(
    `SELECT c.id, c.deal_id, c.rep_id, c.team_id, c.started_at, to_char(c.started_at AT TIME ZONE 'UTC', ${INSTANT_FORMAT}) AS started_key,
       c.status, c.duration_ms,
       (SELECT COUNT(*) FROM findings f WHERE f.call_id = c.id) AS finding_count,
       (SELECT COUNT(*) FROM findings f WHERE f.call_id = c.id AND f.status = 'unreviewed') AS unreviewed_count
     FROM calls c
     WHERE ${conditions.join(' AND ')}
     ORDER BY c.started_at DESC, c.id DESC
     LIMIT $${params.length}`,
    params,
  );

  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => ({
      id: row.id,
      dealId: row.deal_id,
      repId: row.rep_id,
      teamId: row.team_id,
      startedAt: new Date(row.started_at).toISOString(),
      status: row.status,
      durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
      findingCount: Number(row.finding_count),
      unreviewedCount: Number(row.unreviewed_count),
    })),
    next: rows.length > limit && last ? { startedAt: last.started_key, callId: last.id } : null,
  };
}

/** Facts of a call and its recording that audio playback needs. */
export interface CallRecording {
  callId: string;
  source: 'audio' | 'transcript';
  sha256: string;
  /** Container that upload validation detected, such as wav, mp3 or mp4. */
  format: string | null;
  sizeBytes: number;
  recordingDeleted: boolean;
}

/** Returns the recording facts of a call in the caller's scope, or null when no such call is in scope. */
export async function getCallRecording(db: Queryable, principal: Principal, callId: string): Promise<CallRecording | null> {
  const params: unknown[] = [callId];
  const scope = scopeCondition(principal, { team: 'c.team_id', rep: 'c.rep_id' }, params);
  const rows = await db.query<{
    id: string;
    source: 'audio' | 'transcript';
    sha256: string;
    format: string | null;
    size_bytes: number | string;
    recording_deleted_at: Date | string | null;
  }>(
    `SELECT c.id, c.source, r.sha256, r.format, r.size_bytes, c.recording_deleted_at
     FROM calls c JOIN recordings r ON r.sha256 = c.recording_sha256
     WHERE c.id = $1 AND ${scope}`,
    params,
  );
  const row = rows[0];
  if (!row) return null;
  return {
    callId: row.id,
    source: row.source,
    sha256: row.sha256,
    format: row.format,
    sizeBytes: Number(row.size_bytes),
    recordingDeleted: row.recording_deleted_at !== null,
  };
}
