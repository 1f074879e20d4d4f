/**
 * Imports a manifest of local files as one batch. Every row is checked
 * first (columns, file, content, call id), and only then are the good rows
 * stored, created as calls and queued at batch priority. The batch id and
 * the call ids derive from the manifest and the file contents, so running
 * the same manifest again finds the same batch and skips calls already
 * imported.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Logger } from '../config/logger.js';
import { CallscoreError } from '../errors/registry.js';
import { discardStaged, stageStream } from '../ingest/blob-store.js';
import { inspectFile } from '../ingest/inspect.js';
import { registerUpload } from '../api/upload.js';
import { requireDealWritable } from '../api/upload-access.js';
import { callIdMismatch, differingCallField } from '../api/upload-retry.js';
import type { Principal } from '../auth/principal.js';
import { inScope } from '../auth/scope.js';
import { getCall } from '../store/calls.js';
import type { Database } from '../store/db.js';
import { addBatchItems, getBatch, insertBatch, type BatchRecord } from '../store/batches.js';
import { parseManifest, rowError, rowErrorFrom, type ManifestRow, type ManifestRowError } from './manifest.js';
import { resumeBatch } from './batches.js';
import type { StageQueue } from './queue.js';

/** Handles of the running process that an import uses. */
export interface BatchImportContext {
  db: Database;
  queue: StageQueue;
  storageDir: string;
  maxUploadBytes: number;
  logger: Pick<Logger, 'info' | 'warn'>;
}

/** A manifest to import. */
export interface BatchImportRequest {
  manifest: Buffer;
  /** Team of rows without a teamId value. */
  teamId: string;
  /** Folder that relative paths resolve from, or null to require absolute paths (the HTTP API). */
  baseDir: string | null;
  /** Folder every path must lie in, or null for no limit. */
  importRoot?: string | null;
  /** Teams the rows may name; a row of another team is rejected. Null (the CLI, admins) allows every team. */
  allowedTeamIds?: readonly string[] | null;
  /** Caller whose right to add calls to each row's deal is checked. Their rows may not name a call outside their scope. Null (the CLI) skips both checks. */
  uploader?: Principal | null;
  /** Stops the import between rows; rows already imported stay, and running the manifest again continues. */
  signal?: AbortSignal;
}

/** The outcome of checking and queuing a manifest. */
export interface BatchImportResult {
  /** The batch of the good rows, or null when no row was good. */
  batch: BatchRecord | null;
  /** Good rows whose call this run created. */
  created: number;
  /** Good rows whose call an earlier run already created. */
  alreadyImported: number;
  /** Every bad row, in line order. */
  rejected: ManifestRowError[];
  /** True when the signal stopped the import before every good row was imported. */
  interrupted: boolean;
}

// Rows checked or copied at once; file hashing and ffmpeg probes are I/O and child processes.
const ROW_CONCURRENCY = 4;

interface CheckedRow {
  row: ManifestRow;
  callId: string;
  sha256: string;
  exists: boolean;
}

/**
 * Checks every row, then imports the good ones into one batch and queues
 * them. Throws CS_ERR_MANIFEST_INVALID for a manifest that cannot be read
 * at all; bad rows are returned, never thrown.
 */
export async function importManifest(ctx: BatchImportContext, request: BatchImportRequest): Promise<BatchImportResult> {
  const parsed = parseManifest(request.manifest, { baseDir: request.baseDir, teamId: request.teamId, importRoot: request.importRoot ?? null });
  const allowed = request.allowedTeamIds ?? null;
  const foreign = allowed ? parsed.rows.filter((row) => !allowed.includes(row.fields.teamId)) : [];
  const permitted = allowed ? parsed.rows.filter((row) => allowed.includes(row.fields.teamId)) : parsed.rows;
  const teamErrors = foreign.map((row) =>
    rowError(row.line, 'teamId', `team "${row.fields.teamId}" is not one of your teams (${allowed!.join(', ') || 'none'})`, `团队 "${row.fields.teamId}" 不是您的团队（${allowed!.join('、') || '无'}）`),
  );
  const uploader = request.uploader ?? null;
  const checked = await checkRows(ctx, permitted, uploader, request.signal);
  const rejected = [...parsed.errors, ...teamErrors, ...checked.errors];
  const good = checked.rows;
  if (request.signal?.aborted) return { batch: null, created: 0, alreadyImported: 0, rejected: sortByLine(rejected), interrupted: true };
  ctx.logger.info({ good: good.length, rejected: rejected.length }, 'manifest checked');

  if (good.length === 0) return { batch: null, created: 0, alreadyImported: 0, rejected: sortByLine(rejected), interrupted: false };

  const manifestSha256 = createHash('sha256').update(request.teamId).update('\n').update(request.manifest).digest('hex');
  const batch: Omit<BatchRecord, 'createdAt'> = {
    id: `imp-${manifestSha256.slice(0, 24)}`,
    kind: 'import',
    teamId: request.teamId,
    manifestSha256,
    rangeFrom: null,
    rangeTo: null,
  };
  const isNew = await ctx.db.transaction((tx) => insertBatch(tx, batch));
  const log = ctx.logger;
  log.info({ batchId: batch.id, rerun: !isNew }, isNew ? 'import batch created' : 'import batch found; continuing it');

  let created = 0;
  let alreadyImported = 0;
  await forEachLimited(good, ROW_CONCURRENCY, request.signal, async (item) => {
    try {
      if (!item.exists) await createCall(ctx, item, uploader);
      await ctx.db.transaction((tx) => addBatchItems(tx, batch.id, [{ callId: item.callId, line: item.row.line }]));
      if (item.exists) {
        alreadyImported++;
      } else {
        await ctx.queue.enqueue('transcribe', item.callId, 'batch');
        created++;
      }
    } catch (error) {
      log.warn({ batchId: batch.id, line: item.row.line, callId: item.callId, err: error }, 'manifest row failed to import');
      rejected.push(rowErrorFrom(item.row.line, 'path', error));
    }
  });

  // Calls of an earlier run that stopped before they were scored go back on the queue.
  await resumeBatch(ctx.db, ctx.queue, batch.id);
  log.info({ batchId: batch.id, created, alreadyImported }, 'import batch queued');

  const stored = (await getBatch(ctx.db, batch.id))!;
  return { batch: stored, created, alreadyImported, rejected: sortByLine(rejected), interrupted: request.signal?.aborted ?? false };
}

