import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeToneWav } from './helpers/audio.js';
import { makeTempDir, startService, upload, waitForCall, type Service } from './helpers/harness.js';
import { createCaller, request } from './helpers/review-api.js';
import { createTestDatabase } from './helpers/services.js';

let service: Service;
let dropDatabase: () => Promise<void>;
let admin: Record<string, string>;
let coach: Record<string, string>;
let otherCoach: Record<string, string>;
let rep: Record<string, string>;
let otherRep: Record<string, string>;
let wavBytes: Buffer;
let audioCallId: string;
let transcriptCallId: string;

const EN = { 'accept-language': 'en' };
const ZH = { 'accept-language': 'zh-CN' };

// A call whose rep turns carry an absolute claim, a pressure tactic and a vague commitment.
const TURNS = [
  { speaker: 'customer', text: '你们这个价格比我们预算高了三成。', startMs: 0, endMs: 3900 },
  { speaker: 'rep', text: '我们是全网最低价，今天不签明天就涨价。', startMs: 4100, endMs: 9000 },
  { speaker: 'customer', text: '我再考虑一下。', startMs: 9200, endMs: 10800 },
  { speaker: 'rep', text: '好的，我回头尽快给您答复。', startMs: 11000, endMs: 14000 },
];

function transcriptFile(): { content: Buffer; filename: string; type: string } {
  return { content: Buffer.from(JSON.stringify(TURNS)), filename: 'call.json', type: 'application/json' };
}

async function waitForBatch(batchId: string): Promise<void> {
  for (;;) {
    const { body } = await request(service, 'GET', `/v1/batches/${batchId}`, admin);
    if (body.finished) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  const database = await createTestDatabase();
  dropDatabase = database.drop;
  service = await startService({ databaseUrl: database.url });
  admin = service.authHeaders;
  ({ headers: coach } = await createCaller(service, { role: 'coach', teamIds: ['T-1', 'T-re'], name: '王教练' }));
  ({ headers: otherCoach } = await createCaller(service, { role: 'coach', teamIds: ['T-2'] }));
  ({ headers: rep } = await createCaller(service, { role: 'rep', teamIds: ['T-1'], repId: 'R-1' }));
  ({ headers: otherRep } = await createCaller(service, { role: 'rep', teamIds: ['T-1'], repId: 'R-2' }));

  const wav = path.join(await makeTempDir('review-audio'), 'tone.wav');
  await makeToneWav(wav, { seconds: 2 });
  wavBytes = await readFile(wav);
  const audio = await upload(service.baseUrl, { content: wavBytes, filename: 'tone.wav', type: 'audio/wav' }, { teamId: 'T-1', repId: 'R-1', dealId: 'D-audio' });
  expect(audio.status).toBe(202);
  audioCallId = audio.body.id;

  const transcript = await upload(service.baseUrl, transcriptFile(), { teamId: 'T-1', repId: 'R-1', dealId: 'D-notes', startedAt: '2026-11-05T10:00:00+08:00' });
  expect(transcript.status).toBe(202);
  transcriptCallId = transcript.body.id;
  await waitForCall(service.baseUrl, transcriptCallId);
});

afterAll(async () => {
  await service?.close();
  await dropDatabase?.();
});

