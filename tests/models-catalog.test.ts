import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASR_ENGINES, entryFileNames, loadCatalog, modelFiles, requireInstalledModel, type Catalog } from '../src/asr/models/catalog.js';
import { installModel } from '../src/asr/models/index.js';
import { recognizerConfig, textCapabilities, type RecognizerSpec } from '../src/asr/recognizer.js';
import { asrProvider } from '../src/asr/asr-env.js';
import { closeTranscriber, requireRecognizerModel, transcribeRecording } from '../src/asr/transcribe.js';
import { isCallscoreError, type CallscoreError } from '../src/errors/registry.js';

const run = promisify(execFile);

const MODEL = 'sense-voice-small-int8';
const ARCHIVE = 'sherpa-onnx-sense-voice-zh-en-ja-ko-yue-2024-07-17.tar.bz2';
const ARCHIVE_ROOT = 'sherpa-onnx-sense-voice-zh-en-ja-ko-yue-2024-07-17';
const FIXTURE_MODEL_DIR = new URL('./fixtures/models/sense-voice-tiny/', import.meta.url).pathname;
// An address nothing listens on, so any download attempt fails at once.
const NO_NETWORK = 'http://127.0.0.1:9/';

let dir: string;
let archivePath: string;
let archiveSha256: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'callscore-catalog-'));
  const tree = join(dir, 'tree', ARCHIVE_ROOT);
  await mkdir(tree, { recursive: true });
  await cp(join(FIXTURE_MODEL_DIR, 'model.int8.onnx'), join(tree, 'model.int8.onnx'));
  await cp(join(FIXTURE_MODEL_DIR, 'tokens.txt'), join(tree, 'tokens.txt'));
  archivePath = join(dir, 'offline', ARCHIVE);
  await mkdir(join(dir, 'offline'));
  await run('tar', ['-cjf', archivePath, '-C', join(dir, 'tree'), ARCHIVE_ROOT]);
  archiveSha256 = createHash('sha256').update(await readFile(archivePath)).digest('hex');
});

afterAll(async () => {
  await closeTranscriber();
  await rm(dir, { recursive: true, force: true });
});

function catalogWith(sha256: string | null): Catalog {
  const real = loadCatalog();
  const entry = real[MODEL]!;
  return { [MODEL]: { ...entry, downloads: [{ ...entry.downloads[0]!, sha256 }] } };
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => undefined, (error: unknown) => error);
}

describe('model catalogue', () => {
  const catalog = loadCatalog();

  it.each([
    ['sense-voice-small-int8', 'sense-voice'],
    ['whisper-tiny', 'whisper'],
    ['whisper-base', 'whisper'],
    ['whisper-small', 'whisper'],
    ['whisper-medium', 'whisper'],
    ['whisper-large-v3', 'whisper'],
    ['whisper-turbo', 'whisper'],
    ['paraformer-zh', 'paraformer'],
    ['silero-vad', 'silero-vad'],
    ['speaker-segmentation-pyannote-3-0', 'speaker-segmentation'],
    ['speaker-embedding-eres2net-base-zh', 'speaker-embedding'],
    ['punctuation-ct-transformer-zh-en', 'punctuation'],
  ])('lists %s as %s', (name, engine) => {
    const entry = catalog[name]!;
    expect(entry.engine).toBe(engine);
    expect(entry.license).not.toBe('');
    expect(entry.languages.length).toBeGreaterThan(0);
  });

  it('names every needed file in the downloads', () => {
    for (const [name, entry] of Object.entries(catalog)) {
      const provided = entry.downloads.flatMap((download) =>
        download.archive ? Object.values(download.extract ?? {}) : [download.url.split('/').at(-1)!],
      );
      for (const file of entryFileNames(entry)) expect(provided, `${name}: ${file}`).toContain(file);
    }
  });

  it('gives recognizers a token table', () => {
    for (const entry of Object.values(catalog)) {
      const recognizer = (ASR_ENGINES as readonly string[]).includes(entry.engine);
      expect(entry.tokensFile !== undefined).toBe(recognizer);
      expect(entry.decoderFile !== undefined).toBe(entry.engine === 'whisper');
    }
  });
});

