/**
 * Decodes a stored recording to 16 kHz float PCM with the bundled ffmpeg, one
 * array per channel, for the ASR stage. It does not validate uploads: probing
 * and truncation checks happen at upload time.
 */
import { spawn } from 'node:child_process';
import { endianness } from 'node:os';
import { basename } from 'node:path';
import { CallscoreError } from '../errors/registry.js';
import { ffmpegPath } from './ffmpeg.js';
import type { AudioProbe, DecodedAudio } from './types.js';

/** Sample rate of all decoded audio, the rate the speech models expect. */
export const DECODE_SAMPLE_RATE = 16000;

/** Options of `decodeAudio`. */
export interface DecodeOptions {
  /** Number of channels to keep, counted from the first, and 2 unless set. Extra channels are dropped, not mixed in. */
  maxChannels?: number;
  /** Upload probe of this file, if known, which saves one ffmpeg run. */
  probe?: AudioProbe;
}

const BYTES_PER_SAMPLE = 4;
// Requesting samples in the host byte order lets a Float32Array view read them as they are.
const PCM_FORMAT = endianness() === 'LE' ? 'f32le' : 'f32be';
const STDERR_TAIL_CHARS = 4096;

/**
 * Decodes the audio file at `path` to 16 kHz float PCM. Stereo stays two
 * channels, and from recordings with more the first `maxChannels` are kept.
 * The whole recording is held in memory, so long calls go through
 * `streamAudio` instead. Rejects with a `CallscoreError`:
 * CS_ERR_AUDIO_UNSUPPORTED when the file has no audio stream,
 * CS_ERR_AUDIO_EMPTY when it decodes to no samples and
 * CS_ERR_AUDIO_DECODE_FAILED when ffmpeg fails.
 */
export async function decodeAudio(path: string, opts: DecodeOptions = {}): Promise<DecodedAudio> {
  let collector: PcmCollector | undefined;
  const decoded = await streamAudio(
    path,
    {
      start: ({ channels, expectedMs }) => {
        collector = new PcmCollector(channels, Math.ceil((expectedMs / 1000) * DECODE_SAMPLE_RATE) + DECODE_SAMPLE_RATE);
      },
      data: (chunk) => collector!.push(chunk),
    },
    opts,
  );
  return { sampleRate: DECODE_SAMPLE_RATE, channels: collector!.finish(), durationMs: decoded.durationMs };
}

/** Stream properties that `streamAudio` passes to its receiver before the first samples. */
export interface PcmStreamStart {
  /** Channels in every chunk, 1 or 2. */
  channels: number;
  /** Duration from the file header, 0 when the header has none. */
  expectedMs: number;
}

/** Receiver of decoded audio, called in order and never concurrently. */
export interface PcmReceiver {
  start?(info: PcmStreamStart): void;
  /** One chunk of 16 kHz samples per channel, all of equal length. The arrays are not reused after the call. */
  data(chunk: Float32Array[]): void;
}

/** Summary of a streamed decode. */
export interface PcmStreamResult {
  channels: number;
  frames: number;
  durationMs: number;
}

/**
 * Decodes the audio file at `path` like `decodeAudio`, but hands the samples
 * to `receiver` in chunks of at most about 64 KB as ffmpeg produces them, so
 * memory stays bounded whatever the recording's length. A receiver that
 * works synchronously slows ffmpeg down instead of buffering its output.
 * Rejects with the same errors as `decodeAudio`, and with whatever
 * `receiver` throws.
 */
export async function streamAudio(path: string, receiver: PcmReceiver, opts: DecodeOptions = {}): Promise<PcmStreamResult> {
  const maxChannels = opts.maxChannels ?? 2;
  if (!Number.isInteger(maxChannels) || maxChannels < 1 || maxChannels > 2) {
    throw new CallscoreError('CS_ERR_VALIDATION', { field: 'maxChannels', reason: `expected 1 or 2, got ${maxChannels}` });
  }

  const header = opts.probe ?? (await readStreamHeader(path));
  const channels = Math.min(header.channels, maxChannels);
  receiver.start?.({ channels, expectedMs: header.durationMs });
  const frames = await runDecoder(path, header.channels, channels, receiver);

  if (frames === 0) {
    throw new CallscoreError('CS_ERR_AUDIO_EMPTY', { filename: basename(path) });
  }
  return { channels, frames, durationMs: Math.round((frames / DECODE_SAMPLE_RATE) * 1000) };
}

