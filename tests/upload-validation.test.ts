import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { isCallscoreError } from '../src/errors/registry.js';
import type { CallscoreError } from '../src/errors/registry.js';
import { describeContent, detectUploadKind, sniffAudioContainer } from '../src/ingest/detect.js';
import { ffmpegPath } from '../src/ingest/ffmpeg.js';
import { probeAudio } from '../src/ingest/probe.js';

const run = promisify(execFile);
const SECONDS = 3;
// Lossy codecs add encoder delay and pad to whole frames, so durations move by a few tens of ms.
const DURATION_TOLERANCE_MS = 120;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'callscore-upload-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Encodes a sine tone of `seconds` with the bundled ffmpeg and returns the file path.
async function encodeTone(name: string, outputArgs: string[], options: { channels?: number; seconds?: number } = {}): Promise<string> {
  const path = join(dir, name);
  const seconds = options.seconds ?? SECONDS;
  await run(ffmpegPath, [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`,
    '-ac', String(options.channels ?? 1),
    ...outputArgs,
    path,
  ]);
  return path;
}

async function encodeVideo(name: string, withAudio: boolean): Promise<string> {
  const path = join(dir, name);
  const audioInput = withAudio ? ['-f', 'lavfi', '-i', `sine=duration=${SECONDS}`, '-c:a', 'aac', '-shortest'] : [];
  await run(ffmpegPath, [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc=duration=${SECONDS}:size=64x64:rate=10`,
    ...audioInput,
    '-c:v', 'libx264',
    path,
  ]);
  return path;
}

async function writeBytes(name: string, bytes: Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

async function cutFile(source: string, name: string, length: number): Promise<string> {
  return writeBytes(name, (await readFile(source)).subarray(0, length));
}

// A 1x1 grey PNG: signature, IHDR, IDAT and IEND chunks with their CRCs.
function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typeAndData));
    return Buffer.concat([length, typeAndData, crc]);
  };
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, 128]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Deterministic pseudo-random bytes (xorshift32), so the case cannot start with a valid header by chance.
function noise(length: number, seed = 0x9e3779b9): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed;
  for (let i = 0; i < length; i += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

// Byte offsets where each MPEG frame after the ID3v2 tag ends.
function mpegFrameEnds(bytes: Buffer): number[] {
  const bitrates = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
  let offset = bytes.toString('latin1', 0, 3) === 'ID3' ? 10 + ((bytes[6]! << 21) | (bytes[7]! << 14) | (bytes[8]! << 7) | bytes[9]!) : 0;
  const ends: number[] = [];
  while (offset + 4 <= bytes.length && bytes[offset] === 0xff) {
    const b2 = bytes[offset + 2]!;
    offset += Math.floor((144 * bitrates[b2 >> 4]! * 1000) / 44100) + ((b2 >> 1) & 1);
    ends.push(offset);
  }
  return ends;
}

// Offsets of the Ogg pages, found by their "OggS" capture pattern.
function oggPageStarts(bytes: Buffer): number[] {
  const starts: number[] = [];
  for (let index = bytes.indexOf('OggS'); index !== -1; index = bytes.indexOf('OggS', index + 1)) {
    starts.push(index);
  }
  return starts;
}

function mp4BoxOffset(bytes: Buffer, type: string): number {
  let offset = 0;
  while (offset + 8 <= bytes.length) {
    if (bytes.toString('latin1', offset + 4, offset + 8) === type) {
      return offset;
    }
    offset += bytes.readUInt32BE(offset);
  }
  throw new Error(`no ${type} box`);
}

// Cuts a WebM file at its middle Cluster and rewrites the 8-byte Segment size
// to match, so every element fits while the Info duration still gives the full length.
function webmCutAtCluster(bytes: Buffer): Buffer {
  const vint = (offset: number, keepMarker: boolean): { value: number; length: number } => {
    const first = bytes[offset]!;
    const length = 8 - Math.floor(Math.log2(first));
    let value = keepMarker ? first : first & (0xff >> length);
    for (let i = 1; i < length; i += 1) {
      value = value * 256 + bytes[offset + i]!;
    }
    return { value, length };
  };
  const element = (offset: number) => {
    const id = vint(offset, true);
    const size = vint(offset + id.length, false);
    return { id: id.value, sizeOffset: offset + id.length, sizeLength: size.length, dataStart: offset + id.length + size.length, size: size.value };
  };

  const ebml = element(0);
  const segment = element(ebml.dataStart + ebml.size);
  expect(segment.sizeLength).toBe(8);
  const clusters: number[] = [];
  for (let offset = segment.dataStart; offset < bytes.length; ) {
    const child = element(offset);
    if (child.id === 0x1f43b675) {
      clusters.push(offset);
    }
    offset = child.dataStart + child.size;
  }
  const cut = clusters[Math.floor(clusters.length / 2)]!;
  const result = Buffer.from(bytes.subarray(0, cut));
  result[segment.sizeOffset] = 0x01;
  result.writeUIntBE(cut - segment.dataStart, segment.sizeOffset + 2, 6);
  result[segment.sizeOffset + 1] = 0;
  return result;
}

async function probeError(path: string, filename: string): Promise<CallscoreError> {
  const error = await probeAudio(path, filename).then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!isCallscoreError(error)) {
    throw new Error(`expected a CallscoreError for ${filename}, got ${String(error)}`);
  }
  return error;
}

