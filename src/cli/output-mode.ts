/**
 * The language and format of one run's messages, read from the raw
 * arguments because the help text and commander's own errors need them
 * before (or instead of) commander's parse.
 */
import type { Locale } from '../errors/registry.js';
import { cliLocale } from './locale.js';

export interface OutputMode {
  locale: Locale;
  /** True when --json is among the options, so errors go to stderr as one JSON line. */
  json: boolean;
}

/**
 * Reads `--locale zh-CN|en` (or `--locale=…`) and `--json` from the
 * arguments after the program name, up to a `--`. Without a valid --locale
 * the environment decides, as `cliLocale` does.
 */
export function outputMode(args: readonly string[], env: NodeJS.ProcessEnv = process.env): OutputMode {
  const end = args.indexOf('--');
  const options = end === -1 ? args : args.slice(0, end);

  let locale: string | undefined;
  options.forEach((arg, index) => {
    if (arg === '--locale') locale = options[index + 1];
    else if (arg.startsWith('--locale=')) locale = arg.slice('--locale='.length);
  });

  return {
    locale: locale === 'zh-CN' || locale === 'en' ? locale : cliLocale(env),
    json: options.includes('--json'),
  };
}
