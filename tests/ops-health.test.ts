/** Liveness, readiness and Prometheus metrics over HTTP. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PipelineServices } from '../src/jobs/pipeline.js';
import { makeSilenceWav } from './helpers/audio.js';
import { createTestDatabase, createTestQueuePrefix, TEST_REDIS_URL } from './helpers/services.js';
import { getJson, installFixtureModel, makeTempDir, startService, upload, waitForCall, type Service } from './helpers/harness.js';

let ready: Service;
let noModel: Service;
let withRedis: Service;
let queue: { prefix: string; cleanup: () => Promise<void> };
const databases: Array<{ url: string; drop: () => Promise<void> }> = [];

// A stand-in recognizer: the metrics tests need a finished transcription, not a real one.
const quickTranscriber: Partial<PipelineServices> = {
  async transcribe() {
    await sleep(50);
    return { turns: [{ speaker: 'unknown', text: '好的', startMs: 0, endMs: 500 }], rolesKnown: false, durationMs: 1000, model: 'test' };
  },
};

beforeAll(async () => {
  const modelsDir = await makeTempDir('models');
  await installFixtureModel(modelsDir);
  queue = await createTestQueuePrefix();
  databases.push(await createTestDatabase(), await createTestDatabase(), await createTestDatabase());
  const [first, second, third] = databases.map((database) => database.url);
  [ready, noModel, withRedis] = await Promise.all([
    startService({ databaseUrl: first, modelsDir, runtimeOptions: { retentionSweep: false, services: quickTranscriber } }),
    startService({ databaseUrl: second, modelsDir: await makeTempDir('models'), runtimeOptions: { retentionSweep: false } }),
    startService({ databaseUrl: third, modelsDir, redisUrl: TEST_REDIS_URL, queuePrefix: queue.prefix, runtimeOptions: { retentionSweep: false } }),
  ]);
});

afterAll(async () => {
  await Promise.all([ready?.close(), noModel?.close(), withRedis?.close()]);
  await queue?.cleanup();
  await Promise.all(databases.map((database) => database.drop()));
});

describe('health', () => {
  it('healthz answers ok', async () => {
    const { status, body } = await getJson(ready.baseUrl, '/healthz');
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok' });
  });

  it('readyz is ready with database and model', async () => {
    const { status, body } = await getJson(ready.baseUrl, '/readyz');
    expect(status).toBe(200);
    expect(body.checks).toEqual({ database: 'ok', redis: 'not_configured', model: 'ok' });
  });

  it('readyz checks Redis when configured', async () => {
    const { status, body } = await getJson(withRedis.baseUrl, '/readyz');
    expect(status).toBe(200);
    expect(body.checks.redis).toBe('ok');
  });

  it('readyz is 503 without the model', async () => {
    const { status, body } = await getJson(noModel.baseUrl, '/readyz', { 'accept-language': 'zh-CN' });
    expect(status).toBe(503);
    expect(body.status).toBe('not_ready');
    expect(body.checks.database).toBe('ok');
    expect(body.checks.model.failed).toContain('models install');
    expect(body.error.code).toBe('CS_ERR_NOT_READY');
    expect(body.error.message).toContain('服务尚未就绪');
    expect(body.error.message).toContain('未安装在');
    expect(body.error.message).toContain('语音识别模型（');
    expect(body.error.message).not.toContain('is not installed');
    expect(Object.keys(body.checks.model)).toEqual(['failed']);
  });

  it('readyz names the missing model in English when asked', async () => {
    const { status, body } = await getJson(noModel.baseUrl, '/readyz', { 'accept-language': 'en' });
    expect(status).toBe(503);
    expect(body.error.message).toContain('is not installed');
    expect(body.error.message).toContain('model (');
  });
});

describe('metrics', () => {
  let text: string;

  beforeAll(async () => {
    const audio = path.join(await makeTempDir('ops-audio'), 'silence.wav');
    await makeSilenceWav(audio, { seconds: 1 });
    const accepted = await upload(ready.baseUrl, { path: audio, filename: 'silence.wav', type: 'audio/wav' });
    await waitForCall(ready.baseUrl, accepted.body.id);
    await upload(ready.baseUrl, { content: Buffer.alloc(0), filename: 'empty.wav', type: 'audio/wav' });
    const response = await fetch(`${ready.baseUrl}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    text = await response.text();
  });

  it.each([
    ['job durations by stage', /callscore_job_duration_seconds_count\{stage="transcribe",outcome="ok"\} [1-9]/],
    ['analysis durations', /callscore_job_duration_seconds_count\{stage="analyze",outcome="ok"\} [1-9]/],
    ['ASR real-time factor', /callscore_asr_real_time_factor_count [1-9]/],
    ['HTTP latency by route', /callscore_http_request_duration_seconds_count\{method="POST",route="\/v1\/calls",status_code="202"\} [1-9]/],
    ['rejected requests', /callscore_http_request_duration_seconds_count\{method="POST",route="\/v1\/calls",status_code="400"\} [1-9]/],
    ['unfinished calls by status', /callscore_calls_unfinished\{status="analyzing"\} 0/],
    ['process metrics', /callscore_process_cpu_seconds_total/],
  ])('exports %s', (_name, pattern) => {
    expect(text).toMatch(pattern);
  });

  it('declares the failure counter', () => {
    expect(text).toContain('# TYPE callscore_failures_total counter');
  });
});
