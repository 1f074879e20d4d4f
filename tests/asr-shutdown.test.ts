/**
 * Closing the transcriber during a stereo call, in a child process:
 * the worker must end its VAD helper threads before it is terminated, or
 * the native VAD objects abort the whole process.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinStereo, makeSpeechWav } from './helpers/audio.js';
import { FIXTURE_MODEL_DIR, makeTempDir } from './helpers/harness.js';

const run = promisify(execFile);
let stereo: string;
let modelsDir: string;

beforeAll(async () => {
  const dir = await makeTempDir('asr-shutdown');
  modelsDir = path.join(dir, 'models');
  await mkdir(modelsDir);
  await cp(FIXTURE_MODEL_DIR, path.join(modelsDir, 'sense-voice-small-int8'), { recursive: true });
  const rep = path.join(dir, 'rep.wav');
  const customer = path.join(dir, 'customer.wav');
  stereo = path.join(dir, 'call.wav');
  await makeSpeechWav(rep, 'We guarantee it works.', { padStartSeconds: 2, padEndSeconds: 60 });
  await makeSpeechWav(customer, 'Is it reliable?', { padEndSeconds: 2 });
  await joinStereo(rep, customer, stereo);
});

describe('transcriber shutdown', () => {
  it('closes during a stereo call', async () => {
    // Several rounds, because whether a finished job's VAD is still held depends on garbage collection.
    for (let round = 0; round < 3; round++) {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'tests/helpers/close-after-stereo.ts', stereo, modelsDir], { timeout: 60_000 });
      expect(stdout).toContain('turns ');
      expect(stdout).toContain('closed');
    }
  }, 180_000);
});
