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
import { decodeEscapedBytes, escapedTokensFile } from './whisper-tokens.js';

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

// SenseVoice and Paraformer take 80 fbank bins, stacked 7 frames into each 560-value input. sherpa-onnx
// ignores this for Whisper: it takes the bin count from the encoder's n_mels metadata, so large-v3 and
// turbo get 128 bins (tests/asr-engines.test.ts runs a 128-bin fixture encoder that rejects 80).
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

// Whisper recognizers loaded with an escaped tokens file, whose text needs decodeEscapedBytes.
const escapedRecognizers = new WeakSet<OfflineRecognizer>();

/**
 * Creates a recognizer for `spec`. A Whisper model loads a copy of its
 * tokens file with byte-fragment tokens escaped (see whisper-tokens.ts).
 * NOTE: all three engines have run in sherpa-onnx-node 1.13.8, but only on
 * the generated fixture models in tests/fixtures/models (SenseVoice,
 * Paraformer, Whisper with 80 and 128 mel bins). No real weights have been
 * loaded, so accuracy, speed and real token tables remain untested.
 */
export function createRecognizer(spec: RecognizerSpec): OfflineRecognizer {
  if (spec.engine !== 'whisper') return new sherpa.OfflineRecognizer(recognizerConfig(spec));

  const tokensPath = escapedTokensFile(spec.tokensPath);
  const recognizer = new sherpa.OfflineRecognizer(recognizerConfig({ ...spec, tokensPath }));
  if (tokensPath !== spec.tokensPath) escapedRecognizers.add(recognizer);
  return recognizer;
}

/** Recognizes one segment of 16 kHz samples and returns its trimmed text. */
export function recognizeSegment(recognizer: OfflineRecognizer, samples: Float32Array): string {
  const stream = recognizer.createStream();
  stream.acceptWaveform({ samples, sampleRate: DECODE_SAMPLE_RATE });
  recognizer.decode(stream);
  const text = recognizer.getResult(stream).text;
  return (escapedRecognizers.has(recognizer) ? decodeEscapedBytes(text) : text).trim();
}
