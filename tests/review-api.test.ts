import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGoldFile } from '../src/eval/gold.js';
import { PITFALL_TYPES } from '../src/domain/pitfalls.js';
import { makeTempDir, startService, upload, waitForCall, type Service } from './helpers/harness.js';
import { createCaller, request } from './helpers/review-api.js';
import { seedCall } from './helpers/review-seed.js';

let service: Service;
let admin: Record<string, string>;
let coach: Record<string, string>;
let coachId: string;
let otherCoach: Record<string, string>;
let rep: Record<string, string>;
let otherRep: Record<string, string>;

const EN = { 'accept-language': 'en' };
const ZH = { 'accept-language': 'zh-CN' };

async function findingIdsOf(callId: string): Promise<number[]> {
  const rows = await service.runtime.db.query<{ id: number }>('SELECT id FROM findings WHERE call_id = $1 ORDER BY id', [callId]);
  return rows.map((row) => Number(row.id));
}

async function queue(query: string, headers: Record<string, string> = coach): Promise<{ status: number; body: any }> {
  return request(service, 'GET', `/v1/review/findings${query}`, headers);
}

beforeAll(async () => {
  service = await startService();
  admin = service.authHeaders;
  ({ headers: coach, userId: coachId } = await createCaller(service, { role: 'coach', teamIds: ['T-1'], name: '王教练' }));
  ({ headers: otherCoach } = await createCaller(service, { role: 'coach', teamIds: ['T-2'] }));
  ({ headers: rep } = await createCaller(service, { role: 'rep', teamIds: ['T-1'], repId: 'R-1' }));
  ({ headers: otherRep } = await createCaller(service, { role: 'rep', teamIds: ['T-1'], repId: 'R-2' }));

  const db = service.runtime.db;
  await seedCall(db, {
    id: 'a-old',
    startedAt: '2026-11-01T09:00:00Z',
    findings: [
      { type: 'absolute_claim', turnIndex: 1, severity: 'critical', span: { start: 2, end: 6 } },
      { type: 'vague_commitment', turnIndex: 3, severity: 'minor', span: { start: 8, end: 10 } },
    ],
  });
  await seedCall(db, {
    id: 'a-mid',
    startedAt: '2026-11-02T09:00:00Z',
    findings: [
      { type: 'pressure_tactic', turnIndex: 1, severity: 'major', span: { start: 14, end: 24 } },
      { type: 'over_commitment', turnIndex: 1, severity: 'major', span: { start: 7, end: 13 } },
    ],
  });
  await seedCall(db, {
    id: 'a-new',
    repId: 'R-2',
    startedAt: '2026-11-03T09:00:00Z',
    findings: [{ type: 'absolute_claim', turnIndex: 1, severity: 'critical', span: { start: 2, end: 6 } }],
  });
  await seedCall(db, {
    id: 'a-team-2',
    teamId: 'T-2',
    repId: 'R-9',
    startedAt: '2026-11-03T12:00:00Z',
    findings: [{ type: 'improper_benefit', turnIndex: 1, severity: 'critical' }],
  });
});

afterAll(async () => {
  await service?.close();
});

