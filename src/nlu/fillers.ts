/**
 * Finds filler words in folded turn text (嗯, 呃, 那个 used as a pause, um, uh,
 * "you know" between commas) so normalisation can delete them. A filler is
 * removed together with the comma or space that follows it, so the clause
 * around it reads as if the speaker had not paused.
 */

import type { TextEdit } from './text-edits.js';

// Each alternative ends by consuming the trailing pause marks. 那个/这个 count as
// fillers only at a clause start and before a pause or a repeat, because
// elsewhere they are demonstratives (那个方案).
const FILLER = new RegExp(
  [
    '[嗯呃]+[,，、…~\\s]*',
    '(?<=^|[,，。.!?;:\\s])(?:额|啊)+[,，、…]+\\s*',
    '(?<=^|[,，。.!?;:\\s])(?:那个|这个)(?=那个|这个|[,，、…])[,，、…]*\\s*',
    '\\b(?:uh-huh|m+-?h+m+|u+m+|u+h+|e+r+m+|e+r+|h+m+|a+h+)\\b[,.…]*\\s*',
    '(?<=^|[,;]\\s?)(?:you know|i mean|like)(?=\\s*[,.;!?]|$)[,]?\\s*',
  ].join('|'),
  'g',
);

/** Returns deletion edits for every filler in the text, in order. */
export function findFillers(text: string): TextEdit[] {
  const edits: TextEdit[] = [];
  FILLER.lastIndex = 0;
  for (let match = FILLER.exec(text); match !== null; match = FILLER.exec(text)) {
    if (match[0].length === 0) {
      FILLER.lastIndex++;
      continue;
    }
    edits.push({ start: match.index, end: match.index + match[0].length, replacement: '' });
  }
  return edits;
}
