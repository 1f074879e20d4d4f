/**
 * Finds the speech segments of one channel with Silero VAD through
 * sherpa-onnx. Each segment is later recognized on its own and becomes one
 * utterance.
 */
import { createRequire } from 'node:module';
import { DECODE_SAMPLE_RATE } from '../ingest/decode.js';
import { sherpa, type VadSegment } from './sherpa.js';

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

/** Runs the VAD over one channel of 16 kHz samples and returns its speech segments in time order. */
export function detectSpeech(samples: Float32Array, threads: number): VadSegment[] {
  const vad = new sherpa.Vad(
    {
      sileroVad: { model: SILERO_VAD_MODEL_PATH, ...VAD_SETTINGS },
      sampleRate: DECODE_SAMPLE_RATE,
      numThreads: threads,
      provider: 'cpu',
      debug: 0,
    },
    BUFFER_SECONDS,
  );
  const segments: VadSegment[] = [];
  const drain = (): void => {
    while (!vad.isEmpty()) {
      // Copy the samples into JS memory, so they outlive pop().
      segments.push(vad.front(false));
      vad.pop();
    }
  };

  for (let offset = 0; offset < samples.length; offset += VAD_SETTINGS.windowSize) {
    vad.acceptWaveform(samples.subarray(offset, offset + VAD_SETTINGS.windowSize));
    drain();
  }
  vad.flush();
  drain();
  return segments;
}
