/** Call rows and the recordings they point at. */
import type { CallStatus, PipelineStage } from '../domain/call-state.js';
import type { CallLanguage, ChannelLayout, RoleMethod } from '../domain/transcript.js';
import type { Principal } from '../auth/principal.js';
import { scopeCondition } from '../auth/scope.js';
import type { Queryable } from './db.js';

/** A call as stored. */
export interface CallRecord {
  id: string;
  dealId: string;
  repId: string;
  teamId: string;
  startedAt: string;
  language: CallLanguage;
  channelLayout: ChannelLayout;
  source: 'audio' | 'transcript';
  recordingSha256: string;
  filename: string;
  status: CallStatus;
  failureCode: string | null;
  failureMessage: string | null;
  /** Parameters of the failure's error code, to render its message in any language. */
  failureParams: Record<string, string | number> | null;
  failedStage: PipelineStage | null;
  rolesKnown: boolean | null;
  callEnded: boolean;
  durationMs: number | null;
  asrModel: string | null;
  /** Confidence of the rep/customer guess of a diarized mono call, null otherwise. */
  roleConfidence: number | null;
  /** Method that decided the roles of a diarized mono call, null for stereo calls and transcripts. */
  roleMethod: RoleMethod | null;
  /** True when a stereo file carried one mix on both channels and was transcribed as mono. */
  dualMono: boolean | null;
  createdAt: string;
  updatedAt: string;
}

/** Facts an upload stores about its file. */
export interface RecordingInput {
  sha256: string;
  kind: string;
  sizeBytes: number;
  format: string | null;
  channels: number | null;
  durationMs: number | null;
}

/** The fields of a new call. */
export type NewCall = Pick<
  CallRecord,
  'id' | 'dealId' | 'repId' | 'teamId' | 'startedAt' | 'language' | 'channelLayout' | 'source' | 'recordingSha256' | 'filename' | 'callEnded'
> & { rolesKnown: boolean | null; durationMs: number | null };

const CALL_COLUMNS = `id, deal_id, rep_id, team_id, started_at, language, channel_layout, source, recording_sha256, filename,
  status, failure_code, failure_message, failure_params, failed_stage, roles_known, call_ended, duration_ms, asr_model, role_confidence, role_method, dual_mono,
  created_at, updated_at`;

interface CallRow {
  id: string;
  deal_id: string;
  rep_id: string;
  team_id: string;
  started_at: Date | string;
  language: CallLanguage;
  channel_layout: ChannelLayout;
  source: 'audio' | 'transcript';
  recording_sha256: string;
  filename: string;
  status: CallStatus;
  failure_code: string | null;
  failure_message: string | null;
  failure_params: Record<string, string | number> | null;
  failed_stage: PipelineStage | null;
  roles_known: boolean | null;
  call_ended: boolean;
  duration_ms: number | null;
  asr_model: string | null;
  role_confidence: number | null;
  role_method: RoleMethod | null;
  dual_mono: boolean | null;
  created_at: Date | string;
  updated_at: Date | string;
}

function toIso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

