/**
 * Personal data through the whole service: masking before storage, the
 * admin-only original, consent, deletion with its audit, the retention
 * sweep, and log lines that never carry a planted phone or ID number.
 */
import { existsSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/config/logger.js';
import { blobPath } from '../src/ingest/blob-store.js';
import { sweepRetention } from '../src/jobs/retention.js';
import { listDeletionAudit } from '../src/store/privacy.js';
import { getCall } from '../src/store/calls.js';
import { createApiKey, createUser } from '../src/auth/accounts.js';
import { parseManifest } from '../src/jobs/manifest.js';
import type { PipelineServices } from '../src/jobs/pipeline.js';
import { makeSilenceWav } from './helpers/audio.js';
import path from 'node:path';
import { getJson, makeTempDir, startService, upload, waitForCall, type Service } from './helpers/harness.js';

const PHONE = '13812345678';
const SPOKEN_PHONE = '幺三九 八七六五 四三二一';
const ID_NUMBER = '11010519491231002X';
const EMAIL = 'wang.li@example.com.cn';

const logLines: string[] = [];
const capture = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  },
});

let service: Service;

function transcriptWithPersonalData(extra = ''): Buffer {
  return Buffer.from(
    JSON.stringify([
      { speaker: 'customer', text: `我的手机是${PHONE}，身份证号${ID_NUMBER}。${extra}`, startMs: 0, endMs: 4000 },
      { speaker: 'rep', text: `好的，我们保证百分之百满意，合同发到${EMAIL}。`, startMs: 4200, endMs: 9000 },
      { speaker: 'customer', text: `备用号码${SPOKEN_PHONE}。`, startMs: 9200, endMs: 12000 },
      { speaker: 'rep', text: '我周三下午五点前把报价发您。', startMs: 12200, endMs: 70000 },
    ]),
  );
}

async function uploadTranscript(fields: Record<string, string>, extra = ''): Promise<{ status: number; body: any }> {
  return upload(service.baseUrl, { content: transcriptWithPersonalData(extra), filename: 'call.json', type: 'application/json' }, fields);
}

async function request(method: string, url: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(`${service.baseUrl}${url}`, {
    method,
    headers: { ...service.authHeaders, 'accept-language': 'en', ...(options.body ? { 'content-type': 'application/json' } : {}), ...options.headers },
    body: options.body ? JSON.stringify(options.body) : undefined,
  });
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  const logger = createLogger('trace', capture);
  // The stand-in recognizer "hears" a phone number, so recordings take the transcription path to storage.
  const services: Partial<PipelineServices> = {
    async transcribe() {
      return { turns: [{ speaker: 'unknown', text: `请打${PHONE}找我`, startMs: 0, endMs: 900 }], rolesKnown: false, durationMs: 1000, model: 'test' };
    },
  };
  service = await startService({ modelsDir: await makeTempDir('models'), logger, runtimeOptions: { retentionSweep: false, services } });
});

afterAll(async () => {
  await service?.close();
});

describe('masking before storage', () => {
  let call: any;

  beforeAll(async () => {
    const content = transcriptWithPersonalData();
    const accepted = await upload(service.baseUrl, { content, filename: `客户${PHONE}.json`, type: 'application/json' }, { dealId: 'D-mask', teamId: 'mask' });
    expect(accepted.status).toBe(202);
    call = await waitForCall(service.baseUrl, accepted.body.id, { 'accept-language': 'zh-CN' });
  });

  it('call is scored', () => {
    expect(call.status).toBe('scored');
  });

  it('stores placeholders in place of the numbers', () => {
    expect(call.transcript.turns[0].text).toBe('我的手机是[手机号]，身份证号[身份证号]。');
    expect(call.transcript.turns[1].text).toBe('好的，我们保证百分之百满意，合同发到[邮箱]。');
    expect(call.transcript.turns[2].text).toBe('备用号码[手机号]。');
  });

  it('lists kind, span and label of each redaction', () => {
    const turn = call.transcript.turns[0];
    expect(turn.redactions.map((item: any) => item.kind)).toEqual(['mobile', 'resident_id']);
    expect(turn.redactions[0].label).toBe('手机号');
    for (const item of turn.redactions) expect(turn.text.slice(item.start, item.end)).toMatch(/^\[.+\]$/);
  });

  it('still detects pitfalls on masked text', () => {
    expect(call.findings.map((finding: any) => finding.type)).toContain('over_commitment');
  });

  it('keeps no original for a redacted_only team', async () => {
    const original = await request('GET', `/v1/calls/${call.id}/original-transcript`);
    expect(original.status).toBe(404);
    expect(original.body.error.code).toBe('CS_ERR_ORIGINAL_NOT_KEPT');
  });

  it('stores the filename masked', async () => {
    const stored = await getCall(service.runtime.db, call.id);
    expect(stored!.filename).toBe('客户[手机号].json');
  });

  it('puts the personal data in no log line, call view or deal score', async () => {
    const view = JSON.stringify((await getJson(service.baseUrl, `/v1/calls/${call.id}`)).body);
    const deal = JSON.stringify((await getJson(service.baseUrl, '/v1/deals/D-mask/score')).body);
    expect(logLines.length).toBeGreaterThan(5);
    for (const secret of [PHONE, ID_NUMBER, EMAIL, SPOKEN_PHONE, '13987654321']) {
      expect(logLines.filter((line) => line.includes(secret))).toEqual([]);
      expect(view).not.toContain(secret);
      expect(deal).not.toContain(secret);
    }
  });
});

