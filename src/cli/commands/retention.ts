/** `callscore retention sweep`: deletes expired recordings and transcripts once, as the daily sweep does. */
import path from 'node:path';
import { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { createLogger } from '../../config/logger.js';
import { openDatabase } from '../../store/db.js';
import { migrate } from '../../store/migrate.js';
import { sweepRetention } from '../../jobs/retention.js';
import type { Localize } from '../help-text.js';

/** Builds the retention command with its `sweep` subcommand. */
export function retentionCommand(localize: Localize): Command {
  const retention = new Command('retention').description(
    localize({ en: 'Delete recordings and transcripts past each team\'s retention period.', zh: '删除超过各团队保留期的录音和转写文本。' }),
  );
  retention
    .command('sweep')
    .description(localize({
      en: 'Run the retention sweep once and print what it deleted as JSON; scores and aggregates are kept.',
      zh: '执行一次保留期清理，并以 JSON 输出删除的内容；评分和汇总数据会保留。',
    }))
    .action(async () => {
      const config = loadConfig();
      const logger = createLogger(config.logLevel, 2);
      const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        await migrate(db);
        const result = await sweepRetention(db, path.join(config.dataDir, 'storage'), logger);
        process.stdout.write(`${JSON.stringify(result)}\n`);
      } finally {
        await db.close();
      }
    });
  return retention;
}
