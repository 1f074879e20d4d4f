/**
 * The main-thread side of the ASR stage. It checks that the model is
 * installed and loads, hands the job to one long-lived worker thread and
 * turns a worker crash into a rejected promise instead of a hang.
 */
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import pino from 'pino';
import type { Logger } from '../config/logger.js';
import { CallscoreError, ERRORS, type ErrorCode } from '../errors/registry.js';
import { asrProvider, asrThreads } from './asr-env.js';
import { ensureModelLoads } from './model-check.js';
import { ASR_ENGINES, DEFAULT_ASR_MODEL, requireInstalledModel, type AsrEngine, type InstalledModelFiles } from './models/catalog.js';
import { type AsrResult, type TranscribeRequest, type WorkerError, type WorkerJob, type WorkerReply, type WorkerShutdown } from './types.js';

export type { AsrResult, TranscribeRequest } from './types.js';

const DEFAULT_WORKER_ENTRY = new URL('./worker-bootstrap.mjs', import.meta.url);

/** Settings of the transcriber, shared by all requests of a process. */
export interface TranscriberOptions {
  /** Logger for job start, finish and failure lines, silent unless set. */
  logger?: Logger;
  /** Worker entry file, which tests replace to simulate a crashing worker. */
  workerEntry?: URL;
}

let logger: Logger = pino({ level: 'silent' });
let workerEntry = DEFAULT_WORKER_ENTRY;
let current: AsrWorker | undefined;
let nextJobId = 1;
// How long a close waits for the worker to end its helper threads before terminating it anyway.
const SHUTDOWN_WAIT_MS = 5_000;

// Counts closeTranscriber() calls, so a request whose model check outlived a close is rejected.
let closedCount = 0;

/** Sets the logger or worker entry. A changed entry takes effect after `closeTranscriber()`. */
export function configureTranscriber(options: TranscriberOptions): void {
  if (options.logger) logger = options.logger;
  if (options.workerEntry) workerEntry = options.workerEntry;
}

/**
 * Returns the installed files of speech model `model`, and throws
 * CS_ERR_MODEL_UNKNOWN or CS_ERR_MODEL_MISSING like `requireInstalledModel`,
 * or CS_ERR_VALIDATION when the catalogue entry is not a speech recognizer
 * (a VAD or diarization model, for example).
 */
export function requireRecognizerModel(model: string, modelsDir: string): InstalledModelFiles & { engine: AsrEngine; tokens: string } {
  const files = requireInstalledModel(model, modelsDir);
  if (!(ASR_ENGINES as readonly string[]).includes(files.engine) || files.tokens === undefined) {
    throw new CallscoreError('CS_ERR_VALIDATION', {
      field: 'CALLSCORE_ASR_MODEL',
      reason: `"${model}" is a ${files.engine} model, not a speech recognizer; choose one of the ${ASR_ENGINES.join(', ')} models from \`callscore models list\``,
    });
  }
  return { ...files, engine: files.engine as AsrEngine, tokens: files.tokens };
}

/**
 * Transcribes a recording off the event loop. Rejects before any work with
 * CS_ERR_MODEL_MISSING when the model is not installed or CS_ERR_MODEL_INVALID
 * when it does not load, then with the decode and layout errors of the
 * recording, and with CS_ERR_ASR_WORKER_FAILED when the worker thread dies
 * mid-job.
 */
export async function transcribeRecording(request: TranscribeRequest): Promise<AsrResult> {
  const model = request.model ?? DEFAULT_ASR_MODEL;
  const files = requireRecognizerModel(model, request.modelsDir);
  const threads = asrThreads();
  const provider = asrProvider();
  const closedBefore = closedCount;
  const modelVersion = await ensureModelLoads(model, request.modelsDir, files, provider);
  const job: WorkerJob = {
    id: nextJobId++,
    audioPath: request.audioPath,
    layout: request.layout,
    language: request.language,
    model,
    engine: files.engine,
    modelPath: files.model,
    decoderPath: files.decoder,
    tokensPath: files.tokens,
    provider,
    modelVersion,
    threads,
    repVoiceCentre: request.repVoiceCentre,
  };

  if (closedCount !== closedBefore) throw workerFailed(job, 'the transcriber was closed');

  const log = logger.child({ callId: request.callId, asrJob: job.id, model });
  log.info({ layout: job.layout, language: job.language, enrolledVoice: job.repVoiceCentre !== undefined }, 'transcription started');
  current ??= new AsrWorker(workerEntry);
  try {
    const result = await current.run(job, request.callId);
    log.info({ durationMs: result.durationMs, segments: result.segments, turns: result.turns.length, roleMethod: result.diarization?.roleMethod }, 'transcription finished');
    return result;
  } catch (error) {
    log.error({ err: error, code: (error as CallscoreError).code }, 'transcription failed');
    throw error;
  }
}

