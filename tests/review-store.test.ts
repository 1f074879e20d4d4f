import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { replaceAnalysis } from '../src/store/analysis.js';
import { applyReview, getCallReviewStates, listFindingReviews } from '../src/store/findings-review.js';
import { getQueueFinding, listQueue, type QueueFilters } from '../src/store/review-queue.js';
import { countReviews } from '../src/store/review-precision.js';
import { acknowledgeNote, getNoteInScope, insertNote, listCallNotes, listRepNotes } from '../src/store/coaching-notes.js';
import { listCalls } from '../src/store/call-list.js';
import { listCallsWithDismissals } from '../src/store/dismissed-export.js';
import { computePrecision } from '../src/review/precision.js';
import { excerptAround } from '../src/review/excerpt.js';
import { conversationLanguage, toLabelledConversation } from '../src/review/dismissed-export.js';
import { PITFALL_TYPES } from '../src/domain/pitfalls.js';
import type { Principal } from '../src/auth/principal.js';
import { makeTempDir } from './helpers/harness.js';
import { PRINCIPALS, SEED_TURNS, seedCall, toFindings } from './helpers/review-seed.js';

let db: Database;

async function findingIds(callId: string): Promise<number[]> {
  const rows = await db.query<{ id: number }>('SELECT id FROM findings WHERE call_id = $1 ORDER BY id', [callId]);
  return rows.map((row) => Number(row.id));
}

async function readAll(principal: Principal, filters: QueueFilters, limit: number): Promise<number[]> {
  const ids: number[] = [];
  let cursor = null;
  do {
    const page = await listQueue(db, principal, filters, cursor, limit);
    ids.push(...page.items.map((item) => item.id));
    cursor = page.next;
  } while (cursor);
  return ids;
}

beforeAll(async () => {
  db = await openDatabase({ dataDir: await makeTempDir('review-store') });
  await migrate(db);
  // Team T-1, rep R-1: three calls on different days. Team T-2, rep R-9: one call.
  await seedCall(db, {
    id: 'c-old',
    startedAt: '2026-11-01T09:00:00Z',
    findings: [
      { type: 'vague_commitment', turnIndex: 3, severity: 'minor', span: { start: 3, end: 7 } },
      { type: 'absolute_claim', turnIndex: 1, severity: 'critical', span: { start: 2, end: 6 } },
    ],
  });
  await seedCall(db, {
    id: 'c-mid',
    startedAt: '2026-11-02T09:00:00Z',
    findings: [
      { type: 'pressure_tactic', turnIndex: 1, severity: 'major', span: { start: 14, end: 24 } },
      { type: 'absolute_claim', turnIndex: 1, severity: 'critical', span: { start: 2, end: 6 } },
      { type: 'over_commitment', turnIndex: 1, severity: 'major', span: { start: 7, end: 13 } },
    ],
  });
  await seedCall(db, {
    id: 'c-new',
    repId: 'R-2',
    startedAt: '2026-11-03T09:00:00Z',
    findings: [
      { type: 'absolute_claim', turnIndex: 1, severity: 'critical', span: { start: 2, end: 6 } },
      { type: 'no_next_step', turnIndex: 3, severity: 'minor', span: { start: 0, end: 4 } },
    ],
  });
  await seedCall(db, {
    id: 'c-other-team',
    teamId: 'T-2',
    repId: 'R-9',
    startedAt: '2026-11-03T12:00:00Z',
    findings: [{ type: 'improper_benefit', turnIndex: 1, severity: 'critical' }],
  });
});

afterAll(async () => {
  await db?.close();
});

