/**
 * Buffered random-access reads from a file, for the container structure checks
 * that hop from header to header through files of hundreds of megabytes.
 */
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

const WINDOW_BYTES = 1024 * 1024;

/** Reads byte ranges of one open file through a 1 MiB read-ahead window. */
export class ByteReader {
  /** File size in bytes. */
  readonly size: number;
  private readonly handle: FileHandle;
  private windowStart = 0;
  private window: Buffer = Buffer.alloc(0);

  private constructor(handle: FileHandle, size: number) {
    this.handle = handle;
    this.size = size;
  }

  /** Opens `path` for reading; call `close` when done. */
  static async open(path: string): Promise<ByteReader> {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      return new ByteReader(handle, size);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /**
   * Returns up to `length` bytes starting at `position`. The result is shorter
   * when the file ends first, and empty at or past the end.
   */
  async read(position: number, length: number): Promise<Buffer> {
    const end = Math.min(position + length, this.size);
    if (position >= end) {
      return Buffer.alloc(0);
    }
    const windowEnd = this.windowStart + this.window.length;
    if (position < this.windowStart || end > windowEnd) {
      await this.fill(position, Math.max(WINDOW_BYTES, end - position));
    }
    return this.window.subarray(position - this.windowStart, end - this.windowStart);
  }

  /** Closes the file. */
  async close(): Promise<void> {
    await this.handle.close();
  }

  private async fill(position: number, length: number): Promise<void> {
    const buffer = Buffer.alloc(Math.min(length, this.size - position));
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await this.handle.read(buffer, filled, buffer.length - filled, position + filled);
      if (bytesRead === 0) {
        break;
      }
      filled += bytesRead;
    }
    this.windowStart = position;
    this.window = buffer.subarray(0, filled);
  }
}
