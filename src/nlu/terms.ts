/**
 * Extracts measurable terms from turns: a quantity with a unit, the metric it
 * bounds and the bound word (不能超过, 至少, within, at least). Requirements
 * come from customer turns and commitments from rep turns that promise.
 */

import type { Comparator, ExtractedTerm, Metric } from '../domain/deal.js';
import { clauseAround, isQuestion, sentenceAround } from './clauses.js';
import { matchMetric } from './metrics.js';
import type { NormalisedText } from './normalise.js';
import { findQuantities } from './units.js';

// Negated forms come first, because 不低于 bounds from below while 低于 alone bounds from above.
const COMPARATOR_CUES: ReadonlyArray<{ comparator: Comparator; pattern: RegExp }> = [
  { comparator: 'gte', pattern: /不低于|不少于|不小于|不能低于|不能少于|不得低于|不得少于|不可低于|\b(?:no less than|not less than|no fewer than)\b/ },
  { comparator: 'lte', pattern: /不能超过|不超过|不得超过|不可超过|不要超过|别超过|不能多于|不多于|不高于|不能高于|不得高于|不大于|不能晚于|不晚于|不得晚于/ },
  {
    comparator: 'lte',
    pattern:
      /最多|最长|至多|顶多|以内|之内|内|以下|低于|少于|之前|以前|前|\b(?:within|at most|no more than|not more than|no later than|not later than|under|less than|maximum|max|up to|by|before|or less|or faster)\b/,
  },
  {
    comparator: 'gte',
    pattern: /至少|以上|最少|起码|最低|高于|超过|达到|\b(?:at least|minimum|min|above|more than|or more|or better|or higher|over)\b/,
  },
];

// "don't exceed" has the word exceed after a negation, so a lone exceed is read as a bound from above only when negated.
const LONE_EXCEED = /\bexceed/;
const NEGATED_EXCEED = /\b(?:not|never|don't|doesn't|can't|cannot|mustn't|shouldn't|won't)\b[^,.;]*\bexceed/;

const STRONG_ASK = /必须|一定要|务必|不能|不得|不可|至少|硬性|底线|红线|要求|\b(?:must|have to|has to|need|needs|require|required|requirement|non-negotiable|at least|at most|no more than|mandatory)\b/;
const FIRM_PROMISE = /保证|承诺|确保|一定|肯定|\b(?:guarantee|guaranteed|commit|promise|definitely|ensure)\b/;
const PROMISE = /保证|承诺|确保|可以|能够|能|会|没问题|做得到|做到|\b(?:guarantee|guaranteed|promise|commit|ensure|we can|we will|we'll|we could|i can|i will|i'll)\b/;

/** Side of the conversation a term is read for: customer requirement or rep commitment. */
export type TermSource = 'requirement' | 'commitment';

/**
 * Extracts the measurable terms of one normalised turn. A rep turn yields a
 * commitment only when it promises (保证, 可以, we will), and never from a
 * question, because a rep asking "15分钟够吗" promises nothing.
 */
export function extractTerms(
  turnIndex: number,
  normalised: NormalisedText,
  source: TermSource,
  extraNames: Map<Metric, string[]>,
): ExtractedTerm[] {
  const text = normalised.text;
  const terms: ExtractedTerm[] = [];

  for (const quantity of findQuantities(text)) {
    const sentence = sentenceAround(text, quantity.start);
    const metric = matchMetric(text, sentence, quantity, extraNames);
    if (metric === null) continue;

    const clause = clauseAround(text, quantity.start);
    const scope = { start: Math.min(clause.start, metric.keywordStart), end: clause.end };
    const scopeText = text.slice(scope.start, scope.end);
    if (source === 'commitment' && (!PROMISE.test(scopeText) || isQuestion(text, clause))) continue;

    const strong = source === 'requirement' ? STRONG_ASK.test(scopeText) : FIRM_PROMISE.test(scopeText);
    const span = normalised.toOriginal(Math.min(sentence.start, scope.start), Math.max(sentence.end, quantity.end));
    terms.push({
      metric: metric.metric,
      comparator: comparatorIn(scopeText) ?? metric.defaultComparator,
      value: metric.value,
      unit: metric.unit,
      turnIndex,
      span,
      text: normalised.original.slice(span.start, span.end).trim(),
      strength: strong ? 2 : 1,
    });
  }
  return dropRepeats(terms);
}

/** Returns the bound that the words of a clause state, or null when they state none. */
export function comparatorIn(clauseText: string): Comparator | null {
  if (LONE_EXCEED.test(clauseText)) return NEGATED_EXCEED.test(clauseText) ? 'lte' : 'gte';
  for (const cue of COMPARATOR_CUES) {
    if (cue.pattern.test(clauseText)) return cue.comparator;
  }
  return null;
}

// One sentence that states the same bound twice ("15分钟，就15分钟") is one term.
function dropRepeats(terms: ExtractedTerm[]): ExtractedTerm[] {
  const seen = new Set<string>();
  return terms.filter((term) => {
    const key = `${term.metric}|${term.comparator}|${term.value}|${term.span.start}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
