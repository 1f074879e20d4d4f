/**
 * Graceful shutdown on SIGTERM and SIGINT. The caller's `stop` closes the
 * HTTP server first, so new requests get 503 and requests in flight finish.
 * It then closes the queues: running jobs finish, and waiting ones stay in
 * the database or in Redis for the next process. Stage results are written
 * in one database transaction each and uploads are renamed into place only
 * when complete, so an exit at any point leaves nothing half-written.
 */
import type { Logger } from '../config/logger.js';

/** How long `stop` may take before the process exits anyway (default 30 s, like Kubernetes' grace period). */
export const DEFAULT_SHUTDOWN_GRACE_MS = 30_000;

/**
 * Runs `stop` once on the first SIGTERM or SIGINT, then exits 0. A second
 * signal, or `stop` running past `graceMs`, exits 1 at once: a job still
 * running is then handed back, because its transaction never commits and
 * BullMQ (or the next start-up) runs it again.
 */
export function onShutdownSignal(logger: Logger, stop: () => Promise<void>, graceMs = DEFAULT_SHUTDOWN_GRACE_MS): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal; exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, graceMs }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.warn({ graceMs }, 'shutdown grace period over; exiting with jobs unfinished, they will run again');
      process.exit(1);
    }, graceMs);
    deadline.unref();
    stop()
      .then(() => {
        logger.info('stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}
