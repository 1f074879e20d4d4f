/** Review items opened for managers, such as a won deal with low intent fulfillment. */
import type { Queryable } from './db.js';

/** A review item. */
export interface ReviewItem {
  id: number;
  dealId: string;
  kind: string;
  itemKey: string;
  status: 'open' | 'resolved';
  payload: unknown;
  createdAt: string;
}

/**
 * Opens a review item unless one with the same deal, kind and key exists,
 * so re-evaluating a deal never opens duplicates. Returns whether it was new.
 */
export async function openReviewItem(tx: Queryable, item: { dealId: string; kind: string; itemKey: string; payload: unknown }): Promise<boolean> {
  const rows = await tx.query<{ id: number }>(
    `INSERT INTO review_items (deal_id, kind, item_key, payload) VALUES ($1, $2, $3, $4)
     ON CONFLICT (deal_id, kind, item_key) DO NOTHING RETURNING id`,
    [item.dealId, item.kind, item.itemKey, JSON.stringify(item.payload)],
  );
  return rows.length > 0;
}

/** Returns the review items of a deal, oldest first. */
export async function listReviewItems(db: Queryable, dealId: string): Promise<ReviewItem[]> {
  const rows = await db.query<{ id: number; deal_id: string; kind: string; item_key: string; status: 'open' | 'resolved'; payload: unknown; created_at: Date | string }>(
    'SELECT id, deal_id, kind, item_key, status, payload, created_at FROM review_items WHERE deal_id = $1 ORDER BY id',
    [dealId],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    dealId: row.deal_id,
    kind: row.kind,
    itemKey: row.item_key,
    status: row.status,
    payload: row.payload,
    createdAt: new Date(row.created_at).toISOString(),
  }));
}
