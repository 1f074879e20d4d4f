/**
 * Cross-site request checks for the session cookie and sign-in, and the
 * security headers on the page and API responses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/auth/accounts.js';
import { CONTENT_SECURITY_POLICY } from '../src/api/security-headers.js';
import { startService, type Service } from './helpers/harness.js';

const PASSWORD = 'a long enough password';
const EMAIL = 'coach@example.test';

let service: Service;
let cookie: string;

async function send(
  method: string,
  url: string,
  headers: Record<string, string>,
  json?: unknown,
): Promise<{ status: number; body: any; headers: Headers }> {
  const all: Record<string, string> = { 'accept-language': 'en', ...headers };
  if (json !== undefined) all['content-type'] = 'application/json';
  const response = await fetch(`${service.baseUrl}${url}`, { method, headers: all, body: json === undefined ? undefined : JSON.stringify(json) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

function otherPortOrigin(): string {
  const url = new URL(service.baseUrl);
  return `${url.protocol}//${url.hostname}:${Number(url.port) === 65535 ? 65534 : Number(url.port) + 1}`;
}

async function keyCount(): Promise<number> {
  const listed = await send('GET', '/v1/api-keys', { cookie });
  expect(listed.status).toBe(200);
  return listed.body.apiKeys.length;
}

beforeAll(async () => {
  service = await startService();
  await createUser(service.runtime.db, { email: EMAIL, name: 'Coach', role: 'coach', teamIds: ['A'], password: PASSWORD });
  const signedIn = await send('POST', '/v1/auth/sign-in', { origin: service.baseUrl }, { email: EMAIL, password: PASSWORD });
  expect(signedIn.status).toBe(200);
  cookie = signedIn.headers.get('set-cookie')!.split(';', 1)[0]!;
});

afterAll(async () => {
  await service?.close();
});

describe('sign-in origin check', () => {
  it('rejects sign-in without Origin', async () => {
    const response = await send('POST', '/v1/auth/sign-in', {}, { email: EMAIL, password: PASSWORD });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('CS_ERR_CROSS_SITE_REQUEST');
    expect(response.body.error.message).toContain(`"Origin: ${service.baseUrl}"`);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('rejects sign-in from another port', async () => {
    const origin = otherPortOrigin();
    const en = await send('POST', '/v1/auth/sign-in', { origin }, { email: EMAIL, password: PASSWORD });
    expect(en.status).toBe(403);
    expect(en.body.error.code).toBe('CS_ERR_CROSS_SITE_REQUEST');
    expect(en.body.error.message).toContain(`"${origin}"`);
    expect(en.headers.get('set-cookie')).toBeNull();
    const zh = await send('POST', '/v1/auth/sign-in', { origin, 'accept-language': 'zh-CN' }, { email: EMAIL, password: PASSWORD });
    expect(zh.body.error.message).toContain('不是本服务器的源');
  });

  it('rejects sign-in marked same-site', async () => {
    for (const site of ['same-site', 'cross-site', 'none']) {
      const response = await send('POST', '/v1/auth/sign-in', { 'sec-fetch-site': site }, { email: EMAIL, password: PASSWORD });
      expect(response.status, site).toBe(403);
      expect(response.body.error.code, site).toBe('CS_ERR_CROSS_SITE_REQUEST');
    }
  });

  it('accepts sign-in marked same-origin', async () => {
    const response = await send('POST', '/v1/auth/sign-in', { 'sec-fetch-site': 'same-origin' }, { email: EMAIL, password: PASSWORD });
    expect(response.status).toBe(200);
  });

  it('rejects an opaque null origin', async () => {
    const response = await send('POST', '/v1/auth/sign-in', { origin: 'null' }, { email: EMAIL, password: PASSWORD });
    expect(response.status).toBe(403);
  });
});

describe('session cookie origin check', () => {
  it('rejects a cookie POST from another port', async () => {
    const before = await keyCount();
    const response = await send('POST', '/v1/api-keys', { cookie, origin: otherPortOrigin() }, { name: 'forged' });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('CS_ERR_CROSS_SITE_REQUEST');
    expect(await keyCount()).toBe(before);
  });

  it('rejects a cookie DELETE without Origin', async () => {
    const created = await send('POST', '/v1/api-keys', { cookie, origin: service.baseUrl }, { name: 'to keep' });
    expect(created.status).toBe(201);
    const response = await send('DELETE', `/v1/api-keys/${created.body.id}`, { cookie });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('CS_ERR_CROSS_SITE_REQUEST');
  });

  it('accepts a cookie POST from its own origin', async () => {
    const response = await send('POST', '/v1/api-keys', { cookie, origin: service.baseUrl }, { name: 'same origin' });
    expect(response.status).toBe(201);
  });

  it('accepts a cookie GET without Origin', async () => {
    const response = await send('GET', '/v1/me', { cookie });
    expect(response.status).toBe(200);
  });

  it('lets API keys skip the check', async () => {
    const plain = await send('POST', '/v1/api-keys', service.authHeaders, { name: 'script' });
    expect(plain.status).toBe(201);
    const foreign = await send('POST', '/v1/api-keys', { ...service.authHeaders, origin: otherPortOrigin() }, { name: 'script 2' });
    expect(foreign.status).toBe(201);
  });

  it('keeps 401 for anonymous requests', async () => {
    const response = await send('POST', '/v1/api-keys', {}, { name: 'anonymous' });
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('CS_ERR_UNAUTHENTICATED');
  });
});

describe('security headers', () => {
  it('are on page, API and error responses', async () => {
    for (const url of ['/', '/v1/me', '/v1/no-such-route', '/healthz']) {
      const response = await fetch(`${service.baseUrl}${url}`, { headers: service.authHeaders });
      expect(response.headers.get('x-frame-options'), url).toBe('DENY');
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), url).toBe('same-origin');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
  });
});
