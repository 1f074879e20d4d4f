/**
 * Coaching notes: a coach's remark on a moment of a call, which the rep of
 * the call reads and acknowledges. Scope follows the call of the note.
 */
import type { Principal } from '../auth/principal.js';
import { scopeCondition } from '../auth/scope.js';
import type { Queryable } from './db.js';

/** A coaching note with its author's display name and, for the rep's list, its call. */
export interface CoachingNote {
  id: number;
  callId: string;
  atMs: number;
  text: string;
  authorId: string;
  /** The author's user name, or the author id when the user no longer exists. */
  authorName: string;
  createdAt: string;
  acknowledgedAt: string | null;
}

/** A note in the rep's list, with the call it belongs to. */
export interface RepCoachingNote extends CoachingNote {
  dealId: string;
  callStartedAt: string;
}

interface NoteRow {
  id: number;
  call_id: string;
  at_ms: number;
  text: string;
  author_id: string;
  author_name: string | null;
  created_at: Date | string;
  acknowledged_at: Date | string | null;
}

const NOTE_COLUMNS = `n.id, n.call_id, n.at_ms, n.text, n.author_id, u.name AS author_name, n.created_at, n.acknowledged_at`;

function toNote(row: NoteRow): CoachingNote {
  return {
    id: Number(row.id),
    callId: row.call_id,
    atMs: Number(row.at_ms),
    text: row.text,
    authorId: row.author_id,
    authorName: row.author_name ?? row.author_id,
    createdAt: new Date(row.created_at).toISOString(),
    acknowledgedAt: row.acknowledged_at === null ? null : new Date(row.acknowledged_at).toISOString(),
  };
}

/** Inserts a note on a call that the caller has already found in scope, and returns it. */
export async function insertNote(db: Queryable, note: { callId: string; atMs: number; text: string; authorId: string }): Promise<CoachingNote> {
  const rows = await db.query<{ id: number }>(
    'INSERT INTO coaching_notes (call_id, at_ms, text, author_id) VALUES ($1, $2, $3, $4) RETURNING id',
    [note.callId, note.atMs, note.text, note.authorId],
  );
  const stored = await getNoteRow(db, Number(rows[0]!.id));
  return stored!.note;
}

/** Returns the notes of a call ordered by time in the call. */
export async function listCallNotes(db: Queryable, callId: string): Promise<CoachingNote[]> {
  const rows = await db.query<NoteRow>(
    `SELECT ${NOTE_COLUMNS} FROM coaching_notes n LEFT JOIN users u ON u.id = n.author_id
     WHERE n.call_id = $1 ORDER BY n.at_ms, n.id`,
    [callId],
  );
  return rows.map(toNote);
}

/** Returns the notes on the calls of one rep, newest first, `limit` at most. */
export async function listRepNotes(db: Queryable, repId: string, limit: number): Promise<RepCoachingNote[]> {
  const rows = await db.query<NoteRow & { deal_id: string; started_at: Date | string }>(
    `SELECT ${NOTE_COLUMNS}, c.deal_id, c.started_at
     FROM coaching_notes n JOIN calls c ON c.id = n.call_id LEFT JOIN users u ON u.id = n.author_id
     WHERE c.rep_id = $1
     ORDER BY n.created_at DESC, n.id DESC
     LIMIT $2`,
    [repId, limit],
  );
  return rows.map((row) => ({ ...toNote(row), dealId: row.deal_id, callStartedAt: new Date(row.started_at).toISOString() }));
}

async function getNoteRow(db: Queryable, noteId: number, scope?: { sql: string; params: unknown[] }): Promise<{ note: CoachingNote; repId: string } | null> {
  const params: unknown[] = [noteId, ...(scope?.params ?? [])];
  const rows = await db.query<NoteRow & { rep_id: string }>(
    `SELECT ${NOTE_COLUMNS}, c.rep_id
     FROM coaching_notes n JOIN calls c ON c.id = n.call_id LEFT JOIN users u ON u.id = n.author_id
     WHERE n.id = $1 AND ${scope?.sql ?? 'TRUE'}`,
    params,
  );
  return rows[0] ? { note: toNote(rows[0]), repId: rows[0].rep_id } : null;
}

/** Returns a note with the rep id of its call, or null when no note with the id is in the caller's scope. */
export async function getNoteInScope(db: Queryable, principal: Principal, noteId: number): Promise<{ note: CoachingNote; repId: string } | null> {
  // Placeholders of the scope condition start after $1, the note id.
  const params: unknown[] = [noteId];
  const sql = scopeCondition(principal, { team: 'c.team_id', rep: 'c.rep_id' }, params);
  return getNoteRow(db, noteId, { sql, params: params.slice(1) });
}

/**
 * Marks a note acknowledged by `userId` and returns it. Acknowledging again
 * keeps the first time and user, so the call is idempotent.
 */
export async function acknowledgeNote(db: Queryable, noteId: number, userId: string): Promise<CoachingNote | null> {
  await db.query(
    `UPDATE coaching_notes
     SET acknowledged_at = COALESCE(acknowledged_at, now()), acknowledged_by = COALESCE(acknowledged_by, $2)
     WHERE id = $1`,
    [noteId, userId],
  );
  const stored = await getNoteRow(db, noteId);
  return stored?.note ?? null;
}
