/** The privacy side of the command line: masked analyze output and the retention sweep. */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config/config.js';
import { makeTempDir } from './helpers/harness.js';

const run = promisify(execFile);
const CLI = path.join(PROJECT_ROOT, 'bin/callscore.js');

async function callscore(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: { ...process.env, LANG: 'en_US.UTF-8', LOG_LEVEL: 'info', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let dir: string;
let transcript: string;

beforeAll(async () => {
  dir = await makeTempDir('cli-privacy');
  transcript = path.join(dir, 'call.json');
  await writeFile(transcript, JSON.stringify([{ speaker: 'customer', text: '我的手机是13812345678', startMs: 0, endMs: 2000 }]));
});

describe('callscore analyze', () => {
  it('masks personal data by default', async () => {
    const result = await callscore(['analyze', transcript, '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).transcript.turns[0].text).toBe('我的手机是[手机号]');
  });

  it('prints the original with --no-redact', async () => {
    const result = await callscore(['analyze', transcript, '--json', '--no-redact']);
    expect(JSON.parse(result.stdout).transcript.turns[0].text).toBe('我的手机是13812345678');
  });
});

describe('callscore retention sweep', () => {
  it('prints what it deleted as JSON', async () => {
    const result = await callscore(['retention', 'sweep'], { CALLSCORE_DATA_DIR: path.join(dir, 'data') });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ teams: 0, recordings: 0, files: 0, transcripts: 0 });
    expect(result.stderr).toContain('retention sweep finished');
  });
});
