/**
 * Batch orchestration on top of the pipeline queues: starting a re-score,
 * reporting progress, continuing an interrupted batch and retrying its
 * failures. The stage handlers do the work; a batch only chooses calls and
 * queues them at batch priority.
 */
import { randomUUID } from 'node:crypto';
import { UNFINISHED_STAGE, type PipelineStage } from '../domain/call-state.js';
import type { Logger } from '../config/logger.js';
import { CallscoreError } from '../errors/registry.js';
import { getCall } from '../store/calls.js';
import type { Database } from '../store/db.js';
import { applyTransitionToMany, TransitionConflict } from '../store/transitions.js';
import {
  addBatchItems,
  countBatchItems,
  getBatch,
  insertBatch,
  listBatchFailures,
  listScoredCallIds,
  listUnfinishedBatchCalls,
  type BatchRecord,
} from '../store/batches.js';
import { retryFailedCall } from './retry.js';
import type { StageQueue } from './queue.js';

/** Progress of a batch as the API and the CLI show it. */
export interface BatchProgress {
  batch: BatchRecord;
  total: number;
  done: number;
  failed: number;
  remaining: number;
  /** Calls finished per second over the last minute, or null before any finished. */
  ratePerSecond: number | null;
  /** Seconds until the remaining calls finish at the current rate, or null when the rate is unknown. */
  etaSeconds: number | null;
  finished: boolean;
}

/** Returns the batch with its counts, rate and ETA; throws CS_ERR_BATCH_NOT_FOUND. */
export async function getBatchProgress(db: Database, batchId: string): Promise<BatchProgress> {
  const batch = await getBatch(db, batchId);
  if (!batch) throw new CallscoreError('CS_ERR_BATCH_NOT_FOUND', { batchId });
  const counts = await countBatchItems(db, batchId);

  // The rate window is the last minute, or the batch's age when it is younger.
  const ageSeconds = Math.max((Date.now() - Date.parse(batch.createdAt)) / 1000, 1);
  const windowSeconds = Math.min(counts.windowSeconds, ageSeconds);
  const ratePerSecond = counts.finishedRecently > 0 ? counts.finishedRecently / windowSeconds : null;
  let etaSeconds: number | null = null;
  if (counts.remaining === 0) etaSeconds = 0;
  else if (ratePerSecond) etaSeconds = Math.ceil(counts.remaining / ratePerSecond);

  return {
    batch,
    total: counts.total,
    done: counts.done,
    failed: counts.failed,
    remaining: counts.remaining,
    ratePerSecond: ratePerSecond === null ? null : Math.round(ratePerSecond * 100) / 100,
    etaSeconds,
    finished: counts.remaining === 0,
  };
}

/**
 * Queues every unfinished call of a batch again from its current stage.
 * Jobs still waiting are not duplicated (the queues ignore a second enqueue),
 * so this is safe to run whenever a batch command starts. Returns the number of calls queued.
 */
export async function resumeBatch(db: Database, queue: StageQueue, batchId: string): Promise<number> {
  const calls = await listUnfinishedBatchCalls(db, batchId);
  const byStage = new Map<PipelineStage, string[]>();
  for (const call of calls) {
    const stage = UNFINISHED_STAGE[call.status];
    if (!stage) continue;
    const ids = byStage.get(stage) ?? [];
    ids.push(call.id);
    byStage.set(stage, ids);
  }
  for (const [stage, callIds] of byStage) await queue.enqueueMany(stage, callIds, 'batch');
  return calls.length;
}

/** Sends every failed call of a batch back to its failed stage; returns how many were queued. */
export async function retryBatchFailures(db: Database, queue: StageQueue, batchId: string, logger: Pick<Logger, 'info'>): Promise<number> {
  if (!(await getBatch(db, batchId))) throw new CallscoreError('CS_ERR_BATCH_NOT_FOUND', { batchId });
  let retried = 0;
  for (const failure of await listBatchFailures(db, batchId)) {
    const call = await getCall(db, failure.callId);
    if (!call) continue;
    try {
      await retryFailedCall(db, queue, call, 'batch');
      retried++;
    } catch (error) {
      // Someone else retried the call between the listing and now.
      if (!(error instanceof TransitionConflict)) throw error;
    }
  }
  logger.info({ batchId, retried }, 'batch failures queued again');
  return retried;
}

/** The calls a re-score covers: those that started in [from, to) of one team, or of every team when teamId is null. */
export interface RescoreRequest {
  teamId: string | null;
  from: string;
  to: string;
}

/**
 * Creates a re-score batch of the scored calls in the range, moves them back
 * to `analyzing` in the same transaction (so a crash right after still
 * resumes them) and queues their analysis at batch priority. Transcripts are
 * kept; only analysis and scoring run again. Throws CS_ERR_BATCH_EMPTY when
 * no scored call is in the range.
 */
export async function startRescore(db: Database, queue: StageQueue, request: RescoreRequest, logger: Pick<Logger, 'info'>): Promise<BatchRecord> {
  const callIds = await listScoredCallIds(db, request);
  if (callIds.length === 0) {
    const team = request.teamId ?? 'any team';
    throw new CallscoreError('CS_ERR_BATCH_EMPTY', {
      action: 're-score',
      actionZh: '重新评分',
      reason: `no scored call of ${team} started between ${request.from} and ${request.to}`,
      reasonZh: `${request.teamId ?? '任何团队'} 在 ${request.from} 至 ${request.to} 之间没有已评分的通话`,
      check: 'the date range and the team',
      checkZh: '日期范围和团队',
    });
  }

  const batchId = `rsc-${randomUUID()}`;
  const moved = await db.transaction(async (tx) => {
    await insertBatch(tx, { id: batchId, kind: 'rescore', teamId: request.teamId, manifestSha256: null, rangeFrom: request.from, rangeTo: request.to });
    // Only calls still scored when the rows are locked join the batch; a call that moved on meanwhile is left alone.
    const ids = await applyTransitionToMany(tx, callIds, 'rescore');
    await addBatchItems(tx, batchId, ids.map((callId) => ({ callId, line: null })));
    return ids;
  });
  await queue.enqueueMany('analyze', moved, 'batch');
  logger.info({ batchId, calls: moved.length, teamId: request.teamId, from: request.from, to: request.to }, 'rescore batch queued');
  return (await getBatch(db, batchId))!;
}
