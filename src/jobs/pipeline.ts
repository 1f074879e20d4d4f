/**
 * The stage handlers: they read a call, run the stage functions
 * (transcription, analysis, scoring) and store the result together with the
 * call's next state in one transaction. They hold no logic of their own
 * beyond ordering and failure handling.
 */
import type { CallAnalysis } from '../domain/pitfalls.js';
import type { CallExtraction } from '../domain/deal.js';
import type { Glossary } from '../nlu/glossary.js';
import type { CallLanguage, ChannelLayout, RoleMethod, Transcript, Turn } from '../domain/transcript.js';
import { CallscoreError, isCallscoreError, type ErrorCode } from '../errors/registry.js';
import type { Logger } from '../config/logger.js';
import type { Database } from '../store/db.js';
import { getCall, type CallRecord } from '../store/calls.js';
import { getTurns } from '../store/turns.js';
import { replaceTurnsRedacted } from '../store/privacy.js';
import { replaceAnalysis } from '../store/analysis.js';
import { getGlossary, replaceExtraction } from '../store/extraction.js';
import { getDeal } from '../store/deals.js';
import { reviewDealFulfillment } from '../scoring/evaluate-deal.js';
import { appendScoreVersion } from '../store/score-history.js';
import { applyTransition, TransitionConflict } from '../store/transitions.js';
import { getTeamSettings } from '../store/team-settings.js';
import { getRepVoice } from '../store/rep-voices.js';
import { matchableCentre } from '../asr/voice-match.js';
import type { TeamSettings } from '../settings/team-settings.js';
import type { StageHandler, StageJob, StageOutcome } from './queue.js';
import { recordCallFailure } from '../ops/metrics.js';

/** Request to the recognizer for one stored recording. */
export interface TranscribeRequest {
  callId: string;
  audioPath: string;
  layout: ChannelLayout;
  language: CallLanguage;
  model: string;
  modelsDir: string;
  /** Centre voiceprint of the call's rep when the rep enrolled a voice sample. */
  repVoiceCentre?: number[];
}

/** Transcription output that analysis reads. */
export interface TranscribeResult {
  turns: Turn[];
  rolesKnown: boolean;
  durationMs: number;
  model: string;
  /** Confidence of the rep/customer guess of a diarized mono call. */
  roleConfidence?: number | null;
  /** Method that decided the roles of a diarized mono call. */
  roleMethod?: RoleMethod | null;
  dualMono?: boolean;
}

/** A behavior score with its explanation and the rules version that produced it. */
export interface BehaviorResult {
  score: number;
  explanation: unknown;
  rulesVersion: string;
}

/** The stage functions the pipeline orchestrates; tests may pass their own recognizer. */
export interface PipelineServices {
  transcribe(request: TranscribeRequest): Promise<TranscribeResult>;
  /** Detects pitfalls and objections; the production service runs it off the event loop. */
  analyze(transcript: Transcript, settings: TeamSettings): CallAnalysis | Promise<CallAnalysis>;
  /** Extracts the pains, requirements and commitments that the intent and result layers compare. */
  extract(transcript: Transcript, glossary: Glossary): CallExtraction | Promise<CallExtraction>;
  scoreBehavior(input: {
    callId: string;
    analysis: CallAnalysis;
    transcript: Transcript;
    durationMs: number | null;
    settings: TeamSettings;
  }): BehaviorResult;
  /** Path of a stored blob by content hash. */
  blobPath(sha256: string): string;
}

/** Everything the stage handlers need. */
export interface PipelineContext {
  db: Database;
  logger: Logger;
  modelsDir: string;
  asrModel: string;
  services: PipelineServices;
}

/** Failures that a retry cannot fix, so the call fails at once. */
function isPermanent(error: unknown): boolean {
  return isCallscoreError(error) && (error.status < 500 || error.code === 'CS_ERR_MODEL_MISSING');
}

/** Builds the handler that queues call for each stage job. */
export function createStageHandler(ctx: PipelineContext): StageHandler {
  return async (job) => {
    const log = ctx.logger.child({ callId: job.callId, stage: job.stage, jobId: job.jobId, attempt: job.attempt });
    const call = await getCall(ctx.db, job.callId);
    if (!call) {
      log.warn('call no longer exists; job dropped');
      return {};
    }

    log.info('stage started');
    try {
      const outcome = job.stage === 'transcribe' ? await transcribeStage(ctx, call) : await analyzeStage(ctx, call);
      log.info({ next: outcome.next ?? null }, 'stage finished');
      return outcome;
    } catch (error) {
      if (error instanceof TransitionConflict) {
        // Another attempt moved the call on already (a duplicate or stalled job); nothing to do.
        log.info({ status: error.currentStatus }, 'call already moved on; stage skipped');
        return {};
      }
      if (!isPermanent(error) && job.attempt < job.maxAttempts) throw error;
      await recordFailure(ctx, job, error, log);
      return {};
    }
  };
}