describe('recognizer models', () => {
  it.each(['whisper-tiny', 'whisper-large-v3', 'paraformer-zh'])('rejects missing %s', async (model) => {
    const modelsDir = await mkdtemp(join(dir, 'empty-'));
    const error = await errorOf(transcribeRecording({ audioPath: join(dir, 'any.wav'), layout: 'mono', language: 'zh', model, modelsDir }));
    expect(isCallscoreError(error, 'CS_ERR_MODEL_MISSING')).toBe(true);
  });

  it('finds a Whisper model only with all three files', async () => {
    const modelsDir = await mkdtemp(join(dir, 'whisper-'));
    const files = modelFiles('whisper-tiny', modelsDir, loadCatalog()['whisper-tiny']!);
    await mkdir(files.dir);
    await writeFile(files.model, 'encoder');
    await writeFile(files.tokens!, 'tokens');
    expect(isCallscoreError(await errorOf(Promise.resolve().then(() => requireInstalledModel('whisper-tiny', modelsDir))), 'CS_ERR_MODEL_MISSING')).toBe(true);

    await writeFile(files.decoder!, 'decoder');
    const found = requireRecognizerModel('whisper-tiny', modelsDir);
    expect(found.engine).toBe('whisper');
    expect(found.decoder).toBe(join(modelsDir, 'whisper-tiny', 'tiny-decoder.int8.onnx'));
  });

  it('rejects a VAD model as recognizer', async () => {
    const modelsDir = await mkdtemp(join(dir, 'vad-'));
    await mkdir(join(modelsDir, 'silero-vad'));
    await writeFile(join(modelsDir, 'silero-vad', 'silero_vad.onnx'), 'vad');
    const error = await errorOf(Promise.resolve().then(() => requireRecognizerModel('silero-vad', modelsDir)));
    expect(isCallscoreError(error, 'CS_ERR_VALIDATION')).toBe(true);
    expect((error as Error).message).toContain('silero-vad');
  });
});

describe('recognizerConfig', () => {
  const base: RecognizerSpec = { engine: 'sense-voice', modelPath: '/m/model.onnx', tokensPath: '/m/tokens.txt', language: 'zh', threads: 2, provider: 'cuda' };

  it('builds SenseVoice with ITN', () => {
    const config = recognizerConfig(base);
    expect(config.modelConfig.senseVoice).toEqual({ model: '/m/model.onnx', language: 'zh', useInverseTextNormalization: 1 });
    expect(config.modelConfig.whisper).toBeUndefined();
    expect(config.modelConfig.provider).toBe('cuda');
    expect(config.modelConfig.numThreads).toBe(2);
    expect(config.modelConfig.tokens).toBe('/m/tokens.txt');
    expect(config.featConfig).toEqual({ sampleRate: 16000, featureDim: 80 });
  });

  it('builds Whisper with encoder and decoder', () => {
    const config = recognizerConfig({ ...base, engine: 'whisper', modelPath: '/w/enc.onnx', decoderPath: '/w/dec.onnx', language: 'auto' });
    expect(config.modelConfig.whisper).toEqual({ encoder: '/w/enc.onnx', decoder: '/w/dec.onnx', language: '', task: 'transcribe', tailPaddings: -1 });
    expect(config.modelConfig.senseVoice).toBeUndefined();
  });

  it('passes a Whisper language code', () => {
    const config = recognizerConfig({ ...base, engine: 'whisper', decoderPath: '/w/dec.onnx', language: 'zh' });
    expect(config.modelConfig.whisper!.language).toBe('zh');
  });

  it('builds Paraformer', () => {
    const config = recognizerConfig({ ...base, engine: 'paraformer' });
    expect(config.modelConfig.paraformer).toEqual({ model: '/m/model.onnx' });
    expect(config.modelConfig.senseVoice).toBeUndefined();
  });

  it('marks Paraformer text as needing ITN and punctuation', () => {
    expect(textCapabilities('paraformer')).toEqual({ writesDigits: false, punctuates: false });
    expect(textCapabilities('whisper')).toEqual({ writesDigits: true, punctuates: true });
    expect(textCapabilities('sense-voice')).toEqual({ writesDigits: true, punctuates: true });
  });
});

describe('asrProvider', () => {
  it.each([
    [undefined, 'cpu'],
    ['', 'cpu'],
    ['cpu', 'cpu'],
    ['cuda', 'cuda'],
  ])('reads %s as %s', (raw, expected) => {
    expect(asrProvider(raw === undefined ? {} : { CALLSCORE_ASR_PROVIDER: raw })).toBe(expected);
  });

  it('rejects an unknown provider', () => {
    let error: unknown;
    try {
      asrProvider({ CALLSCORE_ASR_PROVIDER: 'tpu' });
    } catch (caught) {
      error = caught;
    }
    expect(isCallscoreError(error, 'CS_ERR_VALIDATION')).toBe(true);
    expect((error as Error).message).toContain('tpu');
  });
});

