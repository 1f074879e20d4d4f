/**
 * A batch import on PostgreSQL and Redis with a separate `callscore worker`
 * process that is killed mid-batch and started again: every good call ends
 * up scored exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config/config.js';
import { getJson, makeTempDir, startService, type Service } from './helpers/harness.js';
import { createTestDatabase, createTestQueuePrefix, TEST_REDIS_URL } from './helpers/services.js';

const CLI = path.join(PROJECT_ROOT, 'bin/callscore.js');
const GOOD_ROWS = 160;

let service: Service;
let database: { url: string; drop: () => Promise<void> };
let queue: { prefix: string; cleanup: () => Promise<void> };
let dataDir: string;
let modelsDir: string;
let worker: ChildProcess | null = null;

function startWorker(): ChildProcess {
  return spawn(process.execPath, [CLI, 'worker'], {
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      REDIS_URL: TEST_REDIS_URL,
      CALLSCORE_QUEUE_PREFIX: queue.prefix,
      CALLSCORE_DATA_DIR: dataDir,
      CALLSCORE_MODELS_DIR: modelsDir,
      CALLSCORE_ANALYZE_CONCURRENCY: '1',
      LOG_LEVEL: 'silent',
    },
    stdio: 'ignore',
  });
}

async function killWorker(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

async function batchProgress(batchId: string): Promise<any> {
  return (await getJson(service.baseUrl, `/v1/batches/${batchId}`)).body;
}

async function pollUntil(batchId: string, done: (progress: any) => boolean, timeoutMs: number): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const progress = await batchProgress(batchId);
    if (done(progress)) return progress;
    if (Date.now() > deadline) throw new Error(`batch ${batchId} timed out after ${timeoutMs} ms: ${JSON.stringify(progress)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let manifest: string;

beforeAll(async () => {
  database = await createTestDatabase();
  queue = await createTestQueuePrefix();
  dataDir = await makeTempDir('batch-workers');
  modelsDir = await makeTempDir('models');
  service = await startService({ databaseUrl: database.url, redisUrl: TEST_REDIS_URL, queuePrefix: queue.prefix, dataDir, modelsDir });

  // Real labelled conversations, so every call runs the detectors on varied text.
  const corpus = (await readFile(path.join(PROJECT_ROOT, 'data/train.jsonl'), 'utf8')).trim().split('\n');
  const rows = ['path,callId,dealId,repId,startedAt,channelLayout,language'];
  for (let index = 0; index < GOOD_ROWS; index++) {
    const conversation = JSON.parse(corpus[index % corpus.length]!);
    const file = path.join(dataDir, `call-${index}.json`);
    await writeFile(file, JSON.stringify({ turns: conversation.turns, callEnded: conversation.callEnded }));
    rows.push(`call-${index}.json,bulk-${index},D-${index % 40},R-${index % 7},2026-08-${String((index % 28) + 1).padStart(2, '0')}T09:00:00+08:00,mono,auto`);
    if (index === 10) rows.push('missing.json,bulk-missing,D-1,R-1,2026-08-01T09:00:00+08:00,mono,auto');
    if (index === 20) rows.push('call-3.json,bulk-bad-date,D-1,R-1,yesterday,mono,auto');
  }
  rows.push('call-5.json,bulk-5,D-1,R-1,2026-08-01T09:00:00+08:00,mono,auto');
  manifest = rows.join('\n');
  await writeFile(path.join(dataDir, 'calls.csv'), manifest);
}, 120_000);

afterAll(async () => {
  if (worker && worker.exitCode === null) await killWorker(worker);
  await service?.close();
  await queue?.cleanup();
  await database?.drop();
});

describe('batch with a killed worker', () => {
  it('scores every good call exactly once', async () => {
    // Paths resolve against the manifest folder through the CLI; the API needs them absolute.
    const absolute = manifest.replace(/^call-/gm, `${dataDir}/call-`).replace(/^missing\.json/m, `${dataDir}/missing.json`);
    const response = await fetch(`${service.baseUrl}/v1/batches?teamId=bulk`, { method: 'POST', headers: { ...service.authHeaders, 'content-type': 'text/csv' }, body: absolute });
    const accepted = await response.json();
    expect(response.status).toBe(202);
    expect(accepted.created).toBe(GOOD_ROWS);
    expect(accepted.rejected.map((row: any) => [row.line, row.field])).toEqual([
      [13, 'path'],
      [24, 'startedAt'],
      [GOOD_ROWS + 4, 'callId'],
    ]);
    const batchId = accepted.id;

    worker = startWorker();
    const midway = await pollUntil(batchId, (progress) => progress.done >= 15, 60_000);
    await killWorker(worker);
    const afterKill = await batchProgress(batchId);
    expect(midway.remaining).toBeGreaterThan(0);
    expect(afterKill.remaining).toBeGreaterThan(0);

    // A job the killed worker held comes back once its BullMQ lock expires (30 s by default).
    worker = startWorker();
    const finished = await pollUntil(batchId, (progress) => progress.finished, 150_000);
    expect(finished.total).toBe(GOOD_ROWS);
    expect(finished.done).toBe(GOOD_ROWS);
    expect(finished.failed).toBe(0);

    const scoredTwice = await service.runtime.db.query(
      `SELECT call_id FROM call_transitions WHERE to_status = 'scored' GROUP BY call_id HAVING COUNT(*) <> 1`,
    );
    expect(scoredTwice).toEqual([]);
    const versions = await service.runtime.db.query<{ calls: number; versions: number }>(
      'SELECT COUNT(DISTINCT call_id)::int AS calls, COUNT(*)::int AS versions FROM score_versions',
    );
    expect(versions[0]).toEqual({ calls: GOOD_ROWS, versions: GOOD_ROWS });

    const again = await fetch(`${service.baseUrl}/v1/batches?teamId=bulk`, { method: 'POST', headers: { ...service.authHeaders, 'content-type': 'text/csv' }, body: absolute });
    const rerun = await again.json();
    expect(rerun.id).toBe(batchId);
    expect(rerun.created).toBe(0);
    expect(rerun.alreadyImported).toBe(GOOD_ROWS);
  }, 240_000);
});
