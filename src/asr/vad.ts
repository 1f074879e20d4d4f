/**
 * Finds the speech segments of one channel with Silero VAD through
 * sherpa-onnx. Each segment is later recognized on its own and becomes one
 * utterance.
 */
import { createRequire } from 'node:module';
import { DECODE_SAMPLE_RATE } from '../ingest/decode.js';
import { sherpa, type Vad, type VadSegment } from './sherpa.js';

const require = createRequire(import.meta.url);

/**
 * Silero VAD v4 ("legacy") as shipped by @ricky0123/vad-web. sherpa-onnx
 * 1.13.8 takes only 512-sample windows from v5, but 1024 from v4, which
 * needs about 45% less CPU time per second of speech. v4 also loads in
 * under half the time (docs/benchmarks.md, `npx tsx bench/vad.ts`).
 */
export const SILERO_VAD_MODEL_PATH: string = require.resolve('@ricky0123/vad-web/dist/silero_vad_legacy.onnx');

/** VAD tuning, with durations in seconds. */
export const VAD_SETTINGS = {
  threshold: 0.5,
  /** Silence that ends a segment. */
  minSilenceDuration: 0.5,
  /** Shortest speech kept. At 0.25 s a short "No." was lost at some start positions. */
  minSpeechDuration: 0.15,
  /** Speech longer than this is cut into several segments. */
  maxSpeechDuration: 20,
  /**
   * Samples per window at 16 kHz (64 ms). Silero v4 takes 512, 1024 or 1536,
   * but with 1536 the enrolment test lost a short "Right, okay.".
   */
  windowSize: 1024,
} as const;

/**
 * Number of onnxruntime threads of each VAD. A second thread left the wall
 * time the same and nearly doubled the CPU time (docs/benchmarks.md).
 */
export const VAD_THREADS = 1;

/**
 * Windows quieter than this RMS level in dBFS are not passed to the VAD
 * while it is outside speech, which saves most of the VAD's time on the
 * silent half of each channel of a stereo call. The speech gate drops
 * whole segments below -50 dBFS anyway, so no speech it would keep starts
 * this quietly.
 */
export const VAD_SKIP_BELOW_DB = -55;

// Mean square of a window at VAD_SKIP_BELOW_DB.
const SKIP_MEAN_SQUARE = 10 ** (VAD_SKIP_BELOW_DB / 10);

/**
 * Number of quiet windows held back instead of skipped and fed to the VAD
 * just before the window that ends a skip. Fed an onset without the audio
 * before it, v4 lost a short "No." at every start position tried and began
 * "Right, okay." up to 0.6 s late. Each channel starts with as much digital
 * silence fed, so speech at 0 s has a lead-in too.
 */
export const VAD_LEAD_IN_WINDOWS = 2;

// The VAD's internal buffer only has to hold the longest segment plus some slack.
const BUFFER_SECONDS = VAD_SETTINGS.maxSpeechDuration + 10;
const BUFFER_SAMPLES = BUFFER_SECONDS * DECODE_SAMPLE_RATE;

/** From VAD sample index `fedAt` on, `skipped` samples of the channel were never passed to the VAD. */
interface SkipMark {
  fedAt: number;
  skipped: number;
}

/**
 * Streaming speech detection over one channel: takes 16 kHz samples in
 * chunks of any length and reports each speech segment as soon as the VAD
 * closes it. Memory is bounded by the VAD buffer, not by the call length.
 */
export class SpeechDetector {
  private readonly vad: Vad;
  // Samples that did not fill a whole VAD window yet.
  private readonly pending = new Float32Array(VAD_SETTINGS.windowSize);
  private pendingLength = 0;
  // Samples passed to the VAD, and the marks that map its sample indexes back to the channel's.
  private fed = 0;
  private skipped = 0;
  private readonly skipMarks: SkipMark[] = [];
  // The latest quiet windows, not yet skipped, oldest first, in a ring of VAD_LEAD_IN_WINDOWS.
  private readonly leadIn = Array.from({ length: VAD_LEAD_IN_WINDOWS }, () => new Float32Array(VAD_SETTINGS.windowSize));
  private leadInStart = 0;
  private leadInCount = 0;

  constructor(
    threads: number,
    private readonly onSegment: (segment: VadSegment) => void,
  ) {
    this.vad = new sherpa.Vad(
      {
        sileroVad: { model: SILERO_VAD_MODEL_PATH, ...VAD_SETTINGS },
        sampleRate: DECODE_SAMPLE_RATE,
        numThreads: threads,
        provider: 'cpu',
        debug: 0,
      },
      BUFFER_SECONDS,
    );
    this.feedPrimer();
  }

  /**
   * Forgets all audio fed so far, so the detector can take a new channel
   * without loading the Silero model again. It then finds the same segments
   * as a new detector would.
   */
  reset(): void {
    this.vad.reset();
    this.pendingLength = 0;
    this.fed = 0;
    this.skipped = 0;
    this.skipMarks.length = 0;
    this.leadInStart = 0;
    this.leadInCount = 0;
    this.feedPrimer();
  }