function toCall(row: CallRow): CallRecord {
  return {
    id: row.id,
    dealId: row.deal_id,
    repId: row.rep_id,
    teamId: row.team_id,
    startedAt: toIso(row.started_at),
    language: row.language,
    channelLayout: row.channel_layout,
    source: row.source,
    recordingSha256: row.recording_sha256,
    filename: row.filename,
    status: row.status,
    failureCode: row.failure_code,
    failureMessage: row.failure_message,
    failureParams: row.failure_params,
    failedStage: row.failed_stage,
    rolesKnown: row.roles_known,
    callEnded: row.call_ended,
    durationMs: row.duration_ms,
    asrModel: row.asr_model,
    roleConfidence: row.role_confidence,
    roleMethod: row.role_method,
    dualMono: row.dual_mono,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** Inserts the recording (once per content hash) and the call in status `uploaded`. */
export async function insertCall(tx: Queryable, call: NewCall, recording: RecordingInput): Promise<void> {
  await tx.query(
    `INSERT INTO recordings (sha256, kind, size_bytes, format, channels, duration_ms)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sha256) DO NOTHING`,
    [recording.sha256, recording.kind, recording.sizeBytes, recording.format, recording.channels, recording.durationMs],
  );
  await tx.query(
    `INSERT INTO calls (id, deal_id, rep_id, team_id, started_at, language, channel_layout, source, recording_sha256, filename,
       status, roles_known, call_ended, duration_ms)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'uploaded', $11, $12, $13)`,
    [
      call.id,
      call.dealId,
      call.repId,
      call.teamId,
      call.startedAt,
      call.language,
      call.channelLayout,
      call.source,
      call.recordingSha256,
      call.filename,
      call.rolesKnown,
      call.callEnded,
      call.durationMs,
    ],
  );
  await tx.query("INSERT INTO call_transitions (call_id, from_status, to_status, detail) VALUES ($1, NULL, 'uploaded', 'created')", [
    call.id,
  ]);
}

/** Returns the call, or null when no call has the id. */
export async function getCall(db: Queryable, callId: string): Promise<CallRecord | null> {
  const rows = await db.query<CallRow>(`SELECT ${CALL_COLUMNS} FROM calls WHERE id = $1`, [callId]);
  return rows[0] ? toCall(rows[0]) : null;
}

/** Returns the call when it exists and is in the caller's scope, else null: the same result for unknown and out-of-scope ids. */
export async function getCallInScope(db: Queryable, callId: string, principal: Principal): Promise<CallRecord | null> {
  const params: unknown[] = [callId];
  const scope = scopeCondition(principal, { team: 'team_id', rep: 'rep_id' }, params);
  const rows = await db.query<CallRow>(`SELECT ${CALL_COLUMNS} FROM calls WHERE id = $1 AND ${scope}`, params);
  return rows[0] ? toCall(rows[0]) : null;
}

/** Returns every call of a deal, oldest first. */
export async function listDealCalls(db: Queryable, dealId: string): Promise<CallRecord[]> {
  const rows = await db.query<CallRow>(`SELECT ${CALL_COLUMNS} FROM calls WHERE deal_id = $1 ORDER BY started_at, id`, [dealId]);
  return rows.map(toCall);
}

/** Returns the ids and statuses of calls that a restart must continue. */
export async function listUnfinishedCalls(db: Queryable): Promise<Array<{ id: string; status: CallStatus }>> {
  return db.query<{ id: string; status: CallStatus }>(
    "SELECT id, status FROM calls WHERE status IN ('uploaded', 'transcribing', 'analyzing') ORDER BY created_at, id",
  );
}

/** Returns the id, team and rep of the deal's earliest call of this recording, or null. */
export async function findDealCallByRecording(db: Queryable, dealId: string, sha256: string): Promise<{ id: string; teamId: string; repId: string } | null> {
  const rows = await db.query<{ id: string; team_id: string; rep_id: string }>(
    'SELECT id, team_id, rep_id FROM calls WHERE deal_id = $1 AND recording_sha256 = $2 ORDER BY created_at, id LIMIT 1',
    [dealId, sha256],
  );
  const row = rows[0];
  return row ? { id: row.id, teamId: row.team_id, repId: row.rep_id } : null;
}

/** Returns the calls that started in [from, to), of one team or of every team when `teamId` is null, oldest first. */
export async function listCallsInRange(db: Queryable, range: { teamId: string | null; from: string; to: string }): Promise<CallRecord[]> {
  const rows = await db.query<CallRow>(
    `SELECT ${CALL_COLUMNS} FROM calls
     WHERE started_at >= $1 AND started_at < $2 AND ($3::text IS NULL OR team_id = $3)
     ORDER BY started_at, id`,
    [range.from, range.to, range.teamId],
  );
  return rows.map(toCall);
}
