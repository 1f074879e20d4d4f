/**
 * Sends a failed call back into the pipeline from the stage that failed,
 * for a single retry through the API and for retrying a batch's failures.
 */
import type { CallStatus } from '../domain/call-state.js';
import type { CallRecord } from '../store/calls.js';
import type { Database } from '../store/db.js';
import { applyTransition } from '../store/transitions.js';
import type { JobPriority, StageQueue } from './queue.js';

/**
 * Clears the failure, moves the call back to the start of its failed stage
 * and queues that stage. Returns the call's new status. Throws
 * TransitionConflict when the call is no longer failed.
 */
export async function retryFailedCall(db: Database, queue: StageQueue, call: CallRecord, priority: JobPriority): Promise<CallStatus> {
  const fromAnalysis = call.failedStage === 'analyze';
  await db.transaction((tx) =>
    applyTransition(tx, call.id, fromAnalysis ? 'retry_analysis' : 'retry_transcription', {
      failureCode: null,
      failureMessage: null,
      failureParams: null,
      failedStage: null,
    }),
  );
  await queue.enqueue(fromAnalysis ? 'analyze' : 'transcribe', call.id, priority);
  return fromAnalysis ? 'analyzing' : 'uploaded';
}
