/**
 * JSON bodies of the access and review routes are strict: an unknown field
 * returns 400 CS_ERR_VALIDATION that names the field, and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createUser } from '../src/auth/accounts.js';
import { makeTempDir, startService, type Service } from './helpers/harness.js';

let service: Service;
let userId = '';
let coachKey = '';

async function send(method: string, url: string, json: unknown, options: { key?: string; locale?: string } = {}): Promise<{ status: number; body: any; text: string }> {
  const headers: Record<string, string> = { 'accept-language': options.locale ?? 'en', 'content-type': 'application/json' };
  headers.authorization = `Bearer ${options.key ?? service.adminKey}`;
  const response = await fetch(`${service.baseUrl}${url}`, { method, headers, body: JSON.stringify(json) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, text };
}

function expectUnknownField(response: { status: number; body: any }, field: string): void {
  expect(response.status).toBe(400);
  expect(response.body.error.code).toBe('CS_ERR_VALIDATION');
  expect(response.body.error.message).toContain(`"${field}"`);
}

beforeAll(async () => {
  service = await startService({ modelsDir: await makeTempDir('models') });
  const user = await createUser(service.runtime.db, { email: 'strict@example.test', name: 'Strict', role: 'coach', teamIds: ['A'], password: 'correct horse battery staple' });
  userId = user.id;
  coachKey = (await createApiKey(service.runtime.db, user.id, 'strict')).key;
});

afterAll(async () => {
  await service?.close();
});

describe('strict JSON bodies', () => {
  it('PATCH /v1/users/:id rejects an unknown field', async () => {
    const response = await send('PATCH', `/v1/users/${userId}`, { email: 'new@example.test' });
    expectUnknownField(response, 'email');
    const users = (await fetch(`${service.baseUrl}/v1/users`, { headers: service.authHeaders }).then((r) => r.json())) as { users: Array<{ id: string; email: string }> };
    expect(users.users.find((user) => user.id === userId)!.email).toBe('strict@example.test');
  });

  it('names the field in Chinese too', async () => {
    const response = await send('PATCH', `/v1/users/${userId}`, { name: 'Renamed', emial: 'x' }, { locale: 'zh-CN' });
    expectUnknownField(response, 'emial');
    expect(response.body.error.message).toContain('请删除该字段');
  });

  it('POST /v1/users rejects an unknown field', async () => {
    const response = await send('POST', '/v1/users', { email: 'x@example.test', name: 'X', role: 'coach', teamIds: [], admin: true });
    expectUnknownField(response, 'admin');
  });

  it('sign-in rejects an unknown field without echoing the password', async () => {
    const response = await send('POST', '/v1/auth/sign-in', { email: 'strict@example.test', password: 'correct horse battery staple', remember: true });
    expectUnknownField(response, 'remember');
    expect(response.text).not.toContain('correct horse');
  });

  it('POST /v1/api-keys rejects an unknown field', async () => {
    const response = await send('POST', '/v1/api-keys', { name: 'k', scope: 'all' }, { key: coachKey });
    expectUnknownField(response, 'scope');
  });

  it('POST /v1/findings/:id/review rejects an unknown field', async () => {
    const response = await send('POST', '/v1/findings/1/review', { decision: 'confirm', severity: 'low' }, { key: coachKey });
    expectUnknownField(response, 'severity');
  });

  it('POST /v1/calls/:id/notes rejects an unknown field', async () => {
    const response = await send('POST', '/v1/calls/c-1/notes', { atMs: 0, text: 'note', pinned: true }, { key: coachKey });
    expectUnknownField(response, 'pinned');
  });
});
