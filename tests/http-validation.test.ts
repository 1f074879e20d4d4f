/**
 * Validation errors: reasons that show the received value in English and
 * Chinese, field names (not CLI options) in range and batch errors, and
 * malformed Range headers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideRange } from '../src/api/byte-range.js';
import { startService, type Service } from './helpers/harness.js';
import { sendForError, type ErrorRequestOptions } from './helpers/error-request.js';

let service: Service;
const EN = { 'accept-language': 'en' };
const ZH = { 'accept-language': 'zh-CN' };

beforeAll(async () => {
  service = await startService();
});

afterAll(async () => {
  await service?.close();
});

function send(method: string, url: string, options: ErrorRequestOptions = {}): ReturnType<typeof sendForError> {
  return sendForError(service, method, url, options);
}

describe('validation reasons', () => {
  it('shows a non-numeric path id', async () => {
    const en = await send('POST', '/v1/notes/abc/acknowledge', { headers: EN });
    expect(en.status).toBe(400);
    expect(en.code).toBe('CS_ERR_VALIDATION');
    expect(en.message).toContain('"id"');
    expect(en.message).toContain('received string "abc"');
    expect(en.message).not.toContain('undefined');
    const zh = await send('POST', '/v1/notes/abc/acknowledge', { headers: ZH });
    expect(zh.message).toContain('"abc"');
    expect(zh.message).not.toContain('undefined');
  });

  it('shows a fractional atMs', async () => {
    const response = await send('POST', '/v1/calls/any-call/notes', { headers: EN, json: { atMs: 1.5, text: 'Slow down here.' } });
    expect(response.status).toBe(400);
    expect(response.message).toContain('"atMs"');
    expect(response.message).toContain('expected int, received number 1.5');
  });

  it('shows a repeated query parameter', async () => {
    const response = await send('GET', '/v1/review/findings?teamId=a&teamId=b', { headers: EN });
    expect(response.status).toBe(400);
    expect(response.message).toContain('"teamId"');
    expect(response.message).toContain('received array ["a","b"]');
  });

  it('shows an array e-mail at sign-in', async () => {
    const origin = { origin: service.baseUrl };
    const response = await send('POST', '/v1/auth/sign-in', { auth: false, headers: { ...EN, ...origin }, json: { email: ['a'], password: 'x' } });
    expect(response.status).toBe(400);
    expect(response.message).toContain('"email"');
    expect(response.message).toContain('received array ["a"]');
  });

  it('never echoes a password', async () => {
    const origin = { origin: service.baseUrl };
    const response = await send('POST', '/v1/auth/sign-in', { auth: false, headers: { ...EN, ...origin }, json: { email: 'a@example.test', password: ['hunter2-secret'] } });
    expect(response.status).toBe(400);
    expect(response.message).toContain('"password"');
    expect(response.message).toContain('received array');
    expect(response.message).not.toContain('hunter2-secret');
  });

  it('says when the body is missing', async () => {
    const en = await send('POST', '/v1/calls/any-call/notes', { headers: EN });
    expect(en.status).toBe(400);
    expect(en.message).toContain('no body');
    const empty = await send('POST', '/v1/calls/any-call/notes', { headers: { ...EN, 'content-type': 'application/json' }, body: '' });
    expect(empty.status).toBe(400);
    expect(empty.message).toContain('body is empty');
  });

  it('explains invalid JSON in Chinese', async () => {
    const zh = await send('POST', '/v1/calls/any-call/notes', { headers: { ...ZH, 'content-type': 'application/json' }, body: '{"atMs": 1,' });
    expect(zh.status).toBe(400);
    expect(zh.code).toBe('CS_ERR_VALIDATION');
    expect(zh.message).toContain('不是有效的 JSON');
    expect(zh.message).not.toMatch(/[A-Za-z]{6,}/);
    const en = await send('POST', '/v1/calls/any-call/notes', { headers: { ...EN, 'content-type': 'application/json' }, body: '{"atMs": 1,' });
    expect(en.message).toContain('not valid JSON');
  });
});

describe('field names in HTTP errors', () => {
  it('names to and from in a reversed range', async () => {
    const response = await send('GET', '/v1/review/findings?from=2026-12-01&to=2026-01-01', { headers: EN });
    expect(response.status).toBe(400);
    expect(response.message).toContain('give a to later than from');
    expect(response.message).not.toContain('--');
  });

  it('names no CLI options for an empty import', async () => {
    const manifest = 'path,dealId,repId,startedAt\n/nope/missing.wav,D-A,R-A1,2026-11-03T10:00:00+08:00\n';
    for (const headers of [EN, ZH]) {
      const response = await send('POST', '/v1/batches', { headers, json: { teamId: 'A', manifest } });
      expect(response.status).toBe(422);
      expect(response.code).toBe('CS_ERR_BATCH_EMPTY');
      expect(response.message).toContain('rejected');
      expect(response.message).not.toContain('--');
    }
  });

  it('names no CLI options for an empty re-score', async () => {
    const response = await send('POST', '/v1/batches/rescore', { headers: EN, json: { from: '2026-11-01', to: '2026-11-30', teamId: 'nobody' } });
    expect(response.status).toBe(422);
    expect(response.code).toBe('CS_ERR_BATCH_EMPTY');
    expect(response.message).toContain('date range and the team');
    expect(response.message).not.toContain('--');
  });
});

describe('Range header parsing', () => {
  it('marks malformed ranges', () => {
    for (const header of ['bytes=abc', 'bytes=-', 'bytes=1-x', 'bytes=--5']) {
      expect(decideRange(header, 1000), header).toEqual({ kind: 'malformed' });
    }
  });

  it('keeps unsatisfiable ranges apart', () => {
    expect(decideRange('bytes=1000-', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=-0', 1000)).toEqual({ kind: 'unsatisfiable' });
    expect(decideRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
  });
});
