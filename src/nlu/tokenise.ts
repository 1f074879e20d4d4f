/**
 * Splits normalised text into tokens: Chinese runs are segmented with jieba
 * (default dictionary, loaded once on first use), Latin words, numbers and
 * symbols are split by a regular expression. Mixed sentences keep their
 * English words whole. Offsets refer to the normalised text.
 */

import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/** Script class of a token. */
export type TokenKind = 'han' | 'latin' | 'number' | 'symbol';

/** One token of normalised text; `end` is exclusive. */
export interface Token {
  text: string;
  start: number;
  end: number;
  kind: TokenKind;
}

const RUN = /([\u3400-\u9fff]+)|([a-z]+(?:['-][a-z]+)*)|(\d+(?:[.:]\d+)*%?)|(\S)/g;

let segmenter: Jieba | null = null;

function getSegmenter(): Jieba {
  // Loading the default dictionary takes a noticeable part of a second, so it happens once per process.
  segmenter ??= Jieba.withDict(dict);
  return segmenter;
}

function pushHanWords(tokens: Token[], run: string, runStart: number): void {
  let offset = runStart;
  for (const word of getSegmenter().cut(run, true)) {
    tokens.push({ text: word, start: offset, end: offset + word.length, kind: 'han' });
    offset += word.length;
  }
}

/** Tokenises normalised text; whitespace is dropped. */
export function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  RUN.lastIndex = 0;
  for (let match = RUN.exec(text); match !== null; match = RUN.exec(text)) {
    const start = match.index;
    const end = start + match[0].length;
    if (match[1] !== undefined) {
      pushHanWords(tokens, match[1], start);
    } else if (match[2] !== undefined) {
      tokens.push({ text: match[2], start, end, kind: 'latin' });
    } else if (match[3] !== undefined) {
      tokens.push({ text: match[3], start, end, kind: 'number' });
    } else {
      tokens.push({ text: match[0], start, end, kind: 'symbol' });
    }
  }
  return tokens;
}
