/**
 * Opaque page cursors: the sort key of the last row of a page as base64url
 * JSON. Clients pass them back unchanged; a cursor that does not decode to
 * the expected key is rejected with CS_ERR_CURSOR_INVALID.
 */
import { z } from 'zod';
import { CallscoreError } from '../errors/registry.js';

/** Encodes a sort key as a cursor. */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a cursor into the sort key that `schema` describes, or throws CS_ERR_CURSOR_INVALID. */
export function decodeCursor<Schema extends z.ZodType>(cursor: string, schema: Schema): z.output<Schema> {
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    data = undefined;
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new CallscoreError('CS_ERR_CURSOR_INVALID', { cursor: cursor.slice(0, 60) });
  return parsed.data;
}

// A database instant as to_char writes it: UTC with microseconds.
const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);

/** Sort key of the review queue, as src/store/review-queue.ts pages it. */
export const QueueCursorSchema = z.strictObject({
  severityRank: z.number().int().min(0).max(2),
  reviewRank: z.number().int().min(0).max(1),
  startedAt: instant,
  findingId: z.number().int().min(1),
  snapshotAt: instant,
});

/** Sort key of the call list: newest call first, then id. */
export const CallListCursorSchema = z.strictObject({
  startedAt: instant,
  callId: z.string().min(1).max(256),
});
