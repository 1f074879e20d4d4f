/**
 * Runs the VAD of one channel in a helper thread, so the two channels of a
 * stereo call, the speech gate and the recognizer use both cores instead of
 * one. Helper threads are kept between jobs, because starting one (tsx,
 * onnxruntime and the Silero model) takes about 0.2 s of CPU time.
 */
import { Worker } from 'node:worker_threads';
import { DECODE_SAMPLE_RATE } from '../ingest/decode.js';
import type { VadSegment } from './sherpa.js';
import {
  PROGRESS_FAILED,
  PROGRESS_LENGTH,
  PROGRESS_SAMPLES,
  PROGRESS_STATUS,
  type VadThreadReply,
  type VadThreadRequest,
} from './vad-thread-protocol.js';

const THREAD_ENTRY = new URL('./vad-thread-bootstrap.mjs', import.meta.url);

/**
 * Samples posted to a helper thread but not yet passed to its detector, above
 * which `accept` blocks. Ten seconds of one channel is 640 KB, so memory stays
 * bounded when decoding outruns the VAD.
 */
export const MAX_QUEUED_SAMPLES = 10 * DECODE_SAMPLE_RATE;

// How long one blocking wait lasts before the thread's status is checked again, in milliseconds.
const WAIT_SLICE_MS = 1000;

/** One helper thread and its shared progress counters. */
class VadThread {
  readonly worker: Worker;
  readonly progress = new Int32Array(new SharedArrayBuffer(PROGRESS_LENGTH * Int32Array.BYTES_PER_ELEMENT));
  /** Resolves once the thread has loaded its modules, and rejects if it fails before. */
  readonly ready: Promise<void>;
  exited = false;

  constructor() {
    this.worker = new Worker(THREAD_ENTRY, { workerData: { progress: this.progress.buffer } });
    this.worker.unref();
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (reply: VadThreadReply): void => {
        if (reply.type !== 'ready') return;
        this.worker.off('message', onMessage);
        resolve();
      };
      this.worker.on('message', onMessage);
      this.worker.once('error', reject);
      this.worker.once('exit', (code) => reject(new Error(`the VAD thread exited with code ${code} while loading`)));
    });
    // A job reports a thread that fails, so the start-up promise must not raise an unhandled rejection.
    this.ready.catch(() => {});
    liveThreads.add(this);
    this.worker.on('exit', () => {
      this.exited = true;
      liveThreads.delete(this);
    });
  }

  post(request: VadThreadRequest): void {
    this.worker.postMessage(request);
  }
}

const idleThreads: VadThread[] = [];
// Every thread not yet exited, idle or busy, so a shutdown can stop them all.
const liveThreads = new Set<VadThread>();

/**
 * Starts helper threads until `count` are idle, and resolves once they are
 * loaded. A process that transcribes calls can start them ahead of the first
 * job, which otherwise waits for them. Rejects when a thread fails to load.
 */
export async function startVadThreads(count: number): Promise<void> {
  while (idleThreads.length < count) idleThreads.push(new VadThread());
  await Promise.all(idleThreads.map((thread) => thread.ready));
}

/**
 * Terminates every helper thread and resolves once all have exited. The
 * owner of the threads calls it before it is terminated itself, because
 * ending a thread whose helper threads still hold a loaded VAD aborts the
 * whole process with a native error.
 */
export async function stopVadThreads(): Promise<void> {
  idleThreads.length = 0;
  await Promise.all([...liveThreads].map((thread) => thread.worker.terminate()));
}

function acquireThread(): VadThread {
  for (let thread = idleThreads.pop(); thread !== undefined; thread = idleThreads.pop()) {
    if (!thread.exited) return thread;
  }
  return new VadThread();
}

/**
 * Streaming speech detection over one channel like `SpeechDetector`, but in
 * a helper thread. Segments reach `onSegment` on this thread's event loop,
 * in time order for the channel. Call `finish` once after the last samples.
 */
export class ThreadedSpeechDetector {
  private readonly thread = acquireThread();
  private posted = 0;
  private released = false;
  private failure: Error | undefined;
  private settle: { resolve: () => void; reject: (error: Error) => void } | undefined;
  private readonly onMessage = (reply: VadThreadReply): void => this.receive(reply);
  private readonly onError = (error: Error): void => this.fail(error);
  private readonly onExit = (code: number): void => this.fail(new Error(`the VAD thread exited with code ${code}`));

  constructor(
    threads: number,
    private readonly onSegment: (segment: VadSegment) => void,
  ) {
    // A thread whose status is failed never returns to the pool, so only the sample count needs a reset.
    Atomics.store(this.thread.progress, PROGRESS_SAMPLES, 0);
    this.thread.worker.on('message', this.onMessage);
    this.thread.worker.on('error', this.onError);
    this.thread.worker.on('exit', this.onExit);
    // A thread with a job must keep the process alive until the job ends.
    this.thread.worker.ref();
    this.thread.post({ type: 'start', threads });
  }

  /**
   * Posts the next samples of the channel. Blocks while the thread is more
   * than `MAX_QUEUED_SAMPLES` behind, and throws the first failure of the
   * thread or of `onSegment`.
   */
  accept(samples: Float32Array): void {
    this.throwIfFailed();
    this.waitForBacklog();
    this.thread.post({ type: 'samples', samples });
    this.posted += samples.length;
  }

  /** Ends the channel. Resolves once every segment has reached `onSegment`, and rejects with the first failure. */
  finish(): Promise<void> {
    if (this.failure) {
      this.release(false);
      return Promise.reject(this.failure);
    }
    return new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
      this.thread.post({ type: 'finish' });
    });
  }

  /** Returns the samples posted to the thread that it has not passed to its detector yet. */
  queuedSamples(): number {
    return this.posted - Atomics.load(this.thread.progress, PROGRESS_SAMPLES);
  }

  /** Stops the thread of a job that is abandoned before `finish`. */
  abort(): void {
    this.release(false);
  }

  private waitForBacklog(): void {
    const progress = this.thread.progress;
    for (;;) {
      const processed = Atomics.load(progress, PROGRESS_SAMPLES);
      if (this.posted - processed < MAX_QUEUED_SAMPLES) return;
      if (Atomics.load(progress, PROGRESS_STATUS) === PROGRESS_FAILED || this.thread.exited) {
        throw new Error('the VAD thread failed while samples were queued');
      }
      Atomics.wait(progress, PROGRESS_SAMPLES, processed, WAIT_SLICE_MS);
    }
  }

  private receive(reply: VadThreadReply): void {
    switch (reply.type) {
      case 'ready':
        return;
      case 'segment':
        if (this.failure) return;
        try {
          this.onSegment({ start: reply.start, samples: reply.samples });
        } catch (error) {
          this.fail(error instanceof Error ? error : new Error(String(error)));
        }
        return;
      case 'done':
        if (this.failure) return;
        this.release(true);
        this.settle?.resolve();
        return;
      case 'error':
        this.fail(new Error(`the VAD thread failed: ${reply.message}`));
        return;
    }
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    if (this.settle) {
      this.release(false);
      this.settle.reject(error);
    }
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  // A thread that finished its job cleanly goes back to the pool, any other is stopped.
  private release(reusable: boolean): void {
    if (this.released) return;
    this.released = true;
    const worker = this.thread.worker;
    worker.off('message', this.onMessage);
    worker.off('error', this.onError);
    worker.off('exit', this.onExit);
    worker.unref();
    if (reusable && !this.thread.exited) idleThreads.push(this.thread);
    else void worker.terminate();
  }
}
