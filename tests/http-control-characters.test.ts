/** Control characters in coach texts: rejected with 400, except line breaks and tabs. */
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

describe('control characters in coach texts', () => {
  const texts = ['Stop \u001b[31mhere', 'bell\u0007', 'next\u0085line', 'del\u007f'];

  it('rejects them in note texts', async () => {
    for (const text of texts) {
      const response = await send('POST', '/v1/calls/any-call/notes', { headers: EN, json: { atMs: 0, text } });
      expect(response.status, JSON.stringify(text)).toBe(400);
      expect(response.code).toBe('CS_ERR_VALIDATION');
      expect(response.message).toContain('"text"');
      expect(response.message).toContain('control characters');
    }
    const zh = await send('POST', '/v1/calls/any-call/notes', { headers: ZH, json: { atMs: 0, text: texts[0] } });
    expect(zh.message).toContain('控制字符');
  });

  it('rejects them in review notes', async () => {
    const response = await send('POST', '/v1/findings/1/review', { headers: EN, json: { decision: 'confirm', note: texts[0] } });
    expect(response.status).toBe(400);
    expect(response.message).toContain('"note"');
    expect(response.message).toContain('control characters');
  });

  it('keeps line breaks and tabs', async () => {
    // The call does not exist, so passing validation shows as 404.
    const response = await send('POST', '/v1/calls/no-such-call/notes', { headers: EN, json: { atMs: 0, text: 'line one\r\nline two\tend' } });
    expect(response.status).toBe(404);
    expect(response.code).toBe('CS_ERR_CALL_NOT_FOUND');
  });
});
