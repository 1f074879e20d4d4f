/**
 * Puts every unfinished call back on its queue at start-up, from the stage
 * after its last completed one, so a restart loses no work.
 */
import { UNFINISHED_STAGE } from '../domain/call-state.js';
import type { Logger } from '../config/logger.js';
import type { Database } from '../store/db.js';
import { listUnfinishedCalls } from '../store/calls.js';
import type { StageQueue } from './queue.js';

/** Enqueues unfinished calls and returns how many were resumed. */
export async function resumeUnfinishedCalls(db: Database, queue: StageQueue, logger: Logger): Promise<number> {
  const calls = await listUnfinishedCalls(db);
  for (const call of calls) {
    const stage = UNFINISHED_STAGE[call.status];
    if (stage) await queue.enqueue(stage, call.id);
  }
  if (calls.length > 0) logger.info({ resumed: calls.length }, 'resumed unfinished calls');
  return calls.length;
}
