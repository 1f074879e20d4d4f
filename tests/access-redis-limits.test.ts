/**
 * Rate limits shared through Redis: two server instances that share one
 * Redis and one queue prefix, as several servers behind a load balancer
 * do, count sign-in attempts together. A server with another prefix keeps
 * its own counters.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateRedis } from './helpers/private-redis.js';
import { createTestDatabase, createTestQueuePrefix, TEST_REDIS_URL } from './helpers/services.js';
import { makeTempDir, startService, type Service } from './helpers/harness.js';

const SIGN_IN_LIMIT = 3;

let database: { url: string; drop: () => Promise<void> };
let sharedPrefix: { prefix: string; cleanup: () => Promise<void> };
let otherPrefix: { prefix: string; cleanup: () => Promise<void> };
let first: Service;
let second: Service;
let other: Service;

async function startServer(prefix: string, redisUrl = TEST_REDIS_URL): Promise<Service> {
  return startService({
    databaseUrl: database.url,
    redisUrl,
    queuePrefix: prefix,
    modelsDir: await makeTempDir('models'),
    runtimeOptions: { retentionSweep: false, resumeIntervalMs: 0 },
    env: { CALLSCORE_SIGN_IN_RATE_LIMIT: String(SIGN_IN_LIMIT) },
  });
}

async function signIn(service: Service, email: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${service.baseUrl}/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'en', origin: service.baseUrl },
    body: JSON.stringify({ email, password: 'wrong password here' }),
  });
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  database = await createTestDatabase();
  sharedPrefix = await createTestQueuePrefix();
  otherPrefix = await createTestQueuePrefix();
  // One after the other, because each start migrates the shared database.
  first = await startServer(sharedPrefix.prefix);
  second = await startServer(sharedPrefix.prefix);
  other = await startServer(otherPrefix.prefix);
});

afterAll(async () => {
  await first?.close();
  await second?.close();
  await other?.close();
  await sharedPrefix?.cleanup();
  await otherPrefix?.cleanup();
  await database?.drop();
});

describe('rate limits in Redis', () => {
  it('shares the sign-in limit between servers', async () => {
    const statuses: number[] = [];
    let last: { status: number; body: any } | null = null;
    for (let attempt = 0; attempt <= SIGN_IN_LIMIT; attempt++) {
      last = await signIn(attempt % 2 === 0 ? first : second, 'shared@example.test');
      statuses.push(last.status);
    }
    expect(statuses).toEqual([...Array(SIGN_IN_LIMIT).fill(401), 429]);
    expect(last!.body.error.code).toBe('CS_ERR_RATE_LIMITED');
  });

  it('keeps counters apart per queue prefix', async () => {
    for (let attempt = 0; attempt < SIGN_IN_LIMIT; attempt++) await signIn(first, 'prefixed@example.test');
    expect((await signIn(second, 'prefixed@example.test')).status).toBe(429);
    expect((await signIn(other, 'prefixed@example.test')).status).toBe(401);
  });

  it('stores no e-mail address in Redis keys', async () => {
    const client = new Redis(TEST_REDIS_URL);
    try {
      const keys = await client.keys(`${sharedPrefix.prefix}:*`);
      expect(keys.some((key) => key.includes('rate-limit'))).toBe(true);
      expect(keys.filter((key) => key.includes('example.test'))).toEqual([]);
    } finally {
      await client.quit();
    }
  });

  it('lets sign-in through while Redis is down', async () => {
    const redis = await startPrivateRedis();
    let service: Service | null = null;
    try {
      service = await startServer(otherPrefix.prefix, redis.url);
    } finally {
      // Killed once only: the helper's kill() waits for an exit event that a second call never receives.
      await redis.kill();
    }
    try {
      const response = await signIn(service, 'outage@example.test');
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('CS_ERR_SIGN_IN_FAILED');
    } finally {
      await service.close();
    }
  });
});
