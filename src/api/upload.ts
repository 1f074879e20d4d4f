/**
 * Accepts one upload. The file streams into a staging file of the store.
 * The form fields and the file are validated (audio is probed with ffmpeg,
 * a transcript is parsed), and only then does the file move to its
 * content-addressed place and the call get created. A rejected upload deletes
 * only its own staging file, so it never touches a stored recording that
 * another upload of the same content uses.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { CallscoreError } from '../errors/registry.js';
import type { StoredBlob } from '../ingest/types.js';
import { blobPath, commitStaged, discardStaged, stageStream, type StagedUpload } from '../ingest/blob-store.js';
import { inspectFile } from '../ingest/inspect.js';
import { displayFilename } from '../ingest/filename.js';
import { findDealCallByRecording, getCall, insertCall } from '../store/calls.js';
import type { CallStatus } from '../domain/call-state.js';
import type { Turn } from '../domain/transcript.js';
import { replaceTurnsRedacted, setCallConsent } from '../store/privacy.js';
import { redactText } from '../privacy/redact.js';
import { getTeamSettings } from '../store/team-settings.js';
import type { Database } from '../store/db.js';
import type { UploadFields } from './schemas.js';
import { checkUploadFields } from './upload-fields.js';
import type { Principal } from '../auth/principal.js';
import { authorizeUpload, requireDealWritable } from './upload-access.js';
import { requireSameCallFields } from './upload-retry.js';
import { lockDealId } from '../store/deals.js';
import { inScope } from '../auth/scope.js';

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
  staged: StagedUpload | null;
  filename: string;
  contentType: string;
  fields: Record<string, string>;
}

async function receiveParts(request: FastifyRequest, options: UploadOptions): Promise<ReceivedParts> {
  const received: ReceivedParts = { staged: null, filename: '', contentType: '', fields: {} };
  const limitMb = Math.round(options.maxUploadBytes / (1024 * 1024));
  try {
    // One byte over the limit lets stageStream see the overrun and report it with the limit.
    for await (const part of request.parts({ limits: { files: 1, fields: 20, fileSize: options.maxUploadBytes + 1 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw new CallscoreError('CS_ERR_VALIDATION', {
            field: part.fieldname,
            reason: 'unexpected file field; send the file as "file"',
            reasonZh: '不应在此字段上传文件；请使用字段 "file" 上传文件',
          });
        }
        received.filename = part.filename;
        received.contentType = part.mimetype;
        received.staged = await stageStream(part.file, {
          storageDir: options.storageDir,
          maxBytes: options.maxUploadBytes,
          filename: part.filename,
        });
      } else {
        received.fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    if (received.staged) await discardStaged(received.staged);
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new CallscoreError('CS_ERR_FILE_TOO_LARGE', { filename: displayFilename(received.filename || 'upload'), limitMb });
    }
    throw error;
  }
  return received;
}

function parseFields(fields: Record<string, string>): UploadFields {
  const checked = checkUploadFields(fields);
  if (checked.issue) throw new CallscoreError('CS_ERR_VALIDATION', { ...checked.issue });
  return checked.data;
}

/** Receives, validates and stores one upload for `principal`, then creates its call in status `uploaded`. */
export async function acceptUpload(request: FastifyRequest, options: UploadOptions, principal: Principal): Promise<AcceptedUpload> {
  const received = await receiveParts(request, options);
  const staged = received.staged;
  if (!staged) throw new CallscoreError('CS_ERR_FILE_MISSING');

  let fields: UploadFields;
  try {
    fields = authorizeUpload(principal, parseFields(received.fields), received.fields.teamId !== undefined);
    await requireDealWritable(options.db, principal, fields.dealId);
  } catch (error) {
    await discardStaged(staged);
    throw error;
  }
  return registerUpload(options, staged, { filename: received.filename, contentType: received.contentType, fields, uploader: principal });
}

/** A staged file and the form fields sent with it. */
export interface UploadDescription {
  filename: string;
  contentType?: string;
  fields: UploadFields;
  /**
   * Caller of the upload: their right to add calls to `fields.dealId` is checked again inside the insert, and
   * errors never name or describe a call outside their scope. Null or absent (the CLI) skips both.
   */
  uploader?: Principal | null;
}