describe('call audio route', () => {
  it('serves the whole file', async () => {
    const response = await fetch(`${service.baseUrl}/v1/calls/${audioCallId}/audio`, { headers: rep });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await response.arrayBuffer()).equals(wavBytes)).toBe(true);
  });

  it('serves byte ranges', async () => {
    const size = wavBytes.length;
    const cases: Array<[string, number, number]> = [
      ['bytes=0-99', 0, 99],
      ['bytes=1000-', 1000, size - 1],
      ['bytes=-64', size - 64, size - 1],
      [`bytes=${size - 10}-${size + 500}`, size - 10, size - 1],
    ];
    for (const [range, start, end] of cases) {
      const response = await fetch(`${service.baseUrl}/v1/calls/${audioCallId}/audio`, { headers: { ...coach, range } });
      expect(response.status, range).toBe(206);
      expect(response.headers.get('content-range'), range).toBe(`bytes ${start}-${end}/${size}`);
      expect(response.headers.get('content-length'), range).toBe(String(end - start + 1));
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.equals(wavBytes.subarray(start, end + 1)), range).toBe(true);
    }
  });

  it('answers 416 for unsatisfiable ranges', async () => {
    const size = wavBytes.length;
    for (const range of [`bytes=${size}-`, 'bytes=50-10', 'bytes=-0']) {
      const response = await fetch(`${service.baseUrl}/v1/calls/${audioCallId}/audio`, { headers: { ...coach, ...EN, range } });
      expect(response.status, range).toBe(416);
      expect(response.headers.get('content-range'), range).toBe(`bytes */${size}`);
      const body = await response.json();
      expect(body.error.code, range).toBe('CS_ERR_RANGE_NOT_SATISFIABLE');
    }
  });

  it('answers 416 for a malformed range', async () => {
    const response = await fetch(`${service.baseUrl}/v1/calls/${audioCallId}/audio`, { headers: { ...coach, ...EN, range: 'bytes=abc' } });
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe(`bytes */${wavBytes.length}`);
    const body = await response.json();
    expect(body.error.code).toBe('CS_ERR_RANGE_INVALID');
    expect(body.error.message).toContain('"bytes=abc" is malformed');
    expect(body.error.message).toContain('"bytes=0-1023"');
  });

  it('answers 404 for transcripts and out of scope', async () => {
    const transcript = await request(service, 'GET', `/v1/calls/${transcriptCallId}/audio`, { ...coach, ...ZH });
    expect(transcript.status).toBe(404);
    expect(transcript.body.error.code).toBe('CS_ERR_CALL_HAS_NO_AUDIO');
    expect(transcript.body.error.message).toContain('没有音频');
    const otherTeam = await request(service, 'GET', `/v1/calls/${audioCallId}/audio`, otherCoach);
    expect(otherTeam.status).toBe(404);
    expect(otherTeam.body.error.code).toBe('CS_ERR_CALL_NOT_FOUND');
    const otherRepCall = await request(service, 'GET', `/v1/calls/${audioCallId}/audio`, otherRep);
    expect(otherRepCall.status).toBe(404);
  });
});

