import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_SENTENCE } from '../scripts/make-sense-voice-fixture.js';
import { installModel, listModels, loadCatalog, removeModel, resolveBaseUrl, verifyModel, type Catalog } from '../src/asr/models/index.js';
import { closeTranscriber, transcribeRecording } from '../src/asr/transcribe.js';
import { isCallscoreError } from '../src/errors/registry.js';
import { makeSpeechWav } from './helpers/audio.js';

const run = promisify(execFile);

const MODEL = 'sense-voice-small-int8';
const ARCHIVE = 'sherpa-onnx-sense-voice-zh-en-ja-ko-yue-2024-07-17.tar.bz2';
const ARCHIVE_ROOT = 'sherpa-onnx-sense-voice-zh-en-ja-ko-yue-2024-07-17';
const FIXTURE_MODEL_DIR = new URL('./fixtures/models/sense-voice-tiny/', import.meta.url).pathname;
const BREAK_AT_BYTES = 100_000;

/** Behaviour of the test server, reset after each test. */
interface ServerBehaviour {
  /** Responses still to cut off after BREAK_AT_BYTES bytes of the file. */
  breaks: number;
  /** Reply to Range requests with the whole file and status 200. */
  ignoreRange: boolean;
  requests: Array<{ path: string; range: string | undefined }>;
}

let dir: string;
let archive: Buffer;
let archiveSha256: string;
let server: Server;
let baseUrl: string;
const behaviour: ServerBehaviour = { breaks: 0, ignoreRange: false, requests: [] };

function serve(files: Record<string, Buffer>): Server {
  return createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname.slice(1));
    behaviour.requests.push({ path, range: request.headers.range });
    const body = files[path];
    if (!body) {
      response.writeHead(404).end();
      return;
    }

    const rangeStart = /^bytes=(\d+)-$/.exec(request.headers.range ?? '')?.[1];
    const start = rangeStart !== undefined && !behaviour.ignoreRange ? Number(rangeStart) : 0;
    if (start >= body.length && start > 0) {
      response.writeHead(416, { 'Content-Range': `bytes */${body.length}` }).end();
      return;
    }
    const headers: Record<string, string | number> = { 'Content-Length': body.length - start, 'Accept-Ranges': 'bytes' };
    if (start > 0) headers['Content-Range'] = `bytes ${start}-${body.length - 1}/${body.length}`;
    response.writeHead(start > 0 ? 206 : 200, headers);

    if (behaviour.breaks > 0 && start < BREAK_AT_BYTES) {
      behaviour.breaks--;
      response.write(body.subarray(start, BREAK_AT_BYTES), () => response.socket?.destroy());
      return;
    }
    response.end(body.subarray(start));
  });
}

function catalogWith(sha256: string | null): Catalog {
  const real = loadCatalog();
  const entry = real[MODEL]!;
  return { [MODEL]: { ...entry, downloads: [{ ...entry.downloads[0]!, sha256, size: archive.length }] } };
}

