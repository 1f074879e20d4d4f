/**
 * Accepts one upload: streams the file into content-addressed storage,
 * validates the form fields and the file (audio is probed with ffmpeg, a
 * transcript is parsed), and only then creates the call. On any rejection
 * the stored file is removed unless an earlier call already refers to it,
 * so a rejected upload leaves nothing behind.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { CallscoreError } from '../errors/registry.js';
import type { StoredBlob } from '../ingest/types.js';
import { blobPath, removeBlob, saveStream } from '../ingest/blob-store.js';
import { inspectFile } from '../ingest/inspect.js';
import { displayFilename } from '../ingest/filename.js';
import { getCall, insertCall, isRecordingReferenced } from '../store/calls.js';
import type { CallStatus } from '../domain/call-state.js';
import { replaceTurnsRedacted, setCallConsent } from '../store/privacy.js';
import { redactText } from '../privacy/redact.js';
import { getTeamSettings } from '../store/team-settings.js';
import type { Database } from '../store/db.js';
import { UploadFieldsSchema, type UploadFields } from './schemas.js';

/** Upload destination and size limit. */
export interface UploadOptions {
  db: Database;
  storageDir: string;
  maxUploadBytes: number;
}

/** The call an accepted upload created, or the existing call with the same id and content. */
export interface AcceptedUpload {
  callId: string;
  source: 'audio' | 'transcript';
  blob: StoredBlob;
  status: CallStatus;
  /** False when the upload repeated an existing call id with the same content. */
  created: boolean;
}

interface ReceivedParts {
  blob: StoredBlob | null;
  filename: string;
  contentType: string;
  fields: Record<string, string>;
}

async function receiveParts(request: FastifyRequest, options: UploadOptions): Promise<ReceivedParts> {
  const received: ReceivedParts = { blob: null, filename: '', contentType: '', fields: {} };
  const limitMb = Math.round(options.maxUploadBytes / (1024 * 1024));
  try {
    // One byte over the limit lets saveStream see the overrun and report it with the limit.
    for await (const part of request.parts({ limits: { files: 1, fields: 20, fileSize: options.maxUploadBytes + 1 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw new CallscoreError('CS_ERR_VALIDATION', { field: part.fieldname, reason: 'unexpected file field; send the file as "file"' });
        }
        received.filename = part.filename;
        received.contentType = part.mimetype;
        received.blob = await saveStream(part.file, {
          storageDir: options.storageDir,
          maxBytes: options.maxUploadBytes,
          filename: part.filename,
        });
      } else {
        received.fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    if (received.blob) await discardBlob(options, received.blob);
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new CallscoreError('CS_ERR_FILE_TOO_LARGE', { filename: received.filename || 'upload', limitMb });
    }
    throw error;
  }
  return received;
}

/** Removes a stored file unless some call refers to it. */
export async function discardBlob(options: UploadOptions, blob: StoredBlob): Promise<void> {
  // NOTE: an identical upload still in flight could lose its file here; it then fails at transcription and can be re-uploaded.
  if (!(await isRecordingReferenced(options.db, blob.sha256))) await removeBlob(options.storageDir, blob.sha256);
}

function parseFields(fields: Record<string, string>): UploadFields {
  const parsed = UploadFieldsSchema.safeParse(fields);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.') || 'form';
  const received = fields[field];
  const reason = received === undefined ? 'missing' : `${issue.message} (received "${received.slice(0, 80)}")`;
  throw new CallscoreError('CS_ERR_VALIDATION', { field, reason });
}

/** Receives, validates and stores one upload, then creates its call in status `uploaded`. */
export async function acceptUpload(request: FastifyRequest, options: UploadOptions): Promise<AcceptedUpload> {
  const received = await receiveParts(request, options);
  const blob = received.blob;
  if (!blob) throw new CallscoreError('CS_ERR_FILE_MISSING');

  let fields: UploadFields;
  try {
    fields = parseFields(received.fields);
  } catch (error) {
    await discardBlob(options, blob);
    throw error;
  }
  return registerStoredFile(options, blob, { filename: received.filename, contentType: received.contentType, fields });
}

/** A stored file and what its sender said about it. */
export interface StoredFileDescription {
  filename: string;
  contentType?: string;
  fields: UploadFields;
}

/**
 * Inspects a file already in the blob store and creates its call, or
 * returns the existing call when `fields.callId` names a call with the same
 * content. Throws CS_ERR_CALL_ID_CONFLICT when that call has other content.
 * On any rejection the stored file is removed unless a call refers to it.
 * Batch imports use this after copying a manifest row's file into the store.
 */
export async function registerStoredFile(options: UploadOptions, blob: StoredBlob, description: StoredFileDescription): Promise<AcceptedUpload> {
  const { fields } = description;
  try {
    if (fields.callId) {
      const existing = await findSameCall(options.db, fields.callId, blob);
      if (existing) return existing;
    }

    const file = await inspectFile(blobPath(options.storageDir, blob.sha256), description.filename, {
      contentType: description.contentType,
      channelLayout: fields.channelLayout,
    });
    const { settings } = await getTeamSettings(options.db, fields.teamId);
    if (settings.privacy.consentRequired && fields.consent !== true) {
      throw new CallscoreError('CS_ERR_CONSENT_REQUIRED', { teamId: fields.teamId, consent: String(fields.consent ?? 'missing') });
    }
    const callId = fields.callId ?? randomUUID();
    const source = file.kind === 'audio' ? 'audio' : 'transcript';
    const lastTurn = file.transcript?.turns.at(-1);

    await options.db.transaction(async (tx) => {
      await insertCall(
        tx,
        {
          id: callId,
          dealId: fields.dealId,
          repId: fields.repId,
          teamId: fields.teamId,
          startedAt: fields.startedAt,
          language: fields.language,
          channelLayout: fields.channelLayout,
          source,
          recordingSha256: blob.sha256,
          // Reps name files after the customer's number too, so the stored name is masked like the transcript.
          filename: redactText(displayFilename(description.filename)).text,
          callEnded: file.transcript?.callEnded ?? true,
          rolesKnown: file.transcript ? file.transcript.rolesKnown : null,
          durationMs: file.probe ? file.probe.durationMs : (lastTurn?.endMs ?? null),
        },
        {
          sha256: blob.sha256,
          kind: file.kind,
          sizeBytes: blob.sizeBytes,
          format: file.probe?.format ?? file.kind,
          channels: file.probe?.channels ?? null,
          durationMs: file.probe?.durationMs ?? null,
        },
      );
      await setCallConsent(tx, callId, fields.consent ?? null);
      if (file.transcript) await replaceTurnsRedacted(tx, callId, file.transcript.turns, settings.privacy.redactionMode);
    });
    return { callId, source, blob, status: 'uploaded', created: true };
  } catch (error) {
    if (fields.callId && isUniqueViolation(error)) {
      // Another request created the same call id between the check and the insert.
      const existing = await findSameCall(options.db, fields.callId, blob);
      if (existing) return existing;
    }
    await discardBlob(options, blob);
    throw error;
  }
}

async function findSameCall(db: Database, callId: string, blob: StoredBlob): Promise<AcceptedUpload | null> {
  const call = await getCall(db, callId);
  if (!call) return null;
  if (call.recordingSha256 !== blob.sha256) {
    throw new CallscoreError('CS_ERR_CALL_ID_CONFLICT', { callId, existingSha256: call.recordingSha256 });
  }
  return { callId, source: call.source, blob, status: call.status, created: false };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === '23505';
}
