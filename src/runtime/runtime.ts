/**
 * Starts what a process needs: the database (migrated), the queue and, for
 * a worker, the BullMQ consumers; then re-enqueues unfinished calls.
 * Without REDIS_URL the server runs the stages in-process.
 */
import path from 'node:path';
import type { Config } from '../config/config.js';
import type { Logger } from '../config/logger.js';
import { CallscoreError } from '../errors/registry.js';
import { openDatabase, type Database } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { createStageHandler, type PipelineContext, type PipelineServices } from '../jobs/pipeline.js';
import { InProcessQueue } from '../jobs/in-process-queue.js';
import { BullStageQueue, BullStageWorkers } from '../jobs/bullmq-queue.js';
import { resumeUnfinishedCalls } from '../jobs/resume.js';
import type { StageQueue } from '../jobs/queue.js';
import { closeTranscriber, configureTranscriber } from '../asr/transcribe.js';
import { createPipelineServices } from './services.js';
import { closeAnalysisThread } from './analysis-thread.js';
import { scheduleRetentionSweep } from '../jobs/retention.js';
import { instrumentStageHandler, setQueueDepthSource, withAsrMetrics } from '../ops/metrics.js';
import { countUnfinishedCalls } from '../store/deletion.js';

/** `server` accepts uploads (and runs stages itself without Redis); `worker` consumes BullMQ queues. */
export type ProcessRole = 'server' | 'worker';

/** The open handles of a running process. */
export interface Runtime {
  config: Config;
  logger: Logger;
  db: Database;
  queue: StageQueue;
  storageDir: string;
  /** Stops consumers, waits for running jobs, then closes the queue, the recognizer and the database. */
  close(): Promise<void>;
}

/** Options mainly for tests: replacement stage services and timer intervals. */
export interface RuntimeOptions {
  services?: Partial<PipelineServices>;
  /** How often unfinished calls are put back on their queue, in ms (default 60 s); 0 turns it off. */
  resumeIntervalMs?: number;
  /** Whether this process runs the daily retention sweep (default true). */
  retentionSweep?: boolean;
}

const DEFAULT_RESUME_INTERVAL_MS = 60_000;

/** Opens the database and the queues for a process of the given role. */
export async function startRuntime(config: Config, role: ProcessRole, logger: Logger, options: RuntimeOptions = {}): Promise<Runtime> {
  if (role === 'worker' && !config.redisUrl) {
    throw new CallscoreError('CS_ERR_CONFIG', {
      reason: 'callscore worker needs REDIS_URL; without it, callscore serve runs the jobs in-process',
    });
  }

  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await migrate(db);
  logger.info({ database: db.kind, migrations: applied }, 'database ready');

  configureTranscriber({ logger });
  const storageDir = path.join(config.dataDir, 'storage');
  const services = withAsrMetrics({ ...createPipelineServices(storageDir), ...options.services });
  const pipeline: PipelineContext = { db, logger, modelsDir: config.modelsDir, asrModel: config.asrModel, services };
  const handler = instrumentStageHandler(createStageHandler(pipeline));
  const concurrency = { transcribe: config.transcribeConcurrency, analyze: config.analyzeConcurrency };

  let queue: StageQueue;
  let workers: BullStageWorkers | null = null;
  if (config.redisUrl) {
    const target = { redisUrl: config.redisUrl, prefix: config.queuePrefix };
    queue = new BullStageQueue(target);
    if (role === 'worker') workers = new BullStageWorkers(target, handler, queue, concurrency, logger);
  } else {
    queue = new InProcessQueue(handler, concurrency, logger);
  }
  logger.info({ role, queue: queue.kind }, 'jobs ready');

  await resumeUnfinishedCalls(db, queue, logger);
  setQueueDepthSource({
    callsByStatus: () => countUnfinishedCalls(db),
    ...(queue instanceof BullStageQueue ? { jobCounts: () => (queue as BullStageQueue).counts() } : {}),
  });

  // Jobs lost with Redis (a restart without persistence, a flush) are put back from the database,
  // which stays the record of each call's state. Enqueuing a call that already waits or runs is a no-op.
  const resumeIntervalMs = options.resumeIntervalMs ?? DEFAULT_RESUME_INTERVAL_MS;
  const resumeTimer =
    resumeIntervalMs > 0
      ? setInterval(() => {
          resumeUnfinishedCalls(db, queue, logger).catch((error: unknown) => logger.warn({ err: error }, 'resuming unfinished calls failed'));
        }, resumeIntervalMs)
      : null;
  resumeTimer?.unref();
  const retention = options.retentionSweep === false ? null : scheduleRetentionSweep(db, storageDir, logger);

  return {
    config,
    logger,
    db,
    queue,
    storageDir,
    async close() {
      if (resumeTimer) clearInterval(resumeTimer);
      await retention?.stop();
      await workers?.close();
      await queue.close();
      await closeTranscriber();
      await closeAnalysisThread();
      await db.close();
    },
  };
}
