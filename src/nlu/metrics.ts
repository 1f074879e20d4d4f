/**
 * Recognises which metric a quantity in a sentence bounds (response time,
 * delivery, payment term, uptime, price, warranty) from keywords near it,
 * and converts the quantity to that metric's canonical unit.
 */

import type { CanonicalUnit, Comparator, Metric } from '../domain/deal.js';
import { DAYS_IN_MONTH, MINUTES_IN_DAY, type Quantity, type QuantityDimension } from './units.js';

interface MetricDefinition {
  metric: Metric;
  /** Keywords in normalised text (lower case, simplified). */
  keywords: readonly string[];
  dimensions: readonly QuantityDimension[];
  unit: CanonicalUnit;
  /** Comparator when the sentence has no bound word: faster response is better, higher uptime is better. */
  defaultComparator: Comparator;
}

const METRIC_DEFINITIONS: readonly MetricDefinition[] = [
  {
    metric: 'onsite_time',
    keywords: ['到场', '到现场', '到达现场', '到达', '上门', '现场支持', '赶到', 'onsite', 'on-site', 'on site', 'arrive'],
    dimensions: ['duration'],
    unit: 'minute',
    defaultComparator: 'lte',
  },
  {
    metric: 'resolution_time',
    keywords: ['修复', '修好', '解决时间', '恢复', '排除故障', 'fix', 'resolve', 'resolution', 'restore'],
    dimensions: ['duration'],
    unit: 'minute',
    defaultComparator: 'lte',
  },
  {
    metric: 'response_time',
    keywords: ['响应', '回应', '答复', '回复', 'respond', 'response', 'get back'],
    dimensions: ['duration'],
    unit: 'minute',
    defaultComparator: 'lte',
  },
  {
    metric: 'delivery_date',
    keywords: ['交付', '交货', '发货', '到货', '上线', '部署', '交期', 'deliver', 'ship', 'go live', 'go-live', 'install'],
    dimensions: ['date'],
    unit: 'month_day',
    defaultComparator: 'lte',
  },
  {
    metric: 'delivery_time',
    keywords: ['交付', '交货', '发货', '到货', '上线', '部署', '实施', '交期', 'deliver', 'ship', 'go live', 'go-live', 'install', 'lead time'],
    dimensions: ['duration'],
    unit: 'day',
    defaultComparator: 'lte',
  },
  {
    metric: 'payment_term',
    keywords: ['账期', '付款', '回款', '结算', '付清', 'net', 'payment', 'pay within', 'invoice'],
    dimensions: ['duration'],
    unit: 'day',
    defaultComparator: 'eq',
  },
  {
    metric: 'uptime',
    keywords: ['可用性', '可用率', '在线率', '稳定性', 'uptime', 'availability', 'available'],
    dimensions: ['percent', 'bare'],
    unit: 'percent',
    defaultComparator: 'gte',
  },
  {
    metric: 'discount',
    keywords: ['折扣', '优惠', 'discount'],
    dimensions: ['percent'],
    unit: 'percent',
    defaultComparator: 'gte',
  },
  {
    metric: 'price',
    keywords: ['价格', '报价', '总价', '预算', '费用', '单价', '金额', '价钱', 'price', 'budget', 'cost', 'quote', 'pricing'],
    dimensions: ['money', 'bare'],
    unit: 'yuan',
    defaultComparator: 'eq',
  },
  {
    metric: 'warranty',
    keywords: ['质保', '保修', '维保', 'warranty'],
    dimensions: ['duration'],
    unit: 'month',
    defaultComparator: 'gte',
  },
];

/** A quantity tied to the metric it bounds. */
export interface MetricMatch {
  metric: Metric;
  unit: CanonicalUnit;
  value: number;
  defaultComparator: Comparator;
  /** Start of the keyword that named the metric, in the normalised text. */
  keywordStart: number;
}

/**
 * Finds the metric a quantity bounds: the keyword nearest to the quantity
 * inside `scope` whose metric accepts the quantity's dimension. Keywords
 * before the quantity win over keywords after it at the same distance,
 * because both languages mostly name the metric first.
 */
export function matchMetric(text: string, scope: { start: number; end: number }, quantity: Quantity, extraNames: Map<Metric, string[]>): MetricMatch | null {
  let best: { definition: MetricDefinition; distance: number; keywordStart: number } | null = null;

  for (const definition of METRIC_DEFINITIONS) {
    if (!definition.dimensions.includes(quantity.dimension)) continue;
    const keywords = [...definition.keywords, ...(extraNames.get(definition.metric) ?? [])];
    for (const keyword of keywords) {
      for (const position of keywordPositions(text, keyword, scope)) {
        // A keyword inside the quantity ("net 60") names its metric outright.
        const inside = position >= quantity.start && position < quantity.end;
        const before = position + keyword.length <= quantity.start;
        let distance = position - quantity.end + 0.5;
        if (inside) distance = 0;
        else if (before) distance = quantity.start - (position + keyword.length);
        if (distance < 0) continue;
        if (best === null || distance < best.distance) best = { definition, distance, keywordStart: position };
      }
    }
  }
  if (best === null) return null;

  const value = toCanonical(quantity, best.definition.unit);
  if (value === null) return null;
  return {
    metric: best.definition.metric,
    unit: best.definition.unit,
    value,
    defaultComparator: best.definition.defaultComparator,
    keywordStart: best.keywordStart,
  };
}

function keywordPositions(text: string, keyword: string, scope: { start: number; end: number }): number[] {
  const positions: number[] = [];
  const isLatin = /^[a-z]/.test(keyword);
  for (let index = text.indexOf(keyword, scope.start); index !== -1 && index < scope.end; index = text.indexOf(keyword, index + 1)) {
    if (isLatin && (/[a-z]/.test(text[index - 1] ?? '') || /[a-z]/.test(text[index + keyword.length] ?? ''))) {
      // Allow English inflections (delivered, responds) but not words that merely contain the keyword.
      if (/[a-z]/.test(text[index - 1] ?? '')) continue;
      if (!/^(?:s|es|ed|d|ing|ment|y)\b/.test(text.slice(index + keyword.length))) continue;
    }
    positions.push(index);
  }
  return positions;
}

function toCanonical(quantity: Quantity, unit: CanonicalUnit): number | null {
  switch (unit) {
    case 'minute':
      return round(quantity.value);
    case 'day':
      return round(quantity.value / MINUTES_IN_DAY);
    case 'month':
      return quantity.months ?? round(quantity.value / MINUTES_IN_DAY / DAYS_IN_MONTH);
    case 'percent':
      // A bare number counts as uptime only in the range people quote it (99.9), not a count of servers.
      return quantity.dimension === 'bare' && (quantity.value < 80 || quantity.value > 100) ? null : quantity.value;
    case 'yuan':
      return quantity.dimension === 'bare' && quantity.value < 100 ? null : quantity.value;
    case 'month_day':
      return quantity.value;
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
