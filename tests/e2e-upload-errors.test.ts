/**
 * Bad uploads through the real HTTP API: each gets a 4xx with a stable code
 * and a message in the request's language, and leaves no call row and no
 * stored file behind.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, installFixtureModel, makeTempDir, startService, upload, type Service } from './helpers/harness.js';
import { makeTestFiles, type TestFiles } from './helpers/fixtures.js';

let files: TestFiles;
let service: Service;

async function storedFiles(): Promise<string[]> {
  const root = path.join(service.runtime.storageDir, 'blobs');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

async function callCount(): Promise<number> {
  const rows = await service.runtime.db.query<{ n: number }>('SELECT count(*)::int AS n FROM calls');
  return rows[0]!.n;
}

beforeAll(async () => {
  files = await makeTestFiles(await makeTempDir('upload-errors'));
  const modelsDir = await makeTempDir('models');
  await installFixtureModel(modelsDir);
  service = await startService({ modelsDir });
});

afterAll(async () => {
  await service?.close();
});

describe('upload rejections', () => {
  const cases = [
    { name: 'PNG image', file: () => ({ path: files.png, filename: 'photo.png', type: 'image/png' }), status: 415, code: 'CS_ERR_AUDIO_UNSUPPORTED' },
    { name: 'empty file', file: () => ({ path: files.empty, filename: 'empty.wav', type: 'audio/wav' }), status: 400, code: 'CS_ERR_FILE_EMPTY' },
    { name: 'truncated mp3', file: () => ({ path: files.truncatedMp3, filename: 'cut.mp3', type: 'audio/mpeg' }), status: 422, code: 'CS_ERR_AUDIO_TRUNCATED' },
    { name: 'no file part', file: () => null, status: 400, code: 'CS_ERR_FILE_MISSING' },
    {
      name: 'transcript with an unknown speaker',
      file: () => ({ content: Buffer.from(JSON.stringify([{ speaker: 'boss', text: 'hi' }])), filename: 't.json', type: 'application/json' }),
      status: 422,
      code: 'CS_ERR_TRANSCRIPT_INVALID',
    },
  ];

  it.each(cases)('$name gets $status $code and leaves nothing', async ({ file, status, code }) => {
    const before = { calls: await callCount(), files: await storedFiles() };

    const response = await upload(service.baseUrl, file(), {}, { 'accept-language': 'en' });

    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.message.length).toBeGreaterThan(10);
    expect(await callCount()).toBe(before.calls);
    expect(await storedFiles()).toEqual(before.files);
  });

  it('names the file in the message', async () => {
    const response = await upload(service.baseUrl, { path: files.png, filename: 'photo.png' }, {}, { 'accept-language': 'en' });
    expect(response.body.error.message).toContain('photo.png');
    expect(response.body.error.message).toContain('PNG');
  });

  it('answers in Chinese by Accept-Language', async () => {
    const response = await upload(service.baseUrl, { path: files.empty, filename: 'empty.wav' }, {}, { 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(response.body.error.code).toBe('CS_ERR_FILE_EMPTY');
    expect(response.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('stereo layout on a mono file is rejected', async () => {
    const response = await upload(service.baseUrl, { path: files.mono, filename: 'mono.wav' }, { channelLayout: 'stereo-rep-left' });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('CS_ERR_AUDIO_NO_CHANNEL');
    expect(await storedFiles()).toEqual([]);
  });
});

describe('upload field validation', () => {
  const cases = [
    { name: 'missing dealId', fields: { dealId: undefined }, field: 'dealId' },
    { name: 'startedAt without a time zone', fields: { startedAt: '2026-11-03 10:00' }, field: 'startedAt' },
    { name: 'unknown language', fields: { language: 'fr' }, field: 'language' },
    { name: 'unknown channel layout', fields: { channelLayout: 'quad' }, field: 'channelLayout' },
    { name: 'control characters in repId', fields: { repId: 'rep\u0007x' }, field: 'repId' },
  ];

  it.each(cases)('$name is a 400 naming $field', async ({ fields, field }) => {
    const before = await callCount();
    const response = await upload(service.baseUrl, { path: files.mono, filename: 'call.wav' }, fields, { 'accept-language': 'en' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('CS_ERR_VALIDATION');
    expect(response.body.error.message).toContain(field);
    expect(await callCount()).toBe(before);
  });
});

describe('malformed requests', () => {
  async function post(body: string, contentType: string): Promise<{ status: number; body: any }> {
    const response = await fetch(`${service.baseUrl}/v1/calls`, {
      method: 'POST',
      headers: { ...service.authHeaders, 'content-type': contentType, 'accept-language': 'en' },
      body,
    });
    return { status: response.status, body: await response.json() };
  }

  it('multipart without a boundary is a 400', async () => {
    const response = await post('whatever', 'multipart/form-data');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('CS_ERR_MULTIPART_INVALID');
  });

  it('multipart body cut mid-file is a 400', async () => {
    const body = ['--XYZ', 'Content-Disposition: form-data; name="file"; filename="a.wav"', 'Content-Type: audio/wav', '', 'RIFF1234WAVE'].join('\r\n');
    const response = await post(body, 'multipart/form-data; boundary=XYZ');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('CS_ERR_MULTIPART_INVALID');
    expect(await storedFiles()).toEqual([]);
  });

  it('two files in one upload are rejected', async () => {
    const form = new FormData();
    form.append('dealId', 'D-1');
    form.append('file', new Blob([new Uint8Array(8)]), 'a.wav');
    form.append('file', new Blob([new Uint8Array(8)]), 'b.wav');
    const response = await fetch(`${service.baseUrl}/v1/calls`, { method: 'POST', body: form, headers: { ...service.authHeaders, 'accept-language': 'zh-CN' } });
    const body = await response.json();
    expect(response.status).toBe(400);
    expect(body.error.code).toBe('CS_ERR_VALIDATION');
    expect(body.error.message).toContain('一个文件');
  });

  it.each([
    { name: 'NUL in a call id', url: '/v1/calls/a%00b' },
    { name: 'call id of 200 characters', url: `/v1/calls/${'x'.repeat(200)}` },
    { name: 'call id of 5000 characters', url: `/v1/calls/${'x'.repeat(5000)}` },
    { name: 'malformed percent escape', url: '/v1/calls/%E0%A4%A' },
  ])('$name is a 400 in the error shape', async ({ url }) => {
    const response = await getJson(service.baseUrl, url, { 'accept-language': 'en' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('CS_ERR_VALIDATION');
    expect(response.body.error.message.length).toBeLessThan(400);
  });
});

describe('NUL characters', () => {
  it('in a transcript turn is a 422 and stores nothing', async () => {
    const before = { calls: await callCount(), files: await storedFiles() };
    const content = Buffer.from(JSON.stringify([{ speaker: 'customer', text: '电话13812345678\u0000。' }]));
    const response = await upload(service.baseUrl, { content, filename: 'nul.json', type: 'application/json' }, { callId: 'c-nul' }, { 'accept-language': 'en' });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('CS_ERR_TRANSCRIPT_INVALID');
    expect(response.body.error.message).toContain('NUL');
    expect(await callCount()).toBe(before.calls);
    expect(await storedFiles()).toEqual(before.files);
  });

  it.each([
    { method: 'PUT', url: '/v1/glossary', body: { competitors: ['a\u0000b'] }, field: 'competitors.0' },
    { method: 'PUT', url: '/v1/deals/D-nul', body: { name: 'x\u0000y' }, field: 'name' },
    { method: 'GET', url: '/v1/reps/first-call-check?teamId=%00', body: undefined, field: 'teamId' },
  ])('in $url is a 400 naming $field', async ({ method, url, body, field }) => {
    const response = await fetch(`${service.baseUrl}${url}`, {
      method,
      headers: { ...service.authHeaders, 'accept-language': 'en', ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await response.json();
    expect(response.status).toBe(400);
    expect(json.error.code).toBe('CS_ERR_VALIDATION');
    expect(json.error.message).toContain(field);
  });
});

describe('route validation', () => {
  it('gives the reason in Chinese too', async () => {
    const response = await getJson(service.baseUrl, '/v1/reports?from=2026-01-01&to=2026-02-01&format=pdf', { 'accept-language': 'zh-CN' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('format');
    expect(response.body.error.message).not.toMatch(/Invalid option/);
  });
});

describe('batch manifests over HTTP', () => {
  it('cannot name files outside the import folder', async () => {
    const manifest = ['path,dealId,repId,startedAt', '/etc/passwd,D-1,R-1,2026-11-03T10:00:00+08:00'].join('\n');
    const response = await fetch(`${service.baseUrl}/v1/batches`, {
      method: 'POST',
      headers: { ...service.authHeaders, 'content-type': 'text/csv', 'accept-language': 'en' },
      body: manifest,
    });
    const body = await response.json();
    expect(response.status).toBe(422);
    expect(JSON.stringify(body.rejected)).toContain('outside the import folder');
    expect(JSON.stringify(body.rejected)).not.toContain('detected');
  });
});

describe('read errors', () => {
  it('unknown call is a 404', async () => {
    const response = await getJson(service.baseUrl, '/v1/calls/no-such-call', { 'accept-language': 'en' });
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('CS_ERR_CALL_NOT_FOUND');
    expect(response.body.error.message).toContain('no-such-call');
  });

  it('deal without calls is a 404', async () => {
    const response = await getJson(service.baseUrl, '/v1/deals/NOPE/score');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('CS_ERR_DEAL_NOT_FOUND');
  });

  it('unknown route is a 404 with a code', async () => {
    const response = await getJson(service.baseUrl, '/v2/whatever');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('CS_ERR_ROUTE_NOT_FOUND');
  });
});
