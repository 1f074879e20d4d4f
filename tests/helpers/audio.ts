/**
 * Writes test audio with the bundled ffmpeg and espeak-ng: tones, silence,
 * synthetic speech, stereo files built from two mono ones, and conversions
 * to the upload formats.
 */
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { decodeAudio } from '../../src/ingest/decode.js';
import { ffmpegPath } from '../../src/ingest/ffmpeg.js';

const run = promisify(execFile);

/** Options for generated wav files. */
export interface WavOptions {
  seconds: number;
  channels?: number;
  sampleRate?: number;
}

async function ffmpeg(args: string[]): Promise<void> {
  await run(ffmpegPath, ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...args]);
}

/** Writes a 16-bit wav of a 440 Hz sine tone, the same tone on every channel. */
export async function makeToneWav(path: string, { seconds, channels = 1, sampleRate = 16000 }: WavOptions): Promise<void> {
  await ffmpeg([
    '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=${sampleRate}:duration=${seconds}`,
    '-ac', String(channels), '-c:a', 'pcm_s16le', path,
  ]);
}

/** Writes a 16-bit mono or stereo wav of digital silence. */
export async function makeSilenceWav(path: string, { seconds, channels = 1, sampleRate = 16000 }: WavOptions): Promise<void> {
  if (channels !== 1 && channels !== 2) throw new Error(`makeSilenceWav: channels must be 1 or 2, got ${channels}`);
  await ffmpeg([
    '-f', 'lavfi', '-i', `anullsrc=channel_layout=${channels === 1 ? 'mono' : 'stereo'}:sample_rate=${sampleRate}`,
    '-t', String(seconds), '-c:a', 'pcm_s16le', path,
  ]);
}

/** Writes a wav with one distinct sine tone per channel, 300 Hz apart, for checking channel order. */
export async function makeChannelTonesWav(path: string, { seconds, channels = 2, sampleRate = 16000 }: WavOptions): Promise<void> {
  const inputs = Array.from({ length: channels }, (_, i) => [
    '-f', 'lavfi', '-i', `sine=frequency=${300 * (i + 1)}:sample_rate=${sampleRate}:duration=${seconds}`,
  ]).flat();
  const labels = Array.from({ length: channels }, (_, i) => `[${i}:a]`).join('');
  await ffmpeg([...inputs, '-filter_complex', `${labels}amerge=inputs=${channels}`, '-c:a', 'pcm_s16le', path]);
}

/** Options of `makeSpeechWav`. */
export interface SpeechOptions {
  /** espeak-ng voice such as `en`, `en-us` or `cmn`, and `en` unless set. */
  voice?: string;
  /** Silence before the speech, in seconds. */
  padStartSeconds?: number;
  /** Silence after the speech, in seconds. */
  padEndSeconds?: number;
}

/** Speaks `text` with espeak-ng into a 16 kHz mono wav, with optional silence around it. */
export async function makeSpeechWav(path: string, text: string, options: SpeechOptions = {}): Promise<void> {
  const { voice = 'en', padStartSeconds = 0, padEndSeconds = 0 } = options;
  const raw = `${path}.espeak.wav`;
  await run('espeak-ng', ['-v', voice, '-w', raw, text]);

  const delayMs = Math.round(padStartSeconds * 1000);
  await ffmpeg([
    '-i', raw,
    '-af', `aresample=16000,adelay=${delayMs},apad=pad_len=${Math.round(padEndSeconds * 16000)}`,
    '-ar', '16000', '-ac', '1', '-c:a', 'pcm_s16le', path,
  ]);
  await rm(raw, { force: true });
}

/** Joins two mono files into one 16 kHz stereo wav and pads the shorter side with silence. */
export async function joinStereo(leftPath: string, rightPath: string, path: string): Promise<void> {
  // A bare apad never ends and -shortest does not stop filter outputs, so pad to a fixed length.
  const [left, right] = await Promise.all([decodeAudio(leftPath), decodeAudio(rightPath)]);
  const samples = Math.max(left.channels[0]!.length, right.channels[0]!.length);
  const pad = `aresample=16000,aformat=channel_layouts=mono,apad=whole_len=${samples}`;
  await ffmpeg([
    '-i', leftPath, '-i', rightPath,
    '-filter_complex', `[0:a]${pad}[l];[1:a]${pad}[r];[l][r]amerge=inputs=2[out]`,
    '-map', '[out]', '-c:a', 'pcm_s16le', path,
  ]);
}

// Encoders present in the bundled 2018 ffmpeg build, chosen by target extension.
const ENCODERS: Record<string, string[]> = {
  wav: ['-c:a', 'pcm_s16le'],
  mp3: ['-c:a', 'libmp3lame', '-b:a', '64k'],
  m4a: ['-c:a', 'aac', '-b:a', '64k'],
  amr: ['-c:a', 'libopencore_amrnb', '-ar', '8000', '-ac', '1', '-b:a', '12.2k'],
  ogg: ['-c:a', 'libopus', '-b:a', '32k'],
  opus: ['-c:a', 'libopus', '-b:a', '32k'],
  webm: ['-c:a', 'libopus', '-b:a', '32k'],
};

/**
 * Converts `src` to the format named by the extension of `dst`: wav, mp3,
 * m4a (AAC), amr (AMR-NB, which is 8 kHz mono only), ogg or opus (Opus in
 * Ogg) or webm (Opus in WebM).
 */
export async function convertAudio(src: string, dst: string): Promise<void> {
  const extension = dst.split('.').pop() ?? '';
  const codecArgs = ENCODERS[extension];
  if (!codecArgs) throw new Error(`convertAudio: no encoder for ".${extension}"`);
  await ffmpeg(['-i', src, ...codecArgs, dst]);
}
