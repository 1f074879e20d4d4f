/** Interactive jobs run before batch jobs, on the in-process queue and on BullMQ. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/config/logger.js';
import { InProcessQueue } from '../src/jobs/in-process-queue.js';
import { BullStageQueue, BullStageWorkers } from '../src/jobs/bullmq-queue.js';
import type { JobPriority, StageJob } from '../src/jobs/queue.js';
import { createTestQueuePrefix, TEST_REDIS_URL } from './helpers/services.js';

const logger = createLogger('silent');

describe('in-process queue priority', () => {
  it('runs interactive work before waiting batch work', async () => {
    const order: string[] = [];
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const queue = new InProcessQueue(
      async (job) => {
        order.push(job.callId);
        if (job.callId === 'b0') await blocked;
        return {};
      },
      { transcribe: 1, analyze: 1 },
      logger,
    );

    await queue.enqueue('analyze', 'b0', 'batch');
    await queue.enqueueMany('analyze', ['b1', 'b2'], 'batch');
    await queue.enqueue('analyze', 'i1', 'interactive');
    release();
    await queue.onIdle();
    await queue.close();

    expect(order).toEqual(['b0', 'i1', 'b1', 'b2']);
  });

  it('keeps the priority for the next stage', async () => {
    const seen: Array<[string, JobPriority]> = [];
    const queue = new InProcessQueue(
      async (job: StageJob) => {
        seen.push([`${job.stage}:${job.callId}`, job.priority]);
        return job.stage === 'transcribe' ? { next: 'analyze' } : {};
      },
      { transcribe: 1, analyze: 1 },
      logger,
    );
    await queue.enqueueMany('transcribe', ['c1'], 'batch');
    await queue.onIdle();
    await queue.close();

    expect(seen).toEqual([
      ['transcribe:c1', 'batch'],
      ['analyze:c1', 'batch'],
    ]);
  });

  it('ignores a call already waiting at the other priority', async () => {
    const order: string[] = [];
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const queue = new InProcessQueue(
      async (job) => {
        order.push(job.callId);
        if (job.callId === 'first') await blocked;
        return {};
      },
      { transcribe: 1, analyze: 1 },
      logger,
    );
    await queue.enqueue('analyze', 'first');
    await queue.enqueueMany('analyze', ['x'], 'batch');
    await queue.enqueue('analyze', 'x', 'interactive');
    release();
    await queue.onIdle();
    await queue.close();

    expect(order).toEqual(['first', 'x']);
  });
});

describe('BullMQ priority', () => {
  let prefix: { prefix: string; cleanup: () => Promise<void> };

  beforeAll(async () => {
    prefix = await createTestQueuePrefix();
  });

  afterAll(async () => {
    await prefix?.cleanup();
  });

  it('runs an interactive job before batch jobs queued earlier', async () => {
    const target = { redisUrl: TEST_REDIS_URL, prefix: prefix.prefix };
    const queue = new BullStageQueue(target);
    await queue.enqueueMany('analyze', ['b1', 'b2', 'b3'], 'batch');
    await queue.enqueue('analyze', 'i1', 'interactive');

    const order: Array<[string, JobPriority]> = [];
    let finish!: () => void;
    const allDone = new Promise<void>((resolve) => (finish = resolve));
    const workers = new BullStageWorkers(
      target,
      async (job) => {
        order.push([job.callId, job.priority]);
        if (order.length === 4) finish();
        return {};
      },
      queue,
      { transcribe: 1, analyze: 1 },
      logger,
    );
    await allDone;
    await workers.close();
    await queue.close();

    expect(order[0]).toEqual(['i1', 'interactive']);
    expect(order.slice(1).map(([callId]) => callId).sort()).toEqual(['b1', 'b2', 'b3']);
    expect(order.slice(1).every(([, priority]) => priority === 'batch')).toBe(true);
  });
});