/** Stops the worker thread. Jobs still running reject with CS_ERR_ASR_WORKER_FAILED. */
export async function closeTranscriber(): Promise<void> {
  closedCount++;
  const worker = current;
  current = undefined;
  await worker?.close();
}

interface PendingJob {
  job: WorkerJob;
  callId?: string;
  resolve: (result: AsrResult) => void;
  reject: (error: Error) => void;
}

/**
 * One worker thread and its jobs still awaiting a reply. The thread runs one
 * job at a time, in order of arrival.
 * NOTE: one thread serves the whole process, so a CALLSCORE_TRANSCRIBE_CONCURRENCY
 * above 1 queues jobs here instead of running them in parallel. A native abort
 * while decoding (model loading is checked in a child process first) would
 * still end the whole process, because worker threads share it.
 */
class AsrWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, PendingJob>();
  private failed = false;
  private exited = false;

  constructor(entry: URL) {
    this.worker = new Worker(entry);
    this.worker.unref();
    this.worker.on('message', (reply: WorkerReply) => this.settle(reply));
    this.worker.on('error', (error) => this.fail(error.message));
    this.worker.on('exit', (code) => {
      this.exited = true;
      this.fail(`the thread exited with code ${code}`);
    });
  }

  run(job: WorkerJob, callId?: string): Promise<AsrResult> {
    if (this.failed) return Promise.reject(workerFailed(job, 'the thread is not running'));
    return new Promise((resolve, reject) => {
      this.pending.set(job.id, { job, callId, resolve, reject });
      // An idle worker must not keep the process alive, a busy one must.
      this.worker.ref();
      this.worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    this.fail('the transcriber was closed');
    await this.stopHelperThreads();
    await this.worker.terminate();
  }

  // Asks the worker to end its VAD helper threads first; terminating it while they hold a loaded VAD aborts the process.
  private async stopHelperThreads(): Promise<void> {
    if (this.exited) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, SHUTDOWN_WAIT_MS);
      const onMessage = (reply: { type?: string }): void => {
        if (reply.type === 'shutdown-done') done();
      };
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.worker.on('message', onMessage);
      this.worker.once('exit', done);
      this.worker.ref();
      this.worker.postMessage({ type: 'shutdown' } satisfies WorkerShutdown);
    });
  }

  private settle(reply: WorkerReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();

    if (reply.ok) pending.resolve(reply.result);
    else pending.reject(fromWorkerError(reply.error, pending));
  }

  private fail(reason: string): void {
    if (this.failed) return;
    this.failed = true;
    if (current === this) current = undefined;
    if (this.pending.size > 0) {
      logger.error({ threadId: this.worker.threadId, reason, jobs: [...this.pending.keys()] }, 'ASR worker stopped with jobs pending');
    }
    for (const { job, reject } of this.pending.values()) reject(workerFailed(job, reason));
    this.pending.clear();
  }
}

function workerFailed(job: WorkerJob, reason: string): CallscoreError {
  return new CallscoreError('CS_ERR_ASR_WORKER_FAILED', { audio: basename(job.audioPath), reason, model: job.model });
}

function fromWorkerError(error: WorkerError, { job, callId }: PendingJob): CallscoreError {
  if (error.code && error.code in ERRORS) return new CallscoreError(error.code as ErrorCode, error.params ?? {});
  return new CallscoreError('CS_ERR_TRANSCRIPTION_FAILED', { callId: callId ?? basename(job.audioPath), reason: error.message });
}
