import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';

import { isCallscoreError } from '../src/errors/registry.js';
import { blobPath, hasBlob, removeBlob, saveStream } from '../src/ingest/blob-store.js';
import { displayFilename, MAX_DISPLAY_FILENAME_CHARS } from '../src/ingest/filename.js';

const roots: string[] = [];
let storageDir: string;

beforeEach(async () => {
  storageDir = await mkdtemp(join(tmpdir(), 'callscore-blobs-'));
  roots.push(storageDir);
});

afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

// Emits `bytes` in chunks of `chunkBytes`, like a multipart file stream.
function chunked(bytes: Buffer, chunkBytes = 1000): Readable {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
    chunks.push(bytes.subarray(offset, offset + chunkBytes));
  }
  return Readable.from(chunks);
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

async function expectRejectsWith(promise: Promise<unknown>, code: string, status: number): Promise<Error> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(isCallscoreError(error)).toBe(true);
  if (!isCallscoreError(error)) {
    throw new Error('expected a CallscoreError');
  }
  expect(error.code).toBe(code);
  expect(error.status).toBe(status);
  return error;
}

const options = (extra: Partial<{ maxBytes: number; filename: string }> = {}) => ({
  storageDir,
  maxBytes: 1024 * 1024,
  filename: 'call.wav',
  ...extra,
});

describe('saveStream', () => {
  it('stores content under its sha256', async () => {
    const content = Buffer.from('RIFF test content '.repeat(500));

    const blob = await saveStream(chunked(content), options());

    expect(blob.sha256).toBe(sha256(content));
    expect(blob.sizeBytes).toBe(content.length);
    expect(blob.path).toBe(join(storageDir, 'blobs', blob.sha256.slice(0, 2), blob.sha256.slice(2, 4), blob.sha256));
    expect(await readFile(blob.path)).toEqual(content);
    expect(await listFiles(join(storageDir, 'tmp'))).toEqual([]);
  });

  it('stores equal content once', async () => {
    const content = Buffer.from('same bytes twice');

    const first = await saveStream(chunked(content, 3), options());
    const second = await saveStream(chunked(content, 5), options({ filename: 'other-name.mp3' }));

    expect(second.path).toBe(first.path);
    expect(await listFiles(join(storageDir, 'blobs'))).toHaveLength(1);
    expect(await listFiles(join(storageDir, 'tmp'))).toEqual([]);
  });

  it('rejects an empty stream', async () => {
    const error = await expectRejectsWith(saveStream(Readable.from([]), options()), 'CS_ERR_FILE_EMPTY', 400);

    expect(error.message).toContain('"call.wav"');
    expect(await listFiles(storageDir)).toEqual([]);
  });

  it('accepts exactly maxBytes', async () => {
    const content = Buffer.alloc(4096, 7);

    const blob = await saveStream(chunked(content), options({ maxBytes: 4096 }));

    expect(blob.sizeBytes).toBe(4096);
  });

  it('rejects one byte over maxBytes', async () => {
    const content = Buffer.alloc(2 * 1024 * 1024 + 1, 7);

    const error = await expectRejectsWith(
      saveStream(chunked(content, 64 * 1024), options({ maxBytes: 2 * 1024 * 1024 })),
      'CS_ERR_FILE_TOO_LARGE',
      413,
    );

    expect(error.message).toContain('2 MB');
    expect(await listFiles(storageDir)).toEqual([]);
  });

  it('rejects a stream that multipart marked truncated', async () => {
    const source = chunked(Buffer.alloc(100, 1)) as Readable & { truncated?: boolean };
    source.on('end', () => {
      source.truncated = true;
    });

    await expectRejectsWith(saveStream(source, options()), 'CS_ERR_FILE_TOO_LARGE', 413);
    expect(await listFiles(storageDir)).toEqual([]);
  });

  it('removes the temporary file on abort mid-upload', async () => {
    const aborted = new Error('aborted by client');
    let reads = 0;
    const source = new Readable({
      read() {
        reads += 1;
        if (reads === 1) {
          this.push(Buffer.alloc(10_000, 1));
        } else {
          this.destroy(aborted);
        }
      },
    });

    await expect(saveStream(source, options())).rejects.toBe(aborted);
    expect(reads).toBeGreaterThan(1);
    expect(await listFiles(storageDir)).toEqual([]);
  });

  it('reports an abort before the first read', async () => {
    const aborted = new Error('aborted by client');
    const source = new Readable({ read() {} });
    source.destroy(aborted);

    await expect(saveStream(source, options())).rejects.toBe(aborted);
    expect(await listFiles(storageDir)).toEqual([]);
  });

  it('never uses the filename as a path', async () => {
    const hostile = `../../etc/passwd\u0000\n${'x'.repeat(300)}.wav`;

    const blob = await saveStream(chunked(Buffer.from('abc')), options({ filename: hostile }));

    expect(relative(storageDir, blob.path).startsWith('blobs/')).toBe(true);
    expect(await listFiles(storageDir)).toEqual([relative(storageDir, blob.path)]);
  });

  it('shows a hostile filename sanitised', async () => {
    const hostile = `../../etc/\u202epasswd\u0007\r\n${'x'.repeat(300)}.wav`;

    const error = await expectRejectsWith(saveStream(Readable.from([]), options({ filename: hostile })), 'CS_ERR_FILE_EMPTY', 400);

    const displayed = /"([^"]*)"/.exec(error.message)?.[1] ?? '';
    expect(displayed).toBe(displayFilename(hostile));
    expect(displayed).not.toMatch(/[\u0000-\u001f\u202e]/);
    expect(Array.from(displayed)).toHaveLength(MAX_DISPLAY_FILENAME_CHARS);
  });
});

