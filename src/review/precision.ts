/**
 * The precision report of coaching review: per pitfall type, how many
 * findings coaches reviewed and what share of those they dismissed, so a
 * team can tell which detectors to trust. Every one of the 12 types is listed,
 * with zeros when it has no findings.
 */
import { PITFALL_TYPES, type PitfallType } from '../domain/pitfalls.js';
import { DISMISS_REASONS, type DismissReason } from '../domain/review.js';
import type { ReviewCount } from '../store/review-precision.js';

/** Review figures of one pitfall type. */
export interface TypePrecision {
  type: PitfallType;
  findings: number;
  reviewed: number;
  confirmed: number;
  dismissed: number;
  /** dismissed / reviewed, or null while nothing of the type was reviewed. */
  dismissedShare: number | null;
  /** Dismissals per reason; every reason is present. */
  byReason: Record<DismissReason, number>;
}

function emptyReasons(): Record<DismissReason, number> {
  return Object.fromEntries(DISMISS_REASONS.map((reason) => [reason, 0])) as Record<DismissReason, number>;
}

/** Builds the figures of all 12 types, in the order of PITFALL_TYPES, from grouped counts. */
export function computePrecision(counts: readonly ReviewCount[]): TypePrecision[] {
  const byType = new Map<PitfallType, TypePrecision>(
    PITFALL_TYPES.map((type) => [type, { type, findings: 0, reviewed: 0, confirmed: 0, dismissed: 0, dismissedShare: null, byReason: emptyReasons() }]),
  );

  for (const count of counts) {
    const figures = byType.get(count.type);
    // A type outside the fixed set can only come from a hand-edited row; the report lists the 12 types only.
    if (!figures) continue;
    figures.findings += count.count;
    if (count.status === 'confirmed') figures.confirmed += count.count;
    if (count.status === 'dismissed') {
      figures.dismissed += count.count;
      if (count.reasonCode !== null) figures.byReason[count.reasonCode] += count.count;
    }
  }

  for (const figures of byType.values()) {
    figures.reviewed = figures.confirmed + figures.dismissed;
    figures.dismissedShare = figures.reviewed === 0 ? null : figures.dismissed / figures.reviewed;
  }
  return [...byType.values()];
}
