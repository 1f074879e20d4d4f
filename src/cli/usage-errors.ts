/**
 * Commander's own parse errors (unknown option, missing argument, …) as
 * CallscoreErrors, so that they print in the run's language and as one JSON
 * line with --json, like every other error of the command line.
 */
import type { Command, CommanderError } from 'commander';
import { CallscoreError, type ErrorCode } from '../errors/registry.js';

/** Process exit code of a usage error, as many POSIX utilities use it. Other failures exit with 1. */
export const USAGE_EXIT_CODE = 2;

const SUGGESTION = String.raw`(?:\n\(Did you mean (?:one of )?(?<suggestion>.+)\?\))?`;

// NOTE: commander 14 puts the offending value only into its English message, so these
// patterns follow the wording of commander 14.0.3 (lib/command.js and lib/option.js).
// tests/cli-usage.test.ts covers each one, so an upgrade that rewords them fails there.
const PATTERNS: Partial<Record<string, { code: ErrorCode; pattern: RegExp }>> = {
  'commander.unknownOption': {
    code: 'CS_ERR_CLI_UNKNOWN_OPTION',
    pattern: new RegExp(String.raw`^error: unknown option '(?<option>.+?)'${SUGGESTION}$`),
  },
  'commander.unknownCommand': {
    code: 'CS_ERR_CLI_UNKNOWN_COMMAND',
    pattern: new RegExp(String.raw`^error: unknown command '(?<name>.+?)'${SUGGESTION}$`),
  },
  'commander.missingArgument': { code: 'CS_ERR_CLI_ARGUMENT_MISSING', pattern: /^error: missing required argument '(?<argument>.+)'$/ },
  'commander.optionMissingArgument': { code: 'CS_ERR_CLI_OPTION_VALUE_MISSING', pattern: /^error: option '(?<option>.+)' argument missing$/ },
  'commander.missingMandatoryOptionValue': { code: 'CS_ERR_CLI_OPTION_REQUIRED', pattern: /^error: required option '(?<option>.+)' not specified$/ },
  'commander.invalidArgument': {
    code: 'CS_ERR_CLI_OPTION_INVALID',
    pattern: /^error: option '(?<option>.+)' argument '(?<value>.*)' is invalid\. Allowed choices are (?<allowed>.+)\.$/,
  },
};

const USAGE_ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'CS_ERR_CLI_UNKNOWN_OPTION',
  'CS_ERR_CLI_UNKNOWN_COMMAND',
  'CS_ERR_CLI_COMMAND_MISSING',
  'CS_ERR_CLI_ARGUMENT_MISSING',
  'CS_ERR_CLI_TOO_MANY_ARGUMENTS',
  'CS_ERR_CLI_OPTION_REQUIRED',
  'CS_ERR_CLI_OPTION_VALUE_MISSING',
  'CS_ERR_CLI_OPTION_INVALID',
  'CS_ERR_CLI_USAGE',
]);

/** True for the codes of the errors that `usageError` creates. */
export function isUsageErrorCode(code: ErrorCode): boolean {
  return USAGE_ERROR_CODES.has(code);
}

/** Joins the command names from the program down to `command`, e.g. "callscore batch import". */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let current: Command | null = command; current; current = current.parent) names.unshift(current.name());
  return names.join(' ');
}

/**
 * Converts an error that commander raised while parsing the arguments of
 * `command`. Help and version output (exit code 0) is returned unchanged.
 */
export function usageError(error: CommanderError, command: Command): CallscoreError | CommanderError {
  if (error.exitCode === 0) return error;
  const path = commandPath(command);

  // Commander shows the help on stderr with 'commander.help' when a command group is run without a command.
  if (error.code === 'commander.help') return new CallscoreError('CS_ERR_CLI_COMMAND_MISSING', { command: path });
  if (error.code === 'commander.excessArguments') {
    const expected = command.registeredArguments.length;
    return new CallscoreError('CS_ERR_CLI_TOO_MANY_ARGUMENTS', { command: path, expected, extra: command.args.slice(expected).join(' ') });
  }

  // Commander checks required options before unknown ones, but an unknown option is often the
  // required one misspelled, so it is reported first. Commander leaves unknown options in args.
  if (error.code === 'commander.missingMandatoryOptionValue') {
    const unknownOption = command.args.find((arg) => arg.startsWith('-') && arg !== '-');
    if (unknownOption !== undefined) return new CallscoreError('CS_ERR_CLI_UNKNOWN_OPTION', { command: path, option: unknownOption });
  }

  const known = PATTERNS[error.code];
  const groups = known?.pattern.exec(error.message)?.groups;
  if (known && groups) {
    const values = Object.entries(groups).filter((entry): entry is [string, string] => entry[1] !== undefined);
    return new CallscoreError(known.code, { command: path, ...Object.fromEntries(values) });
  }
  // Other errors, such as a value that a custom option parser rejects, keep commander's English detail.
  return new CallscoreError('CS_ERR_CLI_USAGE', { command: path, detail: error.message.replace(/^error: /, '') });
}

/**
 * Makes `command` and its subcommands throw `usageError`s instead of printing
 * commander's English message and exiting. Commander still prints the help
 * on stderr when a command group is run without a command.
 */
export function throwUsageErrors(command: Command): void {
  command.exitOverride((error) => {
    throw usageError(error, command);
  });
  command.configureOutput({ outputError: () => {} });
  for (const subcommand of command.commands) throwUsageErrors(subcommand);
}
