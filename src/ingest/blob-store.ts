/**
 * Content-addressed storage for uploads. An upload streams into a temporary
 * file while it is hashed, then moves atomically to a path derived from its
 * sha256, so a failed upload leaves nothing behind and equal files are stored
 * once. Callers that validate before storing stage the upload first and
 * commit it only once it is accepted. The user's filename is only used, sanitised, in error messages.
 */
import { createHash, randomUUID } from 'node:crypto';
import { access, mkdir, open, rename, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Logger } from 'pino';

import { CallscoreError } from '../errors/registry.js';
import { displayFilename } from './filename.js';
import type { StoredBlob } from './types.js';

/** Options of `saveStream`. */
export interface SaveStreamOptions {
  /** Root folder of the store. Blobs go to `blobs/`, uploads in progress to `tmp/`. */
  storageDir: string;
  /** Maximum upload size in bytes. A larger upload fails with CS_ERR_FILE_TOO_LARGE. */
  maxBytes: number;
  /** Filename the client sent, used only in error messages. */
  filename: string;
  /** Receives a warning when a temporary file cannot be removed after a failure. */
  logger?: Logger;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const BYTES_PER_MB = 1024 * 1024;

/**
 * Returns the path of the blob with the given sha256 under `storageDir`:
 * `blobs/ab/cd/<sha256>`. Throws a RangeError unless `sha256` is 64 lowercase
 * hex digits, so the argument can never point outside the store.
 */
export function blobPath(storageDir: string, sha256: string): string {
  if (!SHA256_HEX.test(sha256)) {
    throw new RangeError(`Invalid sha256 "${sha256.slice(0, 80)}": expected 64 lowercase hex digits.`);
  }
  return path.join(storageDir, 'blobs', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

/** Resolves to true when a blob with this sha256 is stored. */
export async function hasBlob(storageDir: string, sha256: string): Promise<boolean> {
  try {
    await access(blobPath(storageDir, sha256));
    return true;
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') {
      return false;
    }
    throw error;
  }
}

/**
 * Deletes the blob with this sha256 and resolves to whether it existed.
 * Equal uploads share one blob, so the caller must check that no other call
 * still refers to it.
 */
export async function removeBlob(storageDir: string, sha256: string): Promise<boolean> {
  try {
    await unlink(blobPath(storageDir, sha256));
    return true;
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') {
      return false;
    }
    throw error;
  }
}

/** An upload received into a temporary file of the store, hashed but not yet stored under its hash. */
export interface StagedUpload {
  tmpPath: string;
  sha256: string;
  sizeBytes: number;
}

/**
 * Streams `source` into the store and resolves to the stored blob. Rejects
 * with CS_ERR_FILE_EMPTY for 0 bytes, CS_ERR_FILE_TOO_LARGE above
 * `maxBytes`, and CS_ERR_STORAGE_FULL when the disk or quota is full. Any
 * other failure, such as a client abort, rejects with the stream's error.
 * On every failure the temporary file is removed and nothing is stored.
 */
export async function saveStream(source: Readable, options: SaveStreamOptions): Promise<StoredBlob> {
  const staged = await stageStream(source, options);
  return commitStaged(options.storageDir, staged);
}

/**
 * Streams `source` into a temporary file of the store and hashes it, with
 * the same errors as `saveStream`. The caller validates the staged file and
 * then calls `commitStaged` or `discardStaged`, so a rejected upload never
 * touches a stored blob that another upload of the same content uses.
 */
export async function stageStream(source: Readable, options: SaveStreamOptions): Promise<StagedUpload> {
  const { storageDir, maxBytes, filename, logger } = options;

  // A client abort can arrive while the temporary file is still being
  // opened. The pipeline reports it later from the stream's error state;
  // this listener only keeps it from being an uncaught 'error' event.
  const ignoreEarlyError = (): void => undefined;
  source.on('error', ignoreEarlyError);
  try {
    return await receiveStream(source, storageDir, maxBytes, filename, logger);
  } finally {
    source.off('error', ignoreEarlyError);
  }
}

/** Moves a staged upload to its content-addressed path, or drops it when equal content is already stored. */
export async function commitStaged(storageDir: string, staged: StagedUpload): Promise<StoredBlob> {
  const target = blobPath(storageDir, staged.sha256);
  await mkdir(path.dirname(target), { recursive: true });
  try {
    if (await exists(target)) {
      await unlink(staged.tmpPath);
    } else {
      await rename(staged.tmpPath, target);
    }
  } catch (error) {
    throw asStorageError(error);
  }
  return { sha256: staged.sha256, path: target, sizeBytes: staged.sizeBytes };
}

/** Deletes a staged upload that was rejected. */
export async function discardStaged(staged: StagedUpload, logger?: Logger): Promise<void> {
  await removeTemporaryFile(staged.tmpPath, logger);
}

async function receiveStream(
  source: Readable,
  storageDir: string,
  maxBytes: number,
  filename: string,
  logger: Logger | undefined,
): Promise<StagedUpload> {
  const tmpDir = path.join(storageDir, 'tmp');
  await mkdir(tmpDir, { recursive: true });

  const tmpPath = path.join(tmpDir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  let sizeBytes = 0;
  let handle: FileHandle | undefined;

  try {
    // Opening before piping creates the file at once, so the cleanup below
    // always finds it. `flush` syncs the data to disk before the handle closes.
    handle = await open(tmpPath, 'wx', 0o600);
    const sink = handle.createWriteStream({ flush: true });

    await pipeline(
      source,
      async function* meter(chunks: AsyncIterable<Buffer | string>) {
        for await (const chunk of chunks) {
          const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
          sizeBytes += bytes.length;
          if (sizeBytes > maxBytes) {
            throw tooLarge(filename, maxBytes);
          }
          hash.update(bytes);
          yield bytes;
        }
      },
      sink,
    );

    // @fastify/multipart ends a file stream early, with `truncated` set, when
    // its own fileSize limit is reached, so the byte count alone can miss it.
    if ((source as Readable & { truncated?: boolean }).truncated === true) {
      throw tooLarge(filename, maxBytes);
    }
    if (sizeBytes === 0) {
      throw new CallscoreError('CS_ERR_FILE_EMPTY', { filename: displayFilename(filename) });
    }
    return { tmpPath, sha256: hash.digest('hex'), sizeBytes };
  } catch (error) {
    // The write stream closes the handle when it ends or fails. This close is
    // for the case where the stream was never created, and a repeat is harmless.
    await handle?.close().catch(() => undefined);
    await removeTemporaryFile(tmpPath, logger);
    throw asStorageError(error);
  }
}

function tooLarge(filename: string, maxBytes: number): CallscoreError {
  const limitMb = Math.round((maxBytes / BYTES_PER_MB) * 100) / 100;
  return new CallscoreError('CS_ERR_FILE_TOO_LARGE', { filename: displayFilename(filename), limitMb });
}

function asStorageError(error: unknown): unknown {
  if (isErrnoException(error) && (error.code === 'ENOSPC' || error.code === 'EDQUOT')) {
    return new CallscoreError('CS_ERR_STORAGE_FULL', {}, { cause: error });
  }
  return error;
}

async function removeTemporaryFile(tmpPath: string, logger: Logger | undefined): Promise<void> {
  try {
    await unlink(tmpPath);
  } catch (error) {
    if (!(isErrnoException(error) && error.code === 'ENOENT')) {
      logger?.warn({ err: error, tmpPath }, 'failed to remove temporary upload file');
    }
  }
}

async function exists(filePath: string): Promise<boolean> {
  try {
    await access(filePath);
    return true;
  } catch {
    return false;
  }
}

function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}
