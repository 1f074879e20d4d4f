/**
 * Help text of the command line in English and Simplified Chinese. The
 * language is chosen once per run, before the commands are built, so every
 * description is a plain string by the time commander renders the help.
 */
import { Help, Option, type Argument, type Command } from 'commander';
import type { Locale } from '../errors/registry.js';

/** One user-facing text in both languages. */
export interface Bilingual {
  en: string;
  zh: string;
}

/** Picks the text of the run's language. */
export type Localize = (text: Bilingual) => string;

export function localizer(locale: Locale): Localize {
  return (text) => (locale === 'zh-CN' ? text.zh : text.en);
}

/** Parsed `--locale` of a command, which the program's preAction hook fills with the run's locale when it is absent. */
export interface LocaleOptions {
  locale?: Locale;
}

/** Builds the `--locale` option that the program and every command share. */
export function localeOption(localize: Localize, subject: Bilingual = { en: 'output language', zh: '输出语言' }): Option {
  const description = localize({
    en: `${subject.en} (default from CALLSCORE_LOCALE, LC_ALL, LC_MESSAGES or LANG)`,
    zh: `${subject.zh}（默认取自 CALLSCORE_LOCALE、LC_ALL、LC_MESSAGES 或 LANG）`,
  });
  return new Option('--locale <locale>', description).choices(['zh-CN', 'en']);
}

/**
 * Adds the shared `--locale` option to `command` and each of its subcommands
 * that lacks one, so it is accepted before any command and after every one.
 * Groups get positional options, so an option after a subcommand's name is
 * parsed by that subcommand and an error names it ("callscore models list").
 */
export function addLocaleOptions(command: Command, localize: Localize): void {
  if (!command.options.some((option) => option.long === '--locale')) command.addOption(localeOption(localize));
  if (command.commands.length > 0) command.enablePositionalOptions();
  for (const subcommand of command.commands) addLocaleOptions(subcommand, localize);
}

// Headings that commander 14 passes to Help.styleTitle (lib/help.js formatHelp).
const HEADINGS_ZH: Record<string, string> = {
  'Usage:': '用法：',
  'Arguments:': '参数：',
  'Options:': '选项：',
  'Global Options:': '全局选项：',
  'Commands:': '命令：',
};

// Labels of the "(choices: …, default: …)" suffix that commander 14 appends to option and argument descriptions.
const EXTRA_LABELS_ZH: Record<string, string> = { choices: '可选值', default: '默认值', preset: '预设值', env: '环境变量' };

function translateExtraInfo(full: string, description: string): string {
  const extra = full.slice(description.length).replace(/\b(choices|default|preset|env): /g, (_match, label: string) => `${EXTRA_LABELS_ZH[label]}: `);
  return description + extra;
}

/**
 * Help overrides that put commander's own headings and labels into Chinese.
 * NOTE: commander 14 wraps descriptions only at spaces and counts each
 * character as one column, so a long Chinese description can run past 80
 * columns and the terminal wraps it.
 */
const CHINESE_HELP = {
  styleTitle: (title: string) => HEADINGS_ZH[title] ?? title,
  optionDescription(this: Help, option: Option) {
    return translateExtraInfo(Help.prototype.optionDescription.call(this, option), option.description);
  },
  argumentDescription(this: Help, argument: Argument) {
    return translateExtraInfo(Help.prototype.argumentDescription.call(this, argument), argument.description);
  },
};

/**
 * Sets the help option, the help command and the help headings of `command`
 * and all its subcommands in the run's language. Subcommands added with
 * addCommand do not inherit these settings, hence the walk.
 */
export function localizeHelp(command: Command, locale: Locale): void {
  const localize = localizer(locale);
  const helpDescription = localize({ en: 'display help for command', zh: '显示命令的帮助' });
  command.helpOption('-h, --help', helpDescription);
  // helpCommand() with a name adds the command even to a command without subcommands, so only groups get one.
  if (command.commands.length > 0) command.helpCommand('help [command]', helpDescription);
  if (locale === 'zh-CN') command.configureHelp(CHINESE_HELP);
  for (const subcommand of command.commands) localizeHelp(subcommand, locale);
}
