import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAudio, streamAudio } from '../src/ingest/decode.js';
import { makeNarrowbandWav } from './fixtures/audio/call-audio.js';
import { convertAudio, makeChannelTonesWav, makeSpeechWav } from './helpers/audio.js';

let dir: string;
let speech: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'callscore-decode-stream-'));
  speech = join(dir, 'speech.wav');
  await makeSpeechWav(speech, 'Our platform costs two thousand yuan per seat.', { padStartSeconds: 0.5, padEndSeconds: 0.5 });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function rms(samples: Float32Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return Math.sqrt(sum / samples.length);
}

// Energy above 4 kHz, in the band an 8 kHz recording cannot carry, from the sample-to-sample difference.
function highBandShare(samples: Float32Array): number {
  let difference = 0;
  let total = 0;
  for (let i = 1; i < samples.length; i++) {
    difference += (samples[i]! - samples[i - 1]!) ** 2;
    total += samples[i]! ** 2;
  }
  return difference / total;
}

describe('decodeAudio narrowband', () => {
  it.each(['wav', 'amr'] as const)('resamples 8 kHz %s to 16 kHz', async (format) => {
    const narrowWav = join(dir, `narrow-src-${format}.wav`);
    const encoded = join(dir, `narrow.${format}`);
    await makeNarrowbandWav(speech, narrowWav);
    if (format === 'amr') await convertAudio(narrowWav, encoded);
    const wideband = await decodeAudio(speech);

    const audio = await decodeAudio(format === 'amr' ? encoded : narrowWav);

    expect(audio.sampleRate).toBe(16000);
    expect(audio.channels).toHaveLength(1);
    expect(Math.abs(audio.durationMs - wideband.durationMs)).toBeLessThanOrEqual(120);
    expect(rms(audio.channels[0]!)).toBeGreaterThan(rms(wideband.channels[0]!) * 0.5);
    // Upsampled narrowband audio has less high-band energy than the wideband original.
    expect(highBandShare(audio.channels[0]!)).toBeLessThan(highBandShare(wideband.channels[0]!));
  });
});

describe('streamAudio', () => {
  it('delivers the samples of decodeAudio in chunks', async () => {
    const stereo = join(dir, 'tones.wav');
    await makeChannelTonesWav(stereo, { seconds: 5 });
    const whole = await decodeAudio(stereo);
    const chunks: Float32Array[][] = [];
    let started: { channels: number; expectedMs: number } | undefined;

    const result = await streamAudio(stereo, {
      start: (info) => {
        started = info;
      },
      data: (chunk) => chunks.push(chunk),
    });

    expect(started).toEqual({ channels: 2, expectedMs: 5000 });
    expect(chunks.length).toBeGreaterThan(1);
    expect(result).toEqual({ channels: 2, frames: whole.channels[0]!.length, durationMs: whole.durationMs });
    for (const chunk of chunks) expect(chunk[0]!.length).toBe(chunk[1]!.length);
    const left = new Float32Array(result.frames);
    let offset = 0;
    for (const chunk of chunks) {
      left.set(chunk[0]!, offset);
      offset += chunk[0]!.length;
    }
    expect(left).toEqual(whole.channels[0]);
  });

  it('rejects with the receiver error and stops', async () => {
    const failure = new Error('receiver failed');
    let calls = 0;

    const error = await streamAudio(speech, {
      data: () => {
        calls++;
        throw failure;
      },
    }).catch((e: unknown) => e);

    expect(error).toBe(failure);
    expect(calls).toBe(1);
  });
});