describe('review queue order', () => {
  it('puts critical first, then newest call', async () => {
    const page = await listQueue(db, PRINCIPALS.coach, {}, null, 50);
    const order = page.items.map((item) => `${item.callId}:${item.type}`);
    expect(order).toEqual([
      'c-new:absolute_claim',
      'c-mid:absolute_claim',
      'c-old:absolute_claim',
      'c-mid:pressure_tactic',
      'c-mid:over_commitment',
      'c-new:no_next_step',
      'c-old:vague_commitment',
    ]);
    expect(page.next).toBeNull();
  });

  it('keeps other teams out of a coach scope', async () => {
    const page = await listQueue(db, PRINCIPALS.otherCoach, {}, null, 50);
    expect(page.items.map((item) => item.callId)).toEqual(['c-other-team']);
  });

  it('lists every team for an admin', async () => {
    const page = await listQueue(db, PRINCIPALS.admin, {}, null, 50);
    expect(page.items).toHaveLength(8);
    expect(page.items[0]!.callId).toBe('c-other-team');
  });

  it('applies each filter', async () => {
    const cases: Array<[QueueFilters, number]> = [
      [{ teamId: 'T-2' }, 0],
      [{ repId: 'R-2' }, 2],
      [{ type: 'absolute_claim' }, 3],
      [{ severity: 'major' }, 2],
      [{ status: 'unreviewed' }, 7],
      [{ status: 'dismissed' }, 0],
      [{ from: '2026-11-02T00:00:00Z' }, 5],
      [{ to: '2026-11-02T00:00:00Z' }, 2],
      [{ from: '2026-11-02T00:00:00Z', to: '2026-11-03T00:00:00Z', type: 'absolute_claim' }, 1],
    ];
    for (const [filters, count] of cases) {
      const page = await listQueue(db, PRINCIPALS.coach, filters, null, 50);
      expect(page.items, JSON.stringify(filters)).toHaveLength(count);
    }
  });
});

describe('review decisions', () => {
  it('writes status and an audit row together', async () => {
    const [id] = await findingIds('c-old');
    expect(await applyReview(db, PRINCIPALS.coach, { findingId: id!, decision: 'confirm', reasonCode: null, note: '确实如此' })).toBe(true);
    expect(
      await applyReview(db, PRINCIPALS.coach, { findingId: id!, decision: 'dismiss', reasonCode: 'wrong_speaker', note: null }),
    ).toBe(true);

    const item = await getQueueFinding(db, PRINCIPALS.coach, id!);
    expect(item?.status).toBe('dismissed');
    expect(item?.review).toMatchObject({ decision: 'dismiss', reasonCode: 'wrong_speaker', note: null, reviewerId: 'u-coach' });

    const trail = await listFindingReviews(db, PRINCIPALS.coach, id!);
    expect(trail).toHaveLength(2);
    expect(trail![0]!.before).toEqual({ status: 'unreviewed', reasonCode: null, note: null });
    expect(trail![0]!.after).toEqual({ status: 'confirmed', reasonCode: null, note: '确实如此' });
    expect(trail![1]!.before).toEqual({ status: 'confirmed', reasonCode: null, note: '确实如此' });
    expect(trail![1]!.after).toEqual({ status: 'dismissed', reasonCode: 'wrong_speaker', note: null });
  });

  it('changes nothing out of scope', async () => {
    const [id] = await findingIds('c-other-team');
    expect(await applyReview(db, PRINCIPALS.coach, { findingId: id!, decision: 'confirm', reasonCode: null, note: null })).toBe(false);
    const rows = await db.query<{ status: string }>('SELECT status FROM findings WHERE id = $1', [id]);
    expect(rows[0]!.status).toBe('unreviewed');
    expect(await db.query('SELECT 1 FROM finding_reviews WHERE finding_id = $1', [id])).toHaveLength(0);
    expect(await listFindingReviews(db, PRINCIPALS.coach, id!)).toBeNull();
  });
});