async function newModelsDir(): Promise<string> {
  return mkdtemp(join(dir, 'models-'));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'callscore-models-'));

  // Same layout as the sherpa-onnx release archive, plus files the install must skip.
  const tree = join(dir, 'tree', ARCHIVE_ROOT);
  await mkdir(join(tree, 'test_wavs'), { recursive: true });
  await cp(join(FIXTURE_MODEL_DIR, 'model.int8.onnx'), join(tree, 'model.int8.onnx'));
  await cp(join(FIXTURE_MODEL_DIR, 'tokens.txt'), join(tree, 'tokens.txt'));
  await writeFile(join(tree, 'model.onnx'), randomBytes(300_000));
  await writeFile(join(tree, 'test_wavs', 'zh.wav'), randomBytes(1000));
  const archivePath = join(dir, ARCHIVE);
  await run('tar', ['-cjf', archivePath, '-C', join(dir, 'tree'), ARCHIVE_ROOT]);
  archive = await readFile(archivePath);
  archiveSha256 = createHash('sha256').update(archive).digest('hex');

  server = serve({ [`asr-models/${ARCHIVE}`]: archive });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/asr-models/`;
});

afterEach(() => {
  behaviour.breaks = 0;
  behaviour.ignoreRange = false;
  behaviour.requests = [];
});

afterAll(async () => {
  await closeTranscriber();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe('installModel', () => {
  it('installs only the needed files', async () => {
    const modelsDir = await newModelsDir();
    const progress: Array<[number, number | null]> = [];

    const result = await installModel(MODEL, {
      modelsDir,
      baseUrl,
      catalog: catalogWith(archiveSha256),
      onProgress: (received, total) => progress.push([received, total]),
    });

    expect(result.dir).toBe(join(modelsDir, MODEL));
    expect((await readdir(result.dir)).sort()).toEqual(['install.json', 'model.int8.onnx', 'tokens.txt']);
    expect(await readFile(join(result.dir, 'model.int8.onnx'))).toEqual(await readFile(join(FIXTURE_MODEL_DIR, 'model.int8.onnx')));
    expect(await readFile(join(result.dir, 'tokens.txt'), 'utf8')).toBe(await readFile(join(FIXTURE_MODEL_DIR, 'tokens.txt'), 'utf8'));
    expect(result.downloads).toEqual([{ url: `${baseUrl}${ARCHIVE}`, sha256: archiveSha256, verified: true }]);
    expect(behaviour.requests).toEqual([{ path: `asr-models/${ARCHIVE}`, range: undefined }]);
    expect(progress.at(-1)).toEqual([archive.length, archive.length]);
    expect(progress.every(([received], i) => i === 0 || received >= progress[i - 1]![0])).toBe(true);
    // No archive, partial file or staging folder is left behind.
    expect(await readdir(modelsDir)).toEqual(['.downloads', MODEL]);
    expect(await readdir(join(modelsDir, '.downloads'))).toEqual([]);
  });

  it('serves the recognizer after install', async () => {
    const modelsDir = await newModelsDir();
    await installModel(MODEL, { modelsDir, baseUrl, catalog: catalogWith(archiveSha256) });
    const speech = join(dir, 'speech.wav');
    await makeSpeechWav(speech, 'We guarantee it.', { padStartSeconds: 0.5, padEndSeconds: 0.5 });

    const result = await transcribeRecording({ audioPath: speech, layout: 'mono', language: 'auto', modelsDir });

    expect(result.turns.map((turn) => turn.text)).toEqual([FIXTURE_SENTENCE]);
  });

  it('resumes a broken transfer by itself', async () => {
    const modelsDir = await newModelsDir();
    behaviour.breaks = 1;

    await installModel(MODEL, { modelsDir, baseUrl, catalog: catalogWith(archiveSha256), retryDelayMs: 0 });

    expect(behaviour.requests).toHaveLength(2);
    expect(behaviour.requests[0]!.range).toBeUndefined();
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(behaviour.requests[1]!.range ?? '')?.[1]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(BREAK_AT_BYTES);
    expect((await verifyModel(MODEL, { modelsDir, catalog: catalogWith(archiveSha256) })).ok).toBe(true);
  });

  it('resumes from the partial file on the next run', async () => {
    const modelsDir = await newModelsDir();
    const catalog = catalogWith(archiveSha256);
    behaviour.breaks = 1;

    const error = await installModel(MODEL, { modelsDir, baseUrl, catalog, retries: 0 }).catch((e: unknown) => e);

    expect(isCallscoreError(error, 'CS_ERR_MODEL_DOWNLOAD')).toBe(true);
    const partial = join(modelsDir, '.downloads', `${ARCHIVE}.partial`);
    const kept = (await stat(partial)).size;
    expect(kept).toBeGreaterThan(0);
    expect(existsSync(join(modelsDir, MODEL))).toBe(false);

    await installModel(MODEL, { modelsDir, baseUrl, catalog, retries: 0 });

    expect(behaviour.requests.at(-1)!.range).toBe(`bytes=${kept}-`);
    expect((await verifyModel(MODEL, { modelsDir, catalog })).ok).toBe(true);
    expect(existsSync(partial)).toBe(false);
  });

  it('restarts when the server ignores Range', async () => {
    const modelsDir = await newModelsDir();
    behaviour.breaks = 1;
    behaviour.ignoreRange = true;

    await installModel(MODEL, { modelsDir, baseUrl, catalog: catalogWith(archiveSha256), retryDelayMs: 0 });

    expect(behaviour.requests).toHaveLength(2);
    expect((await verifyModel(MODEL, { modelsDir, catalog: catalogWith(archiveSha256) })).ok).toBe(true);
  });

  it('rejects a wrong checksum and keeps nothing', async () => {
    const modelsDir = await newModelsDir();

    const error = await installModel(MODEL, { modelsDir, baseUrl, catalog: catalogWith('0'.repeat(64)) }).catch((e: unknown) => e);

    expect(isCallscoreError(error, 'CS_ERR_MODEL_CHECKSUM')).toBe(true);
    expect((error as Error).message).toContain(archiveSha256);
    expect(await readdir(modelsDir)).toEqual(['.downloads']);
    expect(await readdir(join(modelsDir, '.downloads'))).toEqual([]);
    const [listing] = await listModels({ modelsDir, catalog: catalogWith('0'.repeat(64)) });
    expect(listing!.installed).toBe(false);
  });

  it('keeps the old install on a checksum failure', async () => {
    const modelsDir = await newModelsDir();
    await installModel(MODEL, { modelsDir, baseUrl, catalog: catalogWith(archiveSha256) });

    const error = await installModel(MODEL, { modelsDir, baseUrl, catalog: catalogWith('0'.repeat(64)) }).catch((e: unknown) => e);

    expect(isCallscoreError(error, 'CS_ERR_MODEL_CHECKSUM')).toBe(true);
    expect((await verifyModel(MODEL, { modelsDir, catalog: catalogWith(archiveSha256) })).ok).toBe(true);
  });

  it('warns and records the hash without a checksum', async () => {
    const modelsDir = await newModelsDir();
    const warnings: string[] = [];

    const result = await installModel(MODEL, { modelsDir, baseUrl, catalog: catalogWith(null), onWarning: (message) => warnings.push(message) });

    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(archiveSha256);
    expect(result.downloads[0]).toMatchObject({ sha256: archiveSha256, verified: false });
    const manifest = JSON.parse(await readFile(join(result.dir, 'install.json'), 'utf8')) as { downloads: unknown[] };
    expect(manifest.downloads).toEqual([{ url: `${baseUrl}${ARCHIVE}`, sha256: archiveSha256, verified: false }]);
  });

  it('rejects an unknown model name', async () => {
    const modelsDir = join(dir, 'never-created');

    const error = await installModel('whisper-huge', { modelsDir, baseUrl }).catch((e: unknown) => e);

    expect(isCallscoreError(error, 'CS_ERR_MODEL_UNKNOWN')).toBe(true);
    expect((error as Error).message).toContain(MODEL);
    expect(existsSync(modelsDir)).toBe(false);
  });

  it('reports an HTTP error as a download failure', async () => {
    const modelsDir = await newModelsDir();

    const error = await installModel(MODEL, { modelsDir, baseUrl: `${baseUrl}missing/`, catalog: catalogWith(archiveSha256), retries: 0 }).catch((e: unknown) => e);

    expect(isCallscoreError(error, 'CS_ERR_MODEL_DOWNLOAD')).toBe(true);
    expect((error as Error).message).toContain('HTTP 404');
    expect(existsSync(join(modelsDir, MODEL))).toBe(false);
  });

  it('takes the base URL from the environment', async () => {
    const modelsDir = await newModelsDir();
    process.env.CALLSCORE_MODEL_BASE_URL = baseUrl.slice(0, -1);
    try {
      await installModel(MODEL, { modelsDir, catalog: catalogWith(archiveSha256) });
    } finally {
      delete process.env.CALLSCORE_MODEL_BASE_URL;
    }

    expect(behaviour.requests).toHaveLength(1);
    expect(existsSync(join(modelsDir, MODEL, 'model.int8.onnx'))).toBe(true);
  });
});

describe('resolveBaseUrl', () => {
  it('prefers option, then environment, then default', () => {
    expect(resolveBaseUrl('http://127.0.0.1:9/a', { CALLSCORE_MODEL_BASE_URL: 'http://127.0.0.1:9/b/' })).toBe('http://127.0.0.1:9/a/');
    expect(resolveBaseUrl(undefined, { CALLSCORE_MODEL_BASE_URL: 'http://127.0.0.1:9/b/' })).toBe('http://127.0.0.1:9/b/');
    expect(resolveBaseUrl(undefined, {})).toBe('https://github.com/k2-fsa/sherpa-onnx/releases/download/asr-models/');
  });
});

describe('verifyModel', () => {
  it('detects a changed file', async () => {
    const modelsDir = await newModelsDir();
    const catalog = catalogWith(archiveSha256);
    await installModel(MODEL, { modelsDir, baseUrl, catalog });
    await writeFile(join(modelsDir, MODEL, 'tokens.txt'), '<unk> 0\n');

    const result = await verifyModel(MODEL, { modelsDir, catalog });

    expect(result.ok).toBe(false);
    expect(result.files).toEqual({ 'model.int8.onnx': 'ok', 'tokens.txt': 'changed' });
  });

  it('reports missing and unrecorded files', async () => {
    const modelsDir = await newModelsDir();
    await mkdir(join(modelsDir, MODEL));
    await cp(join(FIXTURE_MODEL_DIR, 'tokens.txt'), join(modelsDir, MODEL, 'tokens.txt'));

    const result = await verifyModel(MODEL, { modelsDir });

    expect(result.ok).toBe(false);
    expect(result.files).toEqual({ 'model.int8.onnx': 'missing', 'tokens.txt': 'unrecorded' });
  });
});

describe('listModels and removeModel', () => {
  it('lists, then removes an installed model', async () => {
    const modelsDir = await newModelsDir();
    const catalog = catalogWith(archiveSha256);
    await installModel(MODEL, { modelsDir, baseUrl, catalog });

    const [before] = await listModels({ modelsDir, catalog });
    expect(before).toMatchObject({ name: MODEL, installed: true, dir: join(modelsDir, MODEL) });
    expect(before!.manifest?.files['model.int8.onnx']).toMatch(/^[0-9a-f]{64}$/);

    expect(await removeModel(MODEL, { modelsDir, catalog })).toBe(true);
    expect(existsSync(join(modelsDir, MODEL))).toBe(false);
    const [after] = await listModels({ modelsDir, catalog });
    expect(after!.installed).toBe(false);
    expect(await removeModel(MODEL, { modelsDir, catalog })).toBe(false);
  });

  it('removes a partial download', async () => {
    const modelsDir = await newModelsDir();
    behaviour.breaks = 1;
    await installModel(MODEL, { modelsDir, baseUrl, catalog: catalogWith(archiveSha256), retries: 0 }).catch(() => undefined);
    const partial = join(modelsDir, '.downloads', `${ARCHIVE}.partial`);
    expect(existsSync(partial)).toBe(true);

    expect(await removeModel(MODEL, { modelsDir })).toBe(false);

    expect(existsSync(partial)).toBe(false);
  });
});
