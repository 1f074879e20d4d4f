/**
 * Redis restarted in the middle of a batch. The private Redis keeps no
 * data, so the restart loses every queued job. The service puts unfinished
 * calls back on the queue from the database, and every call ends scored.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineServices } from '../src/jobs/pipeline.js';
import { makeSilenceWav } from './helpers/audio.js';
import { startPrivateRedis, type PrivateRedis } from './helpers/private-redis.js';
import { createTestDatabase } from './helpers/services.js';
import { getJson, makeTempDir, startService, upload, waitForCall, type Service } from './helpers/harness.js';
import path from 'node:path';

const BATCH = 8;

let redis: PrivateRedis;
let database: { url: string; drop: () => Promise<void> };
let server: Service;
let worker: Service;
let transcriptions = 0;

// Each transcription takes a moment, so the batch is still running when Redis goes down.
const slowTranscriber: Partial<PipelineServices> = {
  async transcribe() {
    transcriptions++;
    await sleep(300);
    return { turns: [{ speaker: 'unknown', text: '好的，我们保证没问题。', startMs: 0, endMs: 900 }], rolesKnown: false, durationMs: 1000, model: 'test' };
  },
};

beforeAll(async () => {
  redis = await startPrivateRedis();
  database = await createTestDatabase();
  const dataDir = await makeTempDir('fault-redis');
  const modelsDir = await makeTempDir('models');
  const shared = { databaseUrl: database.url, redisUrl: redis.url, queuePrefix: 'faultredis', dataDir, modelsDir };
  const runtimeOptions = { retentionSweep: false, resumeIntervalMs: 1000, services: slowTranscriber };
  server = await startService({ ...shared, runtimeOptions });
  worker = await startService({ ...shared, role: 'worker', runtimeOptions });
});

afterAll(async () => {
  await worker?.close();
  await server?.close();
  await redis?.kill();
  await database?.drop();
});

async function scoredCount(): Promise<number> {
  const rows = await server.runtime.db.query<{ n: number }>("SELECT count(*)::int AS n FROM calls WHERE status = 'scored'");
  return rows[0]!.n;
}

describe('Redis restart mid-batch', () => {
  it('scores every call', async () => {
    const audio = path.join(await makeTempDir('fault-redis-audio'), 'silence.wav');
    await makeSilenceWav(audio, { seconds: 1 });
    const ids: string[] = [];
    // Explicit call ids, because the same recording twice in one deal is otherwise rejected as a duplicate.
    for (let i = 0; i < BATCH; i++) {
      const accepted = await upload(server.baseUrl, { path: audio, filename: `call-${i}.wav`, type: 'audio/wav' }, { dealId: 'D-redis', callId: `redis-${i}` });
      expect(accepted.status).toBe(202);
      ids.push(accepted.body.id);
    }

    while ((await scoredCount()) < 2) await sleep(50);
    await redis.kill();
    const scoredWhileDown = await scoredCount();
    await sleep(1000);
    await redis.start();

    for (const id of ids) expect((await waitForCall(server.baseUrl, id, {}, 60_000)).status).toBe('scored');
    expect(scoredWhileDown).toBeLessThan(BATCH);

    const deal = await getJson(server.baseUrl, '/v1/deals/D-redis/score');
    expect(deal.body.calls.scored).toBe(BATCH);
    const duplicates = await server.runtime.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM (SELECT call_id FROM call_transitions WHERE to_status = 'scored' GROUP BY call_id HAVING count(*) > 1) AS repeated",
    );
    expect(duplicates[0]!.n).toBe(0);
  });
});
