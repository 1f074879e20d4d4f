import { copyFile, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_SENTENCE } from '../scripts/make-sense-voice-fixture.js';
import { asrThreads } from '../src/asr/asr-env.js';
import { closeTranscriber, configureTranscriber, transcribeRecording } from '../src/asr/transcribe.js';
import { SILERO_VAD_MODEL_PATH } from '../src/asr/vad.js';
import { loadConfig } from '../src/config/config.js';
import { isCallscoreError, type CallscoreError } from '../src/errors/registry.js';
import { convertAudio, joinStereo, makeSilenceWav, makeSpeechWav } from './helpers/audio.js';

const MODEL = 'sense-voice-small-int8';
const FIXTURE_MODEL_DIR = new URL('./fixtures/models/sense-voice-tiny/', import.meta.url).pathname;
const DEFAULT_WORKER_ENTRY = new URL('../src/asr/worker-bootstrap.mjs', import.meta.url);

let dir: string;
let modelsDir: string;
let repSpeech: string;
let customerSpeech: string;
let stereoCall: string;
let mandarinSpeech: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'callscore-asr-'));
  modelsDir = join(dir, 'models');
  await mkdir(modelsDir);
  await cp(FIXTURE_MODEL_DIR, join(modelsDir, MODEL), { recursive: true });

  // The rep speaks first on the left channel, and the customer speaks 4.5 s in on the right.
  repSpeech = join(dir, 'rep.wav');
  customerSpeech = join(dir, 'customer.wav');
  stereoCall = join(dir, 'call-stereo.wav');
  mandarinSpeech = join(dir, 'mandarin.wav');
  await makeSpeechWav(repSpeech, 'We guarantee this will work for your team.', { padStartSeconds: 0.5, padEndSeconds: 4 });
  await makeSpeechWav(customerSpeech, 'That sounds too expensive for us.', { padStartSeconds: 4.5, padEndSeconds: 0.5 });
  await joinStereo(repSpeech, customerSpeech, stereoCall);
  await makeSpeechWav(mandarinSpeech, '我们保证百分之百没问题', { voice: 'cmn', padStartSeconds: 0.5, padEndSeconds: 0.5 });
});

