/**
 * Deletes calls and deals on request: the rows in one transaction with an
 * audit entry, then the recording file when no call refers to it any more.
 * Deal scores are computed from the remaining calls when read, so a deleted
 * call drops out of its deal's score at once.
 */
import { removeBlob } from '../ingest/blob-store.js';
import type { Database } from '../store/db.js';
import { deleteCallRows, deleteDealRow, listDealCallIds, type DeletedCallRows } from '../store/deletion.js';
import { auditDeletion } from '../store/privacy.js';

/** The logger calls deletion makes; a fastify request logger or the process logger. */
export interface DeletionLogger {
  info(fields: object, message: string): void;
}

/** Requester of a deletion, stored in the audit. Until the API has authentication this is the client's own claim. */
export interface DeletionRequest {
  actor: string;
}

/** Counts of the rows a deleted call took with it. */
export interface DeletedCall {
  callId: string;
  dealId: string;
  turns: number;
  findings: number;
  objections: number;
  /** Review items of the deal that quoted this call. */
  reviews: number;
  recordingRemoved: boolean;
}

function toDeletedCall(rows: DeletedCallRows): DeletedCall {
  return { callId: rows.callId, dealId: rows.dealId, ...rows.counts, recordingRemoved: rows.recordingOrphaned };
}

/** Deletes one call with an audit entry and returns what went, or null when no call has the id. */
export async function deleteCall(db: Database, storageDir: string, callId: string, request: DeletionRequest, logger: DeletionLogger): Promise<DeletedCall | null> {
  const rows = await db.transaction(async (tx) => {
    const deleted = await deleteCallRows(tx, callId);
    if (deleted) {
      await auditDeletion(tx, {
        actor: request.actor,
        reason: 'api_delete',
        subject: 'call',
        subjectId: callId,
        teamId: deleted.teamId,
        removed: { ...deleted.counts, recording: deleted.recordingOrphaned ? 1 : 0, dealId: [deleted.dealId] },
      });
    }
    return deleted;
  });
  if (!rows) return null;

  // The file is removed only after the commit, so a rolled-back deletion keeps a recording a call still needs.
  if (rows.recordingOrphaned) await removeBlob(storageDir, rows.recordingSha256);
  logger.info({ callId, dealId: rows.dealId, recordingRemoved: rows.recordingOrphaned }, 'call deleted');
  return toDeletedCall(rows);
}

/**
 * Deletes every call of a deal, each audited, then the deal's own row with
 * its intent, contract and review items, with one audit entry for the deal.
 * Returns null when the deal has neither calls nor a row.
 */
export async function deleteDeal(db: Database, storageDir: string, dealId: string, request: DeletionRequest, logger: DeletionLogger): Promise<DeletedCall[] | null> {
  const callIds = await listDealCallIds(db, dealId);

  const deleted: DeletedCall[] = [];
  for (const callId of callIds) {
    const call = await deleteCall(db, storageDir, callId, request, logger);
    if (call) deleted.push(call);
  }
  const dealRowDeleted = await db.transaction(async (tx) => {
    const removed = await deleteDealRow(tx, dealId);
    if (!removed && deleted.length === 0) return false;
    await auditDeletion(tx, {
      actor: request.actor,
      reason: 'api_delete',
      subject: 'deal',
      subjectId: dealId,
      teamId: null,
      removed: { calls: deleted.length, callIds: deleted.map((call) => call.callId), deal: removed ? 1 : 0 },
    });
    return true;
  });
  if (!dealRowDeleted) return null;
  // NOTE: a call uploaded to the deal while this runs is not deleted; a second DELETE removes it.
  logger.info({ dealId, calls: deleted.length }, 'deal deleted');
  return deleted;
}
