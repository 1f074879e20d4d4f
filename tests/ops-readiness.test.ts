import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { checkReadiness } from '../src/ops/readiness.js';
import type { Queryable } from '../src/store/db.js';
import { makeTempDir } from './helpers/harness.js';

// Returns a local port that nothing listens on: one the system just handed out and that is closed again.
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

// A database handle whose query rejects or never settles, standing in for a server that refuses or hangs.
function failingDatabase(query: () => Promise<never>): Queryable {
  return { query, exec: async () => undefined };
}

describe('readiness reasons in Chinese', () => {
  it('explains a refused Redis connection', async () => {
    const port = await closedPort();
    const report = await checkReadiness({
      db: failingDatabase(() => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'))),
      redisUrl: `redis://127.0.0.1:${port}`,
      modelsDir: await makeTempDir('readiness-'),
      asrModel: 'sense-voice-small-int8',
    });
    expect(report.ready).toBe(false);
    const redis = report.checks.redis;
    if (typeof redis === 'string') throw new Error(`Redis check passed as ${redis}`);
    expect(redis.failed).not.toBe('');
    expect(redis.failedZh).toBe(`Redis PING失败：${redis.failed}`);
    expect(report.checks.database).toEqual({ failed: 'connect ECONNREFUSED 127.0.0.1:5432', failedZh: '数据库查询失败：connect ECONNREFUSED 127.0.0.1:5432' });
    expect(report.checks.model).toMatchObject({ failedZh: expect.stringContaining('未安装在') });
  });

  it('explains a database query that times out', async () => {
    const report = await checkReadiness({
      db: failingDatabase(() => new Promise<never>(() => undefined)),
      modelsDir: await makeTempDir('readiness-'),
      asrModel: 'sense-voice-small-int8',
    });
    expect(report.checks.database).toEqual({ failed: 'database query timed out after 2000 ms', failedZh: '数据库查询超时（超过 2000 毫秒）' });
    expect(report.checks.redis).toBe('not_configured');
  });
});
