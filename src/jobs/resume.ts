/**
 * Puts every unfinished call back on its queue at start-up, from the stage
 * after its last completed one, so a restart loses no work. Calls that
 * belong to a batch go back at batch priority, behind interactive uploads.
 */
import { UNFINISHED_STAGE, type PipelineStage } from '../domain/call-state.js';
import type { Logger } from '../config/logger.js';
import type { Database } from '../store/db.js';
import { listUnfinishedCalls } from '../store/calls.js';
import { filterBatchCalls } from '../store/batches.js';
import type { JobPriority, StageQueue } from './queue.js';

/** Enqueues unfinished calls and returns how many were resumed. */
export async function resumeUnfinishedCalls(db: Database, queue: StageQueue, logger: Logger): Promise<number> {
  const calls = await listUnfinishedCalls(db);
  const batchCalls = await filterBatchCalls(db, calls.map((call) => call.id));

  const groups = new Map<`${PipelineStage}:${JobPriority}`, string[]>();
  for (const call of calls) {
    const stage = UNFINISHED_STAGE[call.status];
    if (!stage) continue;
    const key = `${stage}:${batchCalls.has(call.id) ? 'batch' : 'interactive'}` as const;
    const group = groups.get(key) ?? [];
    group.push(call.id);
    groups.set(key, group);
  }
  // Interactive groups first, so their jobs are on the queues before the bulk of batch work.
  const ordered = [...groups.entries()].sort(([a], [b]) => Number(a.endsWith(':batch')) - Number(b.endsWith(':batch')));
  for (const [key, callIds] of ordered) {
    const [stage, priority] = key.split(':') as [PipelineStage, JobPriority];
    await queue.enqueueMany(stage, callIds, priority);
  }

  if (calls.length > 0) logger.info({ resumed: calls.length, batch: batchCalls.size }, 'resumed unfinished calls');
  return calls.length;
}
