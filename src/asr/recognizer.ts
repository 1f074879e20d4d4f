/**
 * Builds sherpa-onnx offline recognizers for the catalogue's speech engines
 * (SenseVoice, Whisper, Paraformer) and turns one speech segment into text.
 */
import type { CallLanguage } from '../domain/transcript.js';
import { DECODE_SAMPLE_RATE } from '../ingest/decode.js';
import type { AsrEngine } from './models/catalog.js';
import { sherpa, type OfflineRecognizer, type OfflineRecognizerConfig } from './sherpa.js';
import type { TextCapabilities } from './text.js';
import type { AsrProvider } from './types.js';

/** Everything needed to load one recognizer. */
export interface RecognizerSpec {
  engine: AsrEngine;
  /** The model file, or the encoder of a Whisper model. */
  modelPath: string;
  /** The decoder of a Whisper model. */
  decoderPath?: string;
  tokensPath: string;
  language: CallLanguage;
  threads: number;
  provider: AsrProvider;
}

// SenseVoice and Paraformer take 80 log-mel bins, and SenseVoice stacks 7 frames into each 560-value input.
// Whisper large-v3 and turbo take 128 bins; whether sherpa-onnx reads that from the model is unverified.
const FEATURE_DIM = 80;

/**
 * Returns the sherpa-onnx config of `spec`. SenseVoice runs with inverse
 * text normalisation on, so numbers and punctuation come out written, and
 * its `auto` language lets the model pick per segment, which suits
 * Mandarin-English code switching. Whisper gets an empty language for
 * `auto`, which makes it detect the language per segment.
 */
export function recognizerConfig(spec: RecognizerSpec): OfflineRecognizerConfig {
  const common = { tokens: spec.tokensPath, numThreads: spec.threads, provider: spec.provider, debug: 0 as const };
  const featConfig = { sampleRate: DECODE_SAMPLE_RATE, featureDim: FEATURE_DIM };

  switch (spec.engine) {
    case 'sense-voice':
      return { featConfig, modelConfig: { ...common, senseVoice: { model: spec.modelPath, language: spec.language, useInverseTextNormalization: 1 } } };
    case 'whisper': {
      const language = spec.language === 'auto' ? '' : spec.language;
      const decoder = spec.decoderPath ?? '';
      return { featConfig, modelConfig: { ...common, whisper: { encoder: spec.modelPath, decoder, language, task: 'transcribe', tailPaddings: -1 } } };
    }
    case 'paraformer':
      return { featConfig, modelConfig: { ...common, paraformer: { model: spec.modelPath } } };
  }
}

/**
 * Returns what the engine's output already contains, so text.ts skips those
 * steps: SenseVoice with ITN and Whisper write digits and punctuation, and
 * Paraformer writes neither.
 */
export function textCapabilities(engine: AsrEngine): TextCapabilities {
  return engine === 'paraformer' ? { writesDigits: false, punctuates: false } : { writesDigits: true, punctuates: true };
}

/**
 * Creates a recognizer for `spec`.
 * NOTE: only the SenseVoice path has run, on the fixture model. The Whisper
 * and Paraformer configs follow the sherpa-onnx-node 1.13.8 typedefs but
 * were never loaded, because no such model is present.
 */
export function createRecognizer(spec: RecognizerSpec): OfflineRecognizer {
  return new sherpa.OfflineRecognizer(recognizerConfig(spec));
}

/** Recognizes one segment of 16 kHz samples and returns its trimmed text. */
export function recognizeSegment(recognizer: OfflineRecognizer, samples: Float32Array): string {
  const stream = recognizer.createStream();
  stream.acceptWaveform({ samples, sampleRate: DECODE_SAMPLE_RATE });
  recognizer.decode(stream);
  return recognizer.getResult(stream).text.trim();
}