describe('coaching notes routes', () => {
  let noteId: number;

  it('adds a note as a coach', async () => {
    const created = await request(service, 'POST', `/v1/calls/${transcriptCallId}/notes`, coach, { atMs: 4100, text: '这里不要说全网最低价。' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ callId: transcriptCallId, atMs: 4100, text: '这里不要说全网最低价。', authorName: '王教练', acknowledgedAt: null });
    noteId = created.body.id;

    const listed = await request(service, 'GET', `/v1/calls/${transcriptCallId}/notes`, rep);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((note: any) => note.id)).toEqual([noteId]);
  });

  it('rejects invalid notes', async () => {
    const url = `/v1/calls/${transcriptCallId}/notes`;
    const late = await request(service, 'POST', url, { ...coach, ...EN }, { atMs: 14001, text: '太晚了' });
    expect(late.status).toBe(400);
    expect(late.body.error.code).toBe('CS_ERR_NOTE_AFTER_CALL_END');
    expect(late.body.error.message).toContain('14000');
    const lateChinese = await request(service, 'POST', url, { ...coach, ...ZH }, { atMs: 14001, text: '太晚了' });
    expect(lateChinese.body.error.message).toContain('晚于通话');

    for (const body of [{ atMs: -1, text: 'x' }, { atMs: 0, text: '   ' }, { atMs: 0, text: 'x'.repeat(2001) }, { text: 'x' }]) {
      const response = await request(service, 'POST', url, coach, body);
      expect(response.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(response.body.error.code).toBe('CS_ERR_VALIDATION');
    }
  });

  it('forbids reps and hides other teams', async () => {
    const url = `/v1/calls/${transcriptCallId}/notes`;
    const byRep = await request(service, 'POST', url, rep, { atMs: 0, text: '自评' });
    expect(byRep.status).toBe(403);
    const byOtherCoach = await request(service, 'POST', url, otherCoach, { atMs: 0, text: '越界' });
    expect(byOtherCoach.status).toBe(404);
    const readByOtherRep = await request(service, 'GET', url, otherRep);
    expect(readByOtherRep.status).toBe(404);
  });

  it('lists the rep notes newest first', async () => {
    await request(service, 'POST', `/v1/calls/${transcriptCallId}/notes`, admin, { atMs: 0, text: '开场不错。' });
    const mine = await request(service, 'GET', '/v1/me/notes', rep);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((note: any) => note.text)).toEqual(['开场不错。', '这里不要说全网最低价。']);
    expect(mine.body.items[1]).toMatchObject({ callId: transcriptCallId, dealId: 'D-notes', callStartedAt: '2026-11-05T02:00:00.000Z' });
    expect((await request(service, 'GET', '/v1/me/notes', otherRep)).body.items).toEqual([]);
    expect((await request(service, 'GET', '/v1/me/notes', coach)).status).toBe(403);
  });

  it('lets only the rep acknowledge', async () => {
    const byCoach = await request(service, 'POST', `/v1/notes/${noteId}/acknowledge`, { ...coach, ...ZH });
    expect(byCoach.status).toBe(403);
    expect(byCoach.body.error.code).toBe('CS_ERR_FORBIDDEN');
    const byOtherRep = await request(service, 'POST', `/v1/notes/${noteId}/acknowledge`, otherRep);
    expect(byOtherRep.status).toBe(404);
    expect(byOtherRep.body.error.code).toBe('CS_ERR_NOTE_NOT_FOUND');
    const byOtherCoach = await request(service, 'POST', `/v1/notes/${noteId}/acknowledge`, otherCoach);
    expect(byOtherCoach.status).toBe(404);

    const first = await request(service, 'POST', `/v1/notes/${noteId}/acknowledge`, rep);
    expect(first.status).toBe(200);
    expect(first.body.acknowledgedAt).not.toBeNull();
    const again = await request(service, 'POST', `/v1/notes/${noteId}/acknowledge`, rep);
    expect(again.status).toBe(200);
    expect(again.body.acknowledgedAt).toBe(first.body.acknowledgedAt);
  });
});

describe('review carry-over on re-score', () => {
  it('keeps a dismissal through a re-score', async () => {
    const uploaded = await upload(service.baseUrl, transcriptFile(), { teamId: 'T-re', repId: 'R-re', dealId: 'D-re', startedAt: '2026-09-10T10:00:00+08:00' });
    const call = await waitForCall(service.baseUrl, uploaded.body.id);
    expect(call.status).toBe('scored');
    const target = call.findings.find((finding: any) => finding.type === 'absolute_claim');
    expect(target).toBeDefined();
    expect(target.status).toBe('unreviewed');

    const dismissed = await request(service, 'POST', `/v1/findings/${target.id}/review`, coach, { decision: 'dismiss', reasonCode: 'allowed_by_policy', note: '有认证依据' });
    expect(dismissed.status).toBe(200);

    const started = await request(service, 'POST', '/v1/batches/rescore', admin, { from: '2026-09-01', to: '2026-09-30', teamId: 'T-re' });
    expect(started.status).toBe(202);
    await waitForBatch(started.body.id);

    const rescored = (await request(service, 'GET', `/v1/calls/${uploaded.body.id}`, coach)).body;
    const carried = rescored.findings.find((finding: any) => finding.type === 'absolute_claim');
    expect(carried.id).not.toBe(target.id);
    expect(carried.span).toEqual(target.span);
    expect(carried.status).toBe('dismissed');
    expect(carried.review).toMatchObject({ decision: 'dismiss', reasonCode: 'allowed_by_policy', note: '有认证依据' });
    for (const other of rescored.findings.filter((finding: any) => finding.type !== 'absolute_claim')) {
      expect(other.status, other.type).toBe('unreviewed');
    }

    const trail = await request(service, 'GET', `/v1/findings/${carried.id}/reviews`, coach);
    expect(trail.body.items).toHaveLength(1);
    expect(trail.body.items[0].after).toEqual({ status: 'dismissed', reasonCode: 'allowed_by_policy', note: '有认证依据' });
  });
});
