/**
 * CALLSCORE_TRUST_PROXY: behind a proxy that ends TLS, the session cookie
 * gets the Secure flag from X-Forwarded-Proto, and rate limits count the
 * client address from X-Forwarded-For. Without the setting both headers
 * are ignored, so a client cannot claim https or dodge a limit by sending
 * them itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/auth/accounts.js';
import { loadConfig } from '../src/config/config.js';
import { makeTempDir, startService, type Service } from './helpers/harness.js';

const PASSWORD = 'correct horse battery staple';
// Sign-ins of the cookie tests count too, so the limit tests use an address of their own.
const SIGN_IN_LIMIT = 3;
const LIMITED_EMAIL = 'limited@example.test';

let trusting: Service;
let direct: Service;

async function startServer(env: Record<string, string>): Promise<Service> {
  const service = await startService({
    modelsDir: await makeTempDir('models'),
    env: { CALLSCORE_SIGN_IN_RATE_LIMIT: String(SIGN_IN_LIMIT), ...env },
  });
  await createUser(service.runtime.db, { email: 'proxy@example.test', name: 'Proxy', role: 'coach', teamIds: ['A'], password: PASSWORD });
  return service;
}

async function signIn(service: Service, headers: Record<string, string>, email = 'proxy@example.test', password = PASSWORD): Promise<Response> {
  return fetch(`${service.baseUrl}/v1/auth/sign-in`, {
    method: 'POST',
    // Sec-Fetch-Site as a browser sends it, which sign-in needs; it holds whatever scheme the proxy reports.
    headers: { 'content-type': 'application/json', 'accept-language': 'en', 'sec-fetch-site': 'same-origin', ...headers },
    body: JSON.stringify({ email, password }),
  });
}

async function failSignIn(service: Service, forwardedFor: string): Promise<number> {
  return (await signIn(service, { 'x-forwarded-for': forwardedFor }, LIMITED_EMAIL, 'wrong password here')).status;
}

beforeAll(async () => {
  trusting = await startServer({ CALLSCORE_TRUST_PROXY: '127.0.0.1' });
  direct = await startServer({});
});

afterAll(async () => {
  await trusting?.close();
  await direct?.close();
});

describe('trusted proxy', () => {
  it('sets Secure behind a trusted https proxy', async () => {
    const response = await signIn(trusting, { 'x-forwarded-proto': 'https' });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toContain('Secure');
  });

  it('clears the cookie with Secure too', async () => {
    const cookie = (await signIn(trusting, { 'x-forwarded-proto': 'https' })).headers.get('set-cookie')!.split(';', 1)[0]!;
    const out = await fetch(`${trusting.baseUrl}/v1/auth/sign-out`, { method: 'POST', headers: { cookie, 'x-forwarded-proto': 'https', 'sec-fetch-site': 'same-origin' } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^callscore_session=;/);
    expect(out.headers.get('set-cookie')).toContain('Secure');
  });

  it('omits Secure behind a trusted http proxy', async () => {
    const response = await signIn(trusting, { 'x-forwarded-proto': 'http' });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).not.toContain('Secure');
  });

  it('counts sign-in per forwarded client', async () => {
    for (let attempt = 0; attempt < SIGN_IN_LIMIT; attempt++) expect(await failSignIn(trusting, '203.0.113.7')).toBe(401);
    expect(await failSignIn(trusting, '203.0.113.7')).toBe(429);
    expect(await failSignIn(trusting, '203.0.113.8')).toBe(401);
  });
});

describe('untrusted proxy headers', () => {
  it('ignores X-Forwarded-Proto without the setting', async () => {
    const response = await signIn(direct, { 'x-forwarded-proto': 'https' });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).not.toContain('Secure');
  });

  it('ignores X-Forwarded-For in rate limits', async () => {
    for (let attempt = 0; attempt < SIGN_IN_LIMIT; attempt++) expect(await failSignIn(direct, `198.51.100.${attempt}`)).toBe(401);
    expect(await failSignIn(direct, '198.51.100.99')).toBe(429);
  });
});

describe('CALLSCORE_TRUST_PROXY values', () => {
  const parse = (value: string) => loadConfig({ CALLSCORE_TRUST_PROXY: value }).trustProxy;

  it('defaults to trusting no proxy', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
  });

  it('accepts booleans and address lists', () => {
    expect(parse('true')).toBe(true);
    expect(parse('false')).toBe(false);
    expect(parse('10.0.0.0/8, 127.0.0.1 ,::1')).toEqual(['10.0.0.0/8', '127.0.0.1', '::1']);
    expect(parse('loopback,uniquelocal')).toEqual(['loopback', 'uniquelocal']);
  });

  it('treats an empty value as unset', () => {
    expect(parse('')).toBe(false);
    expect(parse('  ')).toBe(false);
  });

  it('rejects an invalid address with its name', () => {
    for (const value of ['10.0.0.300', '10.0.0.0/33', 'proxy.example.test', ',', '-1', '1']) {
      let message = '';
      try {
        parse(value);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message, value).toContain('CALLSCORE_TRUST_PROXY');
    }
  });
});
