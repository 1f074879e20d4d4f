import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifySegment } from '../src/asr/speech-gate.js';
import { MAX_QUEUED_SAMPLES, ThreadedSpeechDetector } from '../src/asr/threaded-vad.js';
import { detectSpeech, SpeechDetector, VAD_SETTINGS } from '../src/asr/vad.js';
import { decodeAudio } from '../src/ingest/decode.js';
import { ChannelCorrelation, isDualMono } from '../src/ingest/dual-mono.js';
import { makeDtmfWav, makeDualMonoFile, makeHoldMusicWav, makePitchedSpeechWav, makeRingBackWav } from './fixtures/audio/call-audio.js';
import { joinStereo, makeSilenceWav, makeSpeechWav, makeToneWav } from './helpers/audio.js';

let dir: string;
let english: string;
let mandarin: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'callscore-audio-analysis-'));
  english = join(dir, 'english.wav');
  mandarin = join(dir, 'mandarin.wav');
  await makeSpeechWav(english, 'We guarantee this will work for your team, and the price is fair.');
  await makeSpeechWav(mandarin, '我们保证百分之百没问题，价格也很合理', { voice: 'cmn' });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function mono(path: string): Promise<Float32Array> {
  return (await decodeAudio(path)).channels[0]!;
}

describe('classifySegment', () => {
  it('keeps English speech', async () => {
    expect(classifySegment(await mono(english))).toBe('speech');
  });

  it('keeps Mandarin speech', async () => {
    expect(classifySegment(await mono(mandarin))).toBe('speech');
  });

  it.each([
    { voice: 'en+f3', pitch: 90, wordsPerMinute: 140 },
    { voice: 'en+f3', pitch: 90, wordsPerMinute: 175 },
    { voice: 'en+f2', pitch: 99, wordsPerMinute: 175 },
  ])('keeps high voice $voice pitch $pitch', async ({ voice, pitch, wordsPerMinute }) => {
    const path = join(dir, `high-${voice}-${pitch}-${wordsPerMinute}.wav`);
    await makePitchedSpeechWav(path, 'Good morning. My name is Anna and I work in sales. I am recording this sample so the system can recognise my voice.', voice, pitch, wordsPerMinute);

    expect(classifySegment(await mono(path))).toBe('speech');
  });

  const sounds = [
    { name: 'ring-back tone', make: (path: string) => makeRingBackWav(path, 10) },
    { name: 'steady 440 Hz tone', make: (path: string) => makeToneWav(path, { seconds: 3 }) },
    { name: 'hold music', make: (path: string) => makeHoldMusicWav(path, 8) },
    { name: 'DTMF beeps', make: (path: string) => makeDtmfWav(path, 4) },
  ];
  it.each(sounds)('rejects $name as tonal', async ({ name, make }) => {
    const path = join(dir, `${name.replaceAll(' ', '-')}.wav`);
    await make(path);
    expect(classifySegment(await mono(path))).toBe('tonal');
  });

  it('rejects digital silence', async () => {
    const path = join(dir, 'silence.wav');
    await makeSilenceWav(path, { seconds: 2 });
    expect(classifySegment(await mono(path))).toBe('silence');
  });

  it('rejects speech far below the level floor', async () => {
    const quiet = (await mono(english)).map((sample) => sample * 0.001);
    expect(classifySegment(quiet)).toBe('silence');
  });
});