describe('saveStream on a full disk', () => {
  const mountPoint = join(tmpdir(), `callscore-full-${process.pid}`);
  let mounted = false;

  // A 64 KiB tmpfs gives a real ENOSPC. Mounting needs root, so the test is skipped without it.
  try {
    execFileSync('mkdir', ['-p', mountPoint]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountPoint], { stdio: 'ignore' });
    mounted = true;
  } catch {
    mounted = false;
  }

  afterAll(() => {
    if (mounted) {
      execFileSync('umount', [mountPoint]);
    }
  });

  it.skipIf(!mounted)('maps ENOSPC to CS_ERR_STORAGE_FULL', async () => {
    const dir = join(mountPoint, 'store');
    await mkdir(dir, { recursive: true });

    await expectRejectsWith(
      saveStream(chunked(Buffer.alloc(512 * 1024, 3), 16 * 1024), { storageDir: dir, maxBytes: 1024 * 1024, filename: 'big.wav' }),
      'CS_ERR_STORAGE_FULL',
      507,
    );
    expect(await listFiles(join(dir, 'tmp'))).toEqual([]);
  });
});

describe('blob lookup', () => {
  it('finds and removes a stored blob', async () => {
    const blob = await saveStream(chunked(Buffer.from('keep me')), options());

    expect(await hasBlob(storageDir, blob.sha256)).toBe(true);
    expect(await removeBlob(storageDir, blob.sha256)).toBe(true);
    expect(await hasBlob(storageDir, blob.sha256)).toBe(false);
    expect(await removeBlob(storageDir, blob.sha256)).toBe(false);
  });

  it.each(['../../etc/passwd', 'ABCDEF'.padEnd(64, '0'), 'a'.repeat(63), `${'a'.repeat(64)}/..`])(
    'blobPath rejects sha256 %j',
    (value) => {
      expect(() => blobPath(storageDir, value)).toThrow(RangeError);
    },
  );
});

describe('displayFilename', () => {
  it.each([
    ['call.wav', 'call.wav'],
    ['  spaced\tname .mp3 ', 'spaced name .mp3'],
    ['a\u0000b\u001bc\u007fd.wav', 'a b c d.wav'],
    ['invoice\u202egnp.wav', 'invoice gnp.wav'],
    ['', 'unnamed'],
    ['\u0001\u0002', 'unnamed'],
    ['通话录音\ud800.wav', '通话录音\ufffd.wav'],
  ])('shows %j as %j', (input, expected) => {
    expect(displayFilename(input)).toBe(expected);
  });

  it('keeps both ends of a long name', () => {
    const displayed = displayFilename(`${'录'.repeat(300)}.recording.wav`);

    expect(Array.from(displayed)).toHaveLength(MAX_DISPLAY_FILENAME_CHARS);
    expect(displayed.startsWith('录录录')).toBe(true);
    expect(displayed.endsWith('recording.wav')).toBe(true);
    expect(displayed).toContain('…');
  });
});
