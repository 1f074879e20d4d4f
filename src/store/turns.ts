/** Transcript turns of a call. */
import type { Turn } from '../domain/transcript.js';
import type { Queryable } from './db.js';

// Rows per INSERT statement; keeps the parameter count far below PostgreSQL's limit of 65535.
const BATCH_ROWS = 1000;

/** Replaces all turns of a call, so a repeated stage never duplicates them. */
export async function replaceTurns(tx: Queryable, callId: string, turns: Turn[]): Promise<void> {
  await tx.query('DELETE FROM turns WHERE call_id = $1', [callId]);

  for (let offset = 0; offset < turns.length; offset += BATCH_ROWS) {
    const batch = turns.slice(offset, offset + BATCH_ROWS);
    const params: unknown[] = [callId];
    const rows = batch.map((turn, i) => {
      params.push(offset + i, turn.speaker, turn.startMs ?? null, turn.endMs ?? null, turn.text, turn.overlapMs ?? null, turn.diarizedSpeaker ?? null);
      const base = params.length - 7;
      const placeholders = Array.from({ length: 7 }, (_, column) => `$${base + column + 1}`);
      return `($1, ${placeholders.join(', ')})`;
    });
    await tx.query(
      `INSERT INTO turns (call_id, idx, speaker, start_ms, end_ms, text, overlap_ms, diarized_speaker) VALUES ${rows.join(', ')}`,
      params,
    );
  }
}

/** Returns the turns of a call in order. */
export async function getTurns(db: Queryable, callId: string): Promise<Turn[]> {
  const rows = await db.query<{
    speaker: Turn['speaker'];
    start_ms: number | null;
    end_ms: number | null;
    text: string;
    overlap_ms: number | null;
    diarized_speaker: number | null;
  }>(
    'SELECT speaker, start_ms, end_ms, text, overlap_ms, diarized_speaker FROM turns WHERE call_id = $1 ORDER BY idx',
    [callId],
  );
  return rows.map((row) => {
    const turn: Turn = { speaker: row.speaker, text: row.text };
    if (row.start_ms !== null) turn.startMs = row.start_ms;
    if (row.end_ms !== null) turn.endMs = row.end_ms;
    if (row.overlap_ms !== null) turn.overlapMs = row.overlap_ms;
    if (row.diarized_speaker !== null) turn.diarizedSpeaker = row.diarized_speaker;
    return turn;
  });
}
