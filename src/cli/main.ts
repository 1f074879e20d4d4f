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

/** Returns an option of the command that ran, the only command with parsed options. */
function ranOption(command: Command, name: string): unknown {
  const value: unknown = command.opts()[name];
  if (value !== undefined) return value;
  for (const subcommand of command.commands) {
    const found = ranOption(subcommand, name);
    if (found !== undefined) return found;
  }
  return undefined;
}

// Errors come in the language of the rest of the command's output, and as one JSON line when it prints JSON.
function reportError(error: unknown): void {
  if (!isCallscoreError(error)) {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return;
  }
  const locale: unknown = ranOption(program, 'locale');
  const message = error.messageIn(locale === 'zh-CN' || locale === 'en' ? locale : cliLocale());
  if (ranOption(program, 'json') === true) {
    process.stderr.write(`${JSON.stringify({ error: { code: error.code, message } })}\n`);
  } else {
    process.stderr.write(`${error.code}: ${message}\n`);
  }
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  reportError(error);
  process.exitCode = 1;
}
