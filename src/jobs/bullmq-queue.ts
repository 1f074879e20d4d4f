/**
 * BullMQ queues for the distributed setup: one queue per stage, so
 * transcription and analysis workers scale apart, on any number of machines.
 * Job ids are derived from the call id, so enqueuing a call that already
 * waits is a no-op.
 */
import { Queue, Worker, type Job } from 'bullmq';
import type { PipelineStage } from '../domain/call-state.js';
import type { Logger } from '../config/logger.js';
import { MAX_ATTEMPTS, type JobPriority, type StageHandler, type StageQueue } from './queue.js';

const STAGES: readonly PipelineStage[] = ['transcribe', 'analyze'];

/** Name of the BullMQ queue of a stage. */
export function queueName(stage: PipelineStage): string {
  return `callscore-${stage}`;
}

interface StageJobData {
  callId: string;
  priority?: JobPriority;
}

// BullMQ runs jobs without a priority before any prioritized job, so interactive jobs carry none.
const BULL_PRIORITY: Record<JobPriority, number | undefined> = { interactive: undefined, batch: 10 };

// Jobs per addBulk call, so one Redis pipeline stays a few hundred kilobytes.
const BULK_CHUNK = 1000;

function jobOptions(stage: PipelineStage, callId: string, priority: JobPriority) {
  return {
    jobId: `${stage}-${callId}`,
    priority: BULL_PRIORITY[priority],
    attempts: MAX_ATTEMPTS,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: true,
    removeOnFail: true,
  };
}

/** Location of the queues: the Redis URL and the key prefix. */
export interface RedisTarget {
  redisUrl: string;
  prefix: string;
}

function queueOptions(target: RedisTarget) {
  // Workers block on Redis commands, which BullMQ requires to have no per-request retry limit.
  return { connection: { url: target.redisUrl, maxRetriesPerRequest: null }, prefix: target.prefix };
}

/** Producer side: adds stage jobs to the BullMQ queues. */
export class BullStageQueue implements StageQueue {
  readonly kind = 'bullmq' as const;
  private readonly queues: Map<PipelineStage, Queue<StageJobData>>;

  constructor(target: RedisTarget) {
    this.queues = new Map(STAGES.map((stage) => [stage, new Queue<StageJobData>(queueName(stage), queueOptions(target))]));
  }

  async enqueue(stage: PipelineStage, callId: string, priority: JobPriority = 'interactive'): Promise<void> {
    await this.queues.get(stage)!.add(stage, { callId, priority }, jobOptions(stage, callId, priority));
  }

  async enqueueMany(stage: PipelineStage, callIds: readonly string[], priority: JobPriority): Promise<void> {
    for (let offset = 0; offset < callIds.length; offset += BULK_CHUNK) {
      const jobs = callIds.slice(offset, offset + BULK_CHUNK).map((callId) => ({
        name: stage,
        data: { callId, priority },
        opts: jobOptions(stage, callId, priority),
      }));
      await this.queues.get(stage)!.addBulk(jobs);
    }
  }

  /** Waiting, prioritized (batch), active and delayed job counts per stage. */
  async counts(): Promise<Record<PipelineStage, Record<string, number>>> {
    const entries = await Promise.all(
      STAGES.map(async (stage) => [stage, await this.queues.get(stage)!.getJobCounts('waiting', 'prioritized', 'active', 'delayed')] as const),
    );
    return Object.fromEntries(entries) as Record<PipelineStage, Record<string, number>>;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}

/** Consumer side: BullMQ workers that run the stage handler and queue the next stage. */
export class BullStageWorkers {
  private readonly workers: Worker<StageJobData>[];

  constructor(
    target: RedisTarget,
    handler: StageHandler,
    producer: StageQueue,
    concurrency: Record<PipelineStage, number>,
    logger: Logger,
  ) {
    this.workers = STAGES.map((stage) => {
      const worker = new Worker<StageJobData>(
        queueName(stage),
        async (job: Job<StageJobData>) => {
          const priority = job.data.priority ?? 'interactive';
          const outcome = await handler({
            stage,
            callId: job.data.callId,
            attempt: job.attemptsMade + 1,
            maxAttempts: job.opts.attempts ?? 1,
            jobId: job.id ?? 'unknown',
            priority,
          });
          if (outcome.next) await producer.enqueue(outcome.next, job.data.callId, priority);
        },
        { ...queueOptions(target), concurrency: concurrency[stage] },
      );
      worker.on('failed', (job, error) => {
        logger.warn({ stage, jobId: job?.id, callId: job?.data.callId, err: error }, 'stage attempt failed');
      });
      worker.on('error', (error) => logger.error({ stage, err: error }, 'worker error'));
      return worker;
    });
  }

  /** Waits for the current jobs to finish, then disconnects. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
  }
}
