/**
 * Runs pipeline stages inside the server process, for the embedded setup
 * without Redis. Work lives only in memory: after a restart the server
 * re-enqueues unfinished calls from the database (see resume.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { PipelineStage } from '../domain/call-state.js';
import type { Logger } from '../config/logger.js';
import { MAX_ATTEMPTS, retryDelayMs, type StageHandler, type StageQueue } from './queue.js';

/** Jobs allowed to run at once, per stage. */
export type StageConcurrency = Record<PipelineStage, number>;

/** A queue whose workers are async tasks in this process. */
export class InProcessQueue implements StageQueue {
  readonly kind = 'in-process' as const;
  private readonly waiting: Record<PipelineStage, string[]> = { transcribe: [], analyze: [] };
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

  async enqueue(stage: PipelineStage, callId: string): Promise<void> {
    if (this.closed) return;
    if (this.waiting[stage].includes(callId) || this.running[stage].has(callId)) return;
    this.waiting[stage].push(callId);
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
    this.waiting.transcribe.length = 0;
    this.waiting.analyze.length = 0;
    await Promise.allSettled([...this.active]);
  }

  private isIdle(): boolean {
    return (['transcribe', 'analyze'] as const).every((stage) => this.waiting[stage].length === 0 && this.running[stage].size === 0);
  }

  private pump(stage: PipelineStage): void {
    while (!this.closed && this.running[stage].size < this.concurrency[stage] && this.waiting[stage].length > 0) {
      const callId = this.waiting[stage].shift()!;
      this.running[stage].add(callId);
      const task = this.runWithRetries(stage, callId).finally(() => {
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

  private async runWithRetries(stage: PipelineStage, callId: string): Promise<void> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const jobId = `${stage}-${callId}-${attempt}`;
      try {
        const outcome = await this.handler({ stage, callId, attempt, maxAttempts: MAX_ATTEMPTS, jobId });
        if (outcome.next) await this.enqueue(outcome.next, callId);
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
