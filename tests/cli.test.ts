/** The callscore command as a person runs it: analyze, eval and models list. */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config/config.js';
import { FIXTURE_SENTENCE } from '../scripts/make-sense-voice-fixture.js';
import { installFixtureModel, makeTempDir } from './helpers/harness.js';
import { makeSpeechWav } from './helpers/audio.js';

const run = promisify(execFile);
const CLI = path.join(PROJECT_ROOT, 'bin/callscore.js');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function callscore(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: { ...process.env, LANG: 'en_US.UTF-8', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let dir: string;
let modelsDir: string;
let speech: string;

beforeAll(async () => {
  dir = await makeTempDir('cli');
  modelsDir = await makeTempDir('models');
  await installFixtureModel(modelsDir);
  speech = path.join(dir, 'pitch.wav');
  await makeSpeechWav(speech, 'We guarantee this is the best product on the market.', { padEndSeconds: 0.5 });
});

describe('callscore analyze', () => {
  it('prints transcript, findings and behavior score', async () => {
    const result = await callscore(['analyze', speech], { CALLSCORE_MODELS_DIR: modelsDir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(FIXTURE_SENTENCE);
    expect(result.stdout).toContain('Over-commitment');
    expect(result.stdout).toMatch(/# Behavior layer: \d+(\.\d)?\n/);
  });

  it('prints Chinese labels under a Chinese locale', async () => {
    const result = await callscore(['analyze', speech], { CALLSCORE_MODELS_DIR: modelsDir, LANG: 'zh_CN.UTF-8' });
    expect(result.stdout).toContain('过度承诺');
    expect(result.stdout).toContain('行为层');
  });

  it('prints JSON with --json', async () => {
    const result = await callscore(['analyze', speech, '--json'], { CALLSCORE_MODELS_DIR: modelsDir });
    const parsed = JSON.parse(result.stdout);
    expect(parsed.transcript.turns[0].text).toBe(FIXTURE_SENTENCE);
    expect(parsed.analysis.findings.length).toBeGreaterThan(0);
    expect(typeof parsed.behavior.score).toBe('number');
  });

  it('names the install command when the model is missing', async () => {
    const result = await callscore(['analyze', speech], { CALLSCORE_MODELS_DIR: await makeTempDir('no-models') });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('CS_ERR_MODEL_MISSING');
    expect(result.stderr).toContain('callscore models install sense-voice-small-int8');
  });

  it('rejects an empty file', async () => {
    const empty = path.join(dir, 'empty.wav');
    await writeFile(empty, '');
    const result = await callscore(['analyze', empty]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('CS_ERR_FILE_EMPTY');
    expect(result.stderr).toContain('empty.wav');
  });

  it('follows --locale in errors', async () => {
    const result = await callscore(['analyze', path.join(dir, 'nope.wav'), '--locale', 'zh-CN']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('文件不存在');
    expect(result.stderr).not.toContain('no such file');
    expect(result.stderr).toContain('nope.wav');
  });

  it('rejects a folder', async () => {
    const result = await callscore(['analyze', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('CS_ERR_VALIDATION');
    expect(result.stderr).toContain('is a folder');
    expect(result.stderr).not.toContain('    at ');
  });

  it('rejects a missing file', async () => {
    const result = await callscore(['analyze', path.join(dir, 'nope.wav')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nope.wav');
  });
});

describe('callscore eval', () => {
  it('names the malformed line and exits non-zero', async () => {
    const gold = path.join(dir, 'bad.jsonl');
    const good = { id: 'a', lang: 'en', callEnded: true, turns: [{ speaker: 'rep', text: 'hello' }], pitfalls: [], objections: [] };
    await writeFile(gold, `${JSON.stringify(good)}\n{not json\n`);
    const result = await callscore(['eval', '--gold', gold]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('CS_ERR_GOLD_INVALID');
    expect(result.stderr).toMatch(/line 2/);
  });

  it('reports the error as one JSON line with --json', async () => {
    const gold = path.join(dir, 'bad-json.jsonl');
    await writeFile(gold, '{not json\n');
    const result = await callscore(['eval', '--gold', gold, '--json']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const reported = JSON.parse(result.stderr) as { error: { code: string; message: string } };
    expect(reported.error.code).toBe('CS_ERR_GOLD_INVALID');
    expect(reported.error.message).toMatch(/line 1/);
  });
});

describe('callscore models list', () => {
  it('shows the default model as installed or not', async () => {
    const result = await callscore(['models', 'list'], { CALLSCORE_MODELS_DIR: modelsDir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^sense-voice-small-int8\tinstalled/m);
  });
});
