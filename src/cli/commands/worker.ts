/** `callscore worker`: consumes the BullMQ transcription and analysis queues. */
import { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { createLogger } from '../../config/logger.js';
import { startRuntime } from '../../runtime/runtime.js';
import { onShutdownSignal } from '../shutdown.js';
import { warnIfModelMissing } from '../model-check.js';

/** Builds the worker command. */
export function workerCommand(): Command {
  return new Command('worker')
    .description('Process transcription and analysis jobs from Redis (needs REDIS_URL); run one or more on any machine.')
    .action(async () => {
      const config = loadConfig();
      const logger = createLogger(config.logLevel);
      warnIfModelMissing(config, logger);
      const runtime = await startRuntime(config, 'worker', logger);
      logger.info({ database: runtime.db.kind, pid: process.pid }, 'callscore worker started');
      onShutdownSignal(logger, () => runtime.close());
    });
}
