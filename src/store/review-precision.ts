/**
 * Counts of reviewed findings per pitfall type, status and dismissal reason,
 * scoped in SQL. src/review/precision.ts turns them into the precision report.
 */
import type { Principal } from '../auth/principal.js';
import { scopeCondition } from '../auth/scope.js';
import type { PitfallType } from '../domain/pitfalls.js';
import type { DismissReason, FindingStatus } from '../domain/review.js';
import type { Queryable } from './db.js';

/** Number of findings with one type, status and reason. */
export interface ReviewCount {
  type: PitfallType;
  status: FindingStatus;
  reasonCode: DismissReason | null;
  count: number;
}

/** Filters of the precision report; `from` is included and `to` excluded, both on the call start. */
export interface PrecisionFilters {
  teamId?: string;
  from?: string;
  to?: string;
}

/** Counts the findings in the caller's scope by type, status and dismissal reason. */
export async function countReviews(db: Queryable, principal: Principal, filters: PrecisionFilters): Promise<ReviewCount[]> {
  const params: unknown[] = [];
  const conditions = [scopeCondition(principal, { team: 'c.team_id', rep: 'c.rep_id' }, params)];
  if (filters.teamId !== undefined) {
    params.push(filters.teamId);
    conditions.push(`c.team_id = $${params.length}`);
  }
  if (filters.from !== undefined) {
    params.push(filters.from);
    conditions.push(`c.started_at >= $${params.length}::timestamptz`);
  }
  if (filters.to !== undefined) {
    params.push(filters.to);
    conditions.push(`c.started_at < $${params.length}::timestamptz`);
  }

  const rows = await db.query<{ type: PitfallType; status: FindingStatus; reason_code: DismissReason | null; count: number | string }>(
    `SELECT f.type, f.status, f.reason_code, COUNT(*) AS count
     FROM findings f JOIN calls c ON c.id = f.call_id
     WHERE ${conditions.join(' AND ')}
     GROUP BY f.type, f.status, f.reason_code`,
    params,
  );
  return rows.map((row) => ({ type: row.type, status: row.status, reasonCode: row.reason_code, count: Number(row.count) }));
}
