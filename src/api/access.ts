/** Role checks for routes: an in-scope action the caller's role may not do returns 403. */
import { CallscoreError } from '../errors/registry.js';
import type { Principal, Role } from '../auth/principal.js';

/** Throws 403 CS_ERR_FORBIDDEN unless the caller has one of `roles`. */
export function requireRole(principal: Principal, roles: readonly Role[], action: { en: string; zh: string }): void {
  if (!roles.includes(principal.role)) {
    throw new CallscoreError('CS_ERR_FORBIDDEN', { role: principal.role, action: action.en, actionZh: action.zh });
  }
}

/**
 * Throws 403 CS_ERR_FORBIDDEN unless the caller is an admin, or has one of
 * `roles` and `teamId` is one of their teams. Teams have no rows to hide, so
 * another team returns 403, not 404.
 */
export function requireTeamRole(principal: Principal, teamId: string, roles: readonly Role[], action: { en: string; zh: string }): void {
  if (principal.role === 'admin') return;
  if (roles.includes(principal.role) && principal.teamIds.includes(teamId)) return;
  throw new CallscoreError('CS_ERR_FORBIDDEN', {
    role: principal.role,
    action: `${action.en} "${teamId}"`,
    actionZh: `${action.zh}（团队 "${teamId}"）`,
  });
}

/** Throws 403 CS_ERR_FORBIDDEN unless the caller is an admin. */
export function requireAdmin(principal: Principal, action: { en: string; zh: string }): void {
  requireRole(principal, ['admin'], action);
}

/** Limits a rep's deal reads to their own calls. Other roles read every call of a deal they may see. */
export function dealCallFilter(principal: Principal): { repId: string | null } {
  return { repId: principal.role === 'rep' ? principal.repId : null };
}
