/**
 * Review state of findings: a coach's decision with its audit row, the audit
 * trail of a finding, and the carry-over of review state when re-analysis
 * replaces a call's finding rows. Listing the review queue is in review-queue.ts.
 */
import type { Principal } from '../auth/principal.js';
import { scopeCondition } from '../auth/scope.js';
import type { DismissReason, FindingStatus, ReviewDecision } from '../domain/review.js';
import { statusOfDecision } from '../domain/review.js';
import type { Queryable, Database } from './db.js';

/** Review state of one finding as the audit trail records it before and after a review. */
export interface ReviewState {
  status: FindingStatus;
  reasonCode: DismissReason | null;
  note: string | null;
}

/** The latest review of a finding, or null while it is unreviewed. */
export interface FindingReview {
  decision: ReviewDecision;
  reasonCode: DismissReason | null;
  note: string | null;
  reviewerId: string;
  reviewedAt: string;
}

/** One row of a finding's audit trail. */
export interface FindingReviewAudit {
  id: number;
  findingId: number;
  callId: string;
  reviewerId: string;
  at: string;
  before: ReviewState;
  after: ReviewState;
}

/** A review decision as the route validated it. */
export interface ReviewInput {
  findingId: number;
  decision: ReviewDecision;
  reasonCode: DismissReason | null;
  note: string | null;
}

function toIso(value: Date | string): string {
  return new Date(value).toISOString();
}

/**
 * Returns whether the finding exists in the caller's scope. Routes call it to
 * return 404 for an unknown or out-of-scope finding before checking the role.
 */
export async function findingInScope(db: Queryable, principal: Principal, findingId: number): Promise<boolean> {
  const params: unknown[] = [findingId];
  const scope = scopeCondition(principal, { team: 'c.team_id', rep: 'c.rep_id' }, params);
  const rows = await db.query(`SELECT 1 FROM findings f JOIN calls c ON c.id = f.call_id WHERE f.id = $1 AND ${scope}`, params);
  return rows.length > 0;
}

/**
 * Applies a review decision in one transaction: the finding's status, reason,
 * note and reviewer, and an audit row with the state before and after.
 * Returns false, changing nothing, when no finding with the id is in scope.
 */
export async function applyReview(db: Database, principal: Principal, input: ReviewInput): Promise<boolean> {
  return db.transaction(async (tx) => {
    const params: unknown[] = [input.findingId];
    const scope = scopeCondition(principal, { team: 'c.team_id', rep: 'c.rep_id' }, params);
    // FOR UPDATE serialises two reviews of one finding, so each audit row's `before` is the state the other left.
    const rows = await tx.query<{ call_id: string; status: FindingStatus; reason_code: DismissReason | null; note: string | null }>(
      `SELECT f.call_id, f.status, f.reason_code, f.note
       FROM findings f JOIN calls c ON c.id = f.call_id
       WHERE f.id = $1 AND ${scope}
       FOR UPDATE OF f`,
      params,
    );
    const current = rows[0];
    if (!current) return false;

    const after: ReviewState = { status: statusOfDecision(input.decision), reasonCode: input.reasonCode, note: input.note };
    await tx.query(
      `UPDATE findings
       SET status = $2, reason_code = $3, note = $4, reviewed_by = $5, reviewed_at = now(),
           first_reviewed_at = COALESCE(first_reviewed_at, now())
       WHERE id = $1`,
      [input.findingId, after.status, after.reasonCode, after.note, principal.userId],
    );
    const before: ReviewState = { status: current.status, reasonCode: current.reason_code, note: current.note };
    await tx.query(
      `INSERT INTO finding_reviews (finding_id, call_id, reviewer_id, before, after) VALUES ($1, $2, $3, $4, $5)`,
      [input.findingId, current.call_id, principal.userId, JSON.stringify(before), JSON.stringify(after)],
    );
    return true;
  });
}

/** Returns the audit trail of a finding in the caller's scope, oldest first, or null when the finding is not in scope. */
export async function listFindingReviews(db: Queryable, principal: Principal, findingId: number): Promise<FindingReviewAudit[] | null> {
  if (!(await findingInScope(db, principal, findingId))) return null;
  const rows = await db.query<{
    id: number;
    finding_id: number;
    call_id: string;
    reviewer_id: string;
    at: Date | string;
    before: ReviewState;
    after: ReviewState;
  }>('SELECT id, finding_id, call_id, reviewer_id, at, before, after FROM finding_reviews WHERE finding_id = $1 ORDER BY id', [findingId]);
  return rows.map((row) => ({
    id: Number(row.id),
    findingId: Number(row.finding_id),
    callId: row.call_id,
    reviewerId: row.reviewer_id,
    at: toIso(row.at),
    before: row.before,
    after: row.after,
  }));
}

