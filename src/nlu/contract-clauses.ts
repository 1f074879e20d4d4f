/**
 * Parses contract clause text in Chinese or English into structured clauses
 * (kind, metric, comparator, value, unit), so the result layer can compare
 * them with what the customer asked for. The caller returns the parse for
 * the user to confirm; nothing here is final.
 */

import type { ClauseKind, ContractClause, Metric } from '../domain/deal.js';
import { clauseAround, sentenceSpans } from './clauses.js';
import { glossaryMetricNames, type Glossary } from './glossary.js';
import { normaliseText } from './normalise.js';
import { comparatorIn } from './terms.js';
import { matchMetric } from './metrics.js';
import { findQuantities } from './units.js';

const KIND_OF_METRIC: Readonly<Record<Metric, ClauseKind>> = {
  response_time: 'sla',
  onsite_time: 'sla',
  resolution_time: 'sla',
  uptime: 'sla',
  delivery_time: 'delivery',
  delivery_date: 'delivery',
  payment_term: 'payment',
  price: 'price',
  discount: 'price',
  warranty: 'warranty',
};

const KIND_WORDS: ReadonlyArray<{ kind: ClauseKind; pattern: RegExp }> = [
  { kind: 'sla', pattern: /服务水平|sla|响应|可用性|\b(?:service level|support)\b/ },
  { kind: 'delivery', pattern: /交付|交货|发货|\bdeliver/ },
  { kind: 'payment', pattern: /付款|账期|结算|\bpayment|\binvoice/ },
  { kind: 'price', pattern: /价格|总价|金额|\bprice|\bfee/ },
  { kind: 'warranty', pattern: /质保|保修|\bwarranty/ },
];

/** Returns the kind of clause a metric belongs to. */
export function clauseKindOf(metric: Metric): ClauseKind {
  return KIND_OF_METRIC[metric];
}

/**
 * Parses clause text into one structured clause per measured bound it
 * states. A sentence with no measured bound becomes one clause with null
 * metric, kept so the contract stays complete, with its kind guessed from its words.
 */
export function parseContractText(clauseText: string, glossary: Glossary): ContractClause[] {
  const extraNames = glossaryMetricNames(glossary);
  const normalised = normaliseText(clauseText);
  const text = normalised.text;
  const quantities = findQuantities(text);
  const clauses: ContractClause[] = [];

  for (const sentence of sentenceSpans(text)) {
    const original = normalised.original.slice(...spanBounds(normalised.toOriginal(sentence.start, sentence.end))).trim();
    const measured: ContractClause[] = [];
    for (const quantity of quantities.filter((item) => item.start >= sentence.start && item.end <= sentence.end)) {
      const metric = matchMetric(text, sentence, quantity, extraNames);
      if (metric === null) continue;
      const clause = clauseAround(text, quantity.start);
      const boundWords = text.slice(Math.min(clause.start, metric.keywordStart), clause.end);
      measured.push({
        kind: clauseKindOf(metric.metric),
        metric: metric.metric,
        comparator: comparatorIn(boundWords) ?? metric.defaultComparator,
        value: metric.value,
        unit: metric.unit,
        text: original,
      });
    }
    if (measured.length > 0) {
      clauses.push(...measured);
      continue;
    }
    const body = text.slice(sentence.start, sentence.end);
    const kind = KIND_WORDS.find((entry) => entry.pattern.test(body))?.kind ?? 'other';
    clauses.push({ kind, metric: null, comparator: null, value: null, unit: null, text: original });
  }
  return clauses;
}

function spanBounds(span: { start: number; end: number }): [number, number] {
  return [span.start, span.end];
}