/**
 * Inspects a staged file, stores it by content hash and creates its call,
 * or returns the existing call when `fields.callId` names a call with the
 * same content and fields. Throws CS_ERR_CALL_ID_CONFLICT when that call has
 * other content, CS_ERR_CALL_ID_MISMATCH when its deal, rep, team or start
 * time differ, and CS_ERR_DUPLICATE_RECORDING when the same deal already has a
 * call of this recording and no callId was sent. A call outside the
 * uploader's scope is never returned or named: its id gets
 * CS_ERR_CALL_ID_TAKEN, and a duplicate of its recording gets the 409
 * without the call's id. On any rejection only the staging file is
 * deleted. Batch imports use this too.
 */
export async function registerUpload(options: UploadOptions, staged: StagedUpload, description: UploadDescription): Promise<AcceptedUpload> {
  const { fields } = description;
  const uploader = description.uploader ?? null;
  const visible = (call: CallOwner) => uploader === null || inScope(uploader, call);
  const blob: StoredBlob = { sha256: staged.sha256, path: blobPath(options.storageDir, staged.sha256), sizeBytes: staged.sizeBytes };
  let committed = false;
  try {
    if (fields.callId) {
      const existing = await findSameCall(options.db, fields.callId, blob, fields, visible);
      if (existing) {
        await discardStaged(staged);
        return existing;
      }
    } else {
      const duplicate = await findDealCallByRecording(options.db, fields.dealId, staged.sha256);
      // Rejected even when the uploader cannot see that call, because the deal must not count the recording twice.
      if (duplicate) {
        const params: Record<string, string> = { dealId: fields.dealId };
        if (visible(duplicate)) params.callId = duplicate.id;
        throw new CallscoreError('CS_ERR_DUPLICATE_RECORDING', params);
      }
    }

    const file = await inspectFile(staged.tmpPath, description.filename, {
      contentType: description.contentType,
      channelLayout: fields.channelLayout,
    });
    const { settings } = await getTeamSettings(options.db, fields.teamId);
    if (settings.privacy.consentRequired && fields.consent !== true) {
      throw new CallscoreError('CS_ERR_CONSENT_REQUIRED', { teamId: fields.teamId, consent: String(fields.consent ?? 'missing') });
    }
    const callId = fields.callId ?? randomUUID();
    const source = file.kind === 'audio' ? 'audio' : 'transcript';
    const transcriptEndMs = file.transcript ? latestEndMs(file.transcript.turns) : null;

    // NOTE: if the insert below fails after this commit, the stored file stays without a call until a later upload of it.
    await commitStaged(options.storageDir, staged);
    committed = true;
    await options.db.transaction(async (tx) => {
      if (description.uploader) {
        await lockDealId(tx, fields.dealId);
        await requireDealWritable(tx, description.uploader, fields.dealId);
      }
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
          durationMs: file.probe ? file.probe.durationMs : transcriptEndMs,
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
    if (!committed) await discardStaged(staged);
    if (fields.callId && isUniqueViolation(error)) {
      // Another request created the same call id between the check and the insert.
      const existing = await findSameCall(options.db, fields.callId, blob, fields, visible);
      if (existing) return existing;
    }
    throw error;
  }
}

function latestEndMs(turns: readonly Turn[]): number | null {
  let latest: number | null = null;
  for (const turn of turns) {
    const end = turn.endMs ?? turn.startMs;
    if (end !== undefined && (latest === null || end > latest)) latest = end;
  }
  return latest;
}

/** Team and rep of a call, which decide who may see it. */
type CallOwner = { teamId: string; repId: string };

async function findSameCall(
  db: Database,
  callId: string,
  blob: StoredBlob,
  fields: UploadFields,
  visible: (call: CallOwner) => boolean,
): Promise<AcceptedUpload | null> {
  const call = await getCall(db, callId);
  if (!call) return null;
  // Checked before the content, so the error reveals nothing about a call outside the uploader's scope.
  if (!visible(call)) throw new CallscoreError('CS_ERR_CALL_ID_TAKEN', { callId });
  if (call.recordingSha256 !== blob.sha256) {
    throw new CallscoreError('CS_ERR_CALL_ID_CONFLICT', { callId, existingSha256: call.recordingSha256 });
  }
  requireSameCallFields(call, fields);
  return { callId, source: call.source, blob, status: call.status, created: false };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === '23505';
}