describe('review carry-over', () => {
  it('keeps review state when a call is re-analysed', async () => {
    await seedCall(db, {
      id: 'c-rescore',
      teamId: 'T-3',
      findings: [
        { type: 'absolute_claim', turnIndex: 1, severity: 'critical', span: { start: 2, end: 6 } },
        { type: 'pressure_tactic', turnIndex: 1, span: { start: 14, end: 24 } },
      ],
    });
    const [absoluteId, pressureId] = await findingIds('c-rescore');
    await applyReview(db, PRINCIPALS.admin, { findingId: absoluteId!, decision: 'dismiss', reasonCode: 'allowed_by_policy', note: '已审批' });
    await applyReview(db, PRINCIPALS.admin, { findingId: pressureId!, decision: 'confirm', reasonCode: null, note: null });

    // Re-analysis keeps the absolute claim, moves the pressure tactic to another span and adds a new finding.
    await db.transaction((tx) =>
      replaceAnalysis(
        tx,
        'c-rescore',
        {
          findings: toFindings([
            { type: 'absolute_claim', turnIndex: 1, severity: 'critical', span: { start: 2, end: 6 } },
            { type: 'pressure_tactic', turnIndex: 1, span: { start: 15, end: 24 } },
            { type: 'vague_commitment', turnIndex: 3, severity: 'minor' },
          ]),
          objections: [],
          skippedDetectors: [],
        },
        { behaviorScore: 70, behavior: {}, rulesVersion: 'seed-2' },
      ),
    );

    const ids = await findingIds('c-rescore');
    expect(ids).not.toContain(absoluteId);
    const states = await getCallReviewStates(db, 'c-rescore');
    const byType = new Map((await db.query<{ id: number; type: string }>('SELECT id, type FROM findings WHERE call_id = $1', ['c-rescore'])).map((row) => [row.type, Number(row.id)]));
    const carried = states.get(byType.get('absolute_claim')!);
    expect(carried?.status).toBe('dismissed');
    expect(carried?.review).toMatchObject({ decision: 'dismiss', reasonCode: 'allowed_by_policy', note: '已审批', reviewerId: 'u-admin' });
    expect(states.get(byType.get('pressure_tactic')!)?.status).toBe('unreviewed');
    expect(states.get(byType.get('vague_commitment')!)?.status).toBe('unreviewed');

    const trail = await listFindingReviews(db, PRINCIPALS.admin, byType.get('absolute_claim')!);
    expect(trail).toHaveLength(1);
    expect(trail![0]!.after.status).toBe('dismissed');
  });
});

describe('review queue cursor', () => {
  it('pages without duplicates or gaps while reviewing', async () => {
    await seedCall(db, {
      id: 'c-many',
      teamId: 'T-4',
      findings: Array.from({ length: 9 }, (_, i) => ({
        type: PITFALL_TYPES[i]!,
        turnIndex: 1,
        severity: (['critical', 'major', 'minor'] as const)[i % 3],
        span: { start: i, end: i + 1 },
      })),
    });
    const coach: Principal = { ...PRINCIPALS.coach, teamIds: ['T-4'] };
    const expected = await readAll(coach, {}, 100);
    expect(expected).toHaveLength(9);

    const seen: number[] = [];
    let cursor = null;
    do {
      const page = await listQueue(db, coach, {}, cursor, 2);
      for (const item of page.items) {
        seen.push(item.id);
        // Reviewing each row as it is read would move it behind the cursor without the snapshot rank.
        await applyReview(db, coach, { findingId: item.id, decision: 'confirm', reasonCode: null, note: null });
      }
      cursor = page.next;
    } while (cursor);

    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...expected].sort());
    expect(seen).toEqual(expected);
  });

  it('pages an unreviewed filter while reviewing', async () => {
    await seedCall(db, {
      id: 'c-filter',
      teamId: 'T-5',
      findings: Array.from({ length: 5 }, (_, i) => ({ type: PITFALL_TYPES[i]!, turnIndex: 1, span: { start: i, end: i + 1 } })),
    });
    const coach: Principal = { ...PRINCIPALS.coach, teamIds: ['T-5'] };
    const seen: number[] = [];
    let cursor = null;
    do {
      const page = await listQueue(db, coach, { status: 'unreviewed' }, cursor, 2);
      for (const item of page.items) {
        seen.push(item.id);
        await applyReview(db, coach, { findingId: item.id, decision: 'dismiss', reasonCode: 'transcription_error', note: null });
      }
      cursor = page.next;
    } while (cursor);
    expect(new Set(seen).size).toBe(5);
  });
});

