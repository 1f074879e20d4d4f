/**
 * Matches each requirement the customer voiced and each commitment the rep
 * made to the contract clauses of the same metric, and judges it fulfilled,
 * weaker than asked, or missing. The result layer scores these judgements,
 * and a won deal whose key requirement fell short is flagged low intent fulfillment.
 */

import type { CallExtraction, Comparator, ContractClause, DealOutcome, ExtractedTerm, MeasuredTerm } from '../domain/deal.js';

/** Version of the intent and result rules; raise it whenever matching or a formula changes. */
export const INTENT_RESULT_RULES_VERSION = 'ir1';

/** The extraction of one call of a deal. */
export interface CallExtractionInput {
  callId: string;
  extraction: CallExtraction;
}

/** One place in a call where a term was stated. */
export interface TermMention {
  callId: string;
  turnIndex: number;
  text: string;
  span: { start: number; end: number };
}

/** A requirement or commitment of a deal, merged over every call that stated it. */
export interface DealTerm extends MeasuredTerm {
  source: 'requirement' | 'commitment';
  /** The highest strength of any mention: 2 for an insistent ask or a firm promise. */
  strength: 1 | 2;
  mentions: TermMention[];
  /** strength × number of mentions, so an ask raised often and firmly weighs most. */
  weight: number;
  /**
   * True for a requirement stated insistently or in more than one turn. A won
   * deal whose key requirement is missing or weaker is flagged.
   */
  key: boolean;
}

/** Judgement of a term against the contract. */
export type FulfillmentStatus = 'fulfilled' | 'weaker' | 'missing';

/** A term with its judgement and the clause it was compared with. */
export interface FulfillmentItem {
  term: DealTerm;
  status: FulfillmentStatus;
  /** Index of the compared clause in the deal's contract, or null when no clause has the metric. */
  clauseIndex: number | null;
  clause: ContractClause | null;
}

/** Everything the fulfillment report and the result layer need. */
export interface FulfillmentAssessment {
  items: FulfillmentItem[];
  /** True when the deal is won and a key requirement is missing or weaker. */
  lowIntentFulfillment: boolean;
  /** The key requirements that fell short, which open review items. */
  shortfalls: FulfillmentItem[];
}

/** Credit of each status in the result score. */
export const STATUS_CREDIT: Readonly<Record<FulfillmentStatus, number>> = { fulfilled: 1, weaker: 0.5, missing: 0 };

/** Merges the terms of all calls, one deal term per metric, bound, value and unit. */
export function mergeTerms(calls: readonly CallExtractionInput[], source: DealTerm['source']): DealTerm[] {
  const merged = new Map<string, DealTerm>();

  for (const call of calls) {
    const terms: ExtractedTerm[] = source === 'requirement' ? call.extraction.requirements : call.extraction.commitments;
    for (const term of terms) {
      const key = `${term.metric}|${term.comparator}|${term.value}|${term.unit}`;
      const mention: TermMention = { callId: call.callId, turnIndex: term.turnIndex, text: term.text, span: term.span };
      const existing = merged.get(key);
      if (existing) {
        existing.mentions.push(mention);
        existing.strength = existing.strength === 2 || term.strength === 2 ? 2 : 1;
      } else {
        const { metric, comparator, value, unit } = term;
        merged.set(key, { metric, comparator, value, unit, source, strength: term.strength, mentions: [mention], weight: 0, key: false });
      }
    }
  }

  return [...merged.values()].map((term) => ({
    ...term,
    weight: term.strength * term.mentions.length,
    key: source === 'requirement' && (term.strength === 2 || term.mentions.length > 1),
  }));
}

/**
 * Judges every requirement and commitment of a deal against its contract.
 * When several clauses share the metric, the best judgement counts.
 */
export function assessFulfillment(calls: readonly CallExtractionInput[], clauses: readonly ContractClause[], outcome: DealOutcome): FulfillmentAssessment {
  const terms = [...mergeTerms(calls, 'requirement'), ...mergeTerms(calls, 'commitment')];
  const items = terms.map((term) => judgeTerm(term, clauses));
  const shortfalls = items.filter((item) => item.term.key && item.status !== 'fulfilled');
  return { items, lowIntentFulfillment: outcome === 'won' && shortfalls.length > 0, shortfalls };
}

const STATUS_RANK: Readonly<Record<FulfillmentStatus, number>> = { fulfilled: 2, weaker: 1, missing: 0 };

function judgeTerm(term: DealTerm, clauses: readonly ContractClause[]): FulfillmentItem {
  let best: FulfillmentItem = { term, status: 'missing', clauseIndex: null, clause: null };

  clauses.forEach((clause, clauseIndex) => {
    if (clause.metric !== term.metric || clause.value === null || clause.unit !== term.unit) return;
    const status = compareBounds(term.comparator, term.value, clause.comparator ?? 'eq', clause.value);
    if (best.clause === null || STATUS_RANK[status] > STATUS_RANK[best.status]) {
      best = { term, status, clauseIndex, clause };
    }
  });
  return best;
}

/**
 * Compares the bound a clause sets with the one asked for. An upper bound
 * (at most X) is kept by a clause that caps the metric at X or lower, a lower
 * bound by one that guarantees X or more, and an exact ask by the same value.
 * A clause that bounds the other side keeps nothing, so it counts as weaker.
 */
function compareBounds(required: Comparator, requiredValue: number, contracted: Comparator, contractedValue: number): FulfillmentStatus {
  if (required === 'eq') return contractedValue === requiredValue ? 'fulfilled' : 'weaker';
  if (required === 'lte') return contracted !== 'gte' && contractedValue <= requiredValue ? 'fulfilled' : 'weaker';
  return contracted !== 'lte' && contractedValue >= requiredValue ? 'fulfilled' : 'weaker';
}
