/** Runs bin/callscore.js as a person would, with the locale variables under the test's control. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../src/config/config.js';

const run = promisify(execFile);
const CLI = path.join(PROJECT_ROOT, 'bin/callscore.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Builds the environment of a user whose LANG is `lang`, with the other locale variables empty. */
export function localeEnv(lang: string): NodeJS.ProcessEnv {
  return { CALLSCORE_LOCALE: '', LC_ALL: '', LC_MESSAGES: '', LANG: lang };
}

/** Runs the command and returns its exit code and output. A non-zero exit is a result, not an exception. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv = localeEnv('en_US.UTF-8')): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
