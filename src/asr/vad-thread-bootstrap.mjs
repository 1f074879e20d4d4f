// Entry file of a VAD helper thread. Like worker-bootstrap.mjs, it loads the
// TypeScript module through tsx's API, because Node 20 cannot load it itself.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

try {
  await tsImport('./vad-thread.ts', import.meta.url);
} catch (error) {
  // The owner may already be blocked waiting for progress and cannot see the 'exit' event,
  // so mark the thread failed in shared memory: PROGRESS_STATUS (index 1) = PROGRESS_FAILED (1),
  // then wake waiters on PROGRESS_SAMPLES (index 0), as vad-thread-protocol.ts defines them.
  const progress = new Int32Array(workerData.progress);
  Atomics.store(progress, 1, 1);
  Atomics.notify(progress, 0);
  throw error;
}
