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
 * Silero VAD v5 as shipped by @ricky0123/vad-web. sherpa-onnx 1.13.8 loads
 * this file and detects speech with it, as tests/asr-transcribe.test.ts checks.
 */
export const SILERO_VAD_MODEL_PATH: string = require.resolve('@ricky0123/vad-web/dist/silero_vad_v5.onnx');

/** VAD tuning, with durations in seconds. */
export const VAD_SETTINGS = {
  threshold: 0.5,
  /** Silence that ends a segment. */
  minSilenceDuration: 0.5,
  minSpeechDuration: 0.25,
  /** Speech longer than this is cut into several segments. */
  maxSpeechDuration: 20,
  /** Silero v5 takes 512-sample windows at 16 kHz. */
  windowSize: 512,
} as const;

// The VAD's internal buffer only has to hold the longest segment plus some slack.
const BUFFER_SECONDS = VAD_SETTINGS.maxSpeechDuration + 10;

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
    if (this.pendingLength > 0) this.feed(this.pending.subarray(0, this.pendingLength));
    this.pendingLength = 0;
    this.vad.flush();
    this.drain();
  }

  private feed(window: Float32Array): void {
    this.vad.acceptWaveform(window);
    this.drain();
  }

  private drain(): void {
    while (!this.vad.isEmpty()) {
      // Copy the samples into JS memory, so they outlive pop().
      const segment = this.vad.front(false);
      this.vad.pop();
      this.onSegment(segment);
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