  // Feeds the silence that comes before the channel's first sample. It is not channel audio, so it
  // counts as minus its length skipped.
  private feedPrimer(): void {
    const silence = new Float32Array(VAD_LEAD_IN_WINDOWS * VAD_SETTINGS.windowSize);
    this.pass(silence);
    this.skip(-silence.length);
  }

  /** Feeds the next samples of the channel. */
  accept(samples: Float32Array): void {
    const size = VAD_SETTINGS.windowSize;
    let offset = 0;
    if (this.pendingLength > 0) {
      const taken = Math.min(size - this.pendingLength, samples.length);
      this.pending.set(samples.subarray(0, taken), this.pendingLength);
      this.pendingLength += taken;
      offset = taken;
      if (this.pendingLength < size) return;
      this.feed(this.pending);
      this.pendingLength = 0;
    }

    for (; offset + size <= samples.length; offset += size) this.feed(samples.subarray(offset, offset + size));
    this.pending.set(samples.subarray(offset));
    this.pendingLength = samples.length - offset;
  }

  /** Feeds the last partial window and reports the segment still open at the end of the audio. */
  finish(): void {
    this.skipLeadIn();
    if (this.pendingLength > 0) this.feed(this.pending.subarray(0, this.pendingLength));
    this.pendingLength = 0;
    this.vad.flush();
    this.drain();
  }

  private feed(window: Float32Array): void {
    if (window.length === VAD_SETTINGS.windowSize && meanSquare(window) < SKIP_MEAN_SQUARE && !this.vad.isDetected()) {
      this.holdBack(window);
      return;
    }
    // The held windows come just before this one, so they go first.
    for (let index = 0; index < this.leadInCount; index++) {
      this.pass(this.leadIn[(this.leadInStart + index) % VAD_LEAD_IN_WINDOWS]!);
    }
    this.leadInCount = 0;
    this.pass(window);
  }

  private pass(window: Float32Array): void {
    this.vad.acceptWaveform(window);
    this.fed += window.length;
    this.drain();
  }

  // Keeps a quiet window as lead-in. The oldest held window, once pushed out, is skipped.
  private holdBack(window: Float32Array): void {
    if (this.leadInCount === VAD_LEAD_IN_WINDOWS) {
      this.skip(window.length);
      this.leadInStart = (this.leadInStart + 1) % VAD_LEAD_IN_WINDOWS;
      this.leadInCount--;
    }
    this.leadIn[(this.leadInStart + this.leadInCount) % VAD_LEAD_IN_WINDOWS]!.set(window);
    this.leadInCount++;
  }

  // Skips the held windows at the end of the audio, because no speech follows them.
  private skipLeadIn(): void {
    for (; this.leadInCount > 0; this.leadInCount--) this.skip(VAD_SETTINGS.windowSize);
    this.leadInStart = 0;
  }

  private skip(samples: number): void {
    this.skipped += samples;
    const last = this.skipMarks.at(-1);
    if (last?.fedAt === this.fed) last.skipped = this.skipped;
    else this.skipMarks.push({ fedAt: this.fed, skipped: this.skipped });

    // A segment never starts before the VAD buffer, so older marks are only needed for their running total.
    while (this.skipMarks.length > 1 && this.skipMarks[1]!.fedAt <= this.fed - BUFFER_SAMPLES) this.skipMarks.shift();
  }

  // The VAD starts a segment about 0.03 s before the speech it detected, and that lead-in may
  // reach back across a skip. Skips never fall inside detected speech, so the last mark before
  // the segment's final sample applies to the whole segment, and the lead-in is placed just
  // before the resumed audio, where the channel was quiet too.
  private channelStart(segment: VadSegment): number {
    const lastSample = segment.start + segment.samples.length - 1;
    let skipped = 0;
    for (const mark of this.skipMarks) {
      if (mark.fedAt > lastSample) break;
      skipped = mark.skipped;
    }
    return segment.start + skipped;
  }

  private drain(): void {
    while (!this.vad.isEmpty()) {
      // Copy the samples into JS memory, so they outlive pop().
      const segment = this.vad.front(false);
      this.vad.pop();
      const start = this.channelStart(segment);
      // A segment that reaches back into the primer loses the samples from before the channel.
      if (start >= 0) {
        this.onSegment({ start, samples: segment.samples });
      } else if (segment.samples.length > -start) {
        this.onSegment({ start: 0, samples: segment.samples.subarray(-start) });
      }
    }
  }
}

/** Runs the VAD over one whole channel of 16 kHz samples and returns its speech segments in time order. */
export function detectSpeech(samples: Float32Array, threads: number): VadSegment[] {
  const segments: VadSegment[] = [];
  const detector = new SpeechDetector(threads, (segment) => segments.push(segment));
  detector.accept(samples);
  detector.finish();
  return segments;
}

function meanSquare(window: Float32Array): number {
  let sum = 0;
  for (const sample of window) sum += sample * sample;
  return sum / window.length;
}
