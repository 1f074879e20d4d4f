/**
 * A call's life across failures and restarts, on the embedded defaults:
 * mono calls, duplicate recordings, a missing model and its retry, restart
 * resume from each unfinished state, and the OpenAPI document.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobPath } from '../src/ingest/blob-store.js';
import { FIXTURE_SENTENCE } from '../scripts/make-sense-voice-fixture.js';
import { getJson, installFixtureModel, makeTempDir, startService, upload, waitForCall, type Service } from './helpers/harness.js';
import { makeTestFiles, type TestFiles } from './helpers/fixtures.js';
import { makeToneWav } from './helpers/audio.js';

let files: TestFiles;

beforeAll(async () => {
  files = await makeTestFiles(await makeTempDir('lifecycle'));
});

describe('with the model installed', () => {
  let service: Service;

  beforeAll(async () => {
    const modelsDir = await makeTempDir('models');
    await installFixtureModel(modelsDir);
    service = await startService({ modelsDir });
  });

  afterAll(async () => {
    await service?.close();
  });

  it('mono call is one speaker of unknown role', async () => {
    const accepted = await upload(service.baseUrl, { path: files.mono, filename: 'mono.wav' }, { channelLayout: 'mono' }, { 'accept-language': 'en' });
    const call = await waitForCall(service.baseUrl, accepted.body.id, { 'accept-language': 'en' });

    expect(call.status).toBe('scored');
    expect(call.speakers.rolesKnown).toBe(false);
    expect(call.speakers.note).toContain('Mono');
    const inChinese = await getJson(service.baseUrl, `/v1/calls/${call.id}`, { 'accept-language': 'zh-CN' });
    expect(inChinese.body.speakers.note).toContain('单声道');
    expect(call.transcript.turns.length).toBeGreaterThan(0);
    for (const turn of call.transcript.turns) expect(turn.speaker).toBe('unknown');
    expect(call.speakers.roleConfidence).not.toBeNull();
    expect(call.skippedDetectors).toEqual(expect.arrayContaining(['objection_ignored', 'interruption', 'monologue']));
    expect(call.objections).toEqual([]);
    // Phrase-level detectors still run on a speaker of unknown role.
    expect(call.findings.map((finding: any) => finding.type)).toContain('over_commitment');
  });

  it('same file in two deals is one recording and two calls', async () => {
    const first = await upload(service.baseUrl, { path: files.mp3, filename: 'a.mp3' }, { dealId: 'D-twice-1' });
    const second = await upload(service.baseUrl, { path: files.mp3, filename: 'b.mp3' }, { dealId: 'D-twice-2' });

    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body.recording.sha256).toBe(first.body.recording.sha256);
    expect(second.body.id).not.toBe(first.body.id);
    const rows = await service.runtime.db.query<{ n: number }>('SELECT count(*)::int AS n FROM recordings WHERE sha256 = $1', [
      first.body.recording.sha256,
    ]);
    expect(rows[0]!.n).toBe(1);
    expect((await waitForCall(service.baseUrl, second.body.id)).status).toBe('scored');
  });

  it('same file twice in one deal is a 409 naming the first call', async () => {
    const first = await upload(service.baseUrl, { path: files.stereo, filename: 'a.wav' }, { dealId: 'D-dup', channelLayout: 'stereo-rep-left' });
    const second = await upload(service.baseUrl, { path: files.stereo, filename: 'a.wav' }, { dealId: 'D-dup', channelLayout: 'stereo-rep-left' }, { 'accept-language': 'en' });

    expect(first.status).toBe(202);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('CS_ERR_DUPLICATE_RECORDING');
    expect(second.body.error.message).toContain(first.body.id);
  });

  it('rejected uploads never delete a valid upload of the same file', async () => {
    const dir = await makeTempDir('race');
    for (let round = 0; round < 4; round++) {
      // A new file each round, so no earlier call protects its stored copy.
      const wav = path.join(dir, `race-${round}.wav`);
      await makeToneWav(wav, { seconds: 1 + round * 0.25 });
      const attempts = await Promise.all([
        upload(service.baseUrl, { path: wav, filename: 'ok.wav' }, { dealId: `D-race-${round}` }),
        upload(service.baseUrl, { path: wav, filename: 'bad.wav' }, { dealId: `D-race-${round}`, startedAt: 'bad' }),
        upload(service.baseUrl, { path: wav, filename: 'bad.wav' }, { dealId: `D-race-${round}`, startedAt: 'bad' }),
      ]);
      expect(attempts.map((attempt) => attempt.status)).toEqual([202, 400, 400]);
      await access(blobPath(service.runtime.storageDir, attempts[0]!.body.recording.sha256));
      expect((await waitForCall(service.baseUrl, attempts[0]!.body.id)).status).toBe('scored');
    }
  });

  it('serves an OpenAPI document from the route schemas', async () => {
    const { status, body } = await getJson(service.baseUrl, '/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toMatch(/^3\./);
    const uploadBody = body.paths['/v1/calls'].post.requestBody.content['multipart/form-data'].schema;
    expect(uploadBody.required).toEqual(expect.arrayContaining(['file', 'dealId', 'repId', 'startedAt']));
    expect(uploadBody.properties.channelLayout.enum).toEqual(['mono', 'stereo-rep-left', 'stereo-rep-right']);
    expect(body.paths['/v1/calls/{id}'].get.responses['200']).toBeDefined();
    expect(body.paths['/v1/deals/{id}/score'].get).toBeDefined();
  });
});

describe('without the model', () => {
  it('fails the call naming the install command, then a retry finishes it', async () => {
    const modelsDir = await makeTempDir('models-empty');
    const service = await startService({ modelsDir });
    try {
      const accepted = await upload(service.baseUrl, { path: files.stereo, filename: 'call.wav' }, { channelLayout: 'stereo-rep-left' });
      const failed = await waitForCall(service.baseUrl, accepted.body.id);

      expect(failed.status).toBe('failed');
      expect(failed.failure.code).toBe('CS_ERR_MODEL_MISSING');
      expect(failed.failure.message).toContain('callscore models install sense-voice-small-int8');
      expect(failed.failure.stage).toBe('transcribe');
      expect(failed.failure.message).not.toContain(modelsDir);
      const inChinese = await getJson(service.baseUrl, `/v1/calls/${accepted.body.id}`, { 'accept-language': 'zh-CN' });
      expect(inChinese.body.failure.message).toContain('语音模型');
      await access(blobPath(service.runtime.storageDir, accepted.body.recording.sha256));

      const notFailed = await fetch(`${service.baseUrl}/v1/calls/${accepted.body.id}/retry`, { method: 'POST', headers: service.authHeaders });
      expect(notFailed.status).toBe(202);
      const stillMissing = await waitForCall(service.baseUrl, accepted.body.id);
      expect(stillMissing.failure.code).toBe('CS_ERR_MODEL_MISSING');

      await installFixtureModel(modelsDir);
      const retried = await fetch(`${service.baseUrl}/v1/calls/${accepted.body.id}/retry`, { method: 'POST', headers: service.authHeaders });
      expect(retried.status).toBe(202);
      const scored = await waitForCall(service.baseUrl, accepted.body.id);
      expect(scored.status).toBe('scored');
      expect(scored.failure).toBeNull();
      expect(scored.transcript.turns[0].text).toBe(FIXTURE_SENTENCE);

      const again = await fetch(`${service.baseUrl}/v1/calls/${accepted.body.id}/retry`, { method: 'POST', headers: service.authHeaders });
      expect(again.status).toBe(409);
    } finally {
      await service.close();
    }
  });
});

describe('restart', () => {
  it.each([
    { status: 'uploaded', keepTurns: false },
    { status: 'transcribing', keepTurns: false },
    { status: 'analyzing', keepTurns: true },
  ])('resumes a call left in $status', async ({ status, keepTurns }) => {
    const dataDir = await makeTempDir('restart');
    const modelsDir = await makeTempDir('models');
    await installFixtureModel(modelsDir);

    const first = await startService({ dataDir, modelsDir });
    const accepted = await upload(first.baseUrl, { path: files.stereo, filename: 'call.wav' }, { channelLayout: 'stereo-rep-left' });
    const scored = await waitForCall(first.baseUrl, accepted.body.id);
    const callId = accepted.body.id;

    // Put the call back where a crash in that state would have left it.
    await first.runtime.db.transaction(async (tx) => {
      await tx.query('DELETE FROM findings WHERE call_id = $1', [callId]);
      await tx.query('DELETE FROM objections WHERE call_id = $1', [callId]);
      await tx.query('DELETE FROM call_scores WHERE call_id = $1', [callId]);
      if (!keepTurns) await tx.query('DELETE FROM turns WHERE call_id = $1', [callId]);
      await tx.query('UPDATE calls SET status = $2 WHERE id = $1', [callId, status]);
    });
    await first.close();

    const second = await startService({ dataDir, modelsDir });
    try {
      const resumed = await waitForCall(second.baseUrl, callId);
      expect(resumed.status).toBe('scored');
      expect(resumed.transcript.turns).toEqual(scored.transcript.turns);
      expect(resumed.findings.map((finding: any) => finding.type)).toEqual(scored.findings.map((finding: any) => finding.type));
      expect(resumed.behavior.score).toBe(scored.behavior.score);
    } finally {
      await second.close();
    }
  });
});
