/** Picks the CLI's output language from CALLSCORE_LOCALE or the POSIX locale variables. */
import type { Locale } from '../errors/registry.js';

/** zh-CN when the environment's locale is Chinese, else en. */
export function cliLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  const value = env.CALLSCORE_LOCALE ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return value.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/**
 * Returns the language of an error that ends the command: the command's
 * own `--locale` when it has a valid one, so errors follow the rest of its
 * output, else `cliLocale`.
 */
export function errorLocale(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Locale {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    const value = arg === '--locale' ? argv[index + 1] : arg.startsWith('--locale=') ? arg.slice('--locale='.length) : undefined;
    if (value === 'zh-CN' || value === 'en') return value;
  }
  return cliLocale(env);
}