describe('isDualMono', () => {
  it.each(['wav', 'mp3'] as const)('detects one mix on both channels of %s', async (format) => {
    const path = join(dir, `dual-mono.${format}`);
    await makeDualMonoFile(english, path);
    const audio = await decodeAudio(path);
    expect(isDualMono(audio.channels[0]!, audio.channels[1]!)).toBe(true);
  });

  it('rejects a call with one speaker per channel', async () => {
    const path = join(dir, 'two-speakers.wav');
    await joinStereo(english, mandarin, path);
    const audio = await decodeAudio(path);
    expect(isDualMono(audio.channels[0]!, audio.channels[1]!)).toBe(false);
  });

  it('rejects a channel with echo of the other', async () => {
    const left = await mono(mandarin);
    const other = await mono(english);
    // The right channel is the customer plus a faint, 40 ms late echo of the rep.
    const right = new Float32Array(left.length);
    for (let i = 0; i < right.length; i++) right[i] = (other[i] ?? 0) + 0.2 * (left[i - 640] ?? 0);
    expect(isDualMono(left, right)).toBe(false);
  });

  it('rejects a silent second channel', async () => {
    const left = await mono(english);
    expect(isDualMono(left, new Float32Array(left.length))).toBe(false);
  });

  it('accumulates the correlation chunk by chunk', async () => {
    const left = await mono(english);
    const right = left.map((sample) => sample * 0.5);
    const correlation = new ChannelCorrelation();
    for (let offset = 0; offset < left.length; offset += 1000) {
      correlation.add(left.subarray(offset, offset + 1000), right.subarray(offset, offset + 1000));
    }
    expect(correlation.correlation()).toBeCloseTo(1, 5);
    expect(correlation.isDualMono()).toBe(true);
  });
});

describe('SpeechDetector', () => {
  it('keeps speech times across skipped silence', async () => {
    const speech = await mono(english);
    const leadSeconds = [7, 3];
    // Two utterances after long digital silence, which the detector does not pass to the VAD.
    const samples = new Float32Array((leadSeconds[0]! + leadSeconds[1]! + 1) * 16000 + speech.length * 2);
    samples.set(speech, leadSeconds[0]! * 16000);
    const secondStart = leadSeconds[0]! * 16000 + speech.length + leadSeconds[1]! * 16000;
    samples.set(speech, secondStart);

    const segments: Array<{ start: number; length: number }> = [];
    const detector = new SpeechDetector(1, (segment) => segments.push({ start: segment.start, length: segment.samples.length }));
    for (let offset = 0; offset < samples.length; offset += 3000) detector.accept(samples.subarray(offset, offset + 3000));
    detector.finish();

    expect(segments).toHaveLength(2);
    expect(Math.abs(segments[0]!.start - leadSeconds[0]! * 16000)).toBeLessThan(0.3 * 16000);
    expect(Math.abs(segments[1]!.start - secondStart)).toBeLessThan(0.3 * 16000);
    // Each start lies within one VAD window of its onset, so the gap is exact to two windows.
    // Losing track of the 3 s of skipped silence would put it off by seconds.
    const gap = segments[1]!.start - segments[0]!.start;
    expect(Math.abs(gap - (secondStart - leadSeconds[0]! * 16000))).toBeLessThanOrEqual(2 * VAD_SETTINGS.windowSize);
  });

  // Eight start positions an eighth of a window apart, so the onset falls at every phase of the window grid.
  it.each(['No.', 'OK.', 'Right, okay.'])('finds short %j after silence', async (text) => {
    const path = join(dir, `short-${text.replace(/\W/g, '')}.wav`);
    await makeSpeechWav(path, text);
    const speech = await mono(path);
    const onsets: number[] = [];
    for (let step = 0; step < 8; step++) {
      const start = 16000 + step * (VAD_SETTINGS.windowSize / 8);
      const samples = new Float32Array(16000 * 3);
      samples.set(speech, start);
      const segments = detectSpeech(samples, 1);
      expect(segments, `start ${start}`).toHaveLength(1);
      onsets.push((segments[0]!.start - start) / 16000);
    }
    // espeak-ng opens with a little silence, so a segment may start a bit after the file does.
    for (const onset of onsets) expect(Math.abs(onset)).toBeLessThan(0.15);
  });

  it.each(['No.', 'Right, okay.'])('finds %j at time zero', async (text) => {
    const path = join(dir, `first-${text.replace(/\W/g, '')}.wav`);
    await makeSpeechWav(path, text);
    const speech = await mono(path);
    const samples = new Float32Array(16000 * 3);
    samples.set(speech);

    const segments = detectSpeech(samples, 1);
    expect(segments).toHaveLength(1);
    expect(segments[0]!.start).toBeLessThan(0.15 * 16000);
    // espeak-ng ends the file with some silence, which the segment need not cover.
    expect(segments[0]!.start + segments[0]!.samples.length).toBeGreaterThan(speech.length * 0.6);
  });

  it('matches detectSpeech on one whole array', async () => {
    const speech = await mono(mandarin);
    const samples = new Float32Array(16000 * 4 + speech.length);
    samples.set(speech, 16000 * 2);
    const whole = detectSpeech(samples, 1).map((segment) => segment.start);

    const streamed: number[] = [];
    const detector = new SpeechDetector(1, (segment) => streamed.push(segment.start));
    for (let offset = 0; offset < samples.length; offset += 777) detector.accept(samples.subarray(offset, offset + 777));
    detector.finish();

    expect(streamed).toEqual(whole);
  });

  it('finds the segments of a new detector after reset', async () => {
    const english16k = await mono(english);
    const samples = new Float32Array(16000 * 20);
    for (const second of [1, 9]) samples.set(english16k, second * 16000);
    const fresh = detectSpeech(samples, 1);

    const reused: Array<{ start: number; samples: Float32Array }> = [];
    const detector = new SpeechDetector(1, (segment) => reused.push(segment));
    // An earlier job that stops in the middle of speech, with samples left in the VAD and a partial window.
    const mandarin16k = await mono(mandarin);
    detector.accept(mandarin16k.subarray(0, Math.floor(mandarin16k.length / 2) + 100));
    detector.reset();
    reused.length = 0;
    for (let offset = 0; offset < samples.length; offset += 3000) detector.accept(samples.subarray(offset, offset + 3000));
    detector.finish();

    expect(fresh).toHaveLength(2);
    expect(reused.map((segment) => segment.start)).toEqual(fresh.map((segment) => segment.start));
    reused.forEach((segment, index) => expect(segment.samples).toEqual(fresh[index]!.samples));
  });
});