function sortByLine(errors: ManifestRowError[]): ManifestRowError[] {
  return [...errors].sort((a, b) => a.line - b.line);
}

async function checkRows(
  ctx: BatchImportContext,
  rows: ManifestRow[],
  uploader: Principal | null,
  signal: AbortSignal | undefined,
): Promise<{ rows: CheckedRow[]; errors: ManifestRowError[] }> {
  const results = new Map<number, CheckedRow | ManifestRowError>();
  await forEachLimited(rows, ROW_CONCURRENCY, signal, async (row) => {
    results.set(row.line, await checkRow(ctx, row, uploader));
  });

  // Two rows naming the same call: the first one wins, later ones are reported.
  const firstLine = new Map<string, number>();
  const good: CheckedRow[] = [];
  const errors: ManifestRowError[] = [];
  for (const row of rows) {
    const result = results.get(row.line);
    if (!result) continue;
    if ('error' in result) {
      errors.push(result);
      continue;
    }
    const earlier = firstLine.get(result.callId);
    if (earlier !== undefined) {
      const field = row.fields.callId ? 'callId' : 'path';
      errors.push(rowError(row.line, field, `call "${result.callId}" is already on line ${earlier}`, `通话 "${result.callId}" 已在第 ${earlier} 行`));
      continue;
    }
    firstLine.set(result.callId, row.line);
    good.push(result);
  }
  return { rows: good, errors };
}

async function checkRow(ctx: BatchImportContext, row: ManifestRow, uploader: Principal | null): Promise<CheckedRow | ManifestRowError> {
  const info = await stat(row.path).catch(() => null);
  if (!info?.isFile()) return rowError(row.line, 'path', `no such file: ${row.path}`, `文件不存在：${row.path}`);
  if (info.size === 0) return rowError(row.line, 'path', `the file ${row.path} is empty (0 bytes)`, `文件 ${row.path} 为空（0 字节）`);
  if (info.size > ctx.maxUploadBytes) {
    const limitMb = Math.round(ctx.maxUploadBytes / (1024 * 1024));
    return rowError(row.line, 'path', `the file ${row.path} exceeds the upload limit of ${limitMb} MB`, `文件 ${row.path} 超过上传上限 ${limitMb} MB`);
  }

  try {
    const sha256 = await hashFile(row.path);
    // Without a callId the content hash names the call, so the same file is imported once.
    const callId = row.fields.callId ?? `sha-${sha256.slice(0, 32)}`;
    const existing = await getCall(ctx.db, callId);
    // A call outside the uploader's scope is neither attached to the batch nor described, whatever its content.
    if (existing && uploader && !inScope(uploader, existing)) {
      return rowErrorFrom(row.line, row.fields.callId ? 'callId' : 'path', new CallscoreError('CS_ERR_CALL_ID_TAKEN', { callId }));
    }
    if (existing) {
      if (existing.recordingSha256 !== sha256) {
        return rowErrorFrom(row.line, 'callId', new CallscoreError('CS_ERR_CALL_ID_CONFLICT', { callId, existingSha256: existing.recordingSha256 }));
      }
      const differing = differingCallField(existing, row.fields);
      if (differing) return rowErrorFrom(row.line, differing, callIdMismatch(existing, row.fields, differing));
      return { row, callId, sha256, exists: true };
    }
    if (uploader) {
      const rejection = await requireDealWritable(ctx.db, uploader, row.fields.dealId).then(() => null, (error: unknown) => error);
      if (rejection) return rowErrorFrom(row.line, 'dealId', rejection);
    }
    await inspectFile(row.path, path.basename(row.path), { channelLayout: row.fields.channelLayout });
    return { row, callId, sha256, exists: false };
  } catch (error) {
    return rowErrorFrom(row.line, 'path', error);
  }
}

async function createCall(ctx: BatchImportContext, item: CheckedRow, uploader: Principal | null): Promise<void> {
  const filename = path.basename(item.row.path);
  const staged = await stageStream(createReadStream(item.row.path), { storageDir: ctx.storageDir, maxBytes: ctx.maxUploadBytes, filename });
  if (staged.sha256 !== item.sha256) {
    await discardStaged(staged);
    throw new CallscoreError('CS_ERR_VALIDATION', { field: 'path', reason: `the file ${item.row.path} changed while the manifest was imported; import it again` });
  }
  // NOTE: registerUpload inspects the file again (an ffmpeg probe for audio), so audio rows are probed twice per import.
  await registerUpload(ctx, staged, { filename, fields: { ...item.row.fields, callId: item.callId }, uploader });
}

async function hashFile(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(filePath), hash);
  return hash.digest('hex');
}

async function forEachLimited<T>(items: readonly T[], limit: number, signal: AbortSignal | undefined, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length && !signal?.aborted) {
      const item = items[next++]!;
      await work(item);
    }
  });
  await Promise.all(runners);
}
