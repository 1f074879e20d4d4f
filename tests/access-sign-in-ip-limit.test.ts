/**
 * Sign-in limits: per client IP and e-mail address, and per client IP
 * across all addresses, so one IP cannot spray a password over many accounts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, startService, type Service } from './helpers/harness.js';
import { createTestQueuePrefix, TEST_REDIS_URL } from './helpers/services.js';

const PER_ADDRESS = 3;
const PER_IP = 5;

let service: Service;

async function signIn(email: string, locale = 'en', target: Service = service): Promise<Response> {
  return fetch(`${target.baseUrl}/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': locale, origin: target.baseUrl },
    body: JSON.stringify({ email, password: 'wrong password for spraying' }),
  });
}

beforeAll(async () => {
  service = await startService({
    modelsDir: await makeTempDir('models'),
    env: { CALLSCORE_SIGN_IN_RATE_LIMIT: String(PER_ADDRESS), CALLSCORE_SIGN_IN_IP_RATE_LIMIT: String(PER_IP) },
  });
});

afterAll(async () => {
  await service?.close();
});

describe('sign-in rate limits', () => {
  it('limits one address, then the IP across addresses', async () => {
    const statuses: number[] = [];
    // Four attempts on one address: the fourth exceeds the per-address limit.
    for (let attempt = 0; attempt <= PER_ADDRESS; attempt++) statuses.push((await signIn('target@example.test')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);

    // The IP has made 4 attempts, so one more address passes and the next exceeds the per-IP limit of 5.
    expect((await signIn('spray-1@example.test')).status).toBe(401);
    const blocked = await signIn('spray-2@example.test');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await blocked.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('CS_ERR_RATE_LIMITED');
    expect(body.error.message).toContain('IP address');
  });

  it('reports the per-IP limit in Chinese', async () => {
    const blocked = await signIn('spray-3@example.test', 'zh-CN');
    expect(blocked.status).toBe(429);
    const body = (await blocked.json()) as { error: { message: string } };
    expect(body.error.message).toContain('此 IP 地址的登录');
  });
});

describe('per-IP sign-in limit in Redis', () => {
  it('counts attempts on two servers together', async () => {
    const prefix = await createTestQueuePrefix();
    const start = async () =>
      startService({
        redisUrl: TEST_REDIS_URL,
        queuePrefix: prefix.prefix,
        modelsDir: await makeTempDir('models'),
        runtimeOptions: { retentionSweep: false, resumeIntervalMs: 0 },
        env: { CALLSCORE_SIGN_IN_RATE_LIMIT: '100', CALLSCORE_SIGN_IN_IP_RATE_LIMIT: String(PER_IP) },
      });
    const first = await start();
    const second = await start();
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt <= PER_IP; attempt++) {
        statuses.push((await signIn(`redis-spray-${attempt}@example.test`, 'en', attempt % 2 === 0 ? first : second)).status);
      }
      expect(statuses).toEqual([...Array(PER_IP).fill(401), 429]);
    } finally {
      await first.close();
      await second.close();
      await prefix.cleanup();
    }
  });
});
