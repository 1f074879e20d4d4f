/**
 * Loads sherpa-onnx's offline punctuation model (a CT-Transformer for
 * Mandarin and English) for recognizers that emit unpunctuated text. Without
 * the model, text.ts falls back to sentence-final punctuation by rule.
 */
import { sherpa } from './sherpa.js';

/** Adds punctuation to one segment's text. */
export type Punctuator = (text: string) => string;

/**
 * Creates a punctuator from the CT-Transformer model at `modelPath`.
 * NOTE: untested, because no punctuation model can be downloaded here. The
 * config shape follows the OfflinePunctuationConfig typedef of
 * sherpa-onnx-node 1.13.8.
 */
export function createPunctuator(modelPath: string, threads: number, provider: string): Punctuator {
  const punctuation = new sherpa.OfflinePunctuation({ model: { ctTransformer: modelPath, numThreads: threads, provider, debug: 0 } });
  return (text) => punctuation.addPunct(text);
}
