/**
 * Commander's own parse errors (unknown option, missing argument, …) as
 * CallscoreErrors, so that they print in the run's language and as one JSON
 * line with --json, like every other error of the command line.
 */
import type { Command, CommanderError, HelpContext, Option } from 'commander';
import { CallscoreError, type ErrorCode } from '../errors/registry.js';

/** Process exit code of a usage error. Other failures exit with 1, so scripts can tell the two apart. */
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

/** Lists the flags that `command` itself parses, such as "-h", "--help" and "--json". */
function optionFlags(command: Command): Set<string> {
  // visibleOptions adds the help option, which commander keeps outside command.options.
  const options = [...command.options, ...command.createHelp().visibleOptions(command)];
  return new Set(options.flatMap((option) => [option.short, option.long]).filter((flag): flag is string => flag !== undefined));
}

/**
 * Finds an option of `command` whose value on the command line is one of the
 * command's own flags. Commander takes such a flag as the value, so
 * `eval --gold --json` would read a gold file named "--json".
 */
function optionGivenAFlag(command: Command): Option | undefined {
  const flags = optionFlags(command);
  return command.options.find((option) => {
    if (!option.required && !option.optional) return false;
    const name = option.attributeName();
    if (command.getOptionValueSource(name) !== 'cli') return false;
    const value: unknown = command.getOptionValue(name);
    const values: unknown[] = Array.isArray(value) ? value : [value];
    return values.some((item) => typeof item === 'string' && flags.has(item));
  });
}

/**
 * Converts an error that commander raised while parsing the arguments of
 * `command`. Help and version output (exit code 0) is returned unchanged.
 */
export function usageError(error: CommanderError, command: Command): CallscoreError | CommanderError {
  if (error.exitCode === 0) return error;
  const path = commandPath(command);

  // A flag taken as an option's value leaves that flag unset, which commander may then report
  // as a missing required option or a stray argument, so the forgotten value is reported first.
  const flagValued = optionGivenAFlag(command);
  if (flagValued) return new CallscoreError('CS_ERR_CLI_OPTION_VALUE_MISSING', { command: path, option: flagValued.flags });

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
  // Commander checks a choice before it stores the value, so a flag given to an option with choices arrives here.
  if (known?.code === 'CS_ERR_CLI_OPTION_INVALID' && groups?.option && groups.value && optionFlags(command).has(groups.value)) {
    return new CallscoreError('CS_ERR_CLI_OPTION_VALUE_MISSING', { command: path, option: groups.option });
  }
  if (known && groups) {
    const values = Object.entries(groups).filter((entry): entry is [string, string] => entry[1] !== undefined);
    return new CallscoreError(known.code, { command: path, ...Object.fromEntries(values) });
  }
  // Other errors, such as a value that a custom option parser rejects, keep commander's English detail.
  return new CallscoreError('CS_ERR_CLI_USAGE', { command: path, detail: error.message.replace(/^error: /, '') });
}

/**
 * Makes `help <name>` with an unknown name throw CS_ERR_CLI_UNKNOWN_COMMAND.
 * Commander 14.0.3 (Command._dispatchHelpCommand) handles it like a group run
 * without a command, so it would print the whole help on stderr and exit with
 * 'commander.help'. Both cases call `help({ error: true })`, but only
 * `help <name>` leaves arguments in `command.args`.
 */
function rejectHelpForUnknownCommand(command: Command): void {
  const showHelp = command.help.bind(command);
  // Command.help also takes a callback overload, which this project does not use.
  command.help = ((context?: HelpContext): never => {
    const [first, name] = command.args;
    if (context?.error && first === 'help' && name !== undefined) {
      throw new CallscoreError('CS_ERR_CLI_UNKNOWN_COMMAND', { command: commandPath(command), name });
    }
    return showHelp(context);
  }) as Command['help'];
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
  if (command.commands.length > 0) rejectHelpForUnknownCommand(command);
  for (const subcommand of command.commands) throwUsageErrors(subcommand);
}

/**
 * Rejects an option value that is one of the command's own flags, as in
 * `eval --gold --json`, before the action runs. `usageError` reports the same
 * mistake when commander fails on the arguments.
 */
export function rejectFlagsAsValues(program: Command): void {
  program.hook('preAction', (_program, actionCommand) => {
    const option = optionGivenAFlag(actionCommand);
    if (option) throw new CallscoreError('CS_ERR_CLI_OPTION_VALUE_MISSING', { command: commandPath(actionCommand), option: option.flags });
  });
}
