/**
 * RIFF/WAVE structure check: every chunk up to and including `data` must fit
 * in the file. The bundled ffmpeg only warns about a short data chunk and
 * reports the duration of the bytes present, so the shortfall is found here.
 */
import type { Reason } from '../reason.js';
import type { ByteReader } from './byte-reader.js';

const RIFF_HEADER_BYTES = 12;
const CHUNK_HEADER_BYTES = 8;
// Writers that stream to a pipe cannot seek back to fill in the size, and
// leave 0xFFFFFFFF (ffmpeg) or 0 with audio following it.
const UNKNOWN_SIZE = 0xffffffff;

/** Returns why the wav file is truncated, or null when its chunks fit. */
export async function checkWav(reader: ByteReader): Promise<Reason | null> {
  const header = await reader.read(0, RIFF_HEADER_BYTES);
  // RF64/BW64 files keep the real sizes in a ds64 chunk, which is not read, so they go unchecked.
  if (header.toString('latin1', 0, 4) !== 'RIFF') {
    return null;
  }

  let offset = RIFF_HEADER_BYTES;
  while (offset < reader.size) {
    const chunk = await reader.read(offset, CHUNK_HEADER_BYTES);
    if (chunk.length < CHUNK_HEADER_BYTES) {
      return {
        en: `the file ends inside a chunk header at byte ${offset}`,
        zh: `文件在第 ${offset} 字节处的块头中途结束`,
      };
    }

    const id = chunk.toString('latin1', 0, 4);
    const declared = chunk.readUInt32LE(4);
    const available = reader.size - offset - CHUNK_HEADER_BYTES;

    if (id === 'data') {
      if (declared === UNKNOWN_SIZE || declared === 0) {
        return null;
      }
      if (declared > available) {
        return {
          en: `the data chunk declares ${declared} bytes of audio but only ${available} are present`,
          zh: `data 块声明了 ${declared} 字节音频，但实际只有 ${available} 字节`,
        };
      }
      return null;
    }

    if (declared > available) {
      return {
        en: `the "${printable(id)}" chunk declares ${declared} bytes but only ${available} are present`,
        zh: `"${printable(id)}" 块声明了 ${declared} 字节，但实际只有 ${available} 字节`,
      };
    }
    // Chunks are padded to an even length.
    offset += CHUNK_HEADER_BYTES + declared + (declared % 2);
  }

  return { en: 'the file has no data chunk', zh: '文件中没有 data 块' };
}

function printable(id: string): string {
  return id.replace(/[^\x20-\x7e]/g, '?');
}
