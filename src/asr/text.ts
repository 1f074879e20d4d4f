/**
 * Cleans the text of one recognized segment before it becomes a turn:
 * Traditional characters to Simplified, numbers as digits for models without
 * inverse text normalisation (ITN), and sentence-final punctuation for models
 * that emit none. Latin words of mixed Mandarin-English speech pass through
 * unchanged. Detector normalisation (src/nlu) still runs later on the stored
 * text, so this step only shapes what users read.
 */
import { findChineseNumeralEdits } from '../nlu/chinese-numerals.js';
import { findEnglishNumeralEdits } from '../nlu/english-numerals.js';
import { convertToSimplified } from '../nlu/script-fold.js';
import { applyEdits, identityMapped } from '../nlu/text-edits.js';

/** Output properties of a model, so the steps it already does are skipped. */
export interface TextCapabilities {
  /** The model writes numbers as digits (SenseVoice with ITN on). */
  writesDigits: boolean;
  /** The model punctuates (SenseVoice with ITN on, Whisper). */
  punctuates: boolean;
}

/** Options of `polishSegmentText`. */
export interface PolishOptions extends TextCapabilities {
  /** Restores punctuation with a real model when one is loaded; the rule-based fallback runs otherwise. */
  punctuator?: (text: string) => string;
}

const HAN = /\p{Script=Han}/u;
const ANY_PUNCTUATION = /[，。？！、；：,.?!;:]/;
const LATIN_LOWER = /[a-z]/;

// Sentence-final particles and question words that end a Mandarin question. 吧 is left out, because it more often ends a suggestion.
const ZH_QUESTION = /(?:吗|呢|什么|怎么样|为什么|多少|哪里|哪儿|几个|是不是|有没有|能不能|可不可以|对不对|好不好)$/;
const EN_QUESTION_START = /^(?:what|why|how|when|where|who|which|do|does|did|is|are|was|were|can|could|would|will|should|shall|may|have|has)\b/i;

/**
 * Returns the text of one segment as users should read it: trimmed, in
 * Simplified Chinese, with numbers as digits and with punctuation, doing
 * only the steps the model does not do itself.
 */
export function polishSegmentText(text: string, options: PolishOptions): string {
  let polished = text.trim();
  if (polished === '') return polished;

  polished = convertToSimplified(identityMapped(polished)).text;
  if (!options.writesDigits) polished = writeNumbersAsDigits(polished);
  if (!options.punctuates && !ANY_PUNCTUATION.test(polished)) {
    polished = options.punctuator ? options.punctuator(polished) : punctuateByRule(polished);
  }
  return polished;
}

/** Rewrites Chinese and English quantity numerals as digits with the detector's numeral rules (十五分钟 -> 15分钟). */
export function writeNumbersAsDigits(text: string): string {
  let mapped = identityMapped(text);
  if (HAN.test(mapped.text)) mapped = applyEdits(mapped, findChineseNumeralEdits(mapped.text));
  // The English rules match lower-case words, so capitalised number words stay as written.
  if (LATIN_LOWER.test(mapped.text)) mapped = applyEdits(mapped, findEnglishNumeralEdits(mapped.text));
  return mapped.text;
}

/**
 * Ends an unpunctuated segment with a full stop or a question mark, in the
 * width of the script it ends in. A VAD segment is about one sentence, so
 * the end of the segment is the end of the sentence.
 * NOTE: this adds no commas inside a long segment. A punctuation model
 * (sherpa-onnx OfflinePunctuation with a CT-Transformer) would, but its
 * loader in punctuation.ts is untested because no such model is present.
 */
export function punctuateByRule(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;

  const lastCharacter = trimmed.at(-1)!;
  if (HAN.test(lastCharacter)) {
    return `${trimmed}${ZH_QUESTION.test(trimmed) ? '？' : '。'}`;
  }
  const lastClause = trimmed.split(/[\p{Script=Han}]+/u).filter((part) => part.trim() !== '').at(-1)?.trim() ?? trimmed;
  return `${trimmed}${EN_QUESTION_START.test(lastClause) ? '?' : '.'}`;
}
