/** `callscore retention sweep`: deletes expired recordings and transcripts once, as the daily sweep does. */
import path from 'node:path';
import { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { createLogger } from '../../config/logger.js';
import { openDatabase } from '../../store/db.js';
import { migrate } from '../../store/migrate.js';
import { sweepRetention } from '../../jobs/retention.js';

/** Builds the retention command with its `sweep` subcommand. */
export function retentionCommand(): Command {
  const retention = new Command('retention').description('Delete recordings and transcripts past each team\'s retention period.');
  retention
    .command('sweep')
    .description('Run the retention sweep once and print what it deleted as JSON; scores and aggregates are kept.')
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