describe('masking transcribed recordings', () => {
  it('stores the recognizer output masked', async () => {
    const audio = path.join(await makeTempDir('privacy-audio'), 'silence.wav');
    await makeSilenceWav(audio, { seconds: 1 });
    const accepted = await upload(service.baseUrl, { path: audio, filename: 'call.wav', type: 'audio/wav' }, { dealId: 'D-audio' });
    const call = await waitForCall(service.baseUrl, accepted.body.id);
    expect(call.status).toBe('scored');
    expect(call.transcript.turns[0].text).toBe('请打[手机号]找我');
    expect(call.transcript.turns[0].redactions[0].kind).toBe('mobile');
  });
});

describe('originals for admins', () => {
  let callId: string;

  beforeAll(async () => {
    expect((await request('PUT', '/v1/teams/keep/settings', { body: { privacy: { redactionMode: 'original_for_admins' } } })).status).toBe(200);
    const accepted = await uploadTranscript({ dealId: 'D-keep', teamId: 'keep' });
    callId = accepted.body.id;
    await waitForCall(service.baseUrl, callId);
  });

  it('shows the original to an admin', async () => {
    const original = await request('GET', `/v1/calls/${callId}/original-transcript`);
    expect(original.status).toBe(200);
    expect(original.body.turns[0].text).toContain(PHONE);
    expect(original.body.turns[0].masked).toBe(true);
    expect(original.body.turns[3].masked).toBe(false);
  });

  it('rejects the original for a manager', async () => {
    const manager = await createUser(service.runtime.db, { email: 'keep-manager@example.test', name: 'Keep manager', role: 'manager', teamIds: ['keep'] });
    const { key } = await createApiKey(service.runtime.db, manager.id, 'privacy test');
    const original = await request('GET', `/v1/calls/${callId}/original-transcript`, { headers: { authorization: `Bearer ${key}` } });
    expect(original.status).toBe(403);
    expect(original.body.error.code).toBe('CS_ERR_ADMIN_REQUIRED');
  });

  it('keeps the public view masked', async () => {
    const view = await getJson(service.baseUrl, `/v1/calls/${callId}`);
    expect(JSON.stringify(view.body)).not.toContain(PHONE);
  });
});

