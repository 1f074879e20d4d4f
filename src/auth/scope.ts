/**
 * Row scope as SQL: the condition that limits a query to the rows a caller
 * may see, so an out-of-scope id reads as absent (404) rather than as
 * forbidden, and no row is read only to be filtered out afterwards.
 */
import type { Principal } from './principal.js';

/** Column names, qualified as the query needs them, that carry a row's team and rep. */
export interface ScopeColumns {
  team: string;
  rep: string;
}

/**
 * Returns a SQL condition for `columns` under `principal` and appends its
 * parameters to `params` (placeholders continue from the current length).
 * Admin: every row. Manager and coach: rows of their teams. Rep: their own rows.
 */
export function scopeCondition(principal: Principal, columns: ScopeColumns, params: unknown[]): string {
  switch (principal.role) {
    case 'admin':
      return 'TRUE';
    case 'manager':
    case 'coach':
      params.push(principal.teamIds);
      return `${columns.team} = ANY($${params.length}::text[])`;
    case 'rep':
      if (principal.repId === null) return 'FALSE';
      params.push(principal.repId);
      return `${columns.rep} = $${params.length}`;
  }
}

/** Tells whether one row with this team and rep is in the caller's scope (for rows already in memory). */
export function inScope(principal: Principal, row: { teamId: string; repId: string }): boolean {
  switch (principal.role) {
    case 'admin':
      return true;
    case 'manager':
    case 'coach':
      return principal.teamIds.includes(row.teamId);
    case 'rep':
      return principal.repId !== null && principal.repId === row.repId;
  }
}
