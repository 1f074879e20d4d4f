/**
 * The callscore command line. Each command only orchestrates: it loads the
 * configuration and calls the stage, store or job functions.
 */
import { Command } from 'commander';
import { isCallscoreError } from '../errors/registry.js';
import { serveCommand } from './commands/serve.js';
import { workerCommand } from './commands/worker.js';
import { analyzeCommand } from './commands/analyze.js';
import { modelsCommand } from './commands/models.js';
import { evalCommand } from './commands/eval.js';
import { batchCommand } from './commands/batch.js';
import { auditCommand } from './commands/audit.js';
import { retentionCommand } from './commands/retention.js';
import { keysCommand, usersCommand } from './commands/users.js';
import { errorLocale } from './locale.js';

const program = new Command()
  .name('callscore')
  .description('Sales call transcription, pitfall detection and deal scoring, on this machine.')
  .showHelpAfterError();

program.addCommand(serveCommand());
program.addCommand(workerCommand());
program.addCommand(analyzeCommand());
program.addCommand(modelsCommand());
program.addCommand(evalCommand());
program.addCommand(batchCommand());
program.addCommand(auditCommand());
program.addCommand(retentionCommand());
program.addCommand(usersCommand());
program.addCommand(keysCommand());

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (isCallscoreError(error)) {
    process.stderr.write(`${error.code}: ${error.messageIn(errorLocale(process.argv))}\n`);
  } else {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exitCode = 1;
}