describe('installModel from a local source', () => {
  it('installs from an archive file', async () => {
    const modelsDir = await mkdtemp(join(dir, 'from-archive-'));
    const result = await installModel(MODEL, { modelsDir, baseUrl: NO_NETWORK, from: archivePath, catalog: catalogWith(archiveSha256) });

    expect((await readdir(result.dir)).sort()).toEqual(['install.json', 'model.int8.onnx', 'tokens.txt']);
    expect(result.downloads).toEqual([{ url: `file://${archivePath}`, sha256: archiveSha256, verified: true }]);
    expect(requireRecognizerModel(MODEL, modelsDir).model).toBe(join(result.dir, 'model.int8.onnx'));
  });

  it('installs from a folder with the archive', async () => {
    const modelsDir = await mkdtemp(join(dir, 'from-folder-'));
    const result = await installModel(MODEL, { modelsDir, baseUrl: NO_NETWORK, from: join(dir, 'offline'), catalog: catalogWith(archiveSha256) });

    expect(result.downloads[0]!.verified).toBe(true);
    expect(await readFile(join(result.dir, 'tokens.txt'), 'utf8')).toBe(await readFile(join(FIXTURE_MODEL_DIR, 'tokens.txt'), 'utf8'));
  });

  it('installs loose files unverified with a warning', async () => {
    const modelsDir = await mkdtemp(join(dir, 'from-loose-'));
    const warnings: string[] = [];
    const result = await installModel(MODEL, { modelsDir, baseUrl: NO_NETWORK, from: FIXTURE_MODEL_DIR, catalog: catalogWith(archiveSha256), onWarning: (message) => warnings.push(message) });

    expect((await readdir(result.dir)).sort()).toEqual(['install.json', 'model.int8.onnx', 'tokens.txt']);
    expect(result.downloads.map((download) => download.verified)).toEqual([false, false]);
    expect(warnings).toHaveLength(2);
  });

  it('installs the extracted archive folder', async () => {
    const modelsDir = await mkdtemp(join(dir, 'from-tree-'));
    const result = await installModel(MODEL, { modelsDir, baseUrl: NO_NETWORK, from: join(dir, 'tree'), catalog: catalogWith(archiveSha256), onWarning: () => {} });

    expect(result.downloads.map((download) => download.url)).toEqual([
      `file://${join(dir, 'tree', ARCHIVE_ROOT, 'model.int8.onnx')}`,
      `file://${join(dir, 'tree', ARCHIVE_ROOT, 'tokens.txt')}`,
    ]);
  });

  it('rejects an archive with a wrong checksum', async () => {
    const modelsDir = await mkdtemp(join(dir, 'from-bad-'));
    const error = await errorOf(installModel(MODEL, { modelsDir, baseUrl: NO_NETWORK, from: archivePath, catalog: catalogWith('0'.repeat(64)) }));

    expect(isCallscoreError(error, 'CS_ERR_MODEL_CHECKSUM')).toBe(true);
    expect(await readdir(modelsDir)).toEqual(['.downloads']);
  });

  it('rejects a folder without the model', async () => {
    const modelsDir = await mkdtemp(join(dir, 'from-empty-'));
    const empty = await mkdtemp(join(dir, 'empty-source-'));
    const error = await errorOf(installModel(MODEL, { modelsDir, baseUrl: NO_NETWORK, from: empty, catalog: catalogWith(archiveSha256) }));

    expect(isCallscoreError(error, 'CS_ERR_MODEL_EXTRACT')).toBe(true);
    expect((error as Error).message).toContain('model.int8.onnx');
  });

  it('rejects a source that does not exist', async () => {
    const modelsDir = await mkdtemp(join(dir, 'from-absent-'));
    const absent = join(dir, 'absent.tar.bz2');
    const error = await errorOf(installModel(MODEL, { modelsDir, baseUrl: NO_NETWORK, from: absent }));
    expect(isCallscoreError(error, 'CS_ERR_MODEL_SOURCE_MISSING')).toBe(true);
    expect((error as CallscoreError).messageIn('zh-CN')).toBe(`本地模型来源 "${absent}" 不存在。请为 --from 指定一个已有的文件夹或压缩包，其中包含该模型的文件。`);
  });
});
