/**
 * MPEG audio (mp3) frame headers and a frame walk over a whole file. Upload
 * detection uses the header parser to recognise mp3 without an ID3 tag. The
 * walk finds a final frame cut short and compares the frame count with the
 * Xing/Info or VBRI header, because ffmpeg's decoder reports neither.
 */
import type { Reason } from '../reason.js';
import type { ByteReader } from './byte-reader.js';

/** The fields of a 4-byte MPEG audio frame header that the frame walk needs. */
export interface MpegFrameHeader {
  /** 1 for MPEG-1, 2 for MPEG-2, 2.5 for MPEG-2.5. */
  version: 1 | 2 | 2.5;
  layer: 1 | 2 | 3;
  bitrateKbps: number;
  sampleRate: number;
  /** Frame length in bytes including the header. */
  frameBytes: number;
  samplesPerFrame: number;
  channelMode: number;
}

// Bitrates in kbit/s by bitrate index 1..14; index 0 (free format) and 15 are excluded.
const BITRATES_V1: Record<1 | 2 | 3, number[]> = {
  1: [32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  2: [32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  3: [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
};
const BITRATES_V2: Record<1 | 2 | 3, number[]> = {
  1: [32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  2: [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  3: [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
// Version by the two version bits: 0 is MPEG-2.5, 1 is reserved, 2 is MPEG-2, 3 is MPEG-1.
const VERSIONS: (1 | 2 | 2.5 | undefined)[] = [2.5, undefined, 2, 1];
const SAMPLE_RATES: Record<1 | 2 | 2.5, number[]> = {
  1: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  2.5: [11025, 12000, 8000],
};

/**
 * Parses the frame header at `offset` of `bytes`. Returns null when the four
 * bytes are not a valid header, including free-format frames, whose length
 * cannot be computed from the header.
 */
export function parseMpegFrameHeader(bytes: Uint8Array, offset = 0): MpegFrameHeader | null {
  if (offset + 4 > bytes.length) {
    return null;
  }
  const b1 = bytes[offset + 1]!;
  const b2 = bytes[offset + 2]!;
  const b3 = bytes[offset + 3]!;
  if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) {
    return null;
  }

  const versionBits = (b1 >> 3) & 0x03;
  const layerBits = (b1 >> 1) & 0x03;
  const bitrateIndex = b2 >> 4;
  const sampleRateIndex = (b2 >> 2) & 0x03;
  if (versionBits === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || sampleRateIndex === 3) {
    return null;
  }

  const version = VERSIONS[versionBits]!;
  const layer = (4 - layerBits) as 1 | 2 | 3;
  const bitrateKbps = (version === 1 ? BITRATES_V1 : BITRATES_V2)[layer][bitrateIndex - 1]!;
  const sampleRate = SAMPLE_RATES[version][sampleRateIndex]!;
  const padding = (b2 >> 1) & 0x01;
  const samplesPerFrame = samplesPerFrameOf(version, layer);

  // Frame length = samples per frame / 8 * bitrate / sample rate, plus padding
  // (one slot; a Layer I slot is 4 bytes). The division truncates, as in the standard.
  const frameBytes =
    layer === 1
      ? (Math.floor((12 * bitrateKbps * 1000) / sampleRate) + padding) * 4
      : Math.floor(((samplesPerFrame / 8) * bitrateKbps * 1000) / sampleRate) + padding;

  return { version, layer, bitrateKbps, sampleRate, frameBytes, samplesPerFrame, channelMode: b3 >> 6 };
}

function samplesPerFrameOf(version: 1 | 2 | 2.5, layer: 1 | 2 | 3): number {
  if (layer === 1) {
    return 384;
  }
  return layer === 3 && version !== 1 ? 576 : 1152;
}

/** True when two frame headers can belong to one stream (same version, layer and sample rate). */
export function isSameMpegStream(a: MpegFrameHeader, b: MpegFrameHeader): boolean {
  return a.version === b.version && a.layer === b.layer && a.sampleRate === b.sampleRate;
}

/** Returns the size of the ID3v2 tag at the start of `head`, or 0 when there is none. */
export function id3v2TagBytes(head: Uint8Array): number {
  if (head.length < 10 || head[0] !== 0x49 || head[1] !== 0x44 || head[2] !== 0x33) {
    return 0;
  }
  // The tag size is a 28-bit "syncsafe" integer (7 bits per byte), plus a
  // 10-byte footer when flag bit 4 is set.
  const size = ((head[6]! & 0x7f) << 21) | ((head[7]! & 0x7f) << 14) | ((head[8]! & 0x7f) << 7) | (head[9]! & 0x7f);
  const footer = (head[5]! & 0x10) !== 0 ? 10 : 0;
  return 10 + size + footer;
}

const ID3V1_BYTES = 128;
const MAX_RESYNC_BYTES = 64 * 1024;

/**
 * Walks every frame of an mp3 file and returns why it is truncated, or null.
 * Trailing ID3v1 and APEv2 tags and short junk between frames are accepted.
 */
export async function checkMpegAudio(reader: ByteReader): Promise<Reason | null> {
  const head = await reader.read(0, 10);
  let offset = id3v2TagBytes(head);
  if (offset > reader.size) {
    return {
      en: `the ID3 tag declares ${offset} bytes but the file has only ${reader.size}`,
      zh: `ID3 标签声明了 ${offset} 字节，但文件只有 ${reader.size} 字节`,
    };
  }

  let first: MpegFrameHeader | null = null;
  let declaredFrames: number | null = null;
  let frames = 0;

  while (offset < reader.size) {
    const header = parseMpegFrameHeader(await reader.read(offset, 4));
    if (header === null || (first !== null && !isSameMpegStream(first, header))) {
      if (await isTrailingTag(reader, offset)) {
        break;
      }
      const next = await findNextFrame(reader, offset + 1, first);
      if (next === null) {
        break;
      }
      offset = next;
      continue;
    }

    if (offset + header.frameBytes > reader.size) {
      return {
        en: `the last MPEG frame at byte ${offset} needs ${header.frameBytes} bytes but only ${reader.size - offset} remain`,
        zh: `位于第 ${offset} 字节的最后一个 MPEG 帧需要 ${header.frameBytes} 字节，但只剩 ${reader.size - offset} 字节`,
      };
    }

    if (first === null) {
      first = header;
      declaredFrames = await readDeclaredFrameCount(reader, offset, header);
      offset += header.frameBytes;
      // A Xing/Info or VBRI frame carries no audio and is not part of its own count.
      if (declaredFrames === null) {
        frames += 1;
      }
      continue;
    }

    frames += 1;
    offset += header.frameBytes;
  }

  // One frame of tolerance because some encoders count the Xing frame itself.
  if (declaredFrames !== null && frames < declaredFrames - 1) {
    return {
      en: `the Xing/VBRI header declares ${declaredFrames} MPEG frames but the file contains ${frames}`,
      zh: `Xing/VBRI 头声明了 ${declaredFrames} 个 MPEG 帧，但文件中只有 ${frames} 个`,
    };
  }
  return null;
}

async function isTrailingTag(reader: ByteReader, offset: number): Promise<boolean> {
  const remaining = reader.size - offset;
  const marker = (await reader.read(offset, 8)).toString('latin1');
  return (
    (remaining === ID3V1_BYTES && marker.startsWith('TAG')) ||
    marker === 'APETAGEX' ||
    marker.startsWith('LYRICSBE') ||
    marker.startsWith('ID3')
  );
}

// Looks for the next header that matches the stream and is followed by
// another matching header (or by the end of the file), so stray 0xFF bytes
// inside junk are not taken for a frame.
async function findNextFrame(reader: ByteReader, from: number, first: MpegFrameHeader | null): Promise<number | null> {
  const limit = Math.min(reader.size, from + MAX_RESYNC_BYTES);
  const window = await reader.read(from, limit - from + 4);
  for (let i = 0; i + 4 <= window.length; i += 1) {
    const header = parseMpegFrameHeader(window, i);
    if (header === null || (first !== null && !isSameMpegStream(first, header))) {
      continue;
    }
    const nextOffset = from + i + header.frameBytes;
    if (nextOffset === reader.size) {
      return from + i;
    }
    const next = parseMpegFrameHeader(await reader.read(nextOffset, 4));
    if (next !== null && isSameMpegStream(header, next)) {
      return from + i;
    }
  }
  return null;
}

// The Xing/Info tag sits after the side information of the first frame; VBRI
// sits 32 bytes after the header. Both store the frame count big-endian.
async function readDeclaredFrameCount(reader: ByteReader, offset: number, header: MpegFrameHeader): Promise<number | null> {
  const frame = await reader.read(offset, Math.min(header.frameBytes, 200));
  const mono = header.channelMode === 3;
  let sideInfoBytes = mono ? 9 : 17;
  if (header.version === 1) {
    sideInfoBytes = mono ? 17 : 32;
  }
  const xingOffset = 4 + sideInfoBytes;

  const xingTag = frame.toString('latin1', xingOffset, xingOffset + 4);
  if ((xingTag === 'Xing' || xingTag === 'Info') && frame.length >= xingOffset + 12) {
    const flags = frame.readUInt32BE(xingOffset + 4);
    return (flags & 0x01) !== 0 ? frame.readUInt32BE(xingOffset + 8) : null;
  }

  if (frame.toString('latin1', 36, 40) === 'VBRI' && frame.length >= 36 + 18) {
    return frame.readUInt32BE(36 + 14);
  }
  return null;
}
