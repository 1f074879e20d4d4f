/** Renders a deal evaluation as the fulfillment report in one locale, for the API and the audit sample. */
import { t, type Locale } from '../i18n/catalog.js';
import type { Calibration } from '../scoring/calibration.js';
import type { DealFulfillment } from '../scoring/evaluate-deal.js';
import { formatTerm } from '../scoring/term-labels.js';
import type { ReviewItem } from '../store/review-items.js';

/** Builds the fulfillment report of a deal in the locale; `calibration` is null when the scores could not be computed. */
export function fulfillmentView(evaluation: DealFulfillment, calibration: Calibration | null, reviewItems: readonly ReviewItem[], locale: Locale) {
  const { deal, fulfillment } = evaluation;
  const fulfilled = fulfillment.items.filter((item) => item.status === 'fulfilled').length;
  const summary =
    evaluation.clauses.length === 0
      ? t(locale, 'fulfillment.summary.noContract', { dealId: deal.id })
      : fulfillment.lowIntentFulfillment
        ? t(locale, 'fulfillment.summary.low', { count: fulfillment.shortfalls.length })
        : t(locale, 'fulfillment.summary.ok', { fulfilled, total: fulfillment.items.length });

  return {
    dealId: deal.id,
    outcome: deal.outcome,
    lowIntentFulfillment: fulfillment.lowIntentFulfillment,
    summary,
    items: fulfillment.items.map((item) => ({
      source: item.term.source,
      sourceLabel: t(locale, `termSource.${item.term.source}`),
      term: formatTerm(locale, item.term),
      metric: item.term.metric,
      comparator: item.term.comparator,
      value: item.term.value,
      unit: item.term.unit,
      key: item.term.key,
      weight: item.term.weight,
      status: item.status,
      statusLabel: t(locale, `fulfillment.${item.status}`),
      mentions: item.term.mentions.map((mention) => ({ callId: mention.callId, turnIndex: mention.turnIndex, text: mention.text })),
      clause: item.clause === null || item.clauseIndex === null ? null : { index: item.clauseIndex, ...item.clause },
    })),
    reviewItems: reviewItems.map((item) => ({
      id: item.id,
      kind: item.kind,
      status: item.status,
      summary: summaryIn(item.payload, locale),
      createdAt: item.createdAt,
    })),
    scores: calibration,
  };
}

function summaryIn(payload: unknown, locale: Locale): string {
  const summary = (payload as { summary?: { en?: string; zh?: string } }).summary;
  return (locale === 'en' ? summary?.en : summary?.zh) ?? '';
}
