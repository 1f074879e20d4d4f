/**
 * Ogg (opus, vorbis) structure check: every page must be complete and every
 * logical stream must end with an end-of-stream page. ffmpeg decodes the
 * pages that are present without an error, so a cut file is only found here.
 */
import type { Reason } from '../reason.js';
import type { ByteReader } from './byte-reader.js';

const PAGE_HEADER_BYTES = 27;
const CAPTURE_PATTERN = 'OggS';
const END_OF_STREAM_FLAG = 0x04;
const MAX_RESYNC_BYTES = 64 * 1024;

/** Returns why the ogg file is truncated, or null when all pages and streams are complete. */
export async function checkOgg(reader: ByteReader): Promise<Reason | null> {
  const openStreams = new Set<number>();
  let offset = 0;

  while (offset < reader.size) {
    const header = await reader.read(offset, PAGE_HEADER_BYTES);
    if (header.toString('latin1', 0, 4) !== CAPTURE_PATTERN) {
      const next = await findCapturePattern(reader, offset + 1);
      if (next === null) {
        break;
      }
      offset = next;
      continue;
    }
    if (header.length < PAGE_HEADER_BYTES) {
      return incompletePage(offset, reader.size);
    }

    // The page size is the header, the segment table and the sum of its lacing values.
    const segmentCount = header[26]!;
    const segmentTable = await reader.read(offset + PAGE_HEADER_BYTES, segmentCount);
    if (segmentTable.length < segmentCount) {
      return incompletePage(offset, reader.size);
    }
    const bodyBytes = segmentTable.reduce((sum, lacing) => sum + lacing, 0);
    const pageEnd = offset + PAGE_HEADER_BYTES + segmentCount + bodyBytes;
    if (pageEnd > reader.size) {
      return incompletePage(offset, reader.size);
    }

    const serial = header.readUInt32LE(14);
    if ((header[5]! & END_OF_STREAM_FLAG) !== 0) {
      openStreams.delete(serial);
    } else {
      openStreams.add(serial);
    }
    offset = pageEnd;
  }

  // NOTE: a recorder that stops without writing the end-of-stream page (a
  // crash, a live capture) is reported as truncated too, because the Ogg
  // format requires that page and a clean cut between pages looks the same.
  if (openStreams.size > 0) {
    return {
      en: 'the stream has no end-of-stream page, so the recording stops early',
      zh: '流中没有结束页，录音提前中断',
    };
  }
  return null;
}

function incompletePage(offset: number, size: number): Reason {
  return {
    en: `the Ogg page at byte ${offset} is incomplete (the file ends at byte ${size})`,
    zh: `第 ${offset} 字节处的 Ogg 页不完整（文件在第 ${size} 字节结束）`,
  };
}

async function findCapturePattern(reader: ByteReader, from: number): Promise<number | null> {
  const window = await reader.read(from, MAX_RESYNC_BYTES);
  const index = window.indexOf(CAPTURE_PATTERN, 0, 'latin1');
  return index === -1 ? null : from + index;
}
