/**
 * Stores masked turns with their redaction spans, the unmasked originals a
 * team may keep for admins, the consent flag and the deletion audit.
 */
import type { Turn } from '../domain/transcript.js';
import { redactTurns, type Redaction } from '../privacy/redact.js';
import type { RedactionMode } from '../privacy/settings.js';
import type { Queryable } from './db.js';
import { replaceTurns } from './turns.js';

/**
 * Masks personal data in `turns` and replaces the call's stored turns with
 * the masked ones. With `original_for_admins` the unmasked text of each
 * changed turn goes to `turn_originals`; otherwise no original is kept.
 * Returns the number of turns in which something was masked.
 */
export async function replaceTurnsRedacted(tx: Queryable, callId: string, turns: Turn[], mode: RedactionMode): Promise<number> {
  const redacted = redactTurns(turns);
  await replaceTurns(tx, callId, redacted.turns);
  await tx.query('DELETE FROM turn_originals WHERE call_id = $1', [callId]);

  for (let idx = 0; idx < turns.length; idx++) {
    const redactions = redacted.redactions[idx]!;
    if (redactions.length === 0) continue;
    await tx.query('UPDATE turns SET redactions = $3 WHERE call_id = $1 AND idx = $2', [callId, idx, JSON.stringify(redactions)]);
    if (mode === 'original_for_admins') {
      await tx.query('INSERT INTO turn_originals (call_id, idx, text) VALUES ($1, $2, $3)', [callId, idx, turns[idx]!.text]);
    }
  }
  return redacted.changedTurns;
}

/** Returns the redactions of each turn of a call, index for index with its turns. */
export async function getTurnRedactions(db: Queryable, callId: string): Promise<Redaction[][]> {
  const rows = await db.query<{ redactions: Redaction[] }>('SELECT redactions FROM turns WHERE call_id = $1 ORDER BY idx', [callId]);
  return rows.map((row) => row.redactions);
}

/** Returns the unmasked text of the turns that had personal data, by turn index. */
export async function getTurnOriginals(db: Queryable, callId: string): Promise<Map<number, string>> {
  const rows = await db.query<{ idx: number; text: string }>('SELECT idx, text FROM turn_originals WHERE call_id = $1', [callId]);
  return new Map(rows.map((row) => [row.idx, row.text]));
}

/** Stores the consent flag an upload sent; null means the upload sent none. */
export async function setCallConsent(tx: Queryable, callId: string, consent: boolean | null): Promise<void> {
  await tx.query('UPDATE calls SET consent = $2 WHERE id = $1', [callId, consent]);
}

/** The consent flag and the retention marks of a call. */
export interface CallPrivacyState {
  consent: boolean | null;
  recordingDeletedAt: string | null;
  transcriptDeletedAt: string | null;
}

/** Returns the consent flag and retention marks of a call, or null when no call has the id. */
export async function getCallPrivacyState(db: Queryable, callId: string): Promise<CallPrivacyState | null> {
  const rows = await db.query<{ consent: boolean | null; recording_deleted_at: Date | string | null; transcript_deleted_at: Date | string | null }>(
    'SELECT consent, recording_deleted_at, transcript_deleted_at FROM calls WHERE id = $1',
    [callId],
  );
  const row = rows[0];
  if (!row) return null;
  const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
  return { consent: row.consent, recordingDeletedAt: iso(row.recording_deleted_at), transcriptDeletedAt: iso(row.transcript_deleted_at) };
}

/** One audited deletion: ids, the team and how many rows or files went, never text. */
export interface DeletionAuditEntry {
  actor: string;
  reason: 'api_delete' | 'retention';
  subject: 'call' | 'deal' | 'recording' | 'transcript';
  subjectId: string;
  teamId: string | null;
  removed: Record<string, number | string[]>;
}

/** Appends an entry to the deletion audit in the caller's transaction. */
export async function auditDeletion(tx: Queryable, entry: DeletionAuditEntry): Promise<void> {
  await tx.query('INSERT INTO deletion_audit (actor, reason, subject, subject_id, team_id, removed) VALUES ($1, $2, $3, $4, $5, $6)', [
    entry.actor,
    entry.reason,
    entry.subject,
    entry.subjectId,
    entry.teamId,
    JSON.stringify(entry.removed),
  ]);
}

/** A stored audit entry with its time. */
export type StoredDeletionAudit = DeletionAuditEntry & { at: string };

/** Returns the audit entries about one subject, oldest first. */
export async function listDeletionAudit(db: Queryable, subject: DeletionAuditEntry['subject'], subjectId: string): Promise<StoredDeletionAudit[]> {
  const rows = await db.query<{
    at: Date | string;
    actor: string;
    reason: DeletionAuditEntry['reason'];
    subject: DeletionAuditEntry['subject'];
    subject_id: string;
    team_id: string | null;
    removed: DeletionAuditEntry['removed'];
  }>('SELECT at, actor, reason, subject, subject_id, team_id, removed FROM deletion_audit WHERE subject = $1 AND subject_id = $2 ORDER BY id', [
    subject,
    subjectId,
  ]);
  return rows.map((row) => ({
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    reason: row.reason,
    subject: row.subject,
    subjectId: row.subject_id,
    teamId: row.team_id,
    removed: row.removed,
  }));
}
