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
import { describeNonAudio, hasAudioStream, isInputSummaryComplete, lastErrorLine, summaryDurationMs } from './ffmpeg-log.js';
import type { AudioProbe, DecodedAudio } from './types.js';
import { WavStreamReader } from './wav-stream.js';

/** Sample rate of all decoded audio, the rate the speech models expect. */
export const DECODE_SAMPLE_RATE = 16000;

/** Options of `decodeAudio`. */
export interface DecodeOptions {
  /** Number of channels to keep, counted from the first, and 2 unless set. Extra channels are dropped, not mixed in. */
  maxChannels?: number;
  /** Upload probe of this file, if known. Its duration is passed to `start`; the channel count always comes from the decoder. */
  probe?: AudioProbe;
  /** File name that errors show, such as the name of an upload staged under another name; the base name of the path unless set. */
  filename?: string;
}

const BYTES_PER_SAMPLE = 4;
const LITTLE_ENDIAN_HOST = endianness() === 'LE';
const STDERR_TAIL_CHARS = 4096;
// The input summary is kept until it is complete; metadata such as embedded lyrics can make it long.
const MAX_SUMMARY_CHARS = 1 << 20;

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

  const filename = opts.filename ?? basename(path);
  const { channels, frames } = await runDecoder(path, filename, maxChannels, receiver, opts.probe);
  if (frames === 0) {
    throw new CallscoreError('CS_ERR_AUDIO_EMPTY', { filename });
  }
  return { channels, frames, durationMs: Math.round((frames / DECODE_SAMPLE_RATE) * 1000) };
}

/**
 * Streams one ffmpeg run's float output to `receiver`, one array per kept
 * channel, and returns the kept channel count and the frame count. ffmpeg
 * decodes every channel of the input, and the first `maxChannels` are kept
 * here, which gives the same samples as selecting them with a pan filter.
 * The run reports its own input summary and channel count, so the file is
 * not probed in a separate ffmpeg run first.
 */
async function runDecoder(
  path: string,
  filename: string,
  maxChannels: number,
  receiver: PcmReceiver,
  probe?: AudioProbe,
): Promise<{ channels: number; frames: number }> {
  const args = [
    '-hide_banner', '-nostdin', '-nostats', '-v', 'level+info',
    '-i', path,
    '-map', '0:a:0', '-vn',
    '-ar', String(DECODE_SAMPLE_RATE),
    '-f', 'wav', '-acodec', 'pcm_f32le',
    'pipe:1',
  ];
  const wav = new WavStreamReader();
  let summary = '';
  let deinterleaver: PcmDeinterleaver | undefined;
  let channels = 0;
  let waiting: Buffer[] = [];
  let failure: unknown;

  // Samples wait until the WAV header (channel count) and the input summary (duration) have both arrived.
  const begin = (summaryComplete: boolean): void => {
    if (deinterleaver || !wav.header || !summaryComplete) return;
    channels = Math.min(wav.header.channels, maxChannels);
    receiver.start?.({ channels, expectedMs: probe?.durationMs ?? summaryDurationMs(summary) });
    deinterleaver = new PcmDeinterleaver(wav.header.channels, channels);
    for (const bytes of waiting) deliver(bytes);
    waiting = [];
  };
  const deliver = (bytes: Buffer): void => {
    const chunk = deinterleaver!.push(bytes);
    if (chunk) receiver.data(chunk);
  };
  const summaryComplete = (): boolean => probe !== undefined || isInputSummaryComplete(summary);
  // A failure of the receiver or of the WAV stream stops ffmpeg, and runDecoder rejects with it.
  const guard = (work: () => void): boolean => {
    try {
      work();
      return true;
    } catch (error) {
      failure = error;
      return false;
    }
  };
  const readWav = (chunk: Buffer): Buffer => {
    try {
      return wav.push(chunk);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CallscoreError('CS_ERR_AUDIO_DECODE_FAILED', { filename, reason }, { cause: error });
    }
  };

  const { code, stderr } = await runFfmpeg(args, filename, {
    stdout: (chunk) =>
      guard(() => {
        const bytes = readWav(chunk);
        if (deinterleaver) deliver(bytes);
        else if (bytes.length > 0) waiting.push(bytes);
        begin(summaryComplete());
      }),
    stderr: (text) =>
      guard(() => {
        // The summary keeps growing after samples start, because with a probe the WAV header can start them before ffmpeg prints it.
        if (summary.length >= MAX_SUMMARY_CHARS) return;
        summary += text;
        begin(summaryComplete());
      }),
  });
  if (failure !== undefined) throw failure;

  if (/No such file or directory/.test(summary + stderr)) {
    throw new CallscoreError('CS_ERR_AUDIO_DECODE_FAILED', { filename, reason: 'the file does not exist' });
  }
  // A WAV header on stdout means ffmpeg mapped an audio stream, whatever part of the summary arrived.
  if (!wav.header && !hasAudioStream(summary)) {
    throw new CallscoreError('CS_ERR_AUDIO_UNSUPPORTED', { filename, detected: describeNonAudio(summary) });
  }
  if (code !== 0) {
    throw new CallscoreError('CS_ERR_AUDIO_DECODE_FAILED', {
      filename,
      reason: lastErrorLine(stderr) || `ffmpeg exited with status ${code}`,
    });
  }
  // ffmpeg exited cleanly, so everything it printed has arrived, and a run without samples starts the receiver here.
  if (!guard(() => begin(true))) throw failure;
  if (!deinterleaver) throw new CallscoreError('CS_ERR_AUDIO_EMPTY', { filename });
  return { channels, frames: deinterleaver.frames };
}

