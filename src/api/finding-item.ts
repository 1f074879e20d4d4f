/** Builds the API view of a review queue finding in the request's language. */
import type { z } from 'zod';
import type { Locale } from '../errors/registry.js';
import { t } from '../i18n/catalog.js';
import type { FindingReview } from '../store/findings-review.js';
import type { QueueFinding } from '../store/review-queue.js';
import { excerptAround } from '../review/excerpt.js';
import type { FindingItemSchema, ReviewSchema } from './review-schemas.js';

/** Renders a finding's latest review with its reason label, or null while unreviewed. */
export function reviewView(locale: Locale, review: FindingReview | null): z.input<typeof ReviewSchema> | null {
  if (!review) return null;
  return { ...review, reasonLabel: review.reasonCode ? t(locale, `reviewReason.${review.reasonCode}`) : null };
}

/** Renders a queue finding with labels and its excerpt. */
export function findingItemView(locale: Locale, finding: QueueFinding): z.input<typeof FindingItemSchema> {
  const { turnText, review, ...fields } = finding;
  return {
    ...fields,
    label: t(locale, `pitfall.${finding.type}`),
    statusLabel: t(locale, `findingStatus.${finding.status}`),
    excerpt: excerptAround(turnText, finding.spanStart, finding.spanEnd),
    review: reviewView(locale, review),
  };
}
