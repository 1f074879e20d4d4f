/**
 * Matroska/WebM structure check: walks the EBML elements of each Segment and
 * verifies that every element with a known size fits in the file. Live
 * writers (ffmpeg with `-live 1`) leave the Segment size "unknown", and the
 * format allows Clusters of unknown size too, so those are walked element by
 * element down to the blocks.
 */
import type { Reason } from '../reason.js';
import type { ByteReader } from './byte-reader.js';

const SEGMENT_ID = 0x18538067;
const CLUSTER_ID = 0x1f43b675;
// Level-1 children of a Segment. One of them ends a Cluster of unknown size.
const SEGMENT_CHILD_IDS = new Set([
  0x114d9b74, // SeekHead
  0x1549a966, // Info
  0x1654ae6b, // Tracks
  CLUSTER_ID,
  0x1c53bb6b, // Cues
  0x1941a469, // Attachments
  0x1043a770, // Chapters
  0x1254c367, // Tags
]);

const BLOCK_NAMES = new Map([
  [0xa3, 'SimpleBlock'],
  [0xa0, 'BlockGroup'],
]);

interface ElementHeader {
  id: number;
  /** Size of the element's data in bytes; null for the "unknown size" marker. */
  dataBytes: number | null;
  dataStart: number;
}

/** Returns why the Matroska or WebM file is truncated, or null when its elements fit. */
export async function checkMatroska(reader: ByteReader): Promise<Reason | null> {
  let offset = 0;
  while (offset < reader.size) {
    const element = await readElementHeader(reader, offset);
    if (element === null) {
      return endsInsideHeader(offset);
    }
    if (element.id === SEGMENT_ID) {
      const end = element.dataBytes === null ? reader.size : element.dataStart + element.dataBytes;
      if (end > reader.size) {
        return elementTooLong('Segment', element, reader.size);
      }
      const problem = await checkSegmentChildren(reader, element.dataStart, end);
      if (problem !== null) {
        return problem;
      }
      offset = end;
      continue;
    }
    if (element.dataBytes === null) {
      return null;
    }
    if (element.dataStart + element.dataBytes > reader.size) {
      return elementTooLong(hexId(element.id), element, reader.size);
    }
    offset = element.dataStart + element.dataBytes;
  }
  return null;
}

async function checkSegmentChildren(reader: ByteReader, start: number, end: number): Promise<Reason | null> {
  let offset = start;
  while (offset < end) {
    const element = await readElementHeader(reader, offset);
    if (element === null) {
      return endsInsideHeader(offset);
    }

    if (element.dataBytes === null) {
      if (element.id !== CLUSTER_ID) {
        // Only Segments and Clusters of unknown size are walked, so the rest of the file goes unchecked.
        return null;
      }
      const clusterEnd = await walkOpenCluster(reader, element.dataStart, end);
      if (typeof clusterEnd !== 'number') {
        return clusterEnd;
      }
      offset = clusterEnd;
      continue;
    }

    if (element.dataStart + element.dataBytes > end) {
      return elementTooLong(element.id === CLUSTER_ID ? 'Cluster' : hexId(element.id), element, reader.size);
    }
    offset = element.dataStart + element.dataBytes;
  }
  return null;
}

// Walks the blocks of a Cluster of unknown size. Returns the offset where the
// next level-1 element starts (or `end`), or why the cluster is cut short.
async function walkOpenCluster(reader: ByteReader, start: number, end: number): Promise<number | Reason> {
  let offset = start;
  while (offset < end) {
    const element = await readElementHeader(reader, offset);
    if (element === null) {
      return endsInsideHeader(offset);
    }
    if (SEGMENT_CHILD_IDS.has(element.id)) {
      return offset;
    }
    if (element.dataBytes === null) {
      return end;
    }
    if (element.dataStart + element.dataBytes > end) {
      return elementTooLong(BLOCK_NAMES.get(element.id) ?? hexId(element.id), element, reader.size);
    }
    offset = element.dataStart + element.dataBytes;
  }
  return end;
}

// EBML variable-length integers: the count of leading zero bits in the first
// byte gives the extra bytes. IDs keep the length marker bit, sizes drop it,
// and a size whose value bits are all 1 means "unknown".
async function readElementHeader(reader: ByteReader, offset: number): Promise<ElementHeader | null> {
  const bytes = await reader.read(offset, 12);
  const idLength = vintLength(bytes[0]);
  if (idLength === null || idLength > 4 || bytes.length < idLength + 1) {
    return null;
  }
  let id = 0;
  for (let i = 0; i < idLength; i += 1) {
    id = id * 256 + bytes[i]!;
  }

  const sizeLength = vintLength(bytes[idLength]);
  if (sizeLength === null || bytes.length < idLength + sizeLength) {
    return null;
  }
  let size = bytes[idLength]! & (0xff >> sizeLength);
  let allOnes = size === 0xff >> sizeLength;
  for (let i = 1; i < sizeLength; i += 1) {
    const byte = bytes[idLength + i]!;
    size = size * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { id, dataBytes: allOnes ? null : size, dataStart: offset + idLength + sizeLength };
}

function vintLength(firstByte: number | undefined): number | null {
  if (firstByte === undefined || firstByte === 0) {
    return null;
  }
  return 8 - Math.floor(Math.log2(firstByte));
}

function hexId(id: number): string {
  return `0x${id.toString(16).toUpperCase()}`;
}

function endsInsideHeader(offset: number): Reason {
  return {
    en: `the file ends inside an element header at byte ${offset}`,
    zh: `文件在第 ${offset} 字节处的元素头中途结束`,
  };
}

function elementTooLong(name: string, element: ElementHeader, fileSize: number): Reason {
  const declared = element.dataBytes ?? 0;
  const available = fileSize - element.dataStart;
  return {
    en: `the ${name} element declares ${declared} bytes but only ${available} remain`,
    zh: `${name} 元素声明了 ${declared} 字节，但只剩 ${available} 字节`,
  };
}
