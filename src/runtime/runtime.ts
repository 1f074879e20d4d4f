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

/** Options mainly for tests: replacement stage services. */
export interface RuntimeOptions {
  services?: Partial<PipelineServices>;
}

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
  const services = { ...createPipelineServices(storageDir), ...options.services };
  const pipeline: PipelineContext = { db, logger, modelsDir: config.modelsDir, asrModel: config.asrModel, services };
  const handler = createStageHandler(pipeline);
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

  return {
    config,
    logger,
    db,
    queue,
    storageDir,
    async close() {
      await workers?.close();
      await queue.close();
      await closeTranscriber();
      await db.close();
    },
  };
}