describe('review queue route', () => {
  it('orders critical, then newest call', async () => {
    const { status, body } = await queue('', { ...coach, ...EN });
    expect(status).toBe(200);
    expect(body.items.map((item: any) => `${item.callId}:${item.type}`)).toEqual([
      'a-new:absolute_claim',
      'a-old:absolute_claim',
      'a-mid:pressure_tactic',
      'a-mid:over_commitment',
      'a-old:vague_commitment',
    ]);
    expect(body.nextCursor).toBeNull();
  });

  it('renders labels and the excerpt', async () => {
    const english = (await queue('?type=absolute_claim&repId=R-1', { ...coach, ...EN })).body.items[0];
    expect(english).toMatchObject({
      callId: 'a-old',
      dealId: 'D-1',
      repId: 'R-1',
      teamId: 'T-1',
      callStartedAt: '2026-11-01T09:00:00.000Z',
      label: 'Absolute claim',
      severity: 'critical',
      status: 'unreviewed',
      statusLabel: 'Unreviewed',
      turnIndex: 1,
      spanStart: 2,
      spanEnd: 6,
      startMs: 4100,
      review: null,
    });
    expect(english.excerpt).toContain('全网最低');
    const chinese = (await queue('?type=absolute_claim&repId=R-1', { ...coach, ...ZH })).body.items[0];
    expect(chinese.label).toBe('绝对化用语');
    expect(chinese.statusLabel).toBe('待审核');
  });

  it('shows masked text in the excerpt', async () => {
    const turns = [
      { speaker: 'customer', text: '价格太高了。', startMs: 0, endMs: 2000 },
      { speaker: 'rep', text: '我们绝对是全网最低价，有问题直接打我手机13812345678。', startMs: 2100, endMs: 8000 },
    ];
    const uploaded = await upload(
      service.baseUrl,
      { content: Buffer.from(JSON.stringify(turns)), filename: 'masked.json', type: 'application/json' },
      { teamId: 'T-mask', repId: 'R-mask', dealId: 'D-mask', startedAt: '2026-10-01T10:00:00+08:00' },
    );
    expect(uploaded.status).toBe(202);
    expect((await waitForCall(service.baseUrl, uploaded.body.id)).status).toBe('scored');

    const { body } = await queue('?teamId=T-mask', admin);
    expect(body.items.length).toBeGreaterThan(0);
    for (const item of body.items) {
      expect(item.excerpt).not.toContain('13812345678');
      expect(item.excerpt).toContain('[手机号]');
    }
  });

  it('applies each filter', async () => {
    const cases: Array<[string, number]> = [
      ['?teamId=T-1', 5],
      ['?repId=R-2', 1],
      ['?type=over_commitment', 1],
      ['?severity=critical', 2],
      ['?status=unreviewed', 5],
      ['?status=confirmed', 0],
      ['?from=2026-11-02', 3],
      ['?to=2026-11-01', 2],
      ['?from=2026-11-02T00:00:00Z&to=2026-11-02T23:59:59Z', 2],
    ];
    for (const [query, count] of cases) {
      const { status, body } = await queue(query);
      expect(status, query).toBe(200);
      expect(body.items, query).toHaveLength(count);
    }
    // Another team's id is a request the coach may not make, not an empty filter.
    expect((await queue('?teamId=T-2')).status).toBe(403);
  });

  it('scopes by team and role', async () => {
    expect((await queue('', otherCoach)).body.items.map((item: any) => item.callId)).toEqual(['a-team-2']);
    expect((await queue('?from=2026-11-01', admin)).body.items).toHaveLength(6);

    const forbidden = await queue('', { ...rep, ...EN });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('CS_ERR_FORBIDDEN');
    const unauthenticated = await queue('', {});
    expect(unauthenticated.status).toBe(401);
  });

  it('rejects invalid query values', async () => {
    const cases: Array<[string, string]> = [
      ['?severity=fatal', 'CS_ERR_VALIDATION'],
      ['?status=open', 'CS_ERR_VALIDATION'],
      ['?limit=0', 'CS_ERR_VALIDATION'],
      ['?limit=201', 'CS_ERR_VALIDATION'],
      ['?from=2026-13-01', 'CS_ERR_VALIDATION'],
      ['?cursor=not-a-cursor', 'CS_ERR_CURSOR_INVALID'],
    ];
    for (const [query, code] of cases) {
      const { status, body } = await queue(query, { ...coach, ...EN });
      expect(status, query).toBe(400);
      expect(body.error.code, query).toBe(code);
    }
    const chinese = await queue('?cursor=not-a-cursor', { ...coach, ...ZH });
    expect(chinese.body.error.message).toContain('nextCursor');
    expect(chinese.body.error.message).toContain('无效');
  });

  it('pages while reviewing without repeats', async () => {
    await seedCall(service.runtime.db, {
      id: 'a-page',
      teamId: 'T-page',
      repId: 'R-page',
      startedAt: '2026-10-20T09:00:00Z',
      findings: PITFALL_TYPES.slice(0, 8).map((type, i) => ({
        type,
        turnIndex: 1,
        severity: (['critical', 'major', 'minor'] as const)[i % 3],
        span: { start: i, end: i + 2 },
      })),
    });
    const all = (await queue('?teamId=T-page', admin)).body.items.map((item: any) => item.id);
    expect(all).toHaveLength(8);

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?teamId=T-page&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await queue(query, admin);
      expect(page.status).toBe(200);
      for (const item of page.body.items) {
        seen.push(item.id);
        const reviewed = await request(service, 'POST', `/v1/findings/${item.id}/review`, admin, { decision: 'dismiss', reasonCode: 'wrong_speaker' });
        expect(reviewed.status).toBe(200);
      }
      cursor = page.body.nextCursor;
    } while (cursor);

    expect(seen).toEqual(all);
    const after = (await queue('?teamId=T-page&status=dismissed', admin)).body.items;
    expect(after).toHaveLength(8);
  });
});

