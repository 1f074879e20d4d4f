/**
 * Clause and sentence boundaries in normalised text, and whether a clause is
 * a question. Detectors use them to scope negation, hedging and conditions to
 * the words that belong together.
 */

import type { Span } from '../domain/pitfalls.js';

// A clause ends at punctuation or before a contrastive conjunction, so that
// "I can't promise everything, but we will..." splits into two clauses. A dot
// between digits (8.5) is not a boundary.
const CLAUSE_BREAK = /[,，、。!?;:…—\n]|\.(?!\d)|\b(?:but|however|although|though)\b|但是|不过|可是|然而/g;
const SENTENCE_BREAK = /[。!?;…\n]|\.(?!\d)/g;

/** The start and end offsets of every match of a break pattern in one text, in text order. */
interface Breaks {
  text: string;
  starts: number[];
  ends: number[];
}

function findBreaks(pattern: RegExp, text: string): Breaks {
  const starts: number[] = [];
  const ends: number[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    starts.push(match.index);
    ends.push(match.index + match[0].length);
  }
  return { text, starts, ends };
}

// Detectors look up many clauses and sentences of one turn in a row, so the breaks of the last text are kept
// per pattern rather than found again. Only one text per pattern is kept, so memory stays flat.
const lastBreaks = new Map<RegExp, Breaks>();

function breaksOf(pattern: RegExp, text: string): Breaks {
  let breaks = lastBreaks.get(pattern);
  if (breaks === undefined || breaks.text !== text) {
    breaks = findBreaks(pattern, text);
    lastBreaks.set(pattern, breaks);
  }
  return breaks;
}

function boundsAround(breaks: Breaks, index: number): Span {
  let start = 0;
  let end = breaks.text.length;
  for (let at = 0; at < breaks.starts.length; at++) {
    const breakStart = breaks.starts[at] as number;
    const breakEnd = breaks.ends[at] as number;
    if (breakEnd <= index) {
      start = breakEnd;
    } else if (breakStart >= index) {
      end = breakStart;
      break;
    }
  }
  return { start, end };
}

/** Returns the clause of the text that contains `index`, without its boundary marks. */
export function clauseAround(text: string, index: number): Span {
  return boundsAround(breaksOf(CLAUSE_BREAK, text), index);
}

/** Returns the sentence of the text that contains `index`, without its final mark. */
export function sentenceAround(text: string, index: number): Span {
  return boundsAround(breaksOf(SENTENCE_BREAK, text), index);
}

const QUESTION_PARTICLE_END = /(?:吗|么|呢|嘛)\s*$/;
// 看看能不能 and 不知道是不是 embed a question in a statement, so they do not count.
const A_NOT_A = /(?<!看看?|问问?|知道|确认|了解|研究)(?:是不是|能不能|可不可以|有没有|要不要|会不会|行不行|对不对|好不好|愿不愿意|方不方便)/;
// A wh-word counts only with an auxiliary after it and no subject pronoun between,
// because "what I can do is..." is a statement.
const ENGLISH_QUESTION_START =
  /^\s*(?:(?:what|how|when|why|who|which|where)(?: (?!i\b|we\b|you\b|they\b|he\b|she\b|it\b)\w+)? (?:do|does|did|is|are|was|were|would|will|can|could|should|has|have)\b|(?:what|how|who|where)'s\b|how (?:many|much|long|often|about)\b|(?:do|does|did|can|could|would|will|is|are|should|shall|have|has|may) (?:i|you|we|they|it|he|she|that|this|there)\b)/;

/**
 * True when the clause ends in a question mark or a question particle, or
 * opens its sentence like an English question. Inside a sentence, "which" or
 * "when" usually start a relative clause, so they do not count there.
 */
export function isQuestion(text: string, clause: Span): boolean {
  if (text[clause.end] === '?') {
    return true;
  }
  const body = text.slice(clause.start, clause.end);
  if (QUESTION_PARTICLE_END.test(body) || A_NOT_A.test(body)) {
    return true;
  }
  return sentenceAround(text, clause.start).start === clause.start && ENGLISH_QUESTION_START.test(body);
}

/** Returns the spans of the first `limit` non-empty sentences of the text, in order. */
export function sentenceSpans(text: string, limit = Number.POSITIVE_INFINITY): Span[] {
  const spans: Span[] = [];
  let cursor = 0;
  while (cursor < text.length && spans.length < limit) {
    const sentence = sentenceAround(text, cursor);
    if (text.slice(sentence.start, sentence.end).trim().length > 0) {
      spans.push(sentence);
    }
    cursor = Math.max(sentence.end + 1, cursor + 1);
  }
  return spans;
}
