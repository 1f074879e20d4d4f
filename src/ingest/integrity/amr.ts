/**
 * AMR file structure check: walks the frames after the `#!AMR` or `#!AMR-WB`
 * magic and verifies that the last frame is complete. AMR has no header
 * duration, so a file cut exactly between frames cannot be distinguished from a short one.
 */
import type { Reason } from '../reason.js';
import type { ByteReader } from './byte-reader.js';

// Speech bytes after the one-byte frame header, by frame type 0..15
// (3GPP TS 26.101 for AMR-NB, TS 26.201 for AMR-WB). Types 12..14 are reserved.
const NB_FRAME_BYTES = [12, 13, 15, 17, 19, 20, 26, 31, 5, 0, 0, 0, 0, 0, 0, 0];
const WB_FRAME_BYTES = [17, 23, 32, 36, 40, 46, 50, 58, 60, 5, 0, 0, 0, 0, 0, 0];
const NB_MAGIC = '#!AMR\n';
const WB_MAGIC = '#!AMR-WB\n';

/** Returns why the AMR file is truncated, or null when its last frame is complete. */
export async function checkAmr(reader: ByteReader): Promise<Reason | null> {
  const head = (await reader.read(0, WB_MAGIC.length)).toString('latin1');
  const wideband = head.startsWith(WB_MAGIC);
  if (!wideband && !head.startsWith(NB_MAGIC)) {
    // Multichannel AMR (#!AMR_MC1.0) is not walked.
    return null;
  }

  const frameBytes = wideband ? WB_FRAME_BYTES : NB_FRAME_BYTES;
  let offset = wideband ? WB_MAGIC.length : NB_MAGIC.length;
  while (offset < reader.size) {
    const frameHeader = (await reader.read(offset, 1))[0]!;
    const frameType = (frameHeader >> 3) & 0x0f;
    const length = 1 + frameBytes[frameType]!;
    if (offset + length > reader.size) {
      return {
        en: `the last AMR frame at byte ${offset} needs ${length} bytes but only ${reader.size - offset} remain`,
        zh: `位于第 ${offset} 字节的最后一个 AMR 帧需要 ${length} 字节，但只剩 ${reader.size - offset} 字节`,
      };
    }
    offset += length;
  }
  return null;
}
