/**
 * The ASR worker thread. It keeps loaded recognizers between jobs and runs
 * jobs one at a time, because recognition is CPU-bound and blocks the thread.
 * Start it through worker-bootstrap.mjs, which loads this file with tsx.
 */
import { parentPort } from 'node:worker_threads';
import { isCallscoreError } from '../errors/registry.js';
import { startVadThreads, stopVadThreads } from './threaded-vad.js';
import { transcribeAudio, type RecognizerCache } from './transcribe-audio.js';
import type { WorkerError, WorkerJob, WorkerReply, WorkerShutdown, WorkerShutdownDone } from './types.js';

if (!parentPort) throw new Error('src/asr/worker.ts must run as a worker thread');
const port = parentPort;

const recognizers: RecognizerCache = new Map();

// The VAD helper threads of a stereo call load while the first job loads its recognizer.
// A thread that fails to load fails that job, which reports the error.
startVadThreads(2).catch(() => {});
let queue: Promise<void> = Promise.resolve();

function toWorkerError(error: unknown): WorkerError {
  if (isCallscoreError(error)) return { code: error.code, params: error.params, message: error.message };
  return { message: error instanceof Error ? error.message : String(error) };
}

async function runJob(job: WorkerJob): Promise<void> {
  let reply: WorkerReply;
  try {
    reply = { id: job.id, ok: true, result: await transcribeAudio(job, recognizers) };
  } catch (error) {
    reply = { id: job.id, ok: false, error: toWorkerError(error) };
  }
  port.postMessage(reply);
}

port.on('message', (message: WorkerJob | WorkerShutdown) => {
  if ('type' in message && message.type === 'shutdown') {
    void stopVadThreads().finally(() => port.postMessage({ type: 'shutdown-done' } satisfies WorkerShutdownDone));
    return;
  }
  const job = message as WorkerJob;
  queue = queue.then(() => runJob(job));
});
