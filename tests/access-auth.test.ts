/**
 * Authentication through the HTTP API: sign-in and the session cookie,
 * sign-out, wrong passwords, disabled users, API keys shown once and
 * revoked, hashed storage, rate limits and bilingual messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/auth/accounts.js';
import { hashToken } from '../src/auth/tokens.js';
import { makeTempDir, startService, type Service } from './helpers/harness.js';

const PASSWORD = 'correct horse battery staple';
// Each test signs in as the coach at most once or twice, so the suite stays under the limit for that address.
const SIGN_IN_LIMIT = 10;

let service: Service;
let coachId: string;

async function send(
  method: string,
  url: string,
  options: { json?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  // Origin as a browser sends it, which sign-in and cookie-authorized writes need.
  const headers: Record<string, string> = { 'accept-language': 'en', origin: service.baseUrl, ...options.headers };
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${service.baseUrl}${url}`, { method, headers, body: options.json === undefined ? undefined : JSON.stringify(options.json) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

const asAdmin = () => service.authHeaders;

async function signIn(email: string, password: string, headers: Record<string, string> = {}) {
  return send('POST', '/v1/auth/sign-in', { json: { email, password }, headers });
}

function sessionCookie(response: { headers: Headers }): string {
  const header = response.headers.get('set-cookie') ?? '';
  return header.split(';', 1)[0]!;
}

beforeAll(async () => {
  service = await startService({ modelsDir: await makeTempDir('models'), env: { CALLSCORE_SIGN_IN_RATE_LIMIT: String(SIGN_IN_LIMIT), CALLSCORE_UPLOAD_RATE_LIMIT: '2' } });
  coachId = (await createUser(service.runtime.db, { email: 'Coach@Example.test', name: 'Coach', role: 'coach', teamIds: ['A'], password: PASSWORD })).id;
});

afterAll(async () => {
  await service?.close();
});

describe('sign-in and sessions', () => {
  it('sets an HttpOnly session cookie', async () => {
    const response = await signIn('coach@example.test', PASSWORD);
    expect(response.status).toBe(200);
    expect(response.body.user.id).toBe(coachId);
    expect(response.body.user.email).toBe('coach@example.test');
    const header = response.headers.get('set-cookie')!;
    expect(header).toMatch(/^callscore_session=[A-Za-z0-9_-]{43};/);
    expect(header).toContain('HttpOnly');
    expect(header).toContain('SameSite=Lax');
    expect(header).toContain('Path=/');
    // Plain http on the loopback: no Secure flag, or the browser would drop the cookie.
    expect(header).not.toContain('Secure');
  });

  it('authenticates requests with the cookie', async () => {
    const cookie = sessionCookie(await signIn('COACH@example.test', PASSWORD));
    const me = await send('GET', '/v1/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ id: coachId, email: 'coach@example.test', name: 'Coach', role: 'coach', teamIds: ['A'], repId: null });
  });

  it('ends the session on sign-out', async () => {
    const cookie = sessionCookie(await signIn('coach@example.test', PASSWORD));
    const out = await send('POST', '/v1/auth/sign-out', { headers: { cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^callscore_session=;/);
    const after = await send('GET', '/v1/me', { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('CS_ERR_UNAUTHENTICATED');
  });

  it('rejects a wrong password and an unknown address alike', async () => {
    const wrong = await signIn('coach@example.test', 'not the password at all');
    const unknown = await signIn('nobody@example.test', PASSWORD);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.code).toBe('CS_ERR_SIGN_IN_FAILED');
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('rejects a disabled user and ends their sessions', async () => {
    const user = await createUser(service.runtime.db, { email: 'leaver@example.test', name: 'Leaver', role: 'coach', teamIds: ['A'], password: PASSWORD });
    const cookie = sessionCookie(await signIn('leaver@example.test', PASSWORD));
    const key = (await send('POST', '/v1/api-keys', { json: { name: 'leaver key' }, headers: { cookie } })).body.key;
    expect((await send('GET', '/v1/me', { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);

    const disabled = await send('PATCH', `/v1/users/${user.id}`, { json: { disabled: true }, headers: asAdmin() });
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toBe(true);

    expect((await send('GET', '/v1/me', { headers: { cookie } })).status).toBe(401);
    expect((await send('GET', '/v1/me', { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);
    const again = await signIn('leaver@example.test', PASSWORD);
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('CS_ERR_SIGN_IN_FAILED');
  });

  it('ends sessions when an admin sets a password', async () => {
    const user = await createUser(service.runtime.db, { email: 'reset@example.test', name: 'Reset', role: 'coach', teamIds: ['A'], password: PASSWORD });
    const cookie = sessionCookie(await signIn('reset@example.test', PASSWORD));
    const changed = await send('PATCH', `/v1/users/${user.id}`, { json: { password: 'a brand new pass phrase' }, headers: asAdmin() });
    expect(changed.status).toBe(200);
    expect((await send('GET', '/v1/me', { headers: { cookie } })).status).toBe(401);
    expect((await signIn('reset@example.test', PASSWORD)).status).toBe(401);
    expect((await signIn('reset@example.test', 'a brand new pass phrase')).status).toBe(200);
  });

  it('rejects a session id the server never issued', async () => {
    const response = await send('GET', '/v1/me', { headers: { cookie: 'callscore_session=forged-session-id' } });
    expect(response.status).toBe(401);
  });
});

describe('API keys', () => {
  it('shows the key only when created', async () => {
    const created = await send('POST', '/v1/api-keys', { json: { name: 'ci' }, headers: asAdmin() });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^cs_[A-Za-z0-9_-]{43}$/);
    expect(created.body.key.startsWith(created.body.prefix)).toBe(true);

    const listed = await send('GET', '/v1/api-keys', { headers: asAdmin() });
    const entry = listed.body.apiKeys.find((key: any) => key.id === created.body.id);
    expect(entry.prefix).toBe(created.body.prefix);
    expect(entry).not.toHaveProperty('key');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
  });

  it('stores only hashes of keys, sessions and passwords', async () => {
    const created = await send('POST', '/v1/api-keys', { json: { name: 'hash check' }, headers: asAdmin() });
    const cookie = sessionCookie(await signIn('coach@example.test', PASSWORD));
    const sessionId = cookie.split('=')[1]!;
    const db = service.runtime.db;

    const dump = JSON.stringify([
      await db.query('SELECT * FROM api_keys'),
      await db.query('SELECT * FROM sessions'),
      await db.query('SELECT * FROM users'),
    ]);
    expect(dump).not.toContain(created.body.key);
    expect(dump).not.toContain(sessionId);
    expect(dump).not.toContain(PASSWORD);
    expect(dump).toContain(hashToken(created.body.key));
    expect(dump).toContain(hashToken(sessionId));
    const [coach] = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [coachId]);
    expect(coach!.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
  });

  it('answers 401 for a revoked key at once', async () => {
    const created = await send('POST', '/v1/api-keys', { json: { name: 'short-lived' }, headers: asAdmin() });
    const bearer = { authorization: `Bearer ${created.body.key}` };
    expect((await send('GET', '/v1/me', { headers: bearer })).status).toBe(200);

    expect((await send('DELETE', `/v1/api-keys/${created.body.id}`, { headers: asAdmin() })).status).toBe(204);
    const after = await send('GET', '/v1/me', { headers: bearer });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('CS_ERR_UNAUTHENTICATED');
    const listed = await send('GET', '/v1/api-keys', { headers: asAdmin() });
    expect(listed.body.apiKeys.find((key: any) => key.id === created.body.id).revokedAt).not.toBeNull();
  });

  it('rejects a malformed or unknown bearer token', async () => {
    for (const authorization of ['Bearer cs_unknown', 'Bearer not-a-key', 'Basic abc', 'Bearer']) {
      const response = await send('GET', '/v1/me', { headers: { authorization } });
      expect(response.status, authorization).toBe(401);
    }
  });

  it("lets a non-admin revoke only their own keys", async () => {
    const cookie = sessionCookie(await signIn('coach@example.test', PASSWORD));
    const adminKey = await send('POST', '/v1/api-keys', { json: { name: 'admin only' }, headers: asAdmin() });
    const attempt = await send('DELETE', `/v1/api-keys/${adminKey.body.id}`, { headers: { cookie } });
    expect(attempt.status).toBe(404);
    expect(attempt.body.error.code).toBe('CS_ERR_API_KEY_NOT_FOUND');
    const own = await send('GET', '/v1/api-keys', { headers: { cookie } });
    expect(own.body.apiKeys.every((key: any) => key.userId === coachId)).toBe(true);
  });
});

describe('users', () => {
  it('rejects a second user with the same address', async () => {
    const body = { email: 'twice@example.test', name: 'Twice', role: 'coach', teamIds: [] };
    expect((await send('POST', '/v1/users', { json: body, headers: asAdmin() })).status).toBe(201);
    const again = await send('POST', '/v1/users', { json: { ...body, email: 'TWICE@example.test' }, headers: asAdmin() });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CS_ERR_EMAIL_TAKEN');
    expect(again.body.error.message).toContain('twice@example.test');
  });

  it('requires a rep id for the rep role', async () => {
    const response = await send('POST', '/v1/users', { json: { email: 'rep@example.test', name: 'Rep', role: 'rep', teamIds: ['A'] }, headers: asAdmin() });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('CS_ERR_REP_ID_REQUIRED');
  });

  it('rejects a short password', async () => {
    const response = await send('POST', '/v1/users', { json: { email: 'short@example.test', name: 'Short', role: 'coach', password: 'short' }, headers: asAdmin() });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('CS_ERR_VALIDATION');
  });

  it('answers 404 for an unknown user', async () => {
    const response = await send('PATCH', '/v1/users/usr_missing', { json: { name: 'X' }, headers: asAdmin() });
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('CS_ERR_USER_NOT_FOUND');
  });
});

describe('rate limits and messages', () => {
  it('limits sign-in per address with Retry-After', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof signIn>> | null = null;
    for (let attempt = 0; attempt <= SIGN_IN_LIMIT; attempt++) {
      last = await signIn('limited@example.test', 'wrong password here', { 'accept-language': 'zh-CN' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([...Array(SIGN_IN_LIMIT).fill(401), 429]);
    expect(last!.body.error.code).toBe('CS_ERR_RATE_LIMITED');
    expect(last!.body.error.message).toContain('登录请求过于频繁');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address from the same client still gets its own attempts.
    expect((await signIn('other@example.test', 'wrong password here')).status).toBe(401);
  });

  it('limits uploads per caller', async () => {
    const statuses: number[] = [];
    let body: any = null;
    let retryAfter: string | null = null;
    for (let attempt = 0; attempt < 3; attempt++) {
      // An empty form: the limit counts the request before the upload is read.
      const response = await fetch(`${service.baseUrl}/v1/calls`, { method: 'POST', headers: { ...asAdmin(), 'accept-language': 'en' }, body: new FormData() });
      statuses.push(response.status);
      body = await response.json();
      retryAfter = response.headers.get('retry-after');
    }
    expect(statuses).toEqual([400, 400, 429]);
    expect(body.error.code).toBe('CS_ERR_RATE_LIMITED');
    expect(body.error.message).toMatch(/^Too many requests to upload calls\. Wait \d+ seconds/);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('explains a missing caller in both languages', async () => {
    const en = await send('GET', '/v1/calls/x', { headers: { 'accept-language': 'en' } });
    const zh = await send('GET', '/v1/calls/x', { headers: { 'accept-language': 'zh-CN' } });
    expect(en.status).toBe(401);
    expect(en.body.error.message).toContain('Authorization: Bearer');
    expect(zh.body.error.code).toBe('CS_ERR_UNAUTHENTICATED');
    expect(zh.body.error.message).toContain('请先登录');
  });

  it('explains a forbidden action in both languages', async () => {
    const cookie = sessionCookie(await signIn('coach@example.test', PASSWORD));
    const en = await send('PUT', '/v1/glossary', { json: {}, headers: { cookie } });
    const zh = await send('PUT', '/v1/glossary', { json: {}, headers: { cookie, 'accept-language': 'zh-CN' } });
    expect(en.status).toBe(403);
    expect(en.body.error.message).toBe('Your role "coach" may not change the glossary. Ask an admin for a role that allows it.');
    expect(zh.body.error.message).toContain('无权修改业务词表');
  });

  it('requires a caller on encoded and unknown /v1 paths', async () => {
    for (const url of ['/%761/me', '/v1/%6de', '/v1/no-such-route']) {
      const response = await send('GET', url);
      expect(response.status, url).not.toBe(200);
      expect([401, 404], url).toContain(response.status);
    }
  });

  it('keeps health and the OpenAPI document public', async () => {
    expect((await send('GET', '/healthz')).status).toBe(200);
    const openapi = await send('GET', '/openapi.json');
    expect(openapi.status).toBe(200);
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/v1/auth/sign-in', '/v1/users', '/v1/api-keys', '/v1/me']));
    expect(openapi.body.security).toEqual([{ apiKey: [] }, { session: [] }]);
    expect(openapi.body.paths['/v1/auth/sign-in'].post.security).toEqual([]);
    expect(openapi.body.paths['/healthz'].get.security).toEqual([]);
  });
});