describe('ThreadedSpeechDetector', () => {
  async function callSamples(): Promise<Float32Array> {
    const speech = await mono(english);
    const samples = new Float32Array(16000 * 30);
    for (const second of [1, 9, 17]) samples.set(speech, second * 16000);
    return samples;
  }

  it('finds the segments of SpeechDetector', async () => {
    const samples = await callSamples();
    const inThread = detectSpeech(samples, 1).map((segment) => [segment.start, segment.samples.length]);

    const threaded: number[][] = [];
    const detector = new ThreadedSpeechDetector(1, (segment) => threaded.push([segment.start, segment.samples.length]));
    for (let offset = 0; offset < samples.length; offset += 4000) detector.accept(samples.subarray(offset, offset + 4000));
    await detector.finish();

    expect(inThread).toHaveLength(3);
    expect(threaded).toEqual(inThread);
  });

  it('runs two jobs on reused threads', async () => {
    const samples = await callSamples();
    const expected = detectSpeech(samples, 1).map((segment) => [segment.start, segment.samples.length]);
    for (let job = 0; job < 2; job++) {
      const found: number[][] = [];
      const detector = new ThreadedSpeechDetector(1, (segment) => found.push([segment.start, segment.samples.length]));
      // The first job ends in the middle of speech, so the VAD state it leaves differs from a new detector's.
      detector.accept(job === 0 ? samples.subarray(0, 18 * 16000) : samples);
      await detector.finish();
      if (job === 1) expect(found).toEqual(expected);
    }
    expect(expected).toHaveLength(3);
  });

  it('rejects finish when onSegment throws', async () => {
    const samples = await callSamples();
    const detector = new ThreadedSpeechDetector(1, () => {
      throw new Error('recognizer failed');
    });
    detector.accept(samples);
    await expect(detector.finish()).rejects.toThrow('recognizer failed');
  });

  it('blocks accept while the thread is behind', async () => {
    // Sixty seconds of audio posted in small chunks. Accept must wait for the thread instead of
    // queueing everything, so little is left queued when the last accept returns.
    const samples = await callSamples();
    const segments: number[] = [];
    const detector = new ThreadedSpeechDetector(1, (segment) => segments.push(segment.start));
    for (let pass = 0; pass < 2; pass++) {
      for (let offset = 0; offset < samples.length; offset += 1600) detector.accept(samples.subarray(offset, offset + 1600));
    }
    expect(detector.queuedSamples()).toBeLessThanOrEqual(MAX_QUEUED_SAMPLES + 1600);
    await detector.finish();
    expect(segments).toHaveLength(6);
  });
});
