/**
 * Measures a quarter re-score end to end through the queues. It seeds
 * stored transcripts of scored calls into a fresh PostgreSQL database and
 * starts `callscore worker` processes on a fresh BullMQ prefix. Then it
 * starts a re-score batch from this process as the CLI does and waits until
 * the batch has no remaining calls. It prints calls per second and the
 * resident memory of every process, sampled each second, with each one's peak.
 *
 * Run `npx tsx bench/batch.ts [calls] [workers] [concurrency]` (defaults
 * 10000 calls, 2 workers, 32 analysis jobs per worker) with PostgreSQL on
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test, used
 * only to create and drop the bench database) and Redis on BENCH_REDIS_URL
 * (default redis://127.0.0.1:6379).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { PROJECT_ROOT } from '../src/config/config.js';
import { createLogger } from '../src/config/logger.js';
import { openDatabase, type Database } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { BullStageQueue } from '../src/jobs/bullmq-queue.js';
import { getBatchProgress, startRescore } from '../src/jobs/batches.js';

const CALLS = Number(process.argv[2] ?? 10_000);
const WORKERS = Number(process.argv[3] ?? 2);
const CONCURRENCY = Number(process.argv[4] ?? 32);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const CLI = path.join(PROJECT_ROOT, 'bin/callscore.js');
// Extra node options for the workers, e.g. BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile them.
const WORKER_NODE_ARGS = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
// Rows per seeding INSERT; keeps each statement's parameter arrays a few megabytes.
const SEED_CHUNK = 1000;

interface Conversation {
  turns: Array<{ speaker: string; text: string; startMs?: number; endMs?: number }>;
  callEnded?: boolean;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  await client.query(sql);
  await client.end();
}

/** Inserts `count` scored calls whose turns come from the labelled corpus, cycled. */
async function seed(db: Database, count: number): Promise<void> {
  const corpus = (await readFile(path.join(PROJECT_ROOT, 'data/train.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Conversation);
  const sha = 'b'.repeat(64);
  await db.query("INSERT INTO recordings (sha256, kind, size_bytes, format) VALUES ($1, 'json', 1, 'json')", [sha]);

  for (let offset = 0; offset < count; offset += SEED_CHUNK) {
    const ids: string[] = [];
    const started: string[] = [];
    const durations: number[] = [];
    const turnCall: string[] = [];
    const turnIndex: number[] = [];
    const turnSpeaker: string[] = [];
    const turnStart: Array<number | null> = [];
    const turnEnd: Array<number | null> = [];
    const turnText: string[] = [];
    for (let index = offset; index < Math.min(offset + SEED_CHUNK, count); index++) {
      const id = `bench-${index}`;
      const conversation = corpus[index % corpus.length]!;
      ids.push(id);
      // Spread over July to September 2026.
      started.push(new Date(Date.UTC(2026, 6, 1) + (index % 90) * 86_400_000 + (index % 600) * 60_000).toISOString());
      durations.push(conversation.turns.at(-1)?.endMs ?? conversation.turns.length * 5000);
      conversation.turns.forEach((turn, turnPosition) => {
        turnCall.push(id);
        turnIndex.push(turnPosition);
        turnSpeaker.push(turn.speaker);
        turnStart.push(turn.startMs ?? null);
        turnEnd.push(turn.endMs ?? null);
        turnText.push(turn.text);
      });
    }
    await db.query(
      `INSERT INTO calls (id, deal_id, rep_id, team_id, started_at, language, channel_layout, source, recording_sha256, filename, status, roles_known, call_ended, duration_ms)
       SELECT c.id, 'D-' || (c.n % 2000), 'R-' || (c.n % 50), 'bench', c.started_at, 'auto', 'mono', 'transcript', $4, 'bench.json', 'scored', TRUE, TRUE, c.duration_ms
       FROM unnest($1::text[], $2::timestamptz[], $3::bigint[]) WITH ORDINALITY AS c (id, started_at, duration_ms, n)`,
      [ids, started, durations, sha],
    );
    await db.query(
      `INSERT INTO turns (call_id, idx, speaker, start_ms, end_ms, text)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::bigint[], $5::bigint[], $6::text[])`,
      [turnCall, turnIndex, turnSpeaker, turnStart, turnEnd, turnText],
    );
  }
}

function residentKb(pid: number): Promise<number | null> {
  return readFile(`/proc/${pid}/status`, 'utf8').then(
    (status) => Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN),
    () => null,
  );
}

async function main(): Promise<void> {
  const name = `callscore_bench_${randomBytes(4).toString('hex')}`;
  const prefix = `csbench${randomBytes(4).toString('hex')}`;
  const databaseUrl = withDatabase(ADMIN_URL, name);
  await adminQuery(`CREATE DATABASE ${name}`);
  const logger = createLogger('warn', 2);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'callscore-bench-'));
  const workers: ChildProcess[] = [];
  const db = await openDatabase({ databaseUrl, dataDir });

  try {
    await migrate(db);
    const seedStart = performance.now();
    await seed(db, CALLS);
    console.log(`seeded ${CALLS} scored calls in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

    for (let index = 0; index < WORKERS; index++) {
      workers.push(
        spawn(process.execPath, [...WORKER_NODE_ARGS, CLI, 'worker'], {
          env: {
            ...process.env,
            DATABASE_URL: databaseUrl,
            REDIS_URL,
            CALLSCORE_QUEUE_PREFIX: prefix,
            CALLSCORE_DATA_DIR: dataDir,
            CALLSCORE_ANALYZE_CONCURRENCY: String(CONCURRENCY),
            LOG_LEVEL: 'warn',
          },
          stdio: ['ignore', 'ignore', 'inherit'],
        }),
      );
    }
    // NOTE: a fixed 5 s wait stands in for a readiness check, so that worker start-up is not timed.
    await new Promise((resolve) => setTimeout(resolve, 5000));

    const queue = new BullStageQueue({ redisUrl: REDIS_URL, prefix });
    const processes = [{ name: 'cli', pid: process.pid }, ...workers.map((worker, index) => ({ name: `worker-${index + 1}`, pid: worker.pid! }))];
    const samples = new Map<string, number[]>(processes.map((entry) => [entry.name, []]));

    const start = performance.now();
    const batch = await startRescore(db, queue, { teamId: 'bench', from: '2026-07-01T00:00:00Z', to: '2026-10-01T00:00:00Z' }, logger);
    const queuedMs = performance.now() - start;
    let progress = await getBatchProgress(db, batch.id);
    while (!progress.finished) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      for (const entry of processes) {
        const kb = await residentKb(entry.pid);
        if (kb !== null) samples.get(entry.name)!.push(kb);
      }
      progress = await getBatchProgress(db, batch.id);
    }
    const seconds = (performance.now() - start) / 1000;
    await queue.close();

    const versions = await db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM score_versions');
    console.log(`batch ${batch.id}: ${progress.done} scored, ${progress.failed} failed, ${versions[0]!.n} score versions`);
    console.log(`queued ${progress.total} calls in ${(queuedMs / 1000).toFixed(2)} s`);
    console.log(`re-scored ${progress.total} calls in ${seconds.toFixed(1)} s: ${(progress.total / seconds).toFixed(0)} calls/s`);
    console.log('resident memory (MB): process, first sample, middle sample, last sample, peak');
    for (const [processName, values] of samples) {
      const mb = (kb: number | undefined) => (kb === undefined ? '-' : (kb / 1024).toFixed(0));
      console.log(`  ${processName}: ${mb(values[0])}, ${mb(values[Math.floor(values.length / 2)])}, ${mb(values.at(-1))}, ${mb(Math.max(...values))}`);
    }
  } finally {
    for (const worker of workers) worker.kill('SIGTERM');
    await Promise.all(workers.map((worker) => new Promise((resolve) => (worker.exitCode === null ? worker.once('exit', resolve) : resolve(null)))));
    await db.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

await main();