describe('consent', () => {
  beforeAll(async () => {
    expect((await request('PUT', '/v1/teams/strict/settings', { body: { privacy: { consentRequired: true } } })).status).toBe(200);
  });

  it('shows the privacy section with defaults', async () => {
    const { body } = await getJson(service.baseUrl, '/v1/teams/strict/settings');
    expect(body.settings.privacy).toEqual({
      redactionMode: 'redacted_only',
      consentRequired: true,
      recordingRetentionDays: null,
      transcriptRetentionDays: null,
    });
  });

  it.each([
    [{ redactionMode: 'plain' }, 'privacy.redactionMode'],
    [{ transcriptRetentionDays: 0 }, 'privacy.transcriptRetentionDays'],
    [{ silenceAudio: true }, 'privacy.silenceAudio'],
  ])('rejects invalid privacy setting %j', async (privacy, field) => {
    const rejected = await request('PUT', '/v1/teams/strict/settings', { body: { privacy } });
    expect(rejected.status).toBe(400);
    expect(rejected.body.error.message).toContain(field);
  });

  it('rejects an upload without consent', async () => {
    const rejected = await uploadTranscript({ dealId: 'D-consent', teamId: 'strict' }, '无同意');
    expect(rejected.status).toBe(422);
    expect(rejected.body.error.code).toBe('CS_ERR_CONSENT_REQUIRED');
    expect((await getJson(service.baseUrl, '/v1/deals/D-consent/score')).status).toBe(404);
  });

  it('rejects consent=false in Chinese', async () => {
    const rejected = await upload(
      service.baseUrl,
      { content: transcriptWithPersonalData('拒绝'), filename: 'call.json', type: 'application/json' },
      { dealId: 'D-consent', teamId: 'strict', consent: 'false' },
      { 'accept-language': 'zh-CN' },
    );
    expect(rejected.status).toBe(422);
    expect(rejected.body.error.message).toContain('consent=true');
  });

  it('reads consent from a manifest column', () => {
    const manifest = Buffer.from('path,dealId,repId,startedAt,consent\n/data/a.wav,D-1,R-1,2026-11-03T10:00:00+08:00,true\n');
    const parsed = parseManifest(manifest, { baseDir: null, teamId: 'strict' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[0]!.fields.consent).toBe(true);
  });

  it('accepts an upload with consent', async () => {
    const accepted = await uploadTranscript({ dealId: 'D-consent', teamId: 'strict', consent: 'true' }, '已同意');
    expect(accepted.status).toBe(202);
  });
});

describe('deletion', () => {
  const shared = transcriptWithPersonalData('共享');
  let first: string;
  let second: string;
  let sha256: string;

  beforeAll(async () => {
    const file = { content: shared, filename: 'shared.json', type: 'application/json' };
    // Explicit call ids make the same recording twice in one deal two calls on purpose.
    const a = await upload(service.baseUrl, file, { dealId: 'D-del', callId: 'del-a' });
    const b = await upload(service.baseUrl, file, { dealId: 'D-del', callId: 'del-b' });
    first = a.body.id;
    second = b.body.id;
    sha256 = a.body.recording.sha256;
    await waitForCall(service.baseUrl, first);
    await waitForCall(service.baseUrl, second);
  });

  it('keeps a recording another call shares', async () => {
    const before = await getJson(service.baseUrl, '/v1/deals/D-del/score');
    expect(before.body.calls.scored).toBe(2);

    const deleted = await request('DELETE', `/v1/calls/${first}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.deleted.recordingRemoved).toBe(false);
    expect(deleted.body.deleted.turns).toBe(4);
    expect(existsSync(blobPath(service.runtime.storageDir, sha256))).toBe(true);
    expect((await getJson(service.baseUrl, `/v1/calls/${first}`)).status).toBe(404);

    const after = await getJson(service.baseUrl, '/v1/deals/D-del/score');
    expect(after.body.calls.total).toBe(1);
    expect(after.body.calls.scored).toBe(1);
  });

  it('removes the recording with the last call', async () => {
    const deleted = await request('DELETE', '/v1/deals/D-del');
    expect(deleted.status).toBe(200);
    expect(deleted.body.deleted.map((call: any) => call.callId)).toEqual([second]);
    expect(deleted.body.deleted[0].recordingRemoved).toBe(true);
    expect(existsSync(blobPath(service.runtime.storageDir, sha256))).toBe(false);
    expect((await getJson(service.baseUrl, '/v1/deals/D-del/score')).status).toBe(404);
  });

  it('audits each deletion by user id', async () => {
    const me = (await getJson(service.baseUrl, '/v1/me')).body;
    const callAudit = await listDeletionAudit(service.runtime.db, 'call', first);
    expect(callAudit).toHaveLength(1);
    expect(callAudit[0]!.actor).toBe(me.id);
    expect(callAudit[0]!.removed).toMatchObject({ turns: 4, recording: 0 });

    const dealAudit = await listDeletionAudit(service.runtime.db, 'deal', 'D-del');
    expect(dealAudit).toHaveLength(1);
    expect(dealAudit[0]!.actor).toBe(me.id);
    expect(JSON.stringify(dealAudit)).not.toContain(PHONE);
  });

  it('deletes the review items quoting the call', async () => {
    const deal = { name: 'Review', ownerRepId: 'R-1', stage: 'won' };
    expect((await request('PUT', '/v1/deals/D-review', { body: deal })).status).toBe(200);
    const accepted = await uploadTranscript({ dealId: 'D-review' }, '评审');
    await waitForCall(service.baseUrl, accepted.body.id);
    const insert = 'INSERT INTO review_items (deal_id, kind, item_key, payload) VALUES ($1, $2, $3, $4)';
    await service.runtime.db.query(insert, ['D-review', 'test', 'quoting', JSON.stringify({ mentions: [{ callId: accepted.body.id, text: 'x' }] })]);
    await service.runtime.db.query(insert, ['D-review', 'test', 'other', JSON.stringify({ mentions: [{ callId: 'another-call', text: 'y' }] })]);

    const deleted = await request('DELETE', `/v1/calls/${accepted.body.id}`);
    expect(deleted.body.deleted.reviews).toBe(1);
    const left = await service.runtime.db.query<{ item_key: string }>('SELECT item_key FROM review_items WHERE deal_id = $1', ['D-review']);
    expect(left.map((row) => row.item_key)).toEqual(['other']);
  });

  it('removes the deal row with its review data', async () => {
    const deal = { name: 'Pilot', ownerRepId: 'R-1', stage: 'proposal' };
    expect((await request('PUT', '/v1/deals/D-row', { body: deal })).status).toBe(200);
    const accepted = await uploadTranscript({ dealId: 'D-row' }, '行');
    await waitForCall(service.baseUrl, accepted.body.id);

    const deleted = await request('DELETE', '/v1/deals/D-row');
    expect(deleted.status).toBe(200);
    expect(deleted.body.deleted).toHaveLength(1);
    const rows = await service.runtime.db.query('SELECT 1 FROM deals WHERE id = $1', ['D-row']);
    expect(rows).toEqual([]);
    const audit = await listDeletionAudit(service.runtime.db, 'deal', 'D-row');
    expect(audit[0]!.removed).toMatchObject({ calls: 1, deal: 1 });
  });

  it('unknown call is a 404', async () => {
    const missing = await request('DELETE', '/v1/calls/no-such-call');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('CS_ERR_CALL_NOT_FOUND');
  });

  it('unknown deal is a 404', async () => {
    const missing = await request('DELETE', '/v1/deals/no-such-deal');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('CS_ERR_DEAL_UNKNOWN');
  });
});

describe('retention sweep', () => {
  let oldCall: string;
  let newCall: string;
  let oldSha: string;

  beforeAll(async () => {
    const settings = { privacy: { recordingRetentionDays: 30, transcriptRetentionDays: 30 } };
    expect((await request('PUT', '/v1/teams/short/settings', { body: settings })).status).toBe(200);
    const old = await uploadTranscript({ dealId: 'D-ret', teamId: 'short', startedAt: '2020-01-02T10:00:00+08:00' }, '旧');
    const recent = await uploadTranscript({ dealId: 'D-ret', teamId: 'short', startedAt: new Date().toISOString() }, '新');
    oldCall = old.body.id;
    newCall = recent.body.id;
    oldSha = old.body.recording.sha256;
    await waitForCall(service.baseUrl, oldCall);
    await waitForCall(service.baseUrl, newCall);
  });

  it('deletes expired recordings and transcripts and keeps scores', async () => {
    const before = await getJson(service.baseUrl, '/v1/calls/' + oldCall);
    const logger = createLogger('silent');
    const result = await sweepRetention(service.runtime.db, service.runtime.storageDir, logger);
    expect(result).toMatchObject({ recordings: 1, files: 1, transcripts: 1 });

    const after = await getJson(service.baseUrl, '/v1/calls/' + oldCall);
    expect(after.body.transcript.turns).toEqual([]);
    expect(after.body.behavior.score).toBe(before.body.behavior.score);
    expect(after.body.findings.length).toBe(before.body.findings.length);
    for (const finding of after.body.findings) expect(finding.evidence.every((item: any) => item.detail === undefined)).toBe(true);
    expect(existsSync(blobPath(service.runtime.storageDir, oldSha))).toBe(false);
  });

  it('keeps calls inside the period', async () => {
    const recent = await getJson(service.baseUrl, '/v1/calls/' + newCall);
    expect(recent.body.transcript.turns).toHaveLength(4);
  });

  it('deletes nothing on a second run', async () => {
    const result = await sweepRetention(service.runtime.db, service.runtime.storageDir, createLogger('silent'));
    expect(result).toMatchObject({ recordings: 0, transcripts: 0 });
  });

  it('audits the sweep', async () => {
    const audit = await listDeletionAudit(service.runtime.db, 'transcript', oldCall);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe('retention-sweep');
  });
});