afterEach(async () => {
  configureTranscriber({ logger: pino({ level: 'silent' }), workerEntry: DEFAULT_WORKER_ENTRY });
  await closeTranscriber();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('transcribeRecording', () => {
  it('transcribes mono speech as unknown speaker', async () => {
    const result = await transcribeRecording({ audioPath: repSpeech, layout: 'mono', language: 'auto', modelsDir });

    expect(result.rolesKnown).toBe(false);
    expect(result.model).toBe(MODEL);
    expect(result.segments).toBe(1);
    expect(result.turns).toHaveLength(1);
    const [turn] = result.turns;
    expect(turn!.speaker).toBe('unknown');
    expect(turn!.text).toBe(FIXTURE_SENTENCE);
    // Speech starts after 0.5 s of silence and the file ends 4 s after it.
    expect(turn!.startMs).toBeGreaterThanOrEqual(250);
    expect(turn!.startMs).toBeLessThan(1000);
    expect(turn!.endMs).toBeGreaterThan(turn!.startMs!);
    expect(turn!.endMs).toBeLessThanOrEqual(result.durationMs - 3000);
  });

  it('transcribes Mandarin speech', async () => {
    const result = await transcribeRecording({ audioPath: mandarinSpeech, layout: 'mono', language: 'zh', modelsDir });

    expect(result.turns.map((turn) => turn.text)).toEqual([FIXTURE_SENTENCE]);
  });

  it('assigns rep to the left channel', async () => {
    const result = await transcribeRecording({ audioPath: stereoCall, layout: 'stereo-rep-left', language: 'auto', modelsDir });

    expect(result.rolesKnown).toBe(true);
    expect(result.segments).toBe(2);
    expect(result.turns.map((turn) => turn.speaker)).toEqual(['rep', 'customer']);
    expect(result.turns.map((turn) => turn.text)).toEqual([FIXTURE_SENTENCE, FIXTURE_SENTENCE]);
    expect(result.turns[0]!.endMs).toBeLessThan(result.turns[1]!.startMs!);
    expect(result.turns[1]!.startMs).toBeGreaterThanOrEqual(4000);
    expect(result.turns[1]!.endMs).toBeLessThanOrEqual(result.durationMs);
  });

  it('assigns rep to the right channel', async () => {
    const result = await transcribeRecording({ audioPath: stereoCall, layout: 'stereo-rep-right', language: 'auto', modelsDir });

    expect(result.rolesKnown).toBe(true);
    expect(result.turns.map((turn) => turn.speaker)).toEqual(['customer', 'rep']);
  });

  it('mixes stereo into one channel for mono layout', async () => {
    const result = await transcribeRecording({ audioPath: stereoCall, layout: 'mono', language: 'auto', modelsDir });

    expect(result.rolesKnown).toBe(false);
    expect(result.turns).toHaveLength(2);
    expect(result.turns.every((turn) => turn.speaker === 'unknown')).toBe(true);
  });

  it('decodes compressed uploads in the worker', async () => {
    const mp3 = join(dir, 'call-stereo.mp3');
    await convertAudio(stereoCall, mp3);

    const result = await transcribeRecording({ audioPath: mp3, layout: 'stereo-rep-left', language: 'auto', modelsDir });

    expect(result.turns.map((turn) => turn.speaker)).toEqual(['rep', 'customer']);
  });

  it('returns no turns for silence', async () => {
    const silence = join(dir, 'silence.wav');
    await makeSilenceWav(silence, { seconds: 3, channels: 2 });

    const result = await transcribeRecording({ audioPath: silence, layout: 'stereo-rep-left', language: 'auto', modelsDir });

    expect(result.segments).toBe(0);
    expect(result.turns).toEqual([]);
    expect(result.durationMs).toBe(3000);
  });

  it('rejects a mono file for a stereo layout', async () => {
    const error = await transcribeRecording({ audioPath: repSpeech, layout: 'stereo-rep-left', language: 'auto', modelsDir }).catch((e: unknown) => e);

    expect(isCallscoreError(error, 'CS_ERR_AUDIO_NO_CHANNEL')).toBe(true);
  });

  it('rejects a missing model before any work', async () => {
    const emptyModelsDir = join(dir, 'no-models');
    await mkdir(emptyModelsDir, { recursive: true });

    // The audio path does not exist either, so only a model check that runs first yields this code.
    const error = await transcribeRecording({ audioPath: join(dir, 'absent.wav'), layout: 'mono', language: 'auto', modelsDir: emptyModelsDir }).catch((e: unknown) => e);

    expect(isCallscoreError(error, 'CS_ERR_MODEL_MISSING')).toBe(true);
    expect((error as Error).message).toContain(MODEL);
    expect((error as Error).message).toContain(`callscore models install ${MODEL}`);
  });

  it('rejects an unknown model name', async () => {
    const error = await transcribeRecording({ audioPath: repSpeech, layout: 'mono', language: 'auto', model: 'whisper-huge', modelsDir }).catch((e: unknown) => e);

    expect(isCallscoreError(error, 'CS_ERR_MODEL_UNKNOWN')).toBe(true);
  });

  it('runs concurrent requests to completion', async () => {
    const results = await Promise.all([
      transcribeRecording({ audioPath: repSpeech, layout: 'mono', language: 'auto', modelsDir }),
      transcribeRecording({ audioPath: stereoCall, layout: 'stereo-rep-left', language: 'en', modelsDir }),
    ]);

    expect(results[0].turns).toHaveLength(1);
    expect(results[1].turns).toHaveLength(2);
  });
});

describe('transcriber worker failures', () => {
  const cases = [
    { name: 'an uncaught exception', entry: 'crashing-worker.mjs', reason: 'simulated native crash' },
    { name: 'a thread exit', entry: 'exiting-worker.mjs', reason: 'exited with code 3' },
  ];

  it.each(cases)('rejects pending jobs on $name', async ({ entry, reason }) => {
    configureTranscriber({ workerEntry: new URL(`./fixtures/asr/${entry}`, import.meta.url) });

    const error = await transcribeRecording({ audioPath: repSpeech, layout: 'mono', language: 'auto', modelsDir }).catch((e: unknown) => e);

    expect(isCallscoreError(error, 'CS_ERR_ASR_WORKER_FAILED')).toBe(true);
    expect((error as Error).message).toContain(reason);
  });

  it('starts a fresh worker after a crash', async () => {
    configureTranscriber({ workerEntry: new URL('./fixtures/asr/exiting-worker.mjs', import.meta.url) });
    await transcribeRecording({ audioPath: repSpeech, layout: 'mono', language: 'auto', modelsDir }).catch(() => undefined);

    configureTranscriber({ workerEntry: DEFAULT_WORKER_ENTRY });
    const result = await transcribeRecording({ audioPath: repSpeech, layout: 'mono', language: 'auto', modelsDir });

    expect(result.turns).toHaveLength(1);
  });

  it('rejects pending jobs on close', async () => {
    // The start line is logged right before the job is posted, so once it is seen the job is pending.
    let started!: () => void;
    const jobPosted = new Promise<void>((resolve) => (started = resolve));
    const logLines = { write: (line: string) => line.includes('transcription started') && started() };
    configureTranscriber({ logger: pino({}, logLines), workerEntry: new URL('./fixtures/asr/silent-worker.mjs', import.meta.url) });
    const pending = transcribeRecording({ audioPath: repSpeech, layout: 'mono', language: 'auto', modelsDir }).catch((e: unknown) => e);

    await jobPosted;
    await closeTranscriber();
    const error = await pending;

    expect(isCallscoreError(error, 'CS_ERR_ASR_WORKER_FAILED')).toBe(true);
    expect((error as Error).message).toContain('closed');
  });

  it('rejects a job closed during its model check', async () => {
    const pending = transcribeRecording({ audioPath: repSpeech, layout: 'mono', language: 'auto', modelsDir }).catch((e: unknown) => e);

    await closeTranscriber();
    const error = await pending;

    expect(isCallscoreError(error, 'CS_ERR_ASR_WORKER_FAILED')).toBe(true);
    expect((error as Error).message).toContain('closed');
  });
});

describe('model load check', () => {
  async function brokenModelsDir(name: string, breakModel: (modelDir: string) => Promise<void>): Promise<string> {
    const brokenDir = join(dir, name);
    await cp(FIXTURE_MODEL_DIR, join(brokenDir, MODEL), { recursive: true });
    await breakModel(join(brokenDir, MODEL));
    return brokenDir;
  }

  const cases = [
    {
      name: 'corrupt model bytes',
      breakModel: (modelDir: string) => writeFile(join(modelDir, 'model.int8.onnx'), 'not an onnx file'.repeat(100)),
      reason: 'Protobuf parsing failed',
    },
    {
      name: 'a model without SenseVoice metadata',
      breakModel: (modelDir: string) => copyFile(SILERO_VAD_MODEL_PATH, join(modelDir, 'model.int8.onnx')),
      reason: 'vocab_size',
    },
    {
      name: 'an empty tokens file',
      breakModel: (modelDir: string) => writeFile(join(modelDir, 'tokens.txt'), ''),
      reason: '',
    },
  ];

  it.each(cases)('rejects $name without crashing', async ({ name, breakModel, reason }) => {
    const brokenDir = await brokenModelsDir(name.replace(/\W+/g, '-'), breakModel);

    const error = await transcribeRecording({ audioPath: repSpeech, layout: 'mono', language: 'auto', modelsDir: brokenDir }).catch((e: unknown) => e);

    expect(isCallscoreError(error, 'CS_ERR_MODEL_INVALID')).toBe(true);
    expect((error as Error).message).toContain(reason);
    expect((error as Error).message).toContain(`callscore models install ${MODEL}`);
  });

  it('accepts a model repaired after a failed check', async () => {
    const brokenDir = await brokenModelsDir('repaired', (modelDir) => writeFile(join(modelDir, 'model.int8.onnx'), 'broken'));
    await transcribeRecording({ audioPath: repSpeech, layout: 'mono', language: 'auto', modelsDir: brokenDir }).catch(() => undefined);

    await copyFile(join(FIXTURE_MODEL_DIR, 'model.int8.onnx'), join(brokenDir, MODEL, 'model.int8.onnx'));
    const result = await transcribeRecording({ audioPath: repSpeech, layout: 'mono', language: 'auto', modelsDir: brokenDir });

    expect(result.turns).toHaveLength(1);
  });
});

describe('asrThreads', () => {
  it.each([
    [undefined, Math.min(2, availableParallelism())],
    ['', Math.min(2, availableParallelism())],
    ['1', 1],
    ['4', 4],
    ['64', 64],
  ])('reads %j as %i', (value, threads) => {
    expect(asrThreads({ CALLSCORE_ASR_THREADS: value })).toBe(threads);
  });

  it.each(['0', '-2', '1.5', 'many', '0x2', '1e1', ' 2', '65', '99999999999999999999'])('rejects %j', (value) => {
    let error: unknown;
    try {
      asrThreads({ CALLSCORE_ASR_THREADS: value });
    } catch (e) {
      error = e;
    }

    expect(isCallscoreError(error, 'CS_ERR_VALIDATION')).toBe(true);
    expect((error as Error).message).toContain('CALLSCORE_ASR_THREADS');
    expect((error as Error).message).toContain(`"${value}"`);
  });

  it('explains the fix in Chinese', () => {
    let error: unknown;
    try {
      asrThreads({ CALLSCORE_ASR_THREADS: 'many' });
    } catch (e) {
      error = e;
    }

    const zh = (error as CallscoreError).messageIn('zh-CN');
    expect(zh).toContain('"many"');
    expect(zh).toContain('正整数');
    expect(zh).not.toMatch(/[a-z]{4,} [a-z]{4,}/);
  });

  it.each([
    ['CALLSCORE_ASR_THREADS', '0'],
    ['CALLSCORE_ASR_PROVIDER', 'tpu'],
  ])('stops loadConfig when %s is %j', (field, value) => {
    let error: unknown;
    try {
      loadConfig({ [field]: value });
    } catch (e) {
      error = e;
    }

    expect(isCallscoreError(error, 'CS_ERR_VALIDATION')).toBe(true);
    expect((error as Error).message).toContain(field);
  });
});
