/**
 * The callscore command line. Each command only orchestrates: it loads the
 * configuration and calls the stage, store or job functions.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { PROJECT_ROOT } from '../config/config.js';
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
import { addLocaleOptions, localizeHelp, localizer } from './help-text.js';
import { outputMode, type OutputMode } from './output-mode.js';
import { isUsageErrorCode, rejectFlagsAsValues, throwUsageErrors, USAGE_EXIT_CODE } from './usage-errors.js';

const output = outputMode(process.argv.slice(2));
const localize = localizer(output.locale);
const { version } = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };

const program = new Command()
  .name('callscore')
  .description(localize({
    en: 'Sales call transcription, pitfall detection and deal scoring, on this machine.',
    zh: '在本机完成销售通话转写、话术陷阱检测和商机评分。',
  }))
  .version(version, '-V, --version', localize({ en: 'output the version number', zh: '输出版本号' }));

program.addCommand(serveCommand(localize));
program.addCommand(workerCommand(localize));
program.addCommand(analyzeCommand(localize));
program.addCommand(modelsCommand(localize));
program.addCommand(evalCommand(localize));
program.addCommand(batchCommand(localize));
program.addCommand(auditCommand(localize));
program.addCommand(retentionCommand(localize));
program.addCommand(usersCommand(localize));
program.addCommand(keysCommand(localize));

addLocaleOptions(program, localize);
localizeHelp(program, output.locale);
throwUsageErrors(program);
rejectFlagsAsValues(program);

// A --locale before a group or the command (`callscore --locale zh-CN models list`) is parsed
// by that group or the program, so the action command gets the run's locale here.
program.hook('preAction', (_program, actionCommand) => {
  if (actionCommand.getOptionValue('locale') === undefined) actionCommand.setOptionValueWithSource('locale', output.locale, 'implied');
});

/**
 * Prints an error in the language of the rest of the command's output, and
 * as one JSON line when --json was given. Returns the process exit code.
 */
function reportError(error: unknown, { locale, json }: OutputMode): number {
  // Help and version output reach here as exit code 0 because of exitOverride.
  if (error instanceof CommanderError) return error.exitCode;
  if (!isCallscoreError(error)) {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
  const message = error.messageIn(locale);
  if (json) {
    process.stderr.write(`${JSON.stringify({ error: { code: error.code, message } })}\n`);
  } else {
    process.stderr.write(`${error.code}: ${message}\n`);
  }
  return isUsageErrorCode(error.code) ? USAGE_EXIT_CODE : 1;
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportError(error, output);
}
