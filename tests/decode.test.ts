import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCallscoreError } from '../src/errors/registry.js';
import { decodeAudio } from '../src/ingest/decode.js';
import { convertAudio, makeChannelTonesWav, makeSpeechWav, makeToneWav } from './helpers/audio.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'callscore-decode-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Estimates the frequency of a pure tone from its zero crossings.
function dominantFrequency(samples: Float32Array, sampleRate = 16000): number {
  let crossings = 0;
  for (let i = 1; i < samples.length; i++) {
    if ((samples[i - 1]! < 0) !== (samples[i]! < 0)) crossings++;
  }
  return crossings / 2 / (samples.length / sampleRate);
}

function rms(samples: Float32Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return Math.sqrt(sum / samples.length);
}

// Zero crossings of a lossy-coded tone drift by a few percent.
const FREQUENCY_TOLERANCE = 0.03;

// Lossy codecs add encoder delay and pad to whole frames, so durations move by a few tens of ms.
const DURATION_TOLERANCE_MS = 120;

describe('decodeAudio', () => {
  const formats = ['wav', 'mp3', 'm4a', 'amr', 'ogg', 'webm'] as const;

  it.each(formats)('decodes mono %s to 16 kHz', async (format) => {
    const source = join(dir, `tone-mono-src-${format}.wav`);
    const encoded = join(dir, `tone-mono.${format}`);
    await makeToneWav(source, { seconds: 2, channels: 1 });
    await convertAudio(source, encoded);

    const audio = await decodeAudio(encoded);

    expect(audio.sampleRate).toBe(16000);
    expect(audio.channels).toHaveLength(1);
    expect(Math.abs(audio.durationMs - 2000)).toBeLessThanOrEqual(DURATION_TOLERANCE_MS);
    expect(Math.abs(audio.channels[0]!.length - audio.durationMs * 16)).toBeLessThan(16);
    expect(rms(audio.channels[0]!)).toBeGreaterThan(0.05);
  });

  it.each(formats.filter((format) => format !== 'amr'))('keeps both channels of stereo %s', async (format) => {
    const source = join(dir, `tones-stereo-src-${format}.wav`);
    const encoded = join(dir, `tones-stereo.${format}`);
    await makeChannelTonesWav(source, { seconds: 2, channels: 2 });
    await convertAudio(source, encoded);

    const audio = await decodeAudio(encoded);

    expect(audio.channels).toHaveLength(2);
    expect(Math.abs(audio.durationMs - 2000)).toBeLessThanOrEqual(DURATION_TOLERANCE_MS);
    expect(Math.abs(dominantFrequency(audio.channels[0]!) - 300)).toBeLessThan(300 * FREQUENCY_TOLERANCE);
    expect(Math.abs(dominantFrequency(audio.channels[1]!) - 600)).toBeLessThan(600 * FREQUENCY_TOLERANCE);
  });

  it.each(['mp3', 'm4a', 'amr', 'ogg', 'webm'] as const)('decodes espeak speech in %s', async (format) => {
    const source = join(dir, `speech-src-${format}.wav`);
    const encoded = join(dir, `speech.${format}`);
    await makeSpeechWav(source, 'We guarantee delivery by Friday.', { padStartSeconds: 0.5, padEndSeconds: 0.5 });
    await convertAudio(source, encoded);

    const reference = await decodeAudio(source);
    const audio = await decodeAudio(encoded);

    expect(audio.channels).toHaveLength(1);
    expect(Math.abs(audio.durationMs - reference.durationMs)).toBeLessThanOrEqual(DURATION_TOLERANCE_MS);
    expect(rms(audio.channels[0]!)).toBeGreaterThan(0.2 * rms(reference.channels[0]!));
  });

  it('keeps the first two of four channels', async () => {
    const path = join(dir, 'tones-quad.wav');
    await makeChannelTonesWav(path, { seconds: 1, channels: 4 });

    const audio = await decodeAudio(path);

    expect(audio.channels).toHaveLength(2);
    expect(Math.abs(dominantFrequency(audio.channels[0]!) - 300)).toBeLessThan(300 * FREQUENCY_TOLERANCE);
    expect(Math.abs(dominantFrequency(audio.channels[1]!) - 600)).toBeLessThan(600 * FREQUENCY_TOLERANCE);
  });

  it('keeps the first channel when maxChannels is 1', async () => {
    const path = join(dir, 'tones-stereo-first.wav');
    await makeChannelTonesWav(path, { seconds: 1, channels: 2 });

    const audio = await decodeAudio(path, { maxChannels: 1 });

    expect(audio.channels).toHaveLength(1);
    expect(Math.abs(dominantFrequency(audio.channels[0]!) - 300)).toBeLessThan(300 * FREQUENCY_TOLERANCE);
  });

  it('uses the channel count of a given probe', async () => {
    const path = join(dir, 'tones-probed.wav');
    await makeChannelTonesWav(path, { seconds: 1, channels: 2 });

    const probe = { format: 'wav', codec: 'pcm_s16le', channels: 2, sampleRate: 16000, durationMs: 1000 };
    const audio = await decodeAudio(path, { probe });

    expect(audio.channels).toHaveLength(2);
    expect(audio.durationMs).toBe(1000);
  });

  it('resamples 44.1 kHz input to 16 kHz', async () => {
    const path = join(dir, 'tone-44k.wav');
    await makeToneWav(path, { seconds: 1.5, sampleRate: 44100 });

    const audio = await decodeAudio(path);

    expect(audio.durationMs).toBe(1500);
    expect(audio.channels[0]!.length).toBe(24000);
    expect(Math.abs(dominantFrequency(audio.channels[0]!) - 440)).toBeLessThan(440 * FREQUENCY_TOLERANCE);
  });

  it('rejects a text file as unsupported', async () => {
    const path = join(dir, 'notes.wav');
    await writeFile(path, 'these are meeting notes, not audio\n'.repeat(50));

    const error = await decodeAudio(path).catch((e: unknown) => e);

    expect(isCallscoreError(error, 'CS_ERR_AUDIO_UNSUPPORTED')).toBe(true);
  });

  it('rejects a missing file', async () => {
    const error = await decodeAudio(join(dir, 'absent.wav')).catch((e: unknown) => e);

    expect(isCallscoreError(error, 'CS_ERR_AUDIO_DECODE_FAILED')).toBe(true);
    expect((error as Error).message).toContain('absent.wav');
  });

  it('names the given filename in errors', async () => {
    const path = join(dir, 'upload-3f9a.part');
    await writeFile(path, 'these are meeting notes, not audio\n'.repeat(50));

    const error = await decodeAudio(path, { filename: 'rep-sample.m4a' }).catch((e: unknown) => e);

    expect(isCallscoreError(error, 'CS_ERR_AUDIO_UNSUPPORTED')).toBe(true);
    expect((error as Error).message).toContain('rep-sample.m4a');
    expect((error as Error).message).not.toContain('upload-3f9a');
  });

  it('rejects maxChannels outside 1 and 2', async () => {
    const error = await decodeAudio(join(dir, 'any.wav'), { maxChannels: 3 }).catch((e: unknown) => e);

    expect(isCallscoreError(error, 'CS_ERR_VALIDATION')).toBe(true);
  });
});
