/**
 * Runs the Paraformer and Whisper loaders of sherpa-onnx on the tiny fixture
 * models built by scripts/make-paraformer-fixture.ts and
 * make-whisper-fixture.ts. An espeak-ng recording goes through the HTTP API
 * and the ASR worker with CALLSCORE_ASR_MODEL naming the model. The stored
 * turns then show the project's text steps: ITN and rule punctuation for
 * Paraformer, Traditional to Simplified for Whisper.
 */
import { cp, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARAFORMER_POLISHED } from '../scripts/make-paraformer-fixture.js';
import { WHISPER_SIMPLIFIED, writeWhisperFixture } from '../scripts/make-whisper-fixture.js';
import { PROJECT_ROOT } from '../src/config/config.js';
import { closeTranscriber, transcribeRecording } from '../src/asr/transcribe.js';
import { makeSpeechWav } from './helpers/audio.js';
import { makeTempDir, startService, upload, waitForCall, type Service } from './helpers/harness.js';

const FIXTURES = path.join(PROJECT_ROOT, 'tests/fixtures/models');

let dir: string;
let mandarinSpeech: string;

/** Copies a committed fixture model into a fresh models folder under the catalogue name `model`. */
async function installFixture(fixture: string, model: string): Promise<string> {
  const modelsDir = await makeTempDir('models');
  await mkdir(path.join(modelsDir, model), { recursive: true });
  await cp(path.join(FIXTURES, fixture), path.join(modelsDir, model), { recursive: true });
  return modelsDir;
}

/** Starts the service with `model` as its speech model and uploads the Mandarin recording. */
async function transcribeThroughService(modelsDir: string, model: string, language: string): Promise<any> {
  const service: Service = await startService({ modelsDir, env: { CALLSCORE_ASR_MODEL: model } });
  try {
    const created = await upload(service.baseUrl, { path: mandarinSpeech, filename: 'call.wav', type: 'audio/wav' }, { channelLayout: 'mono', language });
    expect(created.status).toBe(202);
    return await waitForCall(service.baseUrl, created.body.id);
  } finally {
    await service.close();
  }
}

beforeAll(async () => {
  dir = await makeTempDir('asr-engines');
  mandarinSpeech = path.join(dir, 'mandarin.wav');
  await makeSpeechWav(mandarinSpeech, '我们保证十五分钟内响应，这个系统没问题', { voice: 'cmn', padStartSeconds: 0.5, padEndSeconds: 0.5 });
});

afterAll(async () => {
  await closeTranscriber();
  await rm(dir, { recursive: true, force: true });
});

describe('Paraformer', () => {
  it('writes digits and punctuation', async () => {
    const call = await transcribeThroughService(await installFixture('paraformer-tiny', 'paraformer-zh'), 'paraformer-zh', 'zh');

    expect(call.status).toBe('scored');
    expect(call.asrModel).toBe('paraformer-zh');
    const texts: string[] = call.transcript.turns.map((turn: any) => turn.text);
    expect(texts.length).toBeGreaterThanOrEqual(1);
    // The model outputs 我们保证十五分钟内响应, with no punctuation.
    for (const text of texts) expect(text).toBe(PARAFORMER_POLISHED);
    expect(texts[0]).toContain('15分钟');
  });
});

describe('Whisper', () => {
  it('writes Simplified Chinese and keeps English', async () => {
    // auto makes sherpa-onnx detect the language with one decoder call before decoding.
    const call = await transcribeThroughService(await installFixture('whisper-tiny-fixture', 'whisper-tiny'), 'whisper-tiny', 'auto');

    expect(call.status).toBe('scored');
    expect(call.asrModel).toBe('whisper-tiny');
    const texts: string[] = call.transcript.turns.map((turn: any) => turn.text);
    expect(texts.length).toBeGreaterThanOrEqual(1);
    // The model outputs 我們保證這個系統沒問題，we guarantee it. with 題 split across two byte-level tokens.
    for (const text of texts) expect(text).toBe(WHISPER_SIMPLIFIED);
  });

  it('takes 128 mel bins from encoder metadata', async () => {
    // The encoder input is declared [N, 128, T], so onnxruntime rejects any other bin count and the text comes out empty.
    const modelsDir = await makeTempDir('models');
    writeWhisperFixture(path.join(modelsDir, 'whisper-large-v3'), 'large-v3', { melBins: 128 });

    const result = await transcribeRecording({ audioPath: mandarinSpeech, layout: 'mono', language: 'zh', model: 'whisper-large-v3', modelsDir });

    expect(result.model).toBe('whisper-large-v3');
    expect(result.turns.length).toBeGreaterThanOrEqual(1);
    for (const turn of result.turns) expect(turn.text).toBe(WHISPER_SIMPLIFIED);
  });
});
