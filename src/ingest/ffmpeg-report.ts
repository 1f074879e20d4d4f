/**
 * Runs the bundled ffmpeg once over a whole file, decoding its first audio
 * stream to the null muxer, and collects what upload validation needs from
 * the log: the container, its streams, the header duration, every error, and
 * the decoded duration. This ffmpeg build (2018) ships no ffprobe, so the
 * log lines are parsed; `-loglevel level+info` marks each with its level.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

import { ffmpegPath } from './ffmpeg.js';

/** One stream of the input as ffmpeg lists it. */
export interface FfmpegStream {
  type: 'Audio' | 'Video' | 'Subtitle' | 'Data' | 'Attachment';
  codec: string;
  /** Sample rate in Hz; audio only. */
  sampleRate: number | null;
  /** Channel count from the channel layout; audio only, null when the layout is unknown. */
  channels: number | null;
}

/** Findings of one ffmpeg decode pass over a file. */
export interface FfmpegDecodeReport {
  /** True when ffmpeg recognised the container and listed the input. */
  opened: boolean;
  /** Container names as ffmpeg prints them, e.g. `mov,mp4,m4a,3gp,3g2,mj2`. */
  formatName: string | null;
  /** Duration from the container header in ms; null when ffmpeg prints N/A. */
  headerDurationMs: number | null;
  /** True when ffmpeg estimated the header duration from the bitrate (no exact length in the file). */
  durationEstimated: boolean;
  streams: FfmpegStream[];
  /** The first error lines, with the context prefix and the file path removed. */
  errors: string[];
  /** Number of error lines, including those not kept in `errors`. */
  errorCount: number;
  /** Duration of the decoded audio in ms, from the final `-progress` report; null when none came. */
  decodedMs: number | null;
  exitCode: number | null;
  /** True when the decode was stopped because it ran past `timeoutMs`. */
  timedOut: boolean;
}

const MAX_KEPT_ERRORS = 10;
const LEVELLED_LINE = /^(?:\[[^\]]{1,80} @ 0x[0-9a-f]{1,16}\] )?\[(\w+)\] (.*)$/;
const CONTEXT_PREFIX = /^\[([^\]]{1,80}) @ 0x[0-9a-f]{1,16}\] /;
const INPUT_LINE = /^Input #0, (.+), from '/;
const DURATION_LINE = /^ {2}Duration: (?:(\d+):(\d{2}):(\d{2}(?:\.\d+)?)|N\/A)/;
const STREAM_LINE = /^ {4}Stream #0:\d+(?:\[0x[0-9a-f]+\])?(?:\([^)]*\))?: (Audio|Video|Subtitle|Data|Attachment): (.*)$/;
// Lines that ffmpeg logs at error level but that only describe the output
// having no stream, which `opened` and `streams` already show.
const OUTPUT_ONLY_ERRORS = [/^Output file #0 does not contain any stream/, /^Stream map '.*' matches no streams/];

// Channel layout names that do not state their count as "N channels" or "X.Y".
const NAMED_LAYOUTS: Record<string, number> = {
  mono: 1,
  stereo: 2,
  downmix: 2,
  quad: 4,
  hexagonal: 6,
  octagonal: 8,
  hexadecagonal: 16,
};

/** Decodes the first audio stream of `path` to nothing and returns what ffmpeg reported. */
export async function runFfmpegDecode(path: string, timeoutMs: number): Promise<FfmpegDecodeReport> {
  const report: FfmpegDecodeReport = {
    opened: false,
    formatName: null,
    headerDurationMs: null,
    durationEstimated: false,
    streams: [],
    errors: [],
    errorCount: 0,
    decodedMs: null,
    exitCode: null,
    timedOut: false,
  };

  const child = spawn(
    ffmpegPath,
    ['-hide_banner', '-nostdin', '-loglevel', 'level+info', '-i', path, '-map', '0:a:0?', '-vn', '-sn', '-dn', '-f', 'null', '-progress', 'pipe:1', '-'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const timer = setTimeout(() => {
    report.timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);

  let inInputSection = true;
  const stderrDone = forEachLine(child.stderr, (line) => {
    const levelled = LEVELLED_LINE.exec(line);
    if (levelled === null) {
      return;
    }
    const [, level, message] = levelled as unknown as [string, string, string];

    if (level === 'error' || level === 'fatal' || level === 'panic') {
      recordError(report, cleanErrorLine(line, message, path));
      return;
    }
    if (message.startsWith('Stream mapping:') || message.startsWith('Output #0')) {
      inInputSection = false;
    }
    if (inInputSection) {
      readInputLine(report, message);
    }
  });

  let progressTimeUs: number | null = null;
  const stdoutDone = forEachLine(child.stdout, (line) => {
    const [key, value] = line.split('=', 2);
    if ((key === 'out_time_us' || key === 'out_time_ms') && value !== undefined && /^\d+$/.test(value)) {
      // In this build both keys carry microseconds.
      progressTimeUs = Number(value);
    }
  });

  try {
    report.exitCode = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) => resolve(code));
    });
    await Promise.all([stderrDone, stdoutDone]);
  } finally {
    clearTimeout(timer);
  }

  report.decodedMs = progressTimeUs === null ? null : Math.round(progressTimeUs / 1000);
  return report;
}