/**
 * Splits interleaved PCM bytes that arrive in chunks of any size into one
 * array per kept channel: the first `keptChannels` of every frame of
 * `streamChannels` samples.
 */
class PcmDeinterleaver {
  frames = 0;
  private leftover: Buffer = Buffer.alloc(0);

  constructor(
    private readonly streamChannels: number,
    private readonly keptChannels: number,
  ) {}

  /** Returns the whole frames of `chunk` and any bytes kept from the last call, or null when there is no whole frame yet. */
  push(chunk: Buffer): Float32Array[] | null {
    const bytes = this.leftover.length > 0 ? Buffer.concat([this.leftover, chunk]) : chunk;
    const frameBytes = BYTES_PER_SAMPLE * this.streamChannels;
    const frames = Math.floor(bytes.length / frameBytes);
    this.leftover = Buffer.from(bytes.subarray(frames * frameBytes));
    if (frames === 0) return null;

    // Copying into a fresh ArrayBuffer aligns the samples for a Float32Array view.
    const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + frames * frameBytes);
    // WAV samples are little-endian, so a big-endian host swaps their bytes in place first.
    if (!LITTLE_ENDIAN_HOST) Buffer.from(copy).swap32();
    const samples = new Float32Array(copy);
    this.frames += frames;
    if (this.streamChannels === 1) return [samples];

    // Stereo gets its own loop, which took 5 ms instead of 25 ms per minute of audio in a fresh process.
    if (this.streamChannels === 2 && this.keptChannels === 2) {
      const left = new Float32Array(frames);
      const right = new Float32Array(frames);
      for (let frame = 0; frame < frames; frame++) {
        left[frame] = samples[2 * frame]!;
        right[frame] = samples[2 * frame + 1]!;
      }
      return [left, right];
    }
    const channels = Array.from({ length: this.keptChannels }, () => new Float32Array(frames));
    for (let frame = 0; frame < frames; frame++) {
      for (let channel = 0; channel < this.keptChannels; channel++) {
        channels[channel]![frame] = samples[frame * this.streamChannels + channel]!;
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
  /** The last STDERR_TAIL_CHARS characters ffmpeg printed. */
  stderr: string;
}

/** Callbacks for ffmpeg's output as it arrives; ffmpeg is killed as soon as one returns false. */
interface FfmpegListeners {
  stdout(chunk: Buffer): boolean;
  stderr(text: string): boolean;
}

function runFfmpeg(args: string[], filename: string, listeners: FfmpegListeners): Promise<FfmpegRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stopped = false;
    const stop = (): void => {
      if (stopped) return;
      stopped = true;
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      child.kill('SIGKILL');
    };

    child.stdout.on('data', (chunk: Buffer) => {
      if (!listeners.stdout(chunk)) stop();
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr = (stderr + text).slice(-STDERR_TAIL_CHARS);
      if (!stopped && !listeners.stderr(text)) stop();
    });
    child.on('error', (error) => {
      reject(new CallscoreError('CS_ERR_AUDIO_DECODE_FAILED', { filename, reason: `ffmpeg could not start: ${error.message}` }, { cause: error }));
    });
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}
