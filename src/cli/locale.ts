/** Picks the CLI's output language from CALLSCORE_LOCALE or the POSIX locale variables. */
import type { Locale } from '../errors/registry.js';

/** zh-CN when the environment's locale is Chinese, else en. */
export function cliLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  const value = env.CALLSCORE_LOCALE ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return value.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
