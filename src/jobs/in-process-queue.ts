/**
 * Runs pipeline stages inside the server process, for the embedded setup
 * without Redis. Work lives only in memory: after a restart the server
 * re-enqueues unfinished calls from the database (see resume.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { PipelineStage } from '../domain/call-state.js';
import type { Logger } from '../config/logger.js';
import { MAX_ATTEMPTS, retryDelayMs, type JobPriority, type StageHandler, type StageQueue } from './queue.js';

const STAGES: readonly PipelineStage[] = ['transcribe', 'analyze'];

/** Jobs allowed to run at once, per stage. */
export type StageConcurrency = Record<PipelineStage, number>;

/** A queue whose workers are async tasks in this process. */
export class InProcessQueue implements StageQueue {
  readonly kind = 'in-process' as const;
  // Per stage, one line of waiting call ids per priority; `interactive` is always taken first.
  private readonly waiting: Record<PipelineStage, Record<JobPriority, string[]>> = {
    transcribe: { interactive: [], batch: [] },
    analyze: { interactive: [], batch: [] },
  };
  private readonly running: Record<PipelineStage, Set<string>> = { transcribe: new Set(), analyze: new Set() };
  private readonly active = new Set<Promise<void>>();
  private closed = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly handler: StageHandler,
    private readonly concurrency: StageConcurrency,
    private readonly logger: Logger,
    private readonly retryDelay: (attempt: number) => number = retryDelayMs,
  ) {}

  async enqueue(stage: PipelineStage, callId: string, priority: JobPriority = 'interactive'): Promise<void> {
    if (this.closed || this.isQueued(stage, callId)) return;
    this.waiting[stage][priority].push(callId);
    this.pump(stage);
  }

  async enqueueMany(stage: PipelineStage, callIds: readonly string[], priority: JobPriority): Promise<void> {
    if (this.closed) return;
    const queued = new Set([...this.waiting[stage].interactive, ...this.waiting[stage].batch, ...this.running[stage]]);
    for (const callId of callIds) {
      if (queued.has(callId)) continue;
      queued.add(callId);
      this.waiting[stage][priority].push(callId);
    }
    this.pump(stage);
  }

  /** Resolves once nothing waits or runs; used by tests and the CLI. */
  async onIdle(): Promise<void> {
    if (this.isIdle()) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops taking new work and waits for the running jobs to finish. */
  async close(): Promise<void> {
    this.closed = true;
    for (const stage of STAGES) {
      this.waiting[stage].interactive.length = 0;
      this.waiting[stage].batch.length = 0;
    }
    await Promise.allSettled([...this.active]);
  }

  private isQueued(stage: PipelineStage, callId: string): boolean {
    const waiting = this.waiting[stage];
    return waiting.interactive.includes(callId) || waiting.batch.includes(callId) || this.running[stage].has(callId);
  }

  private waitingCount(stage: PipelineStage): number {
    return this.waiting[stage].interactive.length + this.waiting[stage].batch.length;
  }

  private isIdle(): boolean {
    return STAGES.every((stage) => this.waitingCount(stage) === 0 && this.running[stage].size === 0);
  }

  private takeNext(stage: PipelineStage): { callId: string; priority: JobPriority } | null {
    const waiting = this.waiting[stage];
    if (waiting.interactive.length > 0) return { callId: waiting.interactive.shift()!, priority: 'interactive' };
    if (waiting.batch.length > 0) return { callId: waiting.batch.shift()!, priority: 'batch' };
    return null;
  }

  private pump(stage: PipelineStage): void {
    while (!this.closed && this.running[stage].size < this.concurrency[stage]) {
      const next = this.takeNext(stage);
      if (!next) return;
      const { callId, priority } = next;
      this.running[stage].add(callId);
      const task = this.runWithRetries(stage, callId, priority).finally(() => {
        this.running[stage].delete(callId);
        this.active.delete(task);
        this.pump(stage);
        if (this.isIdle()) {
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          waiters.forEach((resolve) => resolve());
        }
      });
      this.active.add(task);
    }
  }

  private async runWithRetries(stage: PipelineStage, callId: string, priority: JobPriority): Promise<void> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const jobId = `${stage}-${callId}-${attempt}`;
      try {
        const outcome = await this.handler({ stage, callId, attempt, maxAttempts: MAX_ATTEMPTS, jobId, priority });
        if (outcome.next) await this.enqueue(outcome.next, callId, priority);
        return;
      } catch (error) {
        this.logger.warn({ callId, stage, jobId, attempt, err: error }, 'stage failed, retrying');
        if (this.closed) return;
        await sleep(this.retryDelay(attempt));
      }
    }
    // The handler records the failure on its final attempt instead of throwing, so this is reached only if that failed too.
    this.logger.error({ callId, stage }, 'stage gave up after the final attempt');
  }
}
