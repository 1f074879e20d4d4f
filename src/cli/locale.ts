/** Picks the CLI's output language from CALLSCORE_LOCALE or the POSIX locale variables. */
import type { Locale } from '../errors/registry.js';

const LOCALE_VARIABLES = ['CALLSCORE_LOCALE', 'LC_ALL', 'LC_MESSAGES', 'LANG'] as const;

/** zh-CN when the environment's locale is Chinese, else en. An empty variable counts as unset, as POSIX has it. */
export function cliLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  const value = LOCALE_VARIABLES.map((name) => env[name]).find((setting) => setting !== undefined && setting !== '') ?? '';
  return value.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
