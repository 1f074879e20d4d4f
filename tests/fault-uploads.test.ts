/**
 * Uploads at the edges: an empty file, a three-hour recording, hostile
 * filenames, a transcript of 100,000 turns and a full disk. Each gets a
 * clear response, and a rejected one leaves no stored file and no call row.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpegPath } from '../src/ingest/ffmpeg.js';
import type { TranscribeRequest } from '../src/jobs/pipeline.js';
import { getCall } from '../src/store/calls.js';
import { makeSilenceWav } from './helpers/audio.js';
import { createTestDatabase } from './helpers/services.js';
import { makeTempDir, startService, upload, waitForCall, type Service } from './helpers/harness.js';

let service: Service;
let dir: string;
let silence: string;
const transcribed: TranscribeRequest[] = [];

async function storedFiles(storageDir: string): Promise<string[]> {
  const entries = await readdir(storageDir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

async function callCount(target: Service): Promise<number> {
  const rows = await target.runtime.db.query<{ n: number }>('SELECT count(*)::int AS n FROM calls');
  return rows[0]!.n;
}

/** Builds a three-hour mp3 cheaply: one minute of encoded silence, stream-copied 180 times. */
async function makeThreeHourMp3(target: string): Promise<void> {
  const minute = path.join(dir, 'minute.mp3');
  const quiet = ['-hide_banner', '-loglevel', 'error', '-y'];
  const plain = ['-write_xing', '0', '-id3v2_version', '0'];
  execFileSync(ffmpegPath, [...quiet, '-f', 'lavfi', '-i', 'anullsrc=r=8000:cl=mono', '-t', '60', '-c:a', 'libmp3lame', '-b:a', '8k', ...plain, minute]);
  execFileSync(ffmpegPath, [...quiet, '-stream_loop', '179', '-i', minute, '-c', 'copy', ...plain, target]);
}

beforeAll(async () => {
  dir = await makeTempDir('fault-uploads');
  silence = path.join(dir, 'silence.wav');
  await makeSilenceWav(silence, { seconds: 1 });
  // Transcription is replaced because these tests cover the upload response, not the recognizer.
  service = await startService({
    modelsDir: await makeTempDir('models'),
    runtimeOptions: {
      retentionSweep: false,
      services: {
        async transcribe(request) {
          transcribed.push(request);
          return { turns: [{ speaker: 'unknown', text: '好的', startMs: 0, endMs: 500 }], rolesKnown: false, durationMs: 500, model: 'test' };
        },
      },
    },
  });
});

afterAll(async () => {
  await service?.close();
});

describe('edge-case uploads', () => {
  it('0-byte file is a 400', async () => {
    const before = await callCount(service);
    const result = await upload(service.baseUrl, { content: Buffer.alloc(0), filename: 'empty.wav', type: 'audio/wav' });
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe('CS_ERR_FILE_EMPTY');
    expect(await callCount(service)).toBe(before);
  });

  it('three-hour recording is accepted with its duration', async () => {
    const long = path.join(dir, 'three-hours.mp3');
    await makeThreeHourMp3(long);
    const result = await upload(service.baseUrl, { path: long, filename: 'three-hours.mp3', type: 'audio/mpeg' });
    expect(result.status).toBe(202);

    const rows = await service.runtime.db.query<{ duration_ms: number }>('SELECT duration_ms FROM recordings WHERE sha256 = $1', [
      result.body.recording.sha256,
    ]);
    expect(rows[0]!.duration_ms).toBeGreaterThan(3 * 3600 * 1000 - 1000);
    expect((await waitForCall(service.baseUrl, result.body.id)).status).toBe('scored');
  });

  it.each([
    ['path traversal', '../../etc/passwd.wav'],
    ['300 characters', `${'长'.repeat(150)}${'x'.repeat(146)}.wav`],
    ['control characters', 'call\u0001\u0007\u001b[31m\u0000name.wav'],
  ])('hostile filename: %s', async (name, filename) => {
    // Each case is its own deal, because the same recording twice in one deal is rejected as a duplicate.
    const result = await upload(service.baseUrl, { path: silence, filename, type: 'audio/wav' }, { dealId: `D-hostile-${name.replaceAll(' ', '-')}` });
    expect(result.status).toBe(202);

    const call = await getCall(service.runtime.db, result.body.id);
    expect(call!.filename).not.toMatch(/[\p{Cc}/\\]/u);
    expect(call!.filename.length).toBeLessThanOrEqual(200);
    const stored = await storedFiles(service.runtime.storageDir);
    expect(stored.filter((name) => name.includes('passwd') || name.includes('name.wav'))).toEqual([]);
    expect(await readFile('/etc/passwd', 'utf8')).not.toContain('RIFF');
  });

  it('100,000-turn transcript is a 422 naming the limit', async () => {
    const before = await callCount(service);
    const turns = Array.from({ length: 100_000 }, (_, i) => ({ speaker: i % 2 ? 'rep' : 'customer', text: '好的', startMs: i * 1000, endMs: i * 1000 + 500 }));
    const content = Buffer.from(JSON.stringify({ turns }));
    const filesBefore = (await storedFiles(service.runtime.storageDir)).length;

    const result = await upload(service.baseUrl, { content, filename: 'huge.json', type: 'application/json' });
    expect(result.status).toBe(422);
    expect(result.body.error.code).toBe('CS_ERR_TRANSCRIPT_INVALID');
    expect(result.body.error.message).toContain('20000');
    expect(await callCount(service)).toBe(before);
    expect((await storedFiles(service.runtime.storageDir)).length).toBe(filesBefore);
  });
});

describe('disk full during upload', () => {
  const mountPoint = path.join(tmpdir(), `callscore-fault-full-${process.pid}`);
  let mounted = false;
  let full: Service | undefined;
  let database: { url: string; drop: () => Promise<void> } | undefined;

  // A 1 MiB tmpfs as the data folder gives a real ENOSPC. Mounting needs root, so the test is skipped without it.
  try {
    execFileSync('mkdir', ['-p', mountPoint]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint], { stdio: 'ignore' });
    mounted = true;
  } catch {
    mounted = false;
  }

  beforeAll(async () => {
    if (!mounted) return;
    database = await createTestDatabase();
    await mkdir(path.join(mountPoint, 'data'), { recursive: true });
    full = await startService({
      databaseUrl: database.url,
      dataDir: path.join(mountPoint, 'data'),
      modelsDir: await makeTempDir('models'),
      runtimeOptions: { retentionSweep: false },
    });
  });

  afterAll(async () => {
    await full?.close();
    await database?.drop();
    if (mounted) execFileSync('umount', [mountPoint]);
  });

  it.skipIf(!mounted)('answers 507 and keeps nothing', async () => {
    const big = path.join(dir, 'big.wav');
    await makeSilenceWav(big, { seconds: 40 });
    const result = await upload(full!.baseUrl, { path: big, filename: 'big.wav', type: 'audio/wav' });

    expect(result.status).toBe(507);
    expect(result.body.error.code).toBe('CS_ERR_STORAGE_FULL');
    expect(await storedFiles(full!.runtime.storageDir)).toEqual([]);
    expect(await callCount(full!)).toBe(0);
  });

  it.skipIf(!mounted)('accepts uploads again once space is free', async () => {
    const small = path.join(dir, 'small.wav');
    await writeFile(small, await readFile(silence));
    const result = await upload(full!.baseUrl, { path: small, filename: 'small.wav', type: 'audio/wav' });
    expect(result.status).toBe(202);
  });
});
