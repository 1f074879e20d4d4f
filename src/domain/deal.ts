/**
 * Shapes of the intent and result layers: deals, the rep's pain tags and
 * chains, contract clauses, and what extraction finds in a call
 * (customer pains, measurable requirements and rep commitments).
 */

import type { Span } from './pitfalls.js';

/** Outcome of a deal in the CRM. */
export const DEAL_OUTCOMES = ['open', 'won', 'lost'] as const;

/** Outcome of a deal in the CRM. */
export type DealOutcome = (typeof DEAL_OUTCOMES)[number];

/** The three levels of a pain tag: industry 行业, role 角色, scenario 场景. */
export const PAIN_LEVELS = ['industry', 'role', 'scenario'] as const;

/** Level of a pain tag or of a pain voiced in a call. */
export type PainLevel = (typeof PAIN_LEVELS)[number];

/**
 * Metrics that requirements, commitments and contract clauses are compared
 * on. Each has one canonical unit, so values compare after normalisation.
 */
export const METRICS = [
  'response_time',
  'onsite_time',
  'resolution_time',
  'delivery_time',
  'delivery_date',
  'payment_term',
  'uptime',
  'price',
  'warranty',
  'discount',
] as const;

/** A metric of a requirement, commitment or clause. */
export type Metric = (typeof METRICS)[number];

/** Canonical units: durations in minutes or days, dates as month and day, money in yuan. */
export const CANONICAL_UNITS = ['minute', 'day', 'month_day', 'percent', 'yuan', 'month'] as const;

/** A canonical unit. */
export type CanonicalUnit = (typeof CANONICAL_UNITS)[number];

/** Bounds a value sets on a metric: at most (`lte`), at least (`gte`) or exactly (`eq`). */
export const COMPARATORS = ['lte', 'gte', 'eq'] as const;

/** Bound a value sets on a metric. */
export type Comparator = (typeof COMPARATORS)[number];

/** Kinds of contract clauses. */
export const CLAUSE_KINDS = ['sla', 'delivery', 'payment', 'price', 'warranty', 'other'] as const;

/** Kind of a contract clause. */
export type ClauseKind = (typeof CLAUSE_KINDS)[number];

/** A measurable bound on a metric, with the value in the metric's canonical unit. */
export interface MeasuredTerm {
  metric: Metric;
  comparator: Comparator;
  value: number;
  unit: CanonicalUnit;
}

/**
 * A measurable ask of the customer or a promise of the rep found in one
 * turn. `strength` is 2 for an insistent ask or firm promise (必须, 不能超过,
 * must, guarantee) and 1 otherwise.
 */
export interface ExtractedTerm extends MeasuredTerm {
  turnIndex: number;
  /** Span of the original turn text that states the term. */
  span: Span;
  /** The stated words, as in the original turn. */
  text: string;
  strength: 1 | 2;
}

/** A problem or its cost voiced by the customer in one turn. */
export interface ExtractedPain {
  level: PainLevel;
  turnIndex: number;
  span: Span;
  text: string;
}

/** Everything extraction finds in one call. */
export interface CallExtraction {
  requirements: ExtractedTerm[];
  commitments: ExtractedTerm[];
  pains: ExtractedPain[];
}

/** One clause of a signed contract. Unmeasured clauses have null metric and value. */
export interface ContractClause {
  kind: ClauseKind;
  metric: Metric | null;
  comparator: Comparator | null;
  value: number | null;
  unit: CanonicalUnit | null;
  text: string;
}
