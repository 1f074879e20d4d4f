/**
 * Worker processes that die or are stopped in the middle of transcription,
 * run as real `callscore worker` child processes with the fixture model:
 * - kill -9: BullMQ hands the job to another worker once its lock expires,
 *   and the call ends scored exactly once with no duplicated turns;
 * - SIGTERM: the worker finishes its current job and exits 0, and the next
 *   worker carries the call on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config/config.js';
import { makeSpeechWav } from './helpers/audio.js';
import { createTestDatabase, createTestQueuePrefix, TEST_REDIS_URL } from './helpers/services.js';
import { installFixtureModel, makeTempDir, startService, upload, waitForCall, type Service } from './helpers/harness.js';
import { freePort } from './helpers/ports.js';

let database: { url: string; drop: () => Promise<void> };
let queue: { prefix: string; cleanup: () => Promise<void> };
let server: Service;
let dataDir: string;
let modelsDir: string;
let speech: string;
const workers: ChildProcess[] = [];
const workerOutput: string[] = [];

function startWorker(extraEnv: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin/callscore.js'), 'worker'], {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      CALLSCORE_QUEUE_PREFIX: queue.prefix,
      CALLSCORE_DATA_DIR: dataDir,
      CALLSCORE_MODELS_DIR: modelsDir,
      LOG_LEVEL: 'info',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => workerOutput.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => workerOutput.push(chunk.toString()));
  workers.push(child);
  return child;
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

async function statusOf(callId: string): Promise<string> {
  const rows = await server.runtime.db.query<{ status: string }>('SELECT status FROM calls WHERE id = $1', [callId]);
  return rows[0]!.status;
}

async function waitForStatus(callId: string, status: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while ((await statusOf(callId)) !== status) {
    if (Date.now() > deadline) throw new Error(`call ${callId} never reached ${status}; worker output:\n${workerOutput.join('')}`);
    await sleep(20);
  }
}

async function count(sql: string, callId: string): Promise<number> {
  const rows = await server.runtime.db.query<{ n: number }>(sql, [callId]);
  return rows[0]!.n;
}

beforeAll(async () => {
  database = await createTestDatabase();
  queue = await createTestQueuePrefix();
  dataDir = await makeTempDir('fault-worker');
  modelsDir = await makeTempDir('models');
  await installFixtureModel(modelsDir);
  speech = path.join(dataDir, 'speech.wav');
  // About half a minute of speech keeps each transcription running long enough to interrupt.
  await makeSpeechWav(speech, 'We guarantee the system will work perfectly. I will send the proposal on Friday. '.repeat(6));
  server = await startService({
    databaseUrl: database.url,
    redisUrl: TEST_REDIS_URL,
    queuePrefix: queue.prefix,
    dataDir,
    modelsDir,
    runtimeOptions: { retentionSweep: false },
  });
});

afterAll(async () => {
  for (const child of workers) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await server?.close();
  await queue?.cleanup();
  await database?.drop();
});

describe('worker faults', () => {
  it('kill -9 and SIGTERM mid-transcription still score each call once', async () => {
    const first = startWorker();
    const killed = await upload(server.baseUrl, { path: speech, filename: 'killed.wav', type: 'audio/wav' }, { dealId: 'D-worker' });
    await waitForStatus(killed.body.id, 'transcribing');
    first.kill('SIGKILL');
    expect((await exitOf(first)).signal).toBe('SIGKILL');
    expect(await statusOf(killed.body.id)).toBe('transcribing');

    // The second worker may first pick up the call whose worker was killed, once BullMQ finds it stalled.
    const second = startWorker();
    const stopped = await upload(server.baseUrl, { path: speech, filename: 'stopped.wav', type: 'audio/wav' }, { dealId: 'D-worker-2', repId: 'R-2' });
    const busy = await Promise.race([
      waitForStatus(stopped.body.id, 'transcribing').then(() => stopped.body.id as string),
      sleep(90_000).then(() => null),
    ]);
    expect(busy).not.toBeNull();
    second.kill('SIGTERM');
    const exit = await exitOf(second);
    expect(exit.code).toBe(0);
    expect(await statusOf(stopped.body.id)).not.toBe('transcribing');

    const metricsPort = await freePort();
    startWorker({ CALLSCORE_METRICS_PORT: String(metricsPort) });
    for (const callId of [killed.body.id, stopped.body.id]) {
      const call = await waitForCall(server.baseUrl, callId, {}, 120_000);
      expect(call.status).toBe('scored');
      expect(await count("SELECT count(*)::int AS n FROM call_transitions WHERE call_id = $1 AND to_status = 'scored'", callId)).toBe(1);
      expect(await count('SELECT count(*)::int AS n FROM turns WHERE call_id = $1', callId)).toBe(call.transcript.turns.length);
      expect(await count('SELECT count(DISTINCT idx)::int AS n FROM turns WHERE call_id = $1', callId)).toBe(call.transcript.turns.length);
      expect(call.transcript.turns.length).toBeGreaterThan(0);
      expect(await count('SELECT count(*)::int AS n FROM findings WHERE call_id = $1', callId)).toBe(call.findings.length);
    }

    // The last worker ran the analyses, so its own /metrics listener reports them.
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/callscore_job_duration_seconds_count\{stage="analyze",outcome="ok"\} [1-9]/);
  }, 240_000);
});
