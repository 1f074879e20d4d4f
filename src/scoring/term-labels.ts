/** Renders measured terms as labels in either locale, such as 响应时效 不超过 15 分钟 or "Response time at most 15 min". */

import type { CanonicalUnit, MeasuredTerm } from '../domain/deal.js';
import { t, type Locale } from '../i18n/catalog.js';

/** Renders a value in its canonical unit; a month_day value 331 reads 3月31日 or 3/31. */
export function formatValue(locale: Locale, value: number, unit: CanonicalUnit): string {
  // Both locales write a percentage the same way.
  if (unit === 'percent') return `${value}%`;
  if (unit === 'month_day') return t(locale, 'unit.month_day', { month: Math.floor(value / 100), day: value % 100 });
  return t(locale, `unit.${unit}`, { value });
}

/** Renders metric, bound and value of a term. */
export function formatTerm(locale: Locale, term: MeasuredTerm): string {
  return `${t(locale, `metric.${term.metric}`)} ${t(locale, `comparator.${term.comparator}`)} ${formatValue(locale, term.value, term.unit)}`;
}