interface StreamHeader {
  channels: number;
  durationMs: number;
}

/**
 * Reads the channel count and duration of the first audio stream from the
 * stream summary that `ffmpeg -i` prints. ffmpeg exits with status 1 there
 * because no output is given, so only the printed text is judged.
 */
async function readStreamHeader(path: string): Promise<StreamHeader> {
  const filename = basename(path);
  const { stderr } = await runFfmpeg(['-hide_banner', '-nostdin', '-i', path], filename);

  if (/No such file or directory/.test(stderr)) {
    throw new CallscoreError('CS_ERR_AUDIO_DECODE_FAILED', { filename, reason: 'the file does not exist' });
  }
  const audio = /Stream #\d+:\d+.*?: Audio: .*?, \d+ Hz, ([^,\n]+)/.exec(stderr);
  if (!audio?.[1]) {
    const format = /Input #0, ([^,\n]+)/.exec(stderr)?.[1];
    const detected = format ? `${format} without an audio stream` : 'unknown data';
    throw new CallscoreError('CS_ERR_AUDIO_UNSUPPORTED', { filename, detected });
  }

  const duration = /Duration: (\d+):(\d+):(\d+(?:\.\d+)?)/.exec(stderr);
  const durationMs = duration
    ? Math.round((Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3])) * 1000)
    : 0;
  return { channels: channelCount(audio[1].trim()), durationMs };
}

// Named layouts whose channel count is not written in the name.
const NAMED_LAYOUT_CHANNELS: Record<string, number> = {
  mono: 1,
  stereo: 2,
  downmix: 2,
  quad: 4,
  'quad(side)': 4,
  hexagonal: 6,
  octagonal: 8,
};

/**
 * Counts the channels of an ffmpeg channel layout name such as "mono",
 * "5.1(side)" or "3 channels". A layout it cannot read counts as 2, which
 * keeps the first two channels of a multichannel file.
 */
function channelCount(layout: string): number {
  const named = NAMED_LAYOUT_CHANNELS[layout];
  if (named !== undefined) return named;

  const counted = /^(\d+) channels/.exec(layout);
  if (counted?.[1]) return Number(counted[1]);

  // "5.1" means five full-range channels and one LFE channel.
  const dotted = /^(\d+)\.(\d+)/.exec(layout);
  if (dotted?.[1] && dotted[2]) return Number(dotted[1]) + Number(dotted[2]);
  return 2;
}

/** Streams ffmpeg's interleaved float output to `receiver`, one array per channel, and returns the frame count. */
async function runDecoder(path: string, inputChannels: number, outputChannels: number, receiver: PcmReceiver): Promise<number> {
  // The pan filter picks channels by index, so no downmix of the rest leaks in.
  const channelArgs =
    inputChannels > outputChannels
      ? ['-af', outputChannels === 1 ? 'pan=mono|c0=c0' : 'pan=stereo|c0=c0|c1=c1']
      : ['-ac', String(outputChannels)];
  const args = [
    '-hide_banner', '-nostdin', '-v', 'error',
    '-i', path,
    '-map', '0:a:0', '-vn',
    ...channelArgs,
    '-ar', String(DECODE_SAMPLE_RATE),
    '-f', PCM_FORMAT, '-acodec', `pcm_${PCM_FORMAT}`,
    'pipe:1',
  ];

  const deinterleaver = new PcmDeinterleaver(outputChannels);
  const filename = basename(path);
  let receiverError: unknown;
  const { code, stderr } = await runFfmpeg(args, filename, (chunk) => {
    try {
      const channels = deinterleaver.push(chunk);
      if (channels) receiver.data(channels);
      return true;
    } catch (error) {
      receiverError = error;
      return false;
    }
  });
  if (receiverError !== undefined) throw receiverError;
  if (code !== 0) {
    throw new CallscoreError('CS_ERR_AUDIO_DECODE_FAILED', {
      filename,
      reason: lastLine(stderr) || `ffmpeg exited with status ${code}`,
    });
  }
  return deinterleaver.frames;
}

