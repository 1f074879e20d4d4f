/** `callscore serve`: the HTTP API, with in-process jobs when REDIS_URL is not set. */
import { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { createLogger } from '../../config/logger.js';
import { startRuntime } from '../../runtime/runtime.js';
import { buildServer } from '../../api/server.js';
import { apiContextOf } from '../../api/context.js';
import { onShutdownSignal } from '../shutdown.js';
import { warnIfModelMissing } from '../model-check.js';
import { ensureInitialAdmin } from '../../auth/initial-admin.js';
import type { Localize } from '../help-text.js';

/** Builds the serve command. */
export function serveCommand(localize: Localize): Command {
  return new Command('serve')
    .description(localize({
      en: 'Run the HTTP API (and the jobs in-process when REDIS_URL is not set).',
      zh: '运行 HTTP API（未设置 REDIS_URL 时也在本进程内处理任务）。',
    }))
    .option('--host <host>', localize({ en: 'address to listen on (default HOST or 127.0.0.1)', zh: '监听地址（默认取 HOST，否则为 127.0.0.1）' }))
    .option('--port <port>', localize({ en: 'TCP port to listen on (default PORT or 3000)', zh: '监听的 TCP 端口（默认取 PORT，否则为 3000）' }))
    .action(async (options: { host?: string; port?: string }) => {
      const env = { ...process.env, ...(options.host ? { HOST: options.host } : {}), ...(options.port ? { PORT: options.port } : {}) };
      const config = loadConfig(env);
      const logger = createLogger(config.logLevel);
      warnIfModelMissing(config, logger);
      const runtime = await startRuntime(config, 'server', logger);
      await ensureInitialAdmin(runtime.db, config.dataDir, logger);
      const app = await buildServer(apiContextOf(runtime), logger);
      const address = await app.listen({ host: config.host, port: config.port });
      logger.info({ address, database: runtime.db.kind, queue: runtime.queue.kind }, 'callscore is listening');

      onShutdownSignal(logger, async () => {
        // Stop accepting uploads first, then let running jobs finish.
        await app.close();
        await runtime.close();
      });
    });
}
