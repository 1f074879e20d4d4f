/**
 * Real PostgreSQL and Redis for tests. Each test file gets its own
 * PostgreSQL database and its own BullMQ key prefix, so files can run in
 * parallel against the shared servers.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';

/** Server that hosts the per-test databases; the `test` database only serves to create them. */
export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Creates an empty database and returns its URL and a function that drops it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `callscore_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect().catch((error: Error) => {
    throw new Error(`PostgreSQL is not reachable at ${TEST_POSTGRES_URL} (${error.message}); start it or set TEST_DATABASE_URL`);
  });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();

  return {
    url: withDatabase(TEST_POSTGRES_URL, name),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A fresh BullMQ key prefix and a function that deletes its keys. */
export async function createTestQueuePrefix(): Promise<{ prefix: string; cleanup: () => Promise<void> }> {
  const prefix = `cstest${randomBytes(5).toString('hex')}`;
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect().catch((error: Error) => {
    throw new Error(`Redis is not reachable at ${TEST_REDIS_URL} (${error.message}); start it or set TEST_REDIS_URL`);
  });
  await redis.quit();

  return {
    prefix,
    async cleanup() {
      const client = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
      const keys = await client.keys(`${prefix}:*`);
      if (keys.length > 0) await client.del(...keys);
      await client.quit();
    },
  };
}
