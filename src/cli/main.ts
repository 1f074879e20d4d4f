/**
 * The callscore command line. Each command only orchestrates: it loads the
 * configuration and calls the stage, store or job functions.
 */
import { Command } from 'commander';
import { isCallscoreError, type Locale } from '../errors/registry.js';
import { serveCommand } from './commands/serve.js';
import { workerCommand } from './commands/worker.js';
import { analyzeCommand } from './commands/analyze.js';
import { modelsCommand } from './commands/models.js';
import { evalCommand } from './commands/eval.js';
import { batchCommand } from './commands/batch.js';
import { auditCommand } from './commands/audit.js';
import { retentionCommand } from './commands/retention.js';
import { keysCommand, usersCommand } from './commands/users.js';
import { cliLocale } from './locale.js';

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

/**
 * Returns the `--locale` of the command that ran, so that its errors come in the language of the
 * rest of its output. Only the command that ran has parsed options.
 */
function commandLocale(command: Command): Locale | undefined {
  const locale: unknown = command.opts().locale;
  if (locale === 'zh-CN' || locale === 'en') return locale;
  for (const subcommand of command.commands) {
    const found = commandLocale(subcommand);
    if (found !== undefined) return found;
  }
  return undefined;
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (isCallscoreError(error)) {
    process.stderr.write(`${error.code}: ${error.messageIn(commandLocale(program) ?? cliLocale())}\n`);
  } else {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exitCode = 1;
}
