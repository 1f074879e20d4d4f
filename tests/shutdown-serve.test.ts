/**
 * `callscore serve` stopped with SIGTERM right after accepting an upload:
 * it exits 0 within the grace period, and the next start carries the call
 * on from the database to `scored`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config/config.js';
import { getJson, makeTempDir, upload, waitForCall } from './helpers/harness.js';
import { freePort } from './helpers/ports.js';

let dataDir: string;
let modelsDir: string;
const output: string[] = [];
const children: ChildProcess[] = [];

async function startServe(): Promise<{ child: ChildProcess; baseUrl: string }> {
  const port = await freePort();
  // Without DATABASE_URL and REDIS_URL the server uses PGlite and runs the stages in-process.
  const { DATABASE_URL: _database, REDIS_URL: _redis, ...inherited } = process.env;
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin/callscore.js'), 'serve', '--port', String(port)], {
    env: { ...inherited, CALLSCORE_DATA_DIR: dataDir, CALLSCORE_MODELS_DIR: modelsDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  children.push(child);

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const healthy = await getJson(baseUrl, '/healthz').then(
      (response) => response.status === 200,
      () => false,
    );
    if (healthy) return { child, baseUrl };
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`callscore serve did not start:\n${output.join('')}`);
    await sleep(100);
  }
}

/** Signs in as the admin that the first start created, and returns the session cookie and Origin headers. */
async function signInAsInitialAdmin(baseUrl: string): Promise<Record<string, string>> {
  const password = (await readFile(path.join(dataDir, 'initial-admin-password'), 'utf8')).trim();
  const response = await fetch(`${baseUrl}/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ email: 'admin@localhost', password }),
  });
  expect(response.status).toBe(200);
  // Only the service's user may read the file, and the log names the file, never the password.
  expect((await stat(path.join(dataDir, 'initial-admin-password'))).mode & 0o777).toBe(0o600);
  expect(output.join('')).toContain('initial-admin-password');
  expect(output.join('')).not.toContain(password);
  const cookie = response.headers.get('set-cookie')!.split(';', 1)[0]!;
  // Origin as a browser sends it, which writes authorized by the cookie need.
  return { cookie, origin: baseUrl };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

beforeAll(async () => {
  dataDir = await makeTempDir('shutdown-serve');
  modelsDir = await makeTempDir('models');
});

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('serve on SIGTERM', () => {
  it('exits 0 and the next start finishes the call', async () => {
    const first = await startServe();
    const transcript = JSON.stringify([{ speaker: 'rep', text: '我们保证百分之百满意。', startMs: 0, endMs: 70000 }]);
    const session = await signInAsInitialAdmin(first.baseUrl);
    const accepted = await upload(first.baseUrl, { content: Buffer.from(transcript), filename: 'call.json', type: 'application/json' }, {}, session);
    expect(accepted.status).toBe(202);

    first.child.kill('SIGTERM');
    expect(await exitOf(first.child)).toBe(0);
    expect(output.join('')).toContain('"msg":"stopped"');
    expect(output.join('')).not.toContain(session.cookie!.split('=')[1]!);

    const second = await startServe();
    // The session is stored in the database, so it outlives the restart.
    const call = await waitForCall(second.baseUrl, accepted.body.id, session);
    expect(call.status).toBe('scored');
    second.child.kill('SIGTERM');
    expect(await exitOf(second.child)).toBe(0);
  }, 180_000);
});
