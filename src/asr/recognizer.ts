/**
 * Loads a SenseVoice model into a sherpa-onnx offline recognizer and turns
 * one speech segment into text.
 */
import type { CallLanguage } from '../domain/transcript.js';
import { DECODE_SAMPLE_RATE } from '../ingest/decode.js';
import { sherpa, type OfflineRecognizer } from './sherpa.js';

/** Files of a SenseVoice model. */
export interface SenseVoiceFiles {
  modelPath: string;
  tokensPath: string;
}

// SenseVoice stacks 7 frames of 80 fbank bins into each 560-value input frame.
const FEATURE_DIM = 80;

/**
 * Creates a recognizer for a SenseVoice model with inverse text normalization
 * on, so numbers and punctuation come out written. `language` auto lets the
 * model pick per segment, which suits Mandarin-English code switching.
 */
export function createSenseVoiceRecognizer(files: SenseVoiceFiles, language: CallLanguage, threads: number): OfflineRecognizer {
  return new sherpa.OfflineRecognizer({
    featConfig: { sampleRate: DECODE_SAMPLE_RATE, featureDim: FEATURE_DIM },
    modelConfig: {
      senseVoice: { model: files.modelPath, language, useInverseTextNormalization: 1 },
      tokens: files.tokensPath,
      numThreads: threads,
      provider: 'cpu',
      debug: 0,
    },
  });
}

/** Recognizes one segment of 16 kHz samples and returns its trimmed text. */
export function recognizeSegment(recognizer: OfflineRecognizer, samples: Float32Array): string {
  const stream = recognizer.createStream();
  stream.acceptWaveform({ samples, sampleRate: DECODE_SAMPLE_RATE });
  recognizer.decode(stream);
  return recognizer.getResult(stream).text.trim();
}
