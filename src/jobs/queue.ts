/**
 * The contract between the pipeline and whatever carries its work: an
 * in-process queue for the embedded setup, BullMQ queues with REDIS_URL.
 */
import type { PipelineStage } from '../domain/call-state.js';

/** One unit of work: a stage of one call, on a given attempt. */
export interface StageJob {
  stage: PipelineStage;
  callId: string;
  /** 1-based number of this attempt. */
  attempt: number;
  maxAttempts: number;
  /** Queue-specific id, for logs. */
  jobId: string;
  priority: JobPriority;
}

/** Result of a stage: the stage the queue runs next for the call, if any. */
export interface StageOutcome {
  next?: PipelineStage;
}

/**
 * Runs one stage. It throws to ask for a retry; on the final attempt it
 * records the failure on the call itself and returns.
 */
export type StageHandler = (job: StageJob) => Promise<StageOutcome>;

/**
 * Priority of a job. On one stage, `interactive` work (uploads and retries
 * a person waits for) runs before `batch` work (bulk imports and re-scoring).
 */
export type JobPriority = 'interactive' | 'batch';

/** Queue of stage jobs. Enqueuing the same stage of the same call twice while it waits is a no-op. */
export interface StageQueue {
  readonly kind: 'in-process' | 'bullmq';
  /** Queues one stage of one call; the priority defaults to `interactive`. */
  enqueue(stage: PipelineStage, callId: string, priority?: JobPriority): Promise<void>;
  /** Queues the same stage of many calls at one priority, in fewer round trips than one enqueue each. */
  enqueueMany(stage: PipelineStage, callIds: readonly string[], priority: JobPriority): Promise<void>;
  close(): Promise<void>;
}

/** Attempts per stage before a call is marked failed. */
export const MAX_ATTEMPTS = 3;

/** Delay before retry n (1-based), doubling from one second. */
export function retryDelayMs(attempt: number): number {
  return 1000 * 2 ** (attempt - 1);
}