describe('precision report', () => {
  it('counts reviews per type with all 12 types', async () => {
    const coach: Principal = { ...PRINCIPALS.coach, teamIds: ['T-5'] };
    const report = computePrecision(await countReviews(db, coach, {}));
    expect(report.map((row) => row.type)).toEqual([...PITFALL_TYPES]);
    const first = report[0]!;
    expect(first).toMatchObject({ findings: 1, reviewed: 1, confirmed: 0, dismissed: 1, dismissedShare: 1 });
    expect(first.byReason.transcription_error).toBe(1);
    const untouched = report.find((row) => row.type === 'monologue')!;
    expect(untouched).toMatchObject({ findings: 0, reviewed: 0, dismissed: 0, dismissedShare: null });
  });

  it('computes the dismissed share of reviewed findings', () => {
    const report = computePrecision([
      { type: 'monologue', status: 'confirmed', reasonCode: null, count: 3 },
      { type: 'monologue', status: 'dismissed', reasonCode: 'wrong_speaker', count: 1 },
      { type: 'monologue', status: 'unreviewed', reasonCode: null, count: 6 },
    ]);
    const monologue = report.find((row) => row.type === 'monologue')!;
    expect(monologue).toMatchObject({ findings: 10, reviewed: 4, confirmed: 3, dismissed: 1, dismissedShare: 0.25 });
    expect(monologue.byReason).toEqual({ wrong_speaker: 1, transcription_error: 0, not_pitfall_in_context: 0, allowed_by_policy: 0 });
  });
});

describe('coaching notes', () => {
  it('stores, lists and acknowledges once', async () => {
    const note = await insertNote(db, { callId: 'c-old', atMs: 4100, text: '这里不要说全网最低。', authorId: 'u-coach' });
    expect(note).toMatchObject({ callId: 'c-old', atMs: 4100, authorName: 'u-coach', acknowledgedAt: null });
    await insertNote(db, { callId: 'c-old', atMs: 0, text: '开场可以更简洁。', authorId: 'u-coach' });

    expect((await listCallNotes(db, 'c-old')).map((n) => n.atMs)).toEqual([0, 4100]);
    const mine = await listRepNotes(db, 'R-1', 100);
    expect(mine[0]).toMatchObject({ text: '开场可以更简洁。', dealId: 'D-1', callStartedAt: '2026-11-01T09:00:00.000Z' });
    expect(await listRepNotes(db, 'R-2', 100)).toEqual([]);

    const first = await acknowledgeNote(db, note.id, 'u-rep');
    const again = await acknowledgeNote(db, note.id, 'u-rep');
    expect(first?.acknowledgedAt).not.toBeNull();
    expect(again?.acknowledgedAt).toBe(first?.acknowledgedAt);
  });

  it('finds notes only in scope', async () => {
    const note = await insertNote(db, { callId: 'c-old', atMs: 10, text: '注意语速。', authorId: 'u-coach' });
    expect(await getNoteInScope(db, PRINCIPALS.rep, note.id)).toMatchObject({ repId: 'R-1' });
    expect(await getNoteInScope(db, PRINCIPALS.otherRep, note.id)).toBeNull();
    expect(await getNoteInScope(db, PRINCIPALS.otherCoach, note.id)).toBeNull();
    expect(await getNoteInScope(db, PRINCIPALS.coach, note.id)).not.toBeNull();
  });
});

