/**
 * Reads for the export of dismissed findings: the calls in scope that hold
 * dismissed findings, and the review status of each finding of a call.
 */
import type { Principal } from '../auth/principal.js';
import { scopeCondition } from '../auth/scope.js';
import type { PitfallType } from '../domain/pitfalls.js';
import type { FindingStatus } from '../domain/review.js';
import type { Queryable } from './db.js';

/** Filters of the export; `type` keeps calls with a dismissed finding of that type. */
export interface DismissedExportFilters {
  teamId?: string;
  type?: PitfallType;
  from?: string;
  to?: string;
}

/** Returns the ids of the calls in scope that hold dismissed findings, oldest call first. */
export async function listCallsWithDismissals(db: Queryable, principal: Principal, filters: DismissedExportFilters): Promise<string[]> {
  const params: unknown[] = [];
  const conditions = [scopeCondition(principal, { team: 'c.team_id', rep: 'c.rep_id' }, params), `f.status = 'dismissed'`];
  const add = (sql: (placeholder: string) => string, value: unknown): void => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  if (filters.teamId !== undefined) add((p) => `c.team_id = ${p}`, filters.teamId);
  if (filters.type !== undefined) add((p) => `f.type = ${p}`, filters.type);
  if (filters.from !== undefined) add((p) => `c.started_at >= ${p}::timestamptz`, filters.from);
  if (filters.to !== undefined) add((p) => `c.started_at < ${p}::timestamptz`, filters.to);

  const rows = await db.query<{ id: string }>(
    `SELECT c.id FROM calls c
     WHERE EXISTS (SELECT 1 FROM findings f WHERE f.call_id = c.id AND ${conditions.slice(1).join(' AND ')})
       AND ${conditions[0]}
     ORDER BY c.started_at, c.id`,
    params,
  );
  return rows.map((row) => row.id);
}

/** Returns the type, anchor turn and review status of each finding of a call. */
export async function listFindingStatuses(
  db: Queryable,
  callId: string,
): Promise<Array<{ type: PitfallType; turnIndex: number; status: FindingStatus }>> {
  const rows = await db.query<{ type: PitfallType; turn_index: number; status: FindingStatus }>(
    'SELECT type, turn_index, status FROM findings WHERE call_id = $1 ORDER BY turn_index, id',
    [callId],
  );
  return rows.map((row) => ({ type: row.type, turnIndex: row.turn_index, status: row.status }));
}