describe('review decision route', () => {
  it('rejects a dismissal without a reason', async () => {
    const [id] = await findingIdsOf('a-mid');
    const english = await request(service, 'POST', `/v1/findings/${id}/review`, { ...coach, ...EN }, { decision: 'dismiss' });
    expect(english.status).toBe(400);
    expect(english.body.error.code).toBe('CS_ERR_REVIEW_REASON_REQUIRED');
    expect(english.body.error.message).toContain('wrong_speaker, transcription_error, not_pitfall_in_context, allowed_by_policy');
    const chinese = await request(service, 'POST', `/v1/findings/${id}/review`, { ...coach, ...ZH }, { decision: 'dismiss' });
    expect(chinese.body.error.message).toContain('必须提供 reasonCode');
  });

  it('rejects a confirmation with a reason', async () => {
    const [id] = await findingIdsOf('a-mid');
    const english = await request(service, 'POST', `/v1/findings/${id}/review`, { ...coach, ...EN }, { decision: 'confirm', reasonCode: 'wrong_speaker' });
    expect(english.status).toBe(400);
    expect(english.body.error.code).toBe('CS_ERR_REVIEW_REASON_NOT_ALLOWED');
    const chinese = await request(service, 'POST', `/v1/findings/${id}/review`, { ...coach, ...ZH }, { decision: 'confirm', reasonCode: 'wrong_speaker' });
    expect(chinese.body.error.message).toContain('确认时不能提供 reasonCode');
  });

  it('rejects invalid bodies', async () => {
    const [id] = await findingIdsOf('a-mid');
    const bodies: unknown[] = [
      { decision: 'maybe' },
      { decision: 'dismiss', reasonCode: 'bored' },
      { decision: 'confirm', note: 'x'.repeat(2001) },
      { decision: 'confirm', extra: true },
    ];
    for (const body of bodies) {
      const response = await request(service, 'POST', `/v1/findings/${id}/review`, { ...coach, ...EN }, body);
      expect(response.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(response.body.error.code).toBe('CS_ERR_VALIDATION');
    }
    const unchanged = await request(service, 'GET', `/v1/findings/${id}/reviews`, coach);
    expect(unchanged.body.items).toEqual([]);
  });

  it('answers 404 out of scope and 403 for reps', async () => {
    const [teamTwo] = await findingIdsOf('a-team-2');
    const [own] = await findingIdsOf('a-old');
    const outside = await request(service, 'POST', `/v1/findings/${teamTwo}/review`, { ...coach, ...EN }, { decision: 'confirm' });
    expect(outside.status).toBe(404);
    expect(outside.body.error.code).toBe('CS_ERR_FINDING_NOT_FOUND');
    const unknown = await request(service, 'POST', '/v1/findings/999999/review', coach, { decision: 'confirm' });
    expect(unknown.status).toBe(404);
    const byRep = await request(service, 'POST', `/v1/findings/${own}/review`, { ...rep, ...EN }, { decision: 'confirm' });
    expect(byRep.status).toBe(403);
    expect(byRep.body.error.code).toBe('CS_ERR_FORBIDDEN');
    const byOtherRep = await request(service, 'POST', `/v1/findings/${own}/review`, otherRep, { decision: 'confirm' });
    expect(byOtherRep.status).toBe(404);
  });

  it('reviews and keeps an audit trail', async () => {
    const [id] = await findingIdsOf('a-old');
    const confirmed = await request(service, 'POST', `/v1/findings/${id}/review`, { ...coach, ...ZH }, { decision: 'confirm', note: '  确实违规  ' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ id, status: 'confirmed', statusLabel: '已确认', review: { decision: 'confirm', reasonCode: null, reasonLabel: null, note: '确实违规', reviewerId: coachId } });

    const dismissed = await request(service, 'POST', `/v1/findings/${id}/review`, { ...coach, ...ZH }, { decision: 'dismiss', reasonCode: 'allowed_by_policy' });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ status: 'dismissed', review: { decision: 'dismiss', reasonCode: 'allowed_by_policy', reasonLabel: '符合公司政策', note: null } });

    const trail = await request(service, 'GET', `/v1/findings/${id}/reviews`, coach);
    expect(trail.status).toBe(200);
    expect(trail.body.items).toHaveLength(2);
    expect(trail.body.items[0]).toMatchObject({
      findingId: id,
      callId: 'a-old',
      reviewerId: coachId,
      before: { status: 'unreviewed', reasonCode: null, note: null },
      after: { status: 'confirmed', reasonCode: null, note: '确实违规' },
    });
    expect(trail.body.items[1]).toMatchObject({
      before: { status: 'confirmed', reasonCode: null, note: '确实违规' },
      after: { status: 'dismissed', reasonCode: 'allowed_by_policy', note: null },
    });
    const outside = await request(service, 'GET', `/v1/findings/${id}/reviews`, otherCoach);
    expect(outside.status).toBe(404);

    const view = await request(service, 'GET', '/v1/calls/a-old', { ...admin, ...EN });
    const finding = view.body.findings.find((item: any) => item.id === id);
    expect(finding).toMatchObject({ status: 'dismissed', statusLabel: 'Dismissed', review: { reasonCode: 'allowed_by_policy', reasonLabel: 'Allowed by policy' } });
  });
});