/** Splits interleaved PCM bytes that arrive in chunks of any size into one array per channel. */
class PcmDeinterleaver {
  frames = 0;
  private leftover: Buffer = Buffer.alloc(0);

  constructor(private readonly channelCount: number) {}

  /** Returns the whole frames of `chunk` and any bytes kept from the last call, or null when there is no whole frame yet. */
  push(chunk: Buffer): Float32Array[] | null {
    const bytes = this.leftover.length > 0 ? Buffer.concat([this.leftover, chunk]) : chunk;
    const frameBytes = BYTES_PER_SAMPLE * this.channelCount;
    const frames = Math.floor(bytes.length / frameBytes);
    this.leftover = Buffer.from(bytes.subarray(frames * frameBytes));
    if (frames === 0) return null;

    // Copying into a fresh ArrayBuffer aligns the samples for a Float32Array view.
    const samples = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + frames * frameBytes));
    this.frames += frames;
    if (this.channelCount === 1) return [samples];

    // Stereo gets its own loop, which took 5 ms instead of 25 ms per minute of audio in a fresh process.
    if (this.channelCount === 2) {
      const left = new Float32Array(frames);
      const right = new Float32Array(frames);
      for (let frame = 0; frame < frames; frame++) {
        left[frame] = samples[2 * frame]!;
        right[frame] = samples[2 * frame + 1]!;
      }
      return [left, right];
    }
    const channels = Array.from({ length: this.channelCount }, () => new Float32Array(frames));
    for (let frame = 0; frame < frames; frame++) {
      for (let channel = 0; channel < this.channelCount; channel++) {
        channels[channel]![frame] = samples[frame * this.channelCount + channel]!;
      }
    }
    return channels;
  }
}

/** Appends chunks to one growing array per channel. */
class PcmCollector {
  private readonly channels: Float32Array[];
  private frames = 0;

  constructor(
    private readonly channelCount: number,
    initialFrames: number,
  ) {
    this.channels = Array.from({ length: channelCount }, () => new Float32Array(initialFrames));
  }

  push(chunk: Float32Array[]): void {
    const frames = chunk[0]!.length;
    this.reserve(this.frames + frames);
    chunk.forEach((samples, channel) => this.channels[channel]!.set(samples, this.frames));
    this.frames += frames;
  }

  finish(): Float32Array[] {
    return this.channels.map((samples) => samples.slice(0, this.frames));
  }

  private reserve(frames: number): void {
    const capacity = this.channels[0]!.length;
    if (frames <= capacity) return;
    const grown = Math.max(frames, capacity * 2);
    for (let channel = 0; channel < this.channelCount; channel++) {
      const larger = new Float32Array(grown);
      larger.set(this.channels[channel]!.subarray(0, this.frames));
      this.channels[channel] = larger;
    }
  }
}

interface FfmpegRun {
  code: number;
  stderr: string;
}

// ffmpeg is killed as soon as `onStdout` returns false.
function runFfmpeg(args: string[], filename: string, onStdout: (chunk: Buffer) => boolean = () => true): Promise<FfmpegRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';

    child.stdout.on('data', (chunk: Buffer) => {
      if (!onStdout(chunk)) {
        child.stdout.removeAllListeners('data');
        child.stdout.resume();
        child.kill('SIGKILL');
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr = (stderr + text).slice(-STDERR_TAIL_CHARS);
    });
    child.on('error', (error) => {
      reject(new CallscoreError('CS_ERR_AUDIO_DECODE_FAILED', { filename, reason: `ffmpeg could not start: ${error.message}` }, { cause: error }));
    });
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1)?.trim() ?? '';
}
