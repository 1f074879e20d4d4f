/** 415 for a body type that a route does not accept, naming the type to send. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type Service } from './helpers/harness.js';

let service: Service;
const EN = { 'accept-language': 'en' };
const ZH = { 'accept-language': 'zh-CN' };

beforeAll(async () => {
  service = await startService();
});

afterAll(async () => {
  await service?.close();
});

async function send(
  method: string,
  url: string,
  options: { headers?: Record<string, string>; body?: string; json?: unknown; auth?: boolean } = {},
): Promise<{ status: number; code: string; message: string }> {
  const headers: Record<string, string> = { ...(options.auth === false ? {} : service.authHeaders), ...options.headers };
  let body = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await fetch(`${service.baseUrl}${url}`, { method, headers, body });
  const parsed = (await response.json()) as { error?: { code: string; message: string } };
  return { status: response.status, code: parsed.error?.code ?? '', message: parsed.error?.message ?? '' };
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
