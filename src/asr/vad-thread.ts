/**
 * A VAD helper thread: runs one `SpeechDetector` per job over the samples
 * the owning thread posts, and posts each speech segment back. Start it
 * through vad-thread-bootstrap.mjs. `ThreadedSpeechDetector` in
 * threaded-vad.ts is its only client.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { PROGRESS_FAILED, PROGRESS_SAMPLES, PROGRESS_STATUS, type VadThreadReply, type VadThreadRequest } from './vad-thread-protocol.js';
import { SpeechDetector } from './vad.js';

if (!parentPort) throw new Error('src/asr/vad-thread.ts must run as a worker thread');
const port = parentPort;
const progress = new Int32Array((workerData as { progress: SharedArrayBuffer }).progress);

let detector: SpeechDetector | undefined;

// A VAD still alive when its thread is terminated can abort the whole process ("terminate called
// after throwing an instance of 'Napi::Error'", seen in test runs), and sherpa-onnx-node has no
// call that frees one. So the thread collects garbage after each job, while it still runs.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function reply(message: VadThreadReply): void {
  port.postMessage(message);
}

function handle(request: VadThreadRequest): void {
  switch (request.type) {
    case 'start':
      detector = new SpeechDetector(request.threads, (segment) => reply({ type: 'segment', start: segment.start, samples: segment.samples }));
      return;
    case 'samples':
      detector!.accept(request.samples);
      Atomics.add(progress, PROGRESS_SAMPLES, request.samples.length);
      Atomics.notify(progress, PROGRESS_SAMPLES);
      return;
    case 'finish':
      detector!.finish();
      detector = undefined;
      collectGarbage();
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

reply({ type: 'ready' });
