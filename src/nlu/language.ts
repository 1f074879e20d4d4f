/**
 * Guesses the language of one turn from its scripts: Han characters mean
 * Mandarin, Latin words mean English, and a turn with both is mixed.
 */

/** Language of one turn as judged by script. */
export type TurnLanguage = 'zh' | 'en' | 'mixed';

const HAN = /[\u3400-\u9fff]/;
// A Latin word has two or more letters. A lone letter, such as the "a" of "a股"
// or a model suffix, does not make a turn English.
const LATIN_WORD = /[a-zA-Z]{2,}/;

/**
 * Returns `mixed` when the text has both Han characters and Latin words, `zh`
 * when it has Han characters only, and `en` otherwise, including for text
 * with neither script (digits, punctuation, empty).
 */
export function detectLanguage(text: string): TurnLanguage {
  const hasHan = HAN.test(text);
  const hasLatin = LATIN_WORD.test(text);
  if (hasHan) {
    return hasLatin ? 'mixed' : 'zh';
  }
  return 'en';
}
