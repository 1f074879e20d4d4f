/** Requirements, commitments and pains extracted from each call, and the business glossary they were read with. */
import type { Principal } from '../auth/principal.js';
import { scopeCondition } from '../auth/scope.js';
import type { CallExtraction, ExtractedPain, ExtractedTerm } from '../domain/deal.js';
import { EMPTY_GLOSSARY, parseGlossary, type Glossary } from '../nlu/glossary.js';
import type { Queryable } from './db.js';

/** Replaces the extraction of a call in the caller's transaction. */
export async function replaceExtraction(tx: Queryable, callId: string, extraction: CallExtraction): Promise<void> {
  await tx.query('DELETE FROM call_terms WHERE call_id = $1', [callId]);
  await tx.query('DELETE FROM call_pains WHERE call_id = $1', [callId]);

  const terms = [
    ...extraction.requirements.map((term) => ({ term, source: 'requirement' })),
    ...extraction.commitments.map((term) => ({ term, source: 'commitment' })),
  ];
  for (const [index, { term, source }] of terms.entries()) {
    await tx.query(
      `INSERT INTO call_terms (call_id, idx, source, metric, comparator, value, unit, strength, turn_index, span_start, span_end, text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [callId, index, source, term.metric, term.comparator, term.value, term.unit, term.strength, term.turnIndex, term.span.start, term.span.end, term.text],
    );
  }
  for (const [index, pain] of extraction.pains.entries()) {
    await tx.query(
      `INSERT INTO call_pains (call_id, idx, level, turn_index, span_start, span_end, text) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [callId, index, pain.level, pain.turnIndex, pain.span.start, pain.span.end, pain.text],
    );
  }
}

interface TermRow {
  call_id: string;
  source: 'requirement' | 'commitment';
  metric: ExtractedTerm['metric'];
  comparator: ExtractedTerm['comparator'];
  value: number;
  unit: ExtractedTerm['unit'];
  strength: number;
  turn_index: number;
  span_start: number;
  span_end: number;
  text: string;
}

interface PainRow {
  call_id: string;
  level: ExtractedPain['level'];
  turn_index: number;
  span_start: number;
  span_end: number;
  text: string;
}

/** Returns the extraction of each given call, in the order of `callIds`. */
export async function getExtractions(db: Queryable, callIds: readonly string[]): Promise<Array<{ callId: string; extraction: CallExtraction }>> {
  const byCall = new Map<string, CallExtraction>(callIds.map((id) => [id, { requirements: [], commitments: [], pains: [] }]));
  if (callIds.length === 0) return [];

  const terms = await db.query<TermRow>(
    `SELECT call_id, source, metric, comparator, value, unit, strength, turn_index, span_start, span_end, text
     FROM call_terms WHERE call_id = ANY($1::text[]) ORDER BY call_id, idx`,
    [callIds],
  );
  for (const row of terms) {
    const term: ExtractedTerm = {
      metric: row.metric,
      comparator: row.comparator,
      value: row.value,
      unit: row.unit,
      turnIndex: row.turn_index,
      span: { start: row.span_start, end: row.span_end },
      text: row.text,
      strength: row.strength === 2 ? 2 : 1,
    };
    const extraction = byCall.get(row.call_id)!;
    (row.source === 'requirement' ? extraction.requirements : extraction.commitments).push(term);
  }

  const pains = await db.query<PainRow>(
    'SELECT call_id, level, turn_index, span_start, span_end, text FROM call_pains WHERE call_id = ANY($1::text[]) ORDER BY call_id, idx',
    [callIds],
  );
  for (const row of pains) {
    byCall.get(row.call_id)!.pains.push({ level: row.level, turnIndex: row.turn_index, span: { start: row.span_start, end: row.span_end }, text: row.text });
  }
  return callIds.map((callId) => ({ callId, extraction: byCall.get(callId)! }));
}

/** Returns the newest glossary with its version, or version 0 (empty) before the first PUT. */
export async function getGlossary(db: Queryable): Promise<{ version: number; glossary: Glossary }> {
  const rows = await db.query<{ version: number; document: unknown }>('SELECT version, document FROM glossary ORDER BY version DESC LIMIT 1');
  const row = rows[0];
  return row ? { version: row.version, glossary: parseGlossary(row.document) } : { version: 0, glossary: EMPTY_GLOSSARY };
}

/** Stores a validated glossary as the next version and returns that version. */
export async function putGlossary(tx: Queryable, glossary: Glossary): Promise<number> {
  // Serialises concurrent PUTs so two cannot take the same version number.
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('glossary'))");
  const rows = await tx.query<{ version: number }>('SELECT COALESCE(MAX(version), 0) + 1 AS version FROM glossary');
  const version = rows[0]!.version;
  await tx.query('INSERT INTO glossary (version, document) VALUES ($1, $2)', [version, JSON.stringify(glossary)]);
  return version;
}

/** A rep's first call with the number of pains found in it. */
export interface FirstCallPains {
  repId: string;
  teamId: string;
  callId: string;
  startedAt: string;
  status: string;
  painCount: number;
}

/** Returns each rep's earliest call in the caller's scope, by start time, with its pain count, ordered by rep id; optionally one team only. */
export async function listFirstCallPains(db: Queryable, principal: Principal, teamId?: string): Promise<FirstCallPains[]> {
  const params: unknown[] = [teamId ?? null];
  const scope = scopeCondition(principal, { team: 'team_id', rep: 'rep_id' }, params);
  const rows = await db.query<{ rep_id: string; team_id: string; id: string; started_at: Date | string; status: string; pain_count: number | string }>(
    `SELECT first.rep_id, first.team_id, first.id, first.started_at, first.status,
            (SELECT COUNT(*) FROM call_pains WHERE call_pains.call_id = first.id) AS pain_count
     FROM (
       SELECT DISTINCT ON (rep_id) rep_id, team_id, id, started_at, status
       FROM calls WHERE ($1::text IS NULL OR team_id = $1) AND ${scope}
       ORDER BY rep_id, started_at, id
     ) AS first
     ORDER BY first.rep_id`,
    params,
  );
  return rows.map((row) => ({
    repId: row.rep_id,
    teamId: row.team_id,
    callId: row.id,
    startedAt: new Date(row.started_at).toISOString(),
    status: row.status,
    painCount: Number(row.pain_count),
  }));
}
