/**
 * Reads the header of a WAV stream as ffmpeg writes it to a pipe: RIFF and
 * chunk sizes are unknown there, so the samples run from the "data" chunk
 * to the end of the stream. The header gives the exact channel count of the
 * samples, whatever layout name ffmpeg prints for them.
 */

// "RIFF", its size and "WAVE".
const RIFF_HEADER_BYTES = 12;
const CHUNK_HEADER_BYTES = 8;
// Chunks before "data" are a few hundred bytes, so more means the stream is not the WAV ffmpeg writes.
const MAX_HEADER_BYTES = 1 << 16;

/** Header facts of a WAV stream. */
export interface WavStreamHeader {
  channels: number;
}

/**
 * Splits a WAV byte stream into its header and its sample bytes. Feed every
 * chunk to `push`, which returns the sample bytes it contains once the
 * header is complete, and an empty buffer before.
 */
export class WavStreamReader {
  header: WavStreamHeader | null = null;
  private pending: Buffer = Buffer.alloc(0);

  /** Returns the sample bytes in `chunk`. Throws when the stream does not start with a WAV header. */
  push(chunk: Buffer): Buffer {
    if (this.header) return chunk;
    this.pending = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const parsed = parseHeader(this.pending);
    if (!parsed) {
      if (this.pending.length > MAX_HEADER_BYTES) throw new Error('the decoder output has no WAV data chunk in its first 64 KB');
      return Buffer.alloc(0);
    }
    this.header = { channels: parsed.channels };
    const samples = this.pending.subarray(parsed.dataOffset);
    this.pending = Buffer.alloc(0);
    return samples;
  }
}

// Returns the channel count and the offset of the first sample, or null while the header is incomplete.
function parseHeader(bytes: Buffer): { channels: number; dataOffset: number } | null {
  if (bytes.length < RIFF_HEADER_BYTES) return null;
  if (bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WAVE') {
    throw new Error('the decoder output does not start with a WAV header');
  }

  let channels = 0;
  let offset = RIFF_HEADER_BYTES;
  while (offset + CHUNK_HEADER_BYTES <= bytes.length) {
    const id = bytes.toString('latin1', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === 'data') {
      if (channels === 0) throw new Error('the decoder output has a WAV data chunk before its fmt chunk');
      return { channels, dataOffset: offset + CHUNK_HEADER_BYTES };
    }
    if (id === 'fmt ') {
      if (offset + CHUNK_HEADER_BYTES + 4 > bytes.length) return null;
      channels = bytes.readUInt16LE(offset + CHUNK_HEADER_BYTES + 2);
    }
    // Chunks are padded to an even size.
    offset += CHUNK_HEADER_BYTES + size + (size % 2);
  }
  return null;
}
