/**
 * Downloads one model file over HTTP into a `.partial` file, resuming with a
 * Range request when an earlier attempt left bytes behind.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat, unlink } from 'node:fs/promises';
import { CallscoreError } from '../../errors/registry.js';

/** Reports download progress. `totalBytes` is null while the size is unknown. */
export type ProgressCallback = (receivedBytes: number, totalBytes: number | null) => void;

/** Options of `downloadToPartial`. */
export interface DownloadOptions {
  /** Size from the catalogue, used when the server sends no length. */
  expectedSize?: number | null;
  onProgress?: ProgressCallback;
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

function downloadFailed(url: string, reason: string, cause?: unknown): CallscoreError {
  return new CallscoreError('CS_ERR_MODEL_DOWNLOAD', { url, reason }, { cause });
}

// "bytes 100-199/200" gives 200; "bytes */200" too.
function totalFromContentRange(header: string | null): number | null {
  const total = header ? /\/(\d+)\s*$/.exec(header)?.[1] : undefined;
  return total ? Number(total) : null;
}

/**
 * Downloads `url` into `partialPath`. Bytes already in `partialPath` are kept
 * and only the rest is requested. A server that ignores the Range header
 * sends the whole file, which then replaces them. Throws CS_ERR_MODEL_DOWNLOAD
 * on an HTTP error or a broken transfer, and leaves the bytes received so far
 * for the next attempt.
 */
export async function downloadToPartial(url: string, partialPath: string, options: DownloadOptions = {}): Promise<void> {
  const offset = await sizeOf(partialPath);
  if (offset > 0 && options.expectedSize != null && offset === options.expectedSize) return;
  const headers: Record<string, string> = offset > 0 ? { Range: `bytes=${offset}-` } : {};

  let response: Response;
  try {
    response = await fetch(url, { headers });
  } catch (error) {
    throw downloadFailed(url, (error as Error).cause ? String((error as Error).cause) : (error as Error).message, error);
  }

  // 416 means the partial file already contains every byte the server has.
  if (response.status === 416 && offset > 0 && totalFromContentRange(response.headers.get('content-range')) === offset) {
    await response.body?.cancel();
    return;
  }
  if (response.status !== 200 && response.status !== 206) {
    await response.body?.cancel();
    throw downloadFailed(url, `HTTP ${response.status} ${response.statusText}`);
  }
  if (!response.body) throw downloadFailed(url, 'the response has no body');

  const resumed = response.status === 206;
  const start = resumed ? offset : 0;
  const length = Number(response.headers.get('content-length') ?? NaN);
  const total = resumed
    ? totalFromContentRange(response.headers.get('content-range'))
    : Number.isFinite(length) ? length : (options.expectedSize ?? null);

  const file = await open(partialPath, resumed ? 'a' : 'w');
  let received = start;
  options.onProgress?.(received, total);
  try {
    for await (const chunk of response.body) {
      await file.write(chunk);
      received += chunk.length;
      options.onProgress?.(received, total);
    }
  } catch (error) {
    throw downloadFailed(url, `the transfer broke after ${received} bytes (${(error as Error).message})`, error);
  } finally {
    await file.close();
  }

  if (total !== null && received !== total) {
    throw downloadFailed(url, `received ${received} of ${total} bytes`);
  }
}

/** Computes the SHA-256 of a file as lowercase hex, reading it as a stream. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Deletes a file and ignores a file that is already gone. */
export async function removeIfPresent(path: string): Promise<void> {
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}