/** Review columns of a finding row, read before re-analysis deletes it. */
export interface CarriedReview {
  findingId: number;
  status: FindingStatus;
  reasonCode: DismissReason | null;
  note: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | string | null;
  firstReviewedAt: Date | string | null;
}

/** Key that identifies the same finding across two analyses of a call. */
export function findingKey(finding: { type: string; turnIndex: number; spanStart: number; spanEnd: number }): string {
  return `${finding.type}|${finding.turnIndex}|${finding.spanStart}|${finding.spanEnd}`;
}

/**
 * Reads the review state of a call's reviewed findings, keyed by type, turn
 * and span, so `carryReview` can restore it on the replacement rows. Call it
 * in the transaction that replaces the findings, before the delete. It locks
 * every finding of the call, so a review that commits meanwhile cannot be
 * lost: the review waits and then finds its row gone.
 */
export async function readReviewedFindings(tx: Queryable, callId: string): Promise<Map<string, CarriedReview>> {
  const rows = await tx.query<{
    id: number;
    type: string;
    turn_index: number;
    span_start: number;
    span_end: number;
    status: FindingStatus;
    reason_code: DismissReason | null;
    note: string | null;
    reviewed_by: string | null;
    reviewed_at: Date | string | null;
    first_reviewed_at: Date | string | null;
  }>(
    `SELECT id, type, turn_index, span_start, span_end, status, reason_code, note, reviewed_by, reviewed_at, first_reviewed_at
     FROM findings WHERE call_id = $1 ORDER BY id FOR UPDATE`,
    [callId],
  );
  const reviewed = new Map<string, CarriedReview>();
  for (const row of rows) {
    if (row.status === 'unreviewed') continue;
    const key = findingKey({ type: row.type, turnIndex: row.turn_index, spanStart: row.span_start, spanEnd: row.span_end });
    if (reviewed.has(key)) continue;
    reviewed.set(key, {
      findingId: Number(row.id),
      status: row.status,
      reasonCode: row.reason_code,
      note: row.note,
      reviewedBy: row.reviewed_by,
      reviewedAt: row.reviewed_at,
      firstReviewedAt: row.first_reviewed_at,
    });
  }
  return reviewed;
}

/**
 * Copies a review onto the finding row that replaced the reviewed one, and
 * moves the audit trail to the new id so GET /v1/findings/:id/reviews keeps it.
 */
export async function carryReview(tx: Queryable, newFindingId: number, review: CarriedReview): Promise<void> {
  await tx.query(
    `UPDATE findings SET status = $2, reason_code = $3, note = $4, reviewed_by = $5, reviewed_at = $6, first_reviewed_at = $7
     WHERE id = $1`,
    [newFindingId, review.status, review.reasonCode, review.note, review.reviewedBy, review.reviewedAt, review.firstReviewedAt],
  );
  await tx.query('UPDATE finding_reviews SET finding_id = $2 WHERE finding_id = $1', [review.findingId, newFindingId]);
}

/** Returns the latest review of a finding from its row's review columns, or null while unreviewed. */
export function reviewOfRow(row: {
  status: FindingStatus;
  reason_code: DismissReason | null;
  note: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | string | null;
}): FindingReview | null {
  if (row.status === 'unreviewed' || row.reviewed_by === null || row.reviewed_at === null) return null;
  return {
    decision: row.status === 'confirmed' ? 'confirm' : 'dismiss',
    reasonCode: row.reason_code,
    note: row.note,
    reviewerId: row.reviewed_by,
    reviewedAt: toIso(row.reviewed_at),
  };
}

/** Review status and latest review of each finding of a call, by finding id. */
export async function getCallReviewStates(
  db: Queryable,
  callId: string,
): Promise<Map<number, { status: FindingStatus; review: FindingReview | null }>> {
  const rows = await db.query<{
    id: number;
    status: FindingStatus;
    reason_code: DismissReason | null;
    note: string | null;
    reviewed_by: string | null;
    reviewed_at: Date | string | null;
  }>('SELECT id, status, reason_code, note, reviewed_by, reviewed_at FROM findings WHERE call_id = $1', [callId]);
  return new Map(rows.map((row) => [Number(row.id), { status: row.status, review: reviewOfRow(row) }]));
}
