/** Messages and shared progress counters between a VAD helper thread and its owner. */

/** Index in the progress array of the samples the thread has passed to its detector in the current job. */
export const PROGRESS_SAMPLES = 0;
/** Index in the progress array of the thread's status: `PROGRESS_OK` (the zero a new array starts with) or `PROGRESS_FAILED`. */
export const PROGRESS_STATUS = 1;
export const PROGRESS_OK = 0;
export const PROGRESS_FAILED = 1;
/** Length of the shared progress array, in 32-bit integers. */
export const PROGRESS_LENGTH = 2;

/** A request from the owner: start a job, take samples of its channel, or finish it. */
export type VadThreadRequest =
  | { type: 'start'; threads: number }
  | { type: 'samples'; samples: Float32Array }
  | { type: 'finish' };

/** A message from the thread: loaded and ready, a closed speech segment, the end of a job, or a failure. */
export type VadThreadReply =
  | { type: 'ready' }
  | { type: 'segment'; start: number; samples: Float32Array }
  | { type: 'done' }
  | { type: 'error'; message: string };