describe('call list', () => {
  it('pages newest first with counts', async () => {
    const first = await listCalls(db, PRINCIPALS.coach, {}, null, 2);
    expect(first.items.map((call) => call.id)).toEqual(['c-new', 'c-mid']);
    expect(first.items[0]).toMatchObject({ findingCount: 2, unreviewedCount: 2, status: 'scored' });
    const second = await listCalls(db, PRINCIPALS.coach, {}, first.next, 2);
    expect(second.items.map((call) => call.id)).toEqual(['c-old']);
    expect(second.items[0]).toMatchObject({ findingCount: 2, unreviewedCount: 1 });
    expect(second.next).toBeNull();
  });

  it('limits a rep to own calls', async () => {
    const page = await listCalls(db, PRINCIPALS.otherRep, {}, null, 50);
    expect(page.items.map((call) => call.id)).toEqual(['c-new']);
  });
});

describe('dismissed export', () => {
  it('lists calls holding dismissed findings', async () => {
    expect(await listCallsWithDismissals(db, PRINCIPALS.coach, {})).toEqual(['c-old']);
    expect(await listCallsWithDismissals(db, PRINCIPALS.coach, { type: 'vague_commitment' })).toEqual(['c-old']);
    expect(await listCallsWithDismissals(db, PRINCIPALS.coach, { type: 'absolute_claim' })).toEqual([]);
    expect(await listCallsWithDismissals(db, PRINCIPALS.coach, { type: 'monologue' })).toEqual([]);
  });

  it('drops dismissed findings from the labels', () => {
    const result = toLabelledConversation({
      id: 'c-1',
      language: 'zh',
      callEnded: true,
      turns: SEED_TURNS,
      findings: [
        { type: 'absolute_claim', turnIndex: 1, status: 'dismissed' },
        { type: 'pressure_tactic', turnIndex: 1, status: 'confirmed' },
        { type: 'pressure_tactic', turnIndex: 1, status: 'confirmed' },
        { type: 'vague_commitment', turnIndex: 3, status: 'unreviewed' },
      ],
      objections: [{ id: 1, type: 'price', turnIndex: 0, span: { start: 0, end: 2 }, handlingDepth: 0, confidence: 1, evidence: [] }],
    });
    expect(result).toHaveProperty('conversation');
    const { conversation } = result as { conversation: unknown };
    expect(conversation).toMatchObject({
      id: 'c-1',
      lang: 'zh',
      pitfalls: [
        { type: 'pressure_tactic', turn: 1 },
        { type: 'vague_commitment', turn: 3 },
      ],
      objections: [{ type: 'price', turn: 0, depth: 0 }],
    });
  });

  it('skips calls with unknown speakers', () => {
    const result = toLabelledConversation({
      id: 'c-2',
      language: 'auto',
      callEnded: true,
      turns: [{ speaker: 'unknown', text: 'hello' }],
      findings: [],
      objections: [],
    });
    expect(result).toEqual({ skipped: 'speaker_unknown' });
  });

  it('tells the conversation language', () => {
    expect(conversationLanguage('auto', [{ speaker: 'rep', text: 'We can ship next week.' }])).toBe('en');
    expect(conversationLanguage('auto', [{ speaker: 'rep', text: '我们下周发货。' }])).toBe('zh');
    expect(conversationLanguage('zh', [{ speaker: 'rep', text: '这个 remote diagnosis 的 response time 要多少？' }])).toBe('mixed');
  });
});

describe('excerpt', () => {
  it('keeps context around the span', () => {
    const text = `${'a'.repeat(50)}SPAN${'b'.repeat(50)}`;
    expect(excerptAround(text, 50, 54)).toBe(`…${'a'.repeat(40)}SPAN${'b'.repeat(40)}…`);
  });

  it('clamps spans past the text', () => {
    expect(excerptAround('短句', 0, 99)).toBe('短句');
    expect(excerptAround('', 3, 5)).toBe('');
  });
});
