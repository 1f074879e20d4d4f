/**
 * A VAD helper thread: runs a `SpeechDetector` per job over the samples the
 * owning thread posts, and posts each speech segment back. Start it through
 * vad-thread-bootstrap.mjs. `ThreadedSpeechDetector` in threaded-vad.ts is
 * its only client.
 *
 * Loading the Silero model took 37 to 153 ms on a 2-core machine, about
 * as long as the VAD of a one-minute call. So the thread loads it
 * before it reports ready, and resets the same detector for each job.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PROGRESS_FAILED, PROGRESS_SAMPLES, PROGRESS_STATUS, type VadThreadReply, type VadThreadRequest } from './vad-thread-protocol.js';
import { SpeechDetector } from './vad.js';

if (!parentPort) throw new Error('src/asr/vad-thread.ts must run as a worker thread');
const port = parentPort;
const { progress: progressBuffer, threads: preloadThreads } = workerData as { progress: SharedArrayBuffer; threads: number };
const progress = new Int32Array(progressBuffer);

// Loaded detectors by their onnxruntime thread count, which is fixed when the model loads.
const loaded = new Map<number, SpeechDetector>();
let detector: SpeechDetector | undefined;

function reply(message: VadThreadReply): void {
  port.postMessage(message);
}

function detectorFor(threads: number): SpeechDetector {
  let found = loaded.get(threads);
  if (!found) {
    found = new SpeechDetector(threads, (segment) => reply({ type: 'segment', start: segment.start, samples: segment.samples }));
    loaded.set(threads, found);
  }
  return found;
}

function handle(request: VadThreadRequest): void {
  switch (request.type) {
    case 'start':
      detector = detectorFor(request.threads);
      detector.reset();
      return;
    case 'samples':
      detector!.accept(request.samples);
      Atomics.add(progress, PROGRESS_SAMPLES, request.samples.length);
      Atomics.notify(progress, PROGRESS_SAMPLES);
      return;
    case 'finish':
      detector!.finish();
      detector = undefined;
      reply({ type: 'done' });
      return;
  }
}

port.on('message', (request: VadThreadRequest) => {
  try {
    handle(request);
  } catch (error) {
    // The owner may be blocked waiting for progress, so the failure is signalled in shared memory too.
    Atomics.store(progress, PROGRESS_STATUS, PROGRESS_FAILED);
    Atomics.notify(progress, PROGRESS_SAMPLES);
    reply({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});

detectorFor(preloadThreads);
reply({ type: 'ready' });