function readInputLine(report: FfmpegDecodeReport, message: string): void {
  const input = INPUT_LINE.exec(message);
  if (input !== null) {
    report.opened = true;
    report.formatName = input[1]!;
    return;
  }
  if (message.includes('Estimating duration from bitrate')) {
    report.durationEstimated = true;
    return;
  }

  const duration = DURATION_LINE.exec(message);
  if (duration !== null) {
    if (duration[1] !== undefined) {
      const seconds = Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3]);
      report.headerDurationMs = Math.round(seconds * 1000);
    }
    return;
  }

  const stream = STREAM_LINE.exec(message);
  if (stream !== null) {
    report.streams.push(parseStream(stream[1] as FfmpegStream['type'], stream[2]!));
  }
}

// Audio stream details read like "aac (LC) (mp4a / 0x6134706D), 44100 Hz, mono, fltp, 74 kb/s".
function parseStream(type: FfmpegStream['type'], details: string): FfmpegStream {
  const codec = /^[\w-]+/.exec(details)?.[0] ?? 'unknown';
  if (type !== 'Audio') {
    return { type, codec, sampleRate: null, channels: null };
  }
  const rate = /, (\d+) Hz, ([^,]+)/.exec(details);
  return {
    type,
    codec,
    sampleRate: rate === null ? null : Number(rate[1]),
    channels: rate === null ? null : channelCount(rate[2]!.trim()),
  };
}

function channelCount(layout: string): number | null {
  const named = NAMED_LAYOUTS[layout];
  if (named !== undefined) {
    return named;
  }
  const counted = /^(\d+) channels/.exec(layout);
  if (counted !== null) {
    return Number(counted[1]);
  }
  // "5.1", "7.1(wide)": full-range channels plus LFE channels.
  const dotted = /^(\d+)\.(\d+)/.exec(layout);
  return dotted === null ? null : Number(dotted[1]) + Number(dotted[2]);
}

function recordError(report: FfmpegDecodeReport, message: string): void {
  if (OUTPUT_ONLY_ERRORS.some((pattern) => pattern.test(message))) {
    return;
  }
  report.errorCount += 1;
  if (report.errors.length < MAX_KEPT_ERRORS) {
    report.errors.push(message);
  }
}

function cleanErrorLine(line: string, message: string, path: string): string {
  const context = CONTEXT_PREFIX.exec(line)?.[1];
  const withoutPath = message.split(path).join('input');
  return context === undefined ? withoutPath : `${context}: ${withoutPath}`;
}

async function forEachLine(stream: NodeJS.ReadableStream, onLine: (line: string) => void): Promise<void> {
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  for await (const line of lines) {
    onLine(line);
  }
}
