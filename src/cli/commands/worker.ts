/** `callscore worker`: consumes the BullMQ transcription and analysis queues. */
import { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { createLogger } from '../../config/logger.js';
import { startRuntime } from '../../runtime/runtime.js';
import { onShutdownSignal } from '../shutdown.js';
import { listeningPort, startMetricsServer } from '../../ops/metrics-server.js';
import { warnIfModelMissing } from '../model-check.js';
import type { Localize } from '../help-text.js';

/** Builds the worker command. */
export function workerCommand(localize: Localize): Command {
  return new Command('worker')
    .description(localize({
      en: 'Process transcription and analysis jobs from Redis (needs REDIS_URL); run one or more on any machine.',
      zh: '处理 Redis 中的转写和分析任务（需要设置 REDIS_URL）；可在任意机器上运行一个或多个。',
    }))
    .action(async () => {
      const config = loadConfig();
      const logger = createLogger(config.logLevel);
      warnIfModelMissing(config, logger);
      const runtime = await startRuntime(config, 'worker', logger);
      const metrics = config.metricsPort === undefined ? null : await startMetricsServer(config.host, config.metricsPort);
      if (metrics) logger.info({ host: config.host, port: listeningPort(metrics) }, 'worker metrics listening');
      logger.info({ database: runtime.db.kind, pid: process.pid }, 'callscore worker started');
      onShutdownSignal(logger, async () => {
        metrics?.close();
        await runtime.close();
      });
    });
}