describe('probeAudio valid files', () => {
  const cases: { name: string; file: string; args: string[]; channels: number; format: string; codec: string }[] = [
    { name: 'wav mono', file: 'mono.wav', args: [], channels: 1, format: 'wav', codec: 'pcm_s16le' },
    { name: 'wav stereo', file: 'stereo.wav', args: [], channels: 2, format: 'wav', codec: 'pcm_s16le' },
    { name: 'mp3 stereo', file: 'stereo.mp3', args: ['-c:a', 'libmp3lame'], channels: 2, format: 'mp3', codec: 'mp3' },
    { name: 'mp3 without Xing', file: 'noxing.mp3', args: ['-c:a', 'libmp3lame', '-write_xing', '0'], channels: 1, format: 'mp3', codec: 'mp3' },
    { name: 'mp3 with ID3v1', file: 'id3v1.mp3', args: ['-c:a', 'libmp3lame', '-write_id3v1', '1', '-metadata', 'title=call'], channels: 1, format: 'mp3', codec: 'mp3' },
    { name: 'm4a', file: 'tone.m4a', args: ['-c:a', 'aac'], channels: 1, format: 'mp4', codec: 'aac' },
    { name: 'm4a faststart', file: 'faststart.m4a', args: ['-c:a', 'aac', '-movflags', '+faststart'], channels: 2, format: 'mp4', codec: 'aac' },
    { name: 'amr-nb', file: 'tone.amr', args: ['-ar', '8000', '-c:a', 'libopencore_amrnb'], channels: 1, format: 'amr', codec: 'amr_nb' },
    { name: 'amr-wb', file: 'tone.awb', args: ['-ar', '16000', '-c:a', 'libvo_amrwbenc', '-f', 'amr'], channels: 1, format: 'amr', codec: 'amr_wb' },
    { name: '3gp amr', file: 'tone.3gp', args: ['-ar', '8000', '-c:a', 'libopencore_amrnb'], channels: 1, format: 'mp4', codec: 'amr_nb' },
    { name: 'ogg opus', file: 'opus.ogg', args: ['-c:a', 'libopus'], channels: 2, format: 'ogg', codec: 'opus' },
    { name: 'ogg vorbis', file: 'vorbis.ogg', args: ['-c:a', 'libvorbis'], channels: 1, format: 'ogg', codec: 'vorbis' },
    { name: 'webm opus', file: 'opus.webm', args: ['-c:a', 'libopus'], channels: 1, format: 'webm', codec: 'opus' },
    { name: 'webm live', file: 'live.webm', args: ['-c:a', 'libopus', '-live', '1'], channels: 1, format: 'webm', codec: 'opus' },
    { name: 'flac', file: 'tone.flac', args: ['-c:a', 'flac'], channels: 1, format: 'flac', codec: 'flac' },
  ];

  it.each(cases)('accepts $name', async ({ file, args, channels, format, codec }) => {
    const path = await encodeTone(file, args, { channels });

    const probe = await probeAudio(path, file);

    expect(probe.format).toBe(format);
    expect(probe.codec).toBe(codec);
    expect(probe.channels).toBe(channels);
    expect(probe.sampleRate).toBeGreaterThan(0);
    expect(Math.abs(probe.durationMs - SECONDS * 1000)).toBeLessThanOrEqual(DURATION_TOLERANCE_MS);
  });

  it('accepts mp4 video with audio', async () => {
    const path = await encodeVideo('with-audio.mp4', true);

    const probe = await probeAudio(path, 'with-audio.mp4');

    expect(probe.codec).toBe('aac');
    expect(probe.channels).toBe(1);
    expect(Math.abs(probe.durationMs - SECONDS * 1000)).toBeLessThanOrEqual(DURATION_TOLERANCE_MS);
  });
});