async function recordFailure(ctx: PipelineContext, job: StageJob, error: unknown, log: Logger): Promise<void> {
  const failure = toCallFailure(job, error);
  log.error({ err: error, code: failure.code }, 'stage failed; call marked failed');
  recordCallFailure(job.stage, failure.code);
  try {
    await ctx.db.transaction((tx) =>
      applyTransition(tx, job.callId, 'fail', {
        failureCode: failure.code,
        failureMessage: failure.message,
        failureParams: failure.params,
        failedStage: job.stage,
      }),
    );
  } catch (transitionError) {
    if (!(transitionError instanceof TransitionConflict)) throw transitionError;
  }
}

function toCallFailure(job: StageJob, error: unknown): { code: ErrorCode; message: string; params: Record<string, string | number> } {
  if (isCallscoreError(error)) return { code: error.code, message: error.message, params: error.params };
  const code: ErrorCode = job.stage === 'transcribe' ? 'CS_ERR_TRANSCRIPTION_FAILED' : 'CS_ERR_ANALYSIS_FAILED';
  const params = { callId: job.callId, reason: error instanceof Error ? error.message : String(error) };
  return { code, message: new CallscoreError(code, params).message, params };
}

async function transcribeStage(ctx: PipelineContext, call: CallRecord): Promise<StageOutcome> {
  if (call.source === 'transcript') {
    if (call.status === 'uploaded') await ctx.db.transaction((tx) => applyTransition(tx, call.id, 'skip_transcription'));
    return continueAfterTranscription(call);
  }
  if (call.status !== 'uploaded' && call.status !== 'transcribing') return continueAfterTranscription(call);

  await ctx.db.transaction((tx) => applyTransition(tx, call.id, 'start_transcription'));
  // Read for every audio call, because a stereo file can turn out to be dual-mono and be diarized.
  const repVoice = await getRepVoice(ctx.db, call.repId);
  const result = await ctx.services.transcribe({
    callId: call.id,
    audioPath: ctx.services.blobPath(call.recordingSha256),
    layout: call.channelLayout,
    language: call.language,
    model: ctx.asrModel,
    modelsDir: ctx.modelsDir,
    repVoiceCentre: repVoice ? matchableCentre(repVoice.profile) : undefined,
  });

  const { settings } = await getTeamSettings(ctx.db, call.teamId);
  await ctx.db.transaction(async (tx) => {
    await replaceTurnsRedacted(tx, call.id, result.turns, settings.privacy.redactionMode);
    await applyTransition(tx, call.id, 'transcription_done', {
      rolesKnown: result.rolesKnown,
      durationMs: result.durationMs,
      asrModel: result.model,
      roleConfidence: result.roleConfidence ?? null,
      roleMethod: result.roleMethod ?? null,
      dualMono: result.dualMono ?? false,
    });
  });
  return { next: 'analyze' };
}

/**
 * Returns the next stage for a transcription job that found nothing to
 * transcribe: a call waiting for analysis is still passed on, so a resumed
 * or duplicated job never stalls it.
 */
function continueAfterTranscription(call: CallRecord): StageOutcome {
  return call.status === 'uploaded' || call.status === 'analyzing' ? { next: 'analyze' } : {};
}

async function analyzeStage(ctx: PipelineContext, call: CallRecord): Promise<StageOutcome> {
  if (call.status !== 'analyzing') return {};

  const transcript: Transcript = {
    turns: await getTurns(ctx.db, call.id),
    rolesKnown: call.rolesKnown ?? false,
    callEnded: call.callEnded,
  };
  const { settings, version: settingsVersion } = await getTeamSettings(ctx.db, call.teamId);
  const analysis = await ctx.services.analyze(transcript, settings);
  const { glossary } = await getGlossary(ctx.db);
  const extraction = await ctx.services.extract(transcript, glossary);
  const behavior = ctx.services.scoreBehavior({ callId: call.id, analysis, transcript, durationMs: call.durationMs, settings });

  await ctx.db.transaction(async (tx) => {
    await replaceAnalysis(tx, call.id, analysis, {
      behaviorScore: behavior.score,
      behavior: behavior.explanation,
      rulesVersion: behavior.rulesVersion,
    });
    await replaceExtraction(tx, call.id, extraction);
    await appendScoreVersion(tx, {
      callId: call.id,
      rulesVersion: behavior.rulesVersion,
      settingsVersion,
      behaviorScore: behavior.score,
      behavior: behavior.explanation,
      analysis,
    });
    await applyTransition(tx, call.id, 'analysis_done');
  });
  await reviewDealAfterAnalysis(ctx, call);
  return {};
}

/**
 * Re-judges the contract of the call's deal, when the deal was created, so a
 * requirement raised in this call opens a review item on a won deal. The
 * call is scored already, so a failure here is logged and not retried.
 */
async function reviewDealAfterAnalysis(ctx: PipelineContext, call: CallRecord): Promise<void> {
  const log = ctx.logger.child({ callId: call.id, dealId: call.dealId });
  try {
    if (await getDeal(ctx.db, call.dealId)) await reviewDealFulfillment(ctx.db, call.dealId, log);
  } catch (error) {
    log.error({ err: error }, 'deal fulfillment review after analysis failed');
  }
}