describe('precision route', () => {
  it('changes after a dismissal', async () => {
    const before = await request(service, 'GET', '/v1/review/precision?teamId=T-1', { ...coach, ...EN });
    expect(before.status).toBe(200);
    expect(before.body.types.map((row: any) => row.type)).toEqual([...PITFALL_TYPES]);
    const overBefore = before.body.types.find((row: any) => row.type === 'over_commitment');
    expect(overBefore).toMatchObject({ label: 'Over-commitment', findings: 1, reviewed: 0, dismissedShare: null });

    const [, overId] = await findingIdsOf('a-mid');
    await request(service, 'POST', `/v1/findings/${overId}/review`, coach, { decision: 'dismiss', reasonCode: 'not_pitfall_in_context' });

    const after = await request(service, 'GET', '/v1/review/precision?teamId=T-1', coach);
    const overAfter = after.body.types.find((row: any) => row.type === 'over_commitment');
    expect(overAfter).toMatchObject({ findings: 1, reviewed: 1, confirmed: 0, dismissed: 1, dismissedShare: 1 });
    expect(overAfter.byReason.not_pitfall_in_context).toBe(1);
    expect(overAfter.label).toBe('过度承诺');
  });

  it('keeps other teams out', async () => {
    const { body } = await request(service, 'GET', '/v1/review/precision', otherCoach);
    const total = body.types.reduce((sum: number, row: any) => sum + row.findings, 0);
    expect(total).toBe(1);
  });
});

describe('dismissed export route', () => {
  it('round-trips through the gold reader', async () => {
    const response = await fetch(`${service.baseUrl}/v1/review/dismissed/export?teamId=T-1`, { headers: coach });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/x-ndjson');
    const text = await response.text();

    const file = path.join(await makeTempDir('review-export'), 'dismissed.jsonl');
    await writeFile(file, text);
    const conversations = await readGoldFile(file);
    expect(conversations.map((conversation) => conversation.id).sort()).toEqual(['a-mid', 'a-old']);

    const old = conversations.find((conversation) => conversation.id === 'a-old')!;
    expect(old.lang).toBe('zh');
    expect(old.turns).toHaveLength(4);
    expect(old.turns[1]).toMatchObject({ speaker: 'rep', startMs: 4100, endMs: 9000 });
    // The dismissed absolute claim is no label; the unreviewed vague commitment still is.
    expect(old.pitfalls).toEqual([{ type: 'vague_commitment', turn: 3 }]);
    const mid = conversations.find((conversation) => conversation.id === 'a-mid')!;
    expect(mid.pitfalls).toEqual([{ type: 'pressure_tactic', turn: 1 }]);
  });

  it('filters by type and forbids reps', async () => {
    const response = await fetch(`${service.baseUrl}/v1/review/dismissed/export?type=over_commitment`, { headers: coach });
    const lines = (await response.text()).split('\n').filter((line) => line !== '');
    expect(lines.map((line) => JSON.parse(line).id)).toEqual(['a-mid']);
    const forbidden = await request(service, 'GET', '/v1/review/dismissed/export', rep);
    expect(forbidden.status).toBe(403);
  });
});

describe('call list route', () => {
  it('lists scoped calls newest first', async () => {
    const first = await request(service, 'GET', '/v1/calls?teamId=T-1&limit=2', { ...coach, ...ZH });
    expect(first.status).toBe(200);
    expect(first.body.items.map((call: any) => call.id)).toEqual(['a-new', 'a-mid']);
    expect(first.body.items[0]).toMatchObject({ dealId: 'D-1', repId: 'R-2', status: 'scored', statusLabel: '已评分', durationMs: 14000, findingCount: 1, unreviewedCount: 1 });
    const second = await request(service, 'GET', `/v1/calls?teamId=T-1&limit=2&cursor=${first.body.nextCursor}`, coach);
    expect(second.body.items.map((call: any) => call.id)).toEqual(['a-old']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('shows a rep only own calls', async () => {
    const { body } = await request(service, 'GET', '/v1/calls', rep);
    expect(body.items.map((call: any) => call.id)).toEqual(['a-mid', 'a-old']);
  });

  it('applies the filters', async () => {
    const cases: Array<[string, string[]]> = [
      ['?repId=R-2', ['a-new']],
      ['?dealId=D-1&status=scored&from=2026-11-02&to=2026-11-02', ['a-mid']],
      ['?status=failed', []],
    ];
    for (const [query, ids] of cases) {
      const { body } = await request(service, 'GET', `/v1/calls${query}`, coach);
      expect(body.items.map((call: any) => call.id), query).toEqual(ids);
    }
  });
});
