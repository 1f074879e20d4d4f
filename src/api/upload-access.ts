/**
 * Upload permissions: admins for any team, managers for their teams, reps only
 * as themselves and for their teams, and coaches not at all. The deal an
 * upload names must also be one the caller may write.
 */
import { CallscoreError } from '../errors/registry.js';
import type { Principal } from '../auth/principal.js';
import { requireRole } from './access.js';
import type { UploadFields } from './schemas.js';
import { getDealOwner } from '../store/deals.js';
import type { Queryable } from '../store/db.js';

/**
 * Checks the form fields of an upload against the caller and returns them,
 * with the team filled in when the form named none and the caller has one team.
 * Throws 403 CS_ERR_FORBIDDEN for a team or rep outside the caller's own.
 */
export function authorizeUpload(principal: Principal, fields: UploadFields, teamSent: boolean): UploadFields {
  requireRole(principal, ['admin', 'manager', 'rep'], { en: 'upload calls', zh: '上传通话' });
  if (principal.role === 'admin') return fields;

  let teamId = fields.teamId;
  if (!teamSent && principal.teamIds.length === 1) teamId = principal.teamIds[0]!;
  if (!principal.teamIds.includes(teamId)) {
    throw new CallscoreError('CS_ERR_FORBIDDEN', {
      role: principal.role,
      action: `upload calls for team "${teamId}" (your teams: ${principal.teamIds.join(', ') || 'none'})`,
      actionZh: `为团队 "${teamId}" 上传通话（您的团队：${principal.teamIds.join('、') || '无'}）`,
    });
  }
  if (principal.role === 'rep' && fields.repId !== principal.repId) {
    throw new CallscoreError('CS_ERR_FORBIDDEN', {
      role: principal.role,
      action: `upload calls for rep "${fields.repId}"; send your own repId "${principal.repId}"`,
      actionZh: `为销售 "${fields.repId}" 上传通话；请填写您自己的 repId "${principal.repId}"`,
    });
  }
  return { ...fields, teamId };
}

/**
 * Throws 409 CS_ERR_DEAL_ID_TAKEN unless `principal` may add calls to the
 * deal: admins to any deal, managers to deals of their teams, reps to deals
 * they own. A deal id that no deal or call uses yet is free to everyone. The
 * error names only the id, so it reveals nothing about the other deal.
 */
export async function requireDealWritable(db: Queryable, principal: Principal, dealId: string): Promise<void> {
  if (principal.role === 'admin') return;
  const owner = await getDealOwner(db, dealId);
  if (owner === null) return;
  const allowed = principal.role === 'rep' ? owner.ownerRepId === principal.repId : principal.teamIds.includes(owner.teamId);
  if (!allowed) throw new CallscoreError('CS_ERR_DEAL_ID_TAKEN', { dealId });
}
