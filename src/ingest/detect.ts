/**
 * Decides what an upload is from its first bytes, falling back to the file
 * extension and then the Content-Type only when the bytes are not conclusive.
 * Detection only routes the file: probeAudio or parseTranscript validate it.
 */
import { open } from 'node:fs/promises';
import path from 'node:path';

import { id3v2TagBytes, isSameMpegStream, parseMpegFrameHeader } from './integrity/mpeg-audio.js';
import type { Reason } from './reason.js';
import type { UploadKind } from './types.js';

/** Audio containers recognised by their magic bytes. `mp4` covers m4a and 3gp. */
export type AudioContainer = 'wav' | 'mp3' | 'mp4' | 'amr' | 'ogg' | 'webm';

/** Number of leading bytes that detection reads. Pass at least this many as `head`. */
export const UPLOAD_HEAD_BYTES = 4096;

const AUDIO_EXTENSIONS = new Set(['wav', 'wave', 'mp3', 'm4a', 'mp4', '3gp', 'amr', 'awb', 'ogg', 'oga', 'opus', 'webm', 'weba']);
const TRANSCRIPT_EXTENSIONS: Record<string, UploadKind> = {
  json: 'transcript-json',
  vtt: 'transcript-vtt',
  srt: 'transcript-srt',
};
const TRANSCRIPT_CONTENT_TYPES: Record<string, UploadKind> = {
  'application/json': 'transcript-json',
  'text/json': 'transcript-json',
  'text/vtt': 'transcript-vtt',
  'application/x-subrip': 'transcript-srt',
  'application/srt': 'transcript-srt',
  'text/srt': 'transcript-srt',
};
const VIDEO_CONTENT_TYPES_WITH_AUDIO = new Set(['video/mp4', 'video/webm', 'video/ogg', 'video/3gpp']);

// ISO base media brands of still images (HEIF, AVIF), which share the `ftyp` box with mp4.
const IMAGE_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1', 'avif', 'avis']);

const WEBVTT_HEADER = /^WEBVTT(?:[ \t\r\n]|$)/;
// A cue number line followed by a timing line such as "00:00:01,000 -->".
const SRT_CUE_START = /^(?:\d{1,9}[ \t]*\r?\n[ \t]*)?\d{1,3}:\d{2}:\d{2}[,.]\d{1,3}[ \t]*-->/;

interface Signature {
  matches: (head: Buffer) => boolean;
  description: Reason;
}

// Common files that are positively not audio. The extension cannot override these.
const NON_AUDIO_SIGNATURES: Signature[] = [
  { matches: (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), description: { en: 'PNG image', zh: 'PNG 图片' } },
  { matches: (h) => startsWith(h, [0xff, 0xd8, 0xff]), description: { en: 'JPEG image', zh: 'JPEG 图片' } },
  { matches: (h) => ascii(h, 0, 6) === 'GIF87a' || ascii(h, 0, 6) === 'GIF89a', description: { en: 'GIF image', zh: 'GIF 图片' } },
  { matches: (h) => ascii(h, 0, 4) === 'RIFF' && ascii(h, 8, 12) === 'WEBP', description: { en: 'WebP image', zh: 'WebP 图片' } },
  { matches: (h) => ascii(h, 0, 4) === 'RIFF' && ascii(h, 8, 12) === 'AVI ', description: { en: 'AVI video', zh: 'AVI 视频' } },
  { matches: (h) => ascii(h, 4, 8) === 'ftyp' && IMAGE_BRANDS.has(ascii(h, 8, 12)), description: { en: 'HEIF/AVIF image', zh: 'HEIF/AVIF 图片' } },
  { matches: (h) => ascii(h, 0, 5) === '%PDF-', description: { en: 'PDF document', zh: 'PDF 文档' } },
  {
    matches: (h) => startsWith(h, [0x50, 0x4b, 0x03, 0x04]) || startsWith(h, [0x50, 0x4b, 0x05, 0x06]),
    description: { en: 'ZIP archive or Office document', zh: 'ZIP 压缩包或 Office 文档' },
  },
  { matches: (h) => startsWith(h, [0x1f, 0x8b]), description: { en: 'gzip archive', zh: 'gzip 压缩包' } },
  { matches: (h) => ascii(h, 0, 4) === 'Rar!', description: { en: 'RAR archive', zh: 'RAR 压缩包' } },
  { matches: (h) => startsWith(h, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), description: { en: '7z archive', zh: '7z 压缩包' } },
  { matches: (h) => startsWith(h, [0xd0, 0xcf, 0x11, 0xe0]), description: { en: 'legacy Office document', zh: '旧版 Office 文档' } },
];

const AUDIO_DESCRIPTIONS: Record<AudioContainer, Reason> = {
  wav: { en: 'WAV audio', zh: 'WAV 音频' },
  mp3: { en: 'MP3 audio', zh: 'MP3 音频' },
  mp4: { en: 'MP4/M4A file', zh: 'MP4/M4A 文件' },
  amr: { en: 'AMR audio', zh: 'AMR 音频' },
  ogg: { en: 'Ogg file', zh: 'Ogg 文件' },
  webm: { en: 'WebM/Matroska file', zh: 'WebM/Matroska 文件' },
};