describe('probeAudio rejects files that are not audio', () => {
  const cases: { name: string; make: () => Promise<string>; code: string; status: number; detected?: string }[] = [
    { name: 'PNG image', make: () => writeBytes('image.png', tinyPng()), code: 'CS_ERR_AUDIO_UNSUPPORTED', status: 415, detected: 'PNG image' },
    { name: 'PNG named .wav', make: () => writeBytes('image.wav', tinyPng()), code: 'CS_ERR_AUDIO_UNSUPPORTED', status: 415, detected: 'PNG image' },
    { name: 'PDF', make: () => writeBytes('doc.mp3', Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n')), code: 'CS_ERR_AUDIO_UNSUPPORTED', status: 415, detected: 'PDF document' },
    { name: 'random bytes', make: () => writeBytes('noise.wav', noise(8192)), code: 'CS_ERR_AUDIO_UNSUPPORTED', status: 415, detected: 'unrecognised binary data' },
    { name: 'plain text', make: () => writeBytes('notes.mp3', Buffer.from('Call notes: customer asked for a quote.\n'.repeat(20))), code: 'CS_ERR_AUDIO_UNSUPPORTED', status: 415, detected: 'text' },
    { name: 'video without audio', make: () => encodeVideo('silent-video.mp4', false), code: 'CS_ERR_AUDIO_UNSUPPORTED', status: 415, detected: 'video (h264) with no audio stream' },
    { name: 'empty file', make: () => writeBytes('empty.wav', Buffer.alloc(0)), code: 'CS_ERR_FILE_EMPTY', status: 400 },
    { name: 'wav without samples', make: () => encodeTone('nosamples.wav', ['-t', '0']), code: 'CS_ERR_AUDIO_EMPTY', status: 422 },
  ];

  it.each(cases)('rejects $name', async ({ make, code, status, detected }) => {
    const path = await make();

    const error = await probeError(path, 'upload.bin');

    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    if (detected !== undefined) {
      expect(error.params.detected).toBe(detected);
      expect(error.message).toContain(`detected: ${detected}`);
    }
  });
});

describe('probeAudio rejects truncated files', () => {
  const cases: { name: string; make: () => Promise<string>; reason: RegExp }[] = [
    {
      name: 'mp3 cut at 50 %',
      make: async () => {
        const source = await encodeTone('full.mp3', ['-c:a', 'libmp3lame']);
        const size = (await readFile(source)).length;
        return cutFile(source, 'half.mp3', Math.floor(size / 2));
      },
      reason: /last MPEG frame/,
    },
    {
      name: 'mp3 cut at an odd offset',
      make: async () => cutFile(await encodeTone('odd-source.mp3', ['-c:a', 'libmp3lame']), 'odd.mp3', 12_345),
      reason: /last MPEG frame/,
    },
    {
      name: 'mp3 without Xing cut at an odd offset',
      make: async () => cutFile(await encodeTone('noxing-source.mp3', ['-c:a', 'libmp3lame', '-write_xing', '0']), 'noxing-odd.mp3', 12_345),
      reason: /last MPEG frame/,
    },
    {
      name: 'mp3 cut between frames',
      make: async () => {
        const source = await encodeTone('boundary-source.mp3', ['-c:a', 'libmp3lame']);
        const ends = mpegFrameEnds(await readFile(source));
        return cutFile(source, 'boundary.mp3', ends[Math.floor(ends.length / 2)]!);
      },
      reason: /Xing\/VBRI header declares \d+ MPEG frames/,
    },
    {
      name: 'wav with a short data chunk',
      make: async () => {
        const source = await encodeTone('long-data.wav', []);
        return cutFile(source, 'short-data.wav', 10_001);
      },
      reason: /data chunk declares 264600 bytes of audio but only \d+ are present/,
    },
    {
      name: 'wav cut inside its header',
      make: async () => cutFile(await encodeTone('header-source.wav', []), 'header-only.wav', 40),
      reason: /ends inside a chunk header/,
    },
    {
      name: 'm4a cut in half',
      make: async () => {
        const source = await encodeTone('moov-last.m4a', ['-c:a', 'aac']);
        const size = (await readFile(source)).length;
        return cutFile(source, 'moov-last-half.m4a', Math.floor(size / 2));
      },
      reason: /"mdat" box declares/,
    },
    {
      name: 'm4a without moov',
      make: async () => {
        const source = await encodeTone('moov-missing-source.m4a', ['-c:a', 'aac']);
        return cutFile(source, 'moov-missing.m4a', mp4BoxOffset(await readFile(source), 'moov'));
      },
      reason: /"moov" box with the sample index is missing/,
    },
    {
      name: 'faststart m4a cut in half',
      make: async () => {
        const source = await encodeTone('faststart-source.m4a', ['-c:a', 'aac', '-movflags', '+faststart']);
        const size = (await readFile(source)).length;
        return cutFile(source, 'faststart-half.m4a', Math.floor(size / 2));
      },
      reason: /"mdat" box declares/,
    },
    {
      name: 'faststart m4a with a patched mdat size',
      make: async () => {
        const source = await encodeTone('patched-source.m4a', ['-c:a', 'aac', '-movflags', '+faststart']);
        const bytes = await readFile(source);
        const mdat = mp4BoxOffset(bytes, 'mdat');
        const cut = mdat + Math.floor((bytes.length - mdat) / 2);
        const patched = Buffer.from(bytes.subarray(0, cut));
        patched.writeUInt32BE(cut - mdat, mdat);
        return writeBytes('patched.m4a', patched);
      },
      reason: /decoding failed/,
    },
    {
      name: 'ogg cut inside a page',
      make: async () => {
        const source = await encodeTone('page-source.ogg', ['-c:a', 'libopus']);
        const size = (await readFile(source)).length;
        return cutFile(source, 'page-cut.ogg', Math.floor(size / 2));
      },
      reason: /Ogg page at byte \d+ is incomplete/,
    },
    {
      name: 'ogg cut between pages',
      make: async () => {
        const source = await encodeTone('pages-source.ogg', ['-c:a', 'libopus']);
        const starts = oggPageStarts(await readFile(source));
        return cutFile(source, 'pages-cut.ogg', starts[Math.floor(starts.length / 2)]!);
      },
      reason: /no end-of-stream page/,
    },
    {
      name: 'webm cut in half',
      make: async () => {
        const source = await encodeTone('half-source.webm', ['-c:a', 'libopus']);
        const size = (await readFile(source)).length;
        return cutFile(source, 'half.webm', Math.floor(size / 2));
      },
      reason: /Segment element declares/,
    },
    {
      name: 'live webm cut in half',
      make: async () => {
        const source = await encodeTone('live-source.webm', ['-c:a', 'libopus', '-live', '1']);
        const size = (await readFile(source)).length;
        return cutFile(source, 'live-half.webm', Math.floor(size / 2));
      },
      reason: /Cluster element declares/,
    },
    {
      name: 'webm shorter than its header duration',
      make: async () => {
        const source = await encodeTone('long.webm', ['-c:a', 'libopus', '-b:a', '24k'], { seconds: 20 });
        return writeBytes('short-segment.webm', webmCutAtCluster(await readFile(source)));
      },
      reason: /only \d+\.\d+ s of the 20\.\d+ s declared in the header could be decoded/,
    },
    {
      name: 'amr cut inside a frame',
      make: async () => cutFile(await encodeTone('cut-source.amr', ['-ar', '8000', '-c:a', 'libopencore_amrnb']), 'cut.amr', 2_000),
      reason: /last AMR frame at byte \d+ needs 32 bytes/,
    },
  ];

  it.each(cases)('rejects $name', async ({ make, reason }) => {
    const path = await make();

    const error = await probeError(path, 'call.audio');

    expect(error.code).toBe('CS_ERR_AUDIO_TRUNCATED');
    expect(error.status).toBe(422);
    expect(String(error.params.reason)).toMatch(reason);
    expect(error.messageIn('zh-CN')).toContain(String(error.params.reasonZh));
    expect(String(error.params.reasonZh)).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('probeAudio messages', () => {
  it('shows the upload filename sanitised', async () => {
    const path = await writeBytes('hostile.png', tinyPng());

    const error = await probeError(path, '../../etc/\u202epasswd\r\n.wav');

    expect(error.params.filename).toBe('../../etc/ passwd .wav');
    expect(error.message).not.toContain(path);
  });

  it('names the detected type in Chinese', async () => {
    const path = await writeBytes('zh.png', tinyPng());

    const error = await probeError(path, '录音.wav');

    expect(error.messageIn('zh-CN')).toContain('检测结果：PNG 图片');
    expect(error.messageIn('zh-CN')).toContain('"录音.wav"');
  });
});

describe('detectUploadKind', () => {
  const audioMagic: [string, Buffer][] = [
    ['RIFF/WAVE', Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt ')])],
    ['ID3', Buffer.from('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0023', 'latin1')],
    ['ftyp M4A', Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypM4A ')])],
    ['#!AMR', Buffer.from('#!AMR\n')],
    ['OggS', Buffer.from('OggS\u0000\u0002', 'latin1')],
    ['EBML', Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81])],
  ];

  it.each(audioMagic)('detects %s as audio', (_name, head) => {
    expect(detectUploadKind('upload.bin', head)).toBe('audio');
  });

  it('detects mp3 frames without ID3', async () => {
    const path = await encodeTone('frames-only.mp3', ['-c:a', 'libmp3lame', '-id3v2_version', '0', '-write_xing', '0']);
    const bytes = await readFile(path);

    expect(sniffAudioContainer(bytes.subarray(0, 4096))).toBe('mp3');
    expect(sniffAudioContainer(bytes.subarray(0, 64))).toBe('mp3');
    expect(detectUploadKind('recording', bytes.subarray(0, 4096))).toBe('audio');
  });

  const texts: [string, string, string | null][] = [
    ['WEBVTT', 'WEBVTT\n\n00:00.000 --> 00:01.000\n<v Rep>Hi', 'transcript-vtt'],
    ['WEBVTT after a BOM', '\uFEFFWEBVTT - call\n', 'transcript-vtt'],
    ['JSON array', '  [{"speaker":"rep","text":"hi"}]', 'transcript-json'],
    ['JSON object', '\uFEFF{"turns":[]}', 'transcript-json'],
    ['SRT cue', '1\r\n00:00:01,000 --> 00:00:02,000\r\nRep: hi\r\n', 'transcript-srt'],
    ['SRT without a cue number', '00:00:01,000 --> 00:00:02,000\nRep: hi\n', 'transcript-srt'],
    ['plain text', 'just some notes', null],
  ];

  it.each(texts)('detects %s', (_name, text, expected) => {
    expect(detectUploadKind('upload.txt', Buffer.from(text))).toBe(expected);
  });

  it('detects UTF-16 SRT', () => {
    const head = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('1\r\n00:00:01,000 --> 00:00:02,000\r\n客户：你好\r\n', 'utf16le')]);

    expect(detectUploadKind('call.srt', head)).toBe('transcript-srt');
  });

  it.each([
    ['image.png', 'audio/wav', tinyPng()],
    ['notes.mp3', 'audio/mpeg', Buffer.from('not audio at all')],
    ['archive.wav', undefined, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])],
    ['doc.m4a', undefined, Buffer.from('%PDF-1.7\n')],
    ['noise.bin', 'application/octet-stream', noise(256)],
  ])('returns null for %s (%s)', (filename, contentType, head) => {
    expect(detectUploadKind(filename, head, contentType)).toBeNull();
  });

  it.each([
    ['call.wav', undefined],
    ['call.AMR', undefined],
    ['recording', 'audio/ogg; codecs=opus'],
    ['recording', 'video/webm'],
  ])('falls back to %s / %s for unknown bytes', (filename, contentType) => {
    expect(detectUploadKind(filename, noise(256), contentType)).toBe('audio');
  });

  it.each([
    ['call.json', 'transcript-json'],
    ['call.vtt', 'transcript-vtt'],
    ['call.SRT', 'transcript-srt'],
  ])('routes unrecognised text named %s to its parser', (filename, expected) => {
    expect(detectUploadKind(filename, Buffer.from('not a valid transcript'))).toBe(expected);
  });

  it('describes what the bytes are', () => {
    expect(describeContent(tinyPng())).toEqual({ en: 'PNG image', zh: 'PNG 图片' });
    expect(describeContent(Buffer.alloc(0)).en).toBe('empty file');
    expect(describeContent(Buffer.from('hello')).en).toBe('text');
    expect(describeContent(noise(64)).en).toBe('unrecognised binary data');
  });
});
