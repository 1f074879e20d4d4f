/**
 * The fixed vocabulary of coaching review: the review status of a finding,
 * the two decisions a coach makes and the reasons a dismissal must give.
 */

/** Review status of a finding; every finding starts unreviewed. */
export const FINDING_STATUSES = ['unreviewed', 'confirmed', 'dismissed'] as const;

export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** What a coach decides about a finding. */
export const REVIEW_DECISIONS = ['confirm', 'dismiss'] as const;

export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** Reasons for dismissing a finding. A dismissal needs one and a confirmation takes none. */
export const DISMISS_REASONS = ['wrong_speaker', 'transcription_error', 'not_pitfall_in_context', 'allowed_by_policy'] as const;

export type DismissReason = (typeof DISMISS_REASONS)[number];

/** Maximum length of a review note or a coaching note, in characters. */
export const MAX_NOTE_CHARS = 2000;

/** Returns the status that a decision leaves a finding in. */
export function statusOfDecision(decision: ReviewDecision): Exclude<FindingStatus, 'unreviewed'> {
  return decision === 'confirm' ? 'confirmed' : 'dismissed';
}
