/**
 * A call's life as an explicit state machine:
 * uploaded → transcribing → analyzing → scored, or failed with a reason.
 * Each event names the states it may start from; the store applies an event
 * in one transaction together with the data the step produced.
 */

export const CALL_STATUSES = ['uploaded', 'transcribing', 'analyzing', 'scored', 'failed'] as const;

/** Status of a call in its life. */
export type CallStatus = (typeof CALL_STATUSES)[number];

/** The pipeline stage a failure happened in, so a retry resumes there. */
export type PipelineStage = 'transcribe' | 'analyze';

/** Event that moves a call from one status to another. */
export type CallEvent =
  | 'start_transcription'
  | 'transcription_done'
  | 'skip_transcription'
  | 'analysis_done'
  | 'fail'
  | 'retry_transcription'
  | 'retry_analysis'
  | 'rescore';

interface TransitionRule {
  from: readonly CallStatus[];
  to: CallStatus;
}

/**
 * The allowed transitions. `start_transcription` may start from
 * `transcribing` because a worker that died mid-transcription leaves the call
 * there, and the next attempt starts the stage again.
 */
export const TRANSITIONS: Record<CallEvent, TransitionRule> = {
  start_transcription: { from: ['uploaded', 'transcribing'], to: 'transcribing' },
  transcription_done: { from: ['transcribing'], to: 'analyzing' },
  skip_transcription: { from: ['uploaded'], to: 'analyzing' },
  analysis_done: { from: ['analyzing'], to: 'scored' },
  fail: { from: ['uploaded', 'transcribing', 'analyzing'], to: 'failed' },
  retry_transcription: { from: ['failed'], to: 'uploaded' },
  retry_analysis: { from: ['failed'], to: 'analyzing' },
  // A scored call goes back to analysis when its team's rules changed; its turns are kept.
  rescore: { from: ['scored'], to: 'analyzing' },
};

/** States a restart must pick up again, with the stage that continues each. */
export const UNFINISHED_STAGE: Partial<Record<CallStatus, PipelineStage>> = {
  uploaded: 'transcribe',
  transcribing: 'transcribe',
  analyzing: 'analyze',
};
