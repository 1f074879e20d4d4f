/** 415 for a body type that a route does not accept, naming the type to send. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('unsupported content type', () => {
  it('answers 415 naming application/json', async () => {
    for (const headers of [EN, ZH]) {
      const response = await send('POST', '/v1/findings/3/review', {
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'decision=confirm',
      });
      expect(response.status).toBe(415);
      expect(response.code).toBe('CS_ERR_UNSUPPORTED_MEDIA_TYPE');
      expect(response.message).toContain('application/x-www-form-urlencoded');
      expect(response.message).toContain('application/json');
    }
  });

  it('answers 415 for text/plain', async () => {
    for (const headers of [EN, ZH]) {
      const response = await send('POST', '/v1/findings/3/review', {
        headers: { ...headers, 'content-type': 'text/plain' },
        body: '{"decision":"confirm"}',
      });
      expect(response.status).toBe(415);
      expect(response.code).toBe('CS_ERR_UNSUPPORTED_MEDIA_TYPE');
      expect(response.message).toContain('text/plain');
      expect(response.message).toContain('application/json');
    }
  });

  it.each([
    { name: 'JSON to upload', url: '/v1/calls', method: 'POST', type: 'application/json', body: '{"dealId":"D-1"}' },
    { name: 'text to upload', url: '/v1/calls', method: 'POST', type: 'text/plain', body: 'hello' },
    { name: 'JSON to voice', url: '/v1/reps/R-1/voice', method: 'PUT', type: 'application/json', body: '{}' },
    { name: 'text to voice', url: '/v1/reps/R-1/voice', method: 'PUT', type: 'text/plain', body: 'hello' },
  ])('$name answers 415 naming multipart', async ({ url, method, type, body }) => {
    const response = await send(method, url, { headers: { ...EN, 'content-type': type }, body });

    expect(response.status).toBe(415);
    expect(response.code).toBe('CS_ERR_UNSUPPORTED_MEDIA_TYPE');
    expect(response.message).toContain('multipart/form-data');
    expect(response.message).not.toContain('transcript');
  });

  it('voice form without file names the sample', async () => {
    const response = await fetch(`${service.baseUrl}/v1/reps/R-1/voice`, { method: 'PUT', headers: { ...service.authHeaders, ...EN }, body: new FormData() });
    const parsed = (await response.json()) as { error: { code: string; message: string } };

    expect(response.status).toBe(400);
    expect(parsed.error.code).toBe('CS_ERR_VOICE_SAMPLE_MISSING');
    expect(parsed.error.message).toContain('voice sample');
    expect(parsed.error.message).not.toContain('transcript');
  });

  it('manifest accepts CSV as text/plain', async () => {
    const response = await fetch(`${service.baseUrl}/v1/batches`, {
      method: 'POST',
      headers: { ...service.authHeaders, ...EN, 'content-type': 'text/plain' },
      body: 'path,dealId,repId,startedAt\n/nowhere/a.wav,D-1,R-1,2026-11-05T10:00:00Z\n',
    });
    const parsed = (await response.json()) as { error: { code: string } };

    // The row names a missing file, so the manifest is parsed and its only row rejected.
    expect(response.status).toBe(422);
    expect(parsed.error.code).toBe('CS_ERR_BATCH_EMPTY');
  });

  it('names multipart/form-data for uploads', async () => {
    const response = await send('POST', '/v1/calls', {
      headers: { ...EN, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'dealId=D-1',
    });
    expect(response.status).toBe(415);
    expect(response.code).toBe('CS_ERR_UNSUPPORTED_MEDIA_TYPE');
    expect(response.message).toContain('multipart/form-data');
  });
});
