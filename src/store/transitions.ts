/**
 * Applies a state machine event to a call inside the caller's transaction
 * and records it in call_transitions.
 */
import { TRANSITIONS, type CallEvent, type CallStatus } from '../domain/call-state.js';
import type { RoleMethod } from '../domain/transcript.js';
import type { Queryable } from './db.js';

/** Thrown when the call is not in a state the event may start from. */
export class TransitionConflict extends Error {
  constructor(
    readonly callId: string,
    readonly event: CallEvent,
    readonly currentStatus: CallStatus | null,
  ) {
    super(`Call ${callId} cannot take event ${event} from status ${currentStatus ?? 'missing'}`);
    this.name = 'TransitionConflict';
  }
}

/** Extra columns an event sets on the call row. */
export interface TransitionFields {
  failureCode?: string | null;
  failureMessage?: string | null;
  /** Message parameters of the failure's error code, stored as JSON. */
  failureParams?: Record<string, string | number> | null;
  failedStage?: string | null;
  rolesKnown?: boolean;
  durationMs?: number | null;
  asrModel?: string | null;
  /** Confidence of the rep/customer guess for a diarized mono call. */
  roleConfidence?: number | null;
  /** Method that decided the roles of a diarized mono call. */
  roleMethod?: RoleMethod | null;
  dualMono?: boolean;
}

const FIELD_COLUMNS: Record<keyof TransitionFields, string> = {
  failureCode: 'failure_code',
  failureMessage: 'failure_message',
  failureParams: 'failure_params',
  failedStage: 'failed_stage',
  rolesKnown: 'roles_known',
  durationMs: 'duration_ms',
  asrModel: 'asr_model',
  roleConfidence: 'role_confidence',
  roleMethod: 'role_method',
  dualMono: 'dual_mono',
};

/**
 * Moves the call to the event's target status, locking the row so two
 * workers cannot both apply the same step. Returns the previous status.
 */
export async function applyTransition(
  tx: Queryable,
  callId: string,
  event: CallEvent,
  fields: TransitionFields = {},
  detail?: string,
): Promise<CallStatus> {
  const rule = TRANSITIONS[event];
  const rows = await tx.query<{ status: CallStatus }>('SELECT status FROM calls WHERE id = $1 FOR UPDATE', [callId]);
  const current = rows[0]?.status ?? null;
  if (current === null || !rule.from.includes(current)) {
    throw new TransitionConflict(callId, event, current);
  }

  const assignments = ['status = $2', 'updated_at = now()'];
  const params: unknown[] = [callId, rule.to];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    // Objects go to JSONB columns; pg and PGlite both take them as JSON text.
    params.push(value !== null && typeof value === 'object' ? JSON.stringify(value) : value);
    assignments.push(`${FIELD_COLUMNS[key as keyof TransitionFields]} = $${params.length}`);
  }
  await tx.query(`UPDATE calls SET ${assignments.join(', ')} WHERE id = $1`, params);
  await tx.query('INSERT INTO call_transitions (call_id, from_status, to_status, detail) VALUES ($1, $2, $3, $4)', [
    callId,
    current,
    rule.to,
    detail ?? event,
  ]);
  return current;
}

/**
 * Applies one event to many calls in the caller's transaction, locking their
 * rows. Calls not in a state the event may start from are left as they are.
 * Returns the ids of the calls that moved.
 */
export async function applyTransitionToMany(tx: Queryable, callIds: readonly string[], event: CallEvent): Promise<string[]> {
  if (callIds.length === 0) return [];
  const rule = TRANSITIONS[event];
  const rows = await tx.query<{ id: string; status: CallStatus }>(
    'SELECT id, status FROM calls WHERE id = ANY($1::text[]) AND status = ANY($2::text[]) ORDER BY id FOR UPDATE',
    [callIds, rule.from],
  );
  if (rows.length === 0) return [];

  const ids = rows.map((row) => row.id);
  await tx.query('UPDATE calls SET status = $2, updated_at = now() WHERE id = ANY($1::text[])', [ids, rule.to]);
  await tx.query(
    `INSERT INTO call_transitions (call_id, from_status, to_status, detail)
     SELECT moved.id, moved.status, $3, $4 FROM unnest($1::text[], $2::text[]) AS moved (id, status)`,
    [ids, rows.map((row) => row.status), rule.to, event],
  );
  return ids;
}