/** Reads the first `bytes` bytes of a file (fewer when the file is shorter). */
export async function readHead(filePath: string, bytes = UPLOAD_HEAD_BYTES): Promise<Buffer> {
  const handle = await open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Returns the audio container that the magic bytes at the start of `head` identify, or null. */
export function sniffAudioContainer(head: Buffer): AudioContainer | null {
  const riffType = ascii(head, 8, 12);
  if (['RIFF', 'RF64', 'BW64'].includes(ascii(head, 0, 4)) && riffType === 'WAVE') {
    return 'wav';
  }
  if (id3v2TagBytes(head) > 0 || isMpegFrameStart(head)) {
    return 'mp3';
  }
  if (ascii(head, 4, 8) === 'ftyp' && !IMAGE_BRANDS.has(ascii(head, 8, 12))) {
    return 'mp4';
  }
  if (ascii(head, 0, 5) === '#!AMR') {
    return 'amr';
  }
  if (ascii(head, 0, 4) === 'OggS') {
    return 'ogg';
  }
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) {
    return 'webm';
  }
  return null;
}

/** Returns the description of a common non-audio file type (image, document, archive) that `head` matches, or null. */
export function identifyNonAudio(head: Buffer): Reason | null {
  return NON_AUDIO_SIGNATURES.find((signature) => signature.matches(head))?.description ?? null;
}

/**
 * Describes what the leading bytes look like, for the `detected` part of
 * CS_ERR_AUDIO_UNSUPPORTED: a known image, document or archive type, an audio
 * container, text, an empty file, or unrecognised binary data.
 */
export function describeContent(head: Buffer): Reason {
  if (head.length === 0) {
    return { en: 'empty file', zh: '空文件' };
  }
  const container = sniffAudioContainer(head);
  if (container !== null) {
    return AUDIO_DESCRIPTIONS[container];
  }
  const known = identifyNonAudio(head);
  if (known !== null) {
    return known;
  }
  if (looksLikeText(head)) {
    return { en: 'text', zh: '文本' };
  }
  return { en: 'unrecognised binary data', zh: '无法识别的二进制数据' };
}

/**
 * Detects the kind of an upload. The bytes decide first: an audio magic gives
 * `audio`, and a WEBVTT header, a leading `{` or `[`, or an SRT cue gives
 * the transcript kind. Images, documents, archives and other text are never
 * audio. Only bytes that match nothing fall back to the extension of
 * `filename` and then to `contentType`. Returns null when nothing matches.
 */
export function detectUploadKind(filename: string, head: Buffer, contentType?: string): UploadKind | null {
  if (sniffAudioContainer(head) !== null) {
    return 'audio';
  }
  if (identifyNonAudio(head) !== null) {
    return null;
  }

  const extension = path.extname(filename).slice(1).toLowerCase();
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const text = headText(head);

  if (text !== null) {
    const start = text.replace(/^\uFEFF/, '').trimStart();
    if (WEBVTT_HEADER.test(start)) {
      return 'transcript-vtt';
    }
    if (start.startsWith('{') || start.startsWith('[')) {
      return 'transcript-json';
    }
    if (SRT_CUE_START.test(start)) {
      return 'transcript-srt';
    }
    // Text that matches no format still goes to the parser that the extension
    // or Content-Type names, so the user gets that parser's precise error.
    return TRANSCRIPT_EXTENSIONS[extension] ?? TRANSCRIPT_CONTENT_TYPES[mediaType] ?? null;
  }

  if (head.length > 0 && (AUDIO_EXTENSIONS.has(extension) || isAudioContentType(mediaType))) {
    return 'audio';
  }
  return null;
}

/** True when `head` starts with a UTF-16 byte order mark or has no control characters except tab, line breaks and form feed. */
export function looksLikeText(head: Buffer): boolean {
  return headText(head) !== null;
}

function isAudioContentType(mediaType: string): boolean {
  return mediaType.startsWith('audio/') || VIDEO_CONTENT_TYPES_WITH_AUDIO.has(mediaType);
}

// A valid Layer II or III frame header followed by a second one of the same
// stream, so random bytes that start with 0xFFE are rarely taken for mp3.
// When `head` ends before the second header, the first header alone decides.
// Layer I is left out because the UTF-16LE byte order mark FF FE followed by
// text parses as a Layer I header.
function isMpegFrameStart(head: Buffer): boolean {
  const first = parseMpegFrameHeader(head, 0);
  if (first === null || first.layer === 1) {
    return false;
  }
  if (first.frameBytes + 4 > head.length) {
    return true;
  }
  const second = parseMpegFrameHeader(head, first.frameBytes);
  return second !== null && isSameMpegStream(first, second);
}

// Decodes `head` for sniffing when it looks like text: a UTF-16 byte order
// mark, or no control characters other than tab, line breaks and form feed.
// The decode is lenient because `head` may end inside a multi-byte character.
function headText(head: Buffer): string | null {
  if (startsWith(head, [0xff, 0xfe])) {
    return new TextDecoder('utf-16le').decode(head);
  }
  if (startsWith(head, [0xfe, 0xff])) {
    return new TextDecoder('utf-16be').decode(head);
  }
  if (head.length === 0) {
    return null;
  }
  for (const byte of head) {
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) || byte === 0x7f) {
      return null;
    }
  }
  return new TextDecoder('utf-8').decode(head);
}

function startsWith(head: Buffer, bytes: number[]): boolean {
  return head.length >= bytes.length && bytes.every((byte, index) => head[index] === byte);
}

function ascii(head: Buffer, start: number, end: number): string {
  return head.length >= end ? head.toString('latin1', start, end) : '';
}
