/**
 * Builds a small SenseVoice-Small-shaped stand-in (scripts/make-sense-voice-standin.ts)
 * and runs the project's sherpa-onnx recognizer on it over an espeak-ng
 * recording, as bench/asr.ts does with the full-size one. The weights are
 * random, so only loading, output size and timing can be checked, not text.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countParameters, SENSE_VOICE_SMALL_SHAPE, writeStandin, type StandinShape } from '../scripts/make-sense-voice-standin.js';
import { createRecognizer, recognizeSegment } from '../src/asr/recognizer.js';
import type { OfflineRecognizerResult } from '../src/asr/sherpa.js';
import { DECODE_SAMPLE_RATE, decodeAudio } from '../src/ingest/decode.js';
import { makeSpeechWav } from './helpers/audio.js';
import { makeTempDir } from './helpers/harness.js';

// Few, narrow blocks so the model is about 0.3 MB and builds in milliseconds.
const SMALL_SHAPE: Partial<StandinShape> = { blocks: 2, tpBlocks: 1, width: 64, heads: 4, feedForward: 128, vocabSize: 300 };
// One stacked input frame covers 6 fbank frames of 10 ms.
const FRAME_SECONDS = 0.06;

/** The result fields that sherpa-onnx 1.13 also returns for SenseVoice: tokens after the 4 tags, and their start times in seconds. */
interface TimedResult extends OfflineRecognizerResult {
  tokens: string[];
  timestamps: number[];
}

let dir: string;
let samples: Float32Array;

beforeAll(async () => {
  dir = await makeTempDir('asr-standin');
  const wav = path.join(dir, 'speech.wav');
  await makeSpeechWav(wav, 'We guarantee the best price on the market, sign today.', { voice: 'en', padStartSeconds: 0.3, padEndSeconds: 0.3 });
  samples = (await decodeAudio(wav)).channels[0]!;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SenseVoice stand-in', () => {
  it('runs in the recognizer', async () => {
    const files = writeStandin(path.join(dir, 'small'), SMALL_SHAPE);
    const recognizer = createRecognizer({
      engine: 'sense-voice',
      modelPath: files.modelPath,
      tokensPath: files.tokensPath,
      language: 'auto',
      threads: 1,
      provider: 'cpu',
    });

    const text = recognizeSegment(recognizer, samples);
    // Random weights make almost every frame pick a non-blank made-up token such as "w123".
    expect(text).toMatch(/w\d+/);

    const stream = recognizer.createStream();
    stream.acceptWaveform({ samples, sampleRate: DECODE_SAMPLE_RATE });
    recognizer.decode(stream);
    const result = recognizer.getResult(stream) as TimedResult;
    const seconds = samples.length / DECODE_SAMPLE_RATE;
    const frames = Math.ceil(seconds / FRAME_SECONDS);
    expect(result.tokens.length).toBeGreaterThan(0);
    expect(result.tokens.length).toBeLessThanOrEqual(frames);
    expect(result.timestamps).toHaveLength(result.tokens.length);
    expect(Math.min(...result.timestamps)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...result.timestamps)).toBeLessThan(seconds);
  });

  it('gives the same bytes for one seed', async () => {
    const first = writeStandin(path.join(dir, 'seed-1-first'), { ...SMALL_SHAPE, seed: 1 });
    const second = writeStandin(path.join(dir, 'seed-1-second'), { ...SMALL_SHAPE, seed: 1 });
    const other = writeStandin(path.join(dir, 'seed-2'), { ...SMALL_SHAPE, seed: 2 });

    const firstBytes = await readFile(first.modelPath);
    expect(firstBytes.equals(await readFile(second.modelPath))).toBe(true);
    expect(firstBytes.equals(await readFile(other.modelPath))).toBe(false);
  });

  it('has SenseVoice-Small size by default', () => {
    // The layer sizes of SenseVoiceEncoderSmall and its CTC layer add up to about 234 million parameters.
    const parameters = countParameters(SENSE_VOICE_SMALL_SHAPE);
    expect(parameters).toBeGreaterThan(233_000_000);
    expect(parameters).toBeLessThan(235_000_000);
  });

  it('rejects heads that do not divide width', () => {
    expect(() => writeStandin(path.join(dir, 'invalid'), { ...SMALL_SHAPE, width: 66, heads: 4 })).toThrow(/heads \(4\) must divide width \(66\)/);
  });
});
