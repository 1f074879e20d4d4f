/**
 * Character-level folding, the first normalisation step: full-width forms to
 * half-width, typographic quotes to ASCII, Latin capitals to lower case and
 * Traditional Chinese to Simplified. Characters map one to one wherever the
 * converter allows, so most turns keep the identity offset map.
 */

import { Converter } from 'opencc-js/t2cn';

import { applyEdits, identityMapped } from './text-edits.js';
import type { MappedText, TextEdit } from './text-edits.js';

const FOLDABLE = /[\uFF01-\uFF5E\u3000A-Z\u00C0-\u00D6\u00D8-\u00DE\u2018\u2019\u201C\u201D]/g;
const HAN = /[\u3400-\u9FFF]/;

// OpenCC's "t" source set also converts common Taiwan and Hong Kong variants
// such as 裡 and 綫 (checked with opencc-js 1.4.2).
const toSimplified = Converter({ from: 't', to: 'cn' });

function foldCharacter(character: string): string {
  const code = character.charCodeAt(0);
  if (code === 0x3000) {
    return ' ';
  }
  if (code >= 0xff01 && code <= 0xff5e) {
    return String.fromCharCode(code - 0xfee0).toLowerCase();
  }
  if (code === 0x2018 || code === 0x2019) {
    return "'";
  }
  if (code === 0x201c || code === 0x201d) {
    return '"';
  }
  return character.toLowerCase();
}

/** Folds width, quotes and case. The result has the same length as the input. */
export function foldCharacters(text: string): string {
  FOLDABLE.lastIndex = 0;
  return FOLDABLE.test(text) ? text.replace(FOLDABLE, foldCharacter) : text;
}

/**
 * Converts Traditional characters to Simplified. OpenCC converts some phrases
 * as a whole; when that changes the length, each code point is converted on
 * its own so that offsets stay exact.
 */
export function convertToSimplified(source: MappedText): MappedText {
  if (!HAN.test(source.text)) {
    return source;
  }
  const converted = toSimplified(source.text);
  if (converted === source.text) {
    return source;
  }
  if (converted.length === source.text.length) {
    return { ...source, text: converted };
  }

  const edits: TextEdit[] = [];
  let index = 0;
  for (const character of source.text) {
    const replacement = toSimplified(character);
    if (replacement !== character) {
      edits.push({ start: index, end: index + character.length, replacement });
    }
    index += character.length;
  }
  return applyEdits(source, edits);
}

/** Runs the character-level folding of an original turn text. */
export function foldScript(original: string): MappedText {
  return convertToSimplified(identityMapped(foldCharacters(original)));
}
