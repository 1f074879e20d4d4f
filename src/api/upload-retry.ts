/**
 * Retries of an upload that names an existing call id: the retry is
 * idempotent only when it describes the same call, so a changed deal, rep,
 * team or start time is reported instead of silently returning the old call.
 */
import { CallscoreError } from '../errors/registry.js';
import type { CallRecord } from '../store/calls.js';
import type { UploadFields } from './schemas.js';

/** A field that must match between a stored call and a retry of its upload. */
export type RetryField = 'dealId' | 'repId' | 'teamId' | 'startedAt';

const RETRY_FIELDS: readonly RetryField[] = ['dealId', 'repId', 'teamId', 'startedAt'];

function sameValue(field: RetryField, stored: string, sent: string): boolean {
  // The same instant may be written with another offset or precision, e.g. +08:00 and Z.
  if (field === 'startedAt') return Date.parse(stored) === Date.parse(sent);
  return stored === sent;
}

/** Returns the first of dealId, repId, teamId and startedAt whose value differs between the stored call and the retry, or null. */
export function differingCallField(call: CallRecord, fields: UploadFields): RetryField | null {
  return RETRY_FIELDS.find((field) => !sameValue(field, call[field], fields[field])) ?? null;
}

/**
 * Builds the 409 CS_ERR_CALL_ID_MISMATCH for `field`. The message shows the
 * stored value, so only use it for a call in the uploader's scope.
 */
export function callIdMismatch(call: CallRecord, fields: UploadFields, field: RetryField): CallscoreError {
  return new CallscoreError('CS_ERR_CALL_ID_MISMATCH', { callId: call.id, field, existing: call[field], received: fields[field] });
}

/** Throws 409 CS_ERR_CALL_ID_MISMATCH when a retry's fields differ from the stored call's (see `callIdMismatch`). */
export function requireSameCallFields(call: CallRecord, fields: UploadFields): void {
  const field = differingCallField(call, fields);
  if (field) throw callIdMismatch(call, fields, field);
}
