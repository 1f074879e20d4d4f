/**
 * Validates a stored upload as audio before any call row exists: it must be
 * audio, complete, and contain samples. Decoding to PCM for recognition is
 * done elsewhere. This stage only decodes to the null muxer to find errors.
 */
import { stat } from 'node:fs/promises';

import { CallscoreError } from '../errors/registry.js';
import { describeContent, identifyNonAudio, looksLikeText, readHead, sniffAudioContainer } from './detect.js';
import { runFfmpegDecode } from './ffmpeg-report.js';
import type { FfmpegDecodeReport, FfmpegStream } from './ffmpeg-report.js';
import { displayFilename } from './filename.js';
import { checkContainerStructure } from './integrity/index.js';
import { reasonParams } from './reason.js';
import type { Reason } from './reason.js';
import type { AudioProbe } from './types.js';

/** Options of `probeAudio`. */
export interface ProbeOptions {
  /** Maximum time in ms for the ffmpeg decode pass before it is killed. Default 300000. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 300_000;

// Encoder delay and padding make the decoded length differ slightly from the
// header: 40 ms on a 5 s mp3 from the bundled ffmpeg, and AAC priming is 1024
// samples (23 ms at 44.1 kHz). So a shortfall counts as truncation only above
// 500 ms and above 2 % of the header duration.
const MIN_SHORTFALL_MS = 500;
const MIN_SHORTFALL_RATIO = 0.02;

/**
 * Probes the audio file at `path` and resolves to its format, codec, channel
 * count, sample rate and decoded duration. `filename` is the name the user
 * uploaded, used only in messages. Rejects with:
 * - CS_ERR_FILE_EMPTY for a 0-byte file;
 * - CS_ERR_AUDIO_UNSUPPORTED when the file is not audio, naming what it is;
 * - CS_ERR_AUDIO_TRUNCATED when the container structure is cut short, the
 *   decoder reports an error, or fewer samples decode than the header declares;
 * - CS_ERR_AUDIO_EMPTY when the audio decodes to no samples.
 * A decode that runs past `timeoutMs` rejects with a plain Error, because
 * that is a server fault rather than a problem the user can fix.
 * Formats beyond wav, mp3, m4a, amr, ogg and webm pass when ffmpeg decodes
 * them, without the container structure check.
 */
export async function probeAudio(path: string, filename: string, options: ProbeOptions = {}): Promise<AudioProbe> {
  const displayedName = displayFilename(filename);
  const { size } = await stat(path);
  if (size === 0) {
    throw new CallscoreError('CS_ERR_FILE_EMPTY', { filename: displayedName });
  }

  const head = await readHead(path);
  const container = sniffAudioContainer(head);
  const [report, structureProblem] = await Promise.all([
    runFfmpegDecode(path, options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    container === null ? Promise.resolve(null) : checkContainerStructure(path, container),
  ]);
  if (report.timedOut) {
    throw new Error(`ffmpeg decoding of ${path} timed out after ${options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`);
  }

  if (!report.opened) {
    if (container === null) {
      throw unsupported(displayedName, describeContent(head));
    }
    throw truncated(displayedName, structureProblem ?? unreadableContainer(report));
  }

  const audio = report.streams.find((stream) => stream.type === 'Audio');
  if (audio === undefined) {
    throw unsupported(displayedName, describeWithoutAudio(head, report.streams));
  }

  const problem = structureProblem ?? decodeProblem(report);
  if (problem !== null) {
    throw truncated(displayedName, problem);
  }
  if (report.decodedMs === null || report.decodedMs <= 0) {
    throw new CallscoreError('CS_ERR_AUDIO_EMPTY', { filename: displayedName });
  }

  const shortfall = durationShortfall(report, report.decodedMs);
  if (shortfall !== null) {
    throw truncated(displayedName, shortfall);
  }

  return {
    format: container ?? report.formatName?.split(',')[0] ?? 'unknown',
    codec: audio.codec,
    // A layout name that the parser does not know counts as 1 channel.
    channels: audio.channels ?? 1,
    sampleRate: audio.sampleRate ?? 0,
    durationMs: report.decodedMs,
  };
}

function decodeProblem(report: FfmpegDecodeReport): Reason | null {
  const firstError = report.errors[0];
  if (firstError !== undefined) {
    const more = report.errorCount > 1 ? ` (and ${report.errorCount - 1} more)` : '';
    const moreZh = report.errorCount > 1 ? `（另有 ${report.errorCount - 1} 处）` : '';
    return { en: `decoding failed: ${firstError}${more}`, zh: `解码出错：${firstError}${moreZh}` };
  }
  if (report.exitCode !== 0) {
    return {
      en: `ffmpeg stopped decoding with exit code ${report.exitCode ?? 'none'}`,
      zh: `ffmpeg 解码异常退出（退出码 ${report.exitCode ?? '无'}）`,
    };
  }
  return null;
}

// Compares the decoded length with the container's declared length. Skipped
// when ffmpeg estimated the header duration from the bitrate, because that
// estimate is itself derived from the bytes present.
function durationShortfall(report: FfmpegDecodeReport, decodedMs: number): Reason | null {
  // NOTE: the header duration covers every stream, so a video file whose audio
  // track ends well before its video is reported as truncated.
  const headerMs = report.headerDurationMs;
  if (headerMs === null || report.durationEstimated) {
    return null;
  }
  const shortfallMs = headerMs - decodedMs;
  if (shortfallMs <= MIN_SHORTFALL_MS || shortfallMs <= headerMs * MIN_SHORTFALL_RATIO) {
    return null;
  }
  const decoded = (decodedMs / 1000).toFixed(2);
  const declared = (headerMs / 1000).toFixed(2);
  return {
    en: `only ${decoded} s of the ${declared} s declared in the header could be decoded`,
    zh: `文件头声明时长 ${declared} 秒，但只能解码出 ${decoded} 秒`,
  };
}

function unreadableContainer(report: FfmpegDecodeReport): Reason {
  const detail = report.errors[0] ?? `exit code ${report.exitCode ?? 'none'}`;
  return {
    en: `ffmpeg cannot read the container (${detail})`,
    zh: `ffmpeg 无法读取文件结构（${detail}）`,
  };
}

// Names what the file is when ffmpeg opened it but found no audio stream:
// a known image or document type, text, a video, or the container.
function describeWithoutAudio(head: Buffer, streams: FfmpegStream[]): Reason {
  const known = identifyNonAudio(head);
  if (known !== null) {
    return known;
  }
  if (looksLikeText(head)) {
    return describeContent(head);
  }
  const video = streams.find((stream) => stream.type === 'Video');
  const content = video === undefined ? describeContent(head) : { en: `video (${video.codec})`, zh: `视频（${video.codec}）` };
  return { en: `${content.en} with no audio stream`, zh: `${content.zh}，不含音频流` };
}

function unsupported(filename: string, detected: Reason): CallscoreError {
  return new CallscoreError('CS_ERR_AUDIO_UNSUPPORTED', { filename, ...reasonParams(detected, 'detected') });
}

function truncated(filename: string, reason: Reason): CallscoreError {
  return new CallscoreError('CS_ERR_AUDIO_TRUNCATED', { filename, ...reasonParams(reason) });
}
