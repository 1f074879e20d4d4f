/**
 * The retention sweep: for each team with a retention period, deletes the
 * recordings and transcripts of finished calls that started longer ago than
 * that period. Scores, finding types and objection depths stay, so deal
 * scores and aggregates are unchanged. `serve` and `worker` run it daily,
 * and `callscore retention sweep` runs it once.
 */
import type { Logger } from '../config/logger.js';
import { removeBlob } from '../ingest/blob-store.js';
import type { Database } from '../store/db.js';
import {
  deleteTranscriptRows,
  listCallsWithExpiredRecording,
  listCallsWithExpiredTranscript,
  listTeamsWithCalls,
  markRecordingDeleted,
} from '../store/deletion.js';
import { auditDeletion } from '../store/privacy.js';
import { getTeamSettings } from '../store/team-settings.js';

/** Counts of what one sweep deleted. */
export interface RetentionSweepResult {
  teams: number;
  recordings: number;
  /** Recording files removed; fewer than `recordings` when calls share a file that another call still keeps. */
  files: number;
  transcripts: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Actor recorded in the audit for sweep deletions. */
export const RETENTION_ACTOR = 'retention-sweep';

async function sweepRecordings(db: Database, storageDir: string, teamId: string, cutoff: Date, result: RetentionSweepResult): Promise<void> {
  for (const call of await listCallsWithExpiredRecording(db, teamId, cutoff)) {
    const removeFile = await db.transaction(async (tx) => {
      const orphaned = await markRecordingDeleted(tx, call.id, call.recordingSha256);
      if (orphaned === null) return null;
      await auditDeletion(tx, {
        actor: RETENTION_ACTOR,
        reason: 'retention',
        subject: 'recording',
        subjectId: call.id,
        teamId,
        removed: { recording: orphaned ? 1 : 0 },
      });
      return orphaned;
    });
    if (removeFile === null) continue;
    result.recordings++;
    if (removeFile && (await removeBlob(storageDir, call.recordingSha256))) result.files++;
  }
}

async function sweepTranscripts(db: Database, teamId: string, cutoff: Date, result: RetentionSweepResult): Promise<void> {
  for (const call of await listCallsWithExpiredTranscript(db, teamId, cutoff)) {
    const deleted = await db.transaction(async (tx) => {
      const turns = await deleteTranscriptRows(tx, call.id);
      if (turns === null) return false;
      await auditDeletion(tx, { actor: RETENTION_ACTOR, reason: 'retention', subject: 'transcript', subjectId: call.id, teamId, removed: { turns } });
      return true;
    });
    if (deleted) result.transcripts++;
  }
}

/** Deletes expired recordings and transcripts of every team as of `now`. */
export async function sweepRetention(db: Database, storageDir: string, logger: Logger, now: Date = new Date()): Promise<RetentionSweepResult> {
  const result: RetentionSweepResult = { teams: 0, recordings: 0, files: 0, transcripts: 0 };
  for (const teamId of await listTeamsWithCalls(db)) {
    const { privacy } = (await getTeamSettings(db, teamId)).settings;
    if (privacy.recordingRetentionDays === null && privacy.transcriptRetentionDays === null) continue;
    result.teams++;

    if (privacy.recordingRetentionDays !== null) {
      await sweepRecordings(db, storageDir, teamId, new Date(now.getTime() - privacy.recordingRetentionDays * DAY_MS), result);
    }
    if (privacy.transcriptRetentionDays !== null) {
      await sweepTranscripts(db, teamId, new Date(now.getTime() - privacy.transcriptRetentionDays * DAY_MS), result);
    }
  }
  logger.info({ ...result }, 'retention sweep finished');
  return result;
}

/** A running daily sweep. */
export interface RetentionSchedule {
  /** Stops the timer and waits for a sweep in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Runs the sweep shortly after start and then every `intervalMs` (one day
 * by default). A failed sweep is logged and tried again at the next tick.
 */
export function scheduleRetentionSweep(db: Database, storageDir: string, logger: Logger, intervalMs = DAY_MS): RetentionSchedule {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = sweepRetention(db, storageDir, logger).catch((error: unknown) => logger.error({ err: error }, 'retention sweep failed'));
  };
  // A short delay keeps the first sweep out of the start-up path.
  const first = setTimeout(tick, 60_000);
  const timer = setInterval(tick, intervalMs);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
