/**
 * Two processes on one PGlite data folder: while `callscore serve` has it
 * open, the CLI and this test process fail at once with
 * CS_ERR_DATABASE_IN_USE; after the server stops, the CLI works again.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config/config.js';
import { isCallscoreError } from '../src/errors/registry.js';
import { openDatabase } from '../src/store/db.js';
import { LOCK_FILE_NAME } from '../src/store/db-lock.js';
import { processIdentity } from '../src/store/process-identity.js';
import { getJson, makeTempDir } from './helpers/harness.js';
import { freePort } from './helpers/ports.js';

const CLI = path.join(PROJECT_ROOT, 'bin/callscore.js');
const children: ChildProcess[] = [];

function inheritedEnv(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _database, REDIS_URL: _redis, ...inherited } = process.env;
  return inherited;
}

function callscore(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...inheritedEnv(), LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function startServe(dataDir: string, modelsDir: string): Promise<ChildProcess> {
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(process.execPath, [CLI, 'serve', '--port', String(port)], {
    env: { ...inheritedEnv(), CALLSCORE_DATA_DIR: dataDir, CALLSCORE_MODELS_DIR: modelsDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  children.push(child);

  const baseUrl = `http://127.0.0.1:${port}`;
  for (;;) {
    const healthy = await getJson(baseUrl, '/healthz').then(
      (response) => response.status === 200,
      () => false,
    );
    if (healthy) return child;
    if (child.exitCode !== null) throw new Error(`callscore serve did not start:\n${output.join('')}`);
    await sleep(100);
  }
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('PGlite folder lock', () => {
  it('rejects a second process while serve runs', async () => {
    const dataDir = await makeTempDir('db-lock');
    const modelsDir = await makeTempDir('models');
    const dbDir = path.join(dataDir, 'db');
    const server = await startServe(dataDir, modelsDir);
    expect(existsSync(path.join(dbDir, LOCK_FILE_NAME))).toBe(true);

    const english = await callscore(['keys', 'create', '--email', 'admin@localhost', '--name', 'ci'], { CALLSCORE_DATA_DIR: dataDir, LANG: 'en_US.UTF-8' });
    expect(english.code).toBe(1);
    expect(english.stdout).toBe('');
    expect(english.stderr).toMatch(/^CS_ERR_DATABASE_IN_USE: /);
    expect(english.stderr).toContain(dbDir);
    expect(english.stderr).toContain(`pid ${server.pid}`);
    expect(english.stderr).toContain('POST /v1/api-keys');
    expect(english.stderr).toContain('DATABASE_URL');

    const chinese = await callscore(['users', 'add', '--email', 'coach@example.test', '--name', 'Coach', '--role', 'coach'], { CALLSCORE_DATA_DIR: dataDir, LANG: 'zh_CN.UTF-8' });
    expect(chinese.code).toBe(1);
    expect(chinese.stderr).toMatch(/^CS_ERR_DATABASE_IN_USE: /);
    expect(chinese.stderr).toContain('嵌入式数据库');
    expect(chinese.stderr).toContain(dbDir);

    // This test process does not own the lock, so its own open is rejected too.
    const inProcess = await openDatabase({ dataDir }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(isCallscoreError(inProcess, 'CS_ERR_DATABASE_IN_USE')).toBe(true);

    server.kill('SIGTERM');
    expect(await exitOf(server)).toBe(0);
    expect(existsSync(path.join(dbDir, LOCK_FILE_NAME))).toBe(false);

    const afterStop = await callscore(['keys', 'create', '--email', 'admin@localhost', '--name', 'ci'], { CALLSCORE_DATA_DIR: dataDir, LANG: 'en_US.UTF-8' });
    expect(afterStop.stderr).toBe('');
    expect(afterStop.code).toBe(0);
    expect(afterStop.stdout).toMatch(/\ncs_[A-Za-z0-9_-]{43}\n$/);
  }, 120_000);

  it('replaces a lock whose process has ended', async () => {
    const dataDir = await makeTempDir('db-lock');
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(ended.stdout);
    expect(deadPid).toBeGreaterThan(0);

    const first = await openDatabase({ dataDir });
    await first.close();
    await writeFile(path.join(dataDir, 'db', LOCK_FILE_NAME), `${deadPid}\n`);

    const db = await openDatabase({ dataDir });
    try {
      const [row] = await db.query<{ one: number }>('SELECT 1 AS one');
      expect(row!.one).toBe(1);
    } finally {
      await db.close();
    }
    expect(existsSync(path.join(dataDir, 'db', LOCK_FILE_NAME))).toBe(false);
  }, 60_000);
  it('replaces a lock naming this pid', async () => {
    // A container's PID 1 finds the lock its dead predecessor, also PID 1, left behind.
    const dataDir = await makeTempDir('db-lock');
    const first = await openDatabase({ dataDir });
    await first.close();
    await writeFile(path.join(dataDir, 'db', LOCK_FILE_NAME), `${process.pid}\n`);

    const db = await openDatabase({ dataDir });
    try {
      const [row] = await db.query<{ one: number }>('SELECT 1 AS one');
      expect(row!.one).toBe(1);

      // While this process holds the folder, its own second open is still rejected.
      const second = await openDatabase({ dataDir }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(isCallscoreError(second, 'CS_ERR_DATABASE_IN_USE')).toBe(true);
    } finally {
      await db.close();
    }
  }, 60_000);

  it('replaces a lock whose pid was reused', async () => {
    const dataDir = await makeTempDir('db-lock');
    const first = await openDatabase({ dataDir });
    await first.close();
    const lockPath = path.join(dataDir, 'db', LOCK_FILE_NAME);

    const unrelated = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    children.push(unrelated);
    await new Promise((resolve) => unrelated.once('spawn', resolve));
    const identity = processIdentity(unrelated.pid!);
    expect(identity).not.toBeNull();

    // The lock names the live pid, but the identity of the process that wrote it.
    await writeFile(lockPath, `${unrelated.pid}\nboot:${identity!.split(' ')[0]!.slice(5)} start:1\n`);
    const db = await openDatabase({ dataDir });
    await db.close();

    // With the live process's own identity the lock is held.
    await writeFile(lockPath, `${unrelated.pid}\n${identity}\n`);
    const held = await openDatabase({ dataDir }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(isCallscoreError(held, 'CS_ERR_DATABASE_IN_USE')).toBe(true);
    unrelated.kill('SIGKILL');
  }, 60_000);

  it('gives a stale lock to one of racing processes', async () => {
    const dir = await makeTempDir('db-lock-race');
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await writeFile(path.join(dir, LOCK_FILE_NAME), `${Number(ended.stdout)}\n`);

    const holder = path.join(PROJECT_ROOT, 'tests/helpers/lock-holder.ts');
    const racers = Array.from({ length: 6 }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', holder, dir], { stdio: ['pipe', 'pipe', 'inherit'] });
      children.push(child);
      return child;
    });
    const results = await Promise.all(
      racers.map(
        (child) =>
          new Promise<string>((resolve) => {
            let output = '';
            child.stdout!.on('data', (chunk: Buffer) => {
              output += chunk.toString();
              if (output.endsWith('\n')) resolve(output.trim());
            });
          }),
      ),
    );
    for (const child of racers) child.stdin!.end();
    await Promise.all(racers.map(exitOf));

    expect(results.filter((result) => result === 'held')).toHaveLength(1);
    expect(results.filter((result) => result === 'CS_ERR_DATABASE_IN_USE')).toHaveLength(5);
  }, 60_000);

  it('reports a directory at the lock path', async () => {
    const dataDir = await makeTempDir('db-lock');
    const lockPath = path.join(dataDir, 'db', LOCK_FILE_NAME);
    await mkdir(lockPath, { recursive: true });

    const english = await callscore(['keys', 'create', '--email', 'admin@localhost', '--name', 'ci'], { CALLSCORE_DATA_DIR: dataDir, LANG: 'en_US.UTF-8' });
    expect(english.code).toBe(1);
    expect(english.stderr).toMatch(/^CS_ERR_DATABASE_LOCK_INVALID: /);
    expect(english.stderr).toContain(lockPath);
    expect(english.stderr).not.toContain('EISDIR');

    const chinese = await callscore(['keys', 'create', '--email', 'admin@localhost', '--name', 'ci'], { CALLSCORE_DATA_DIR: dataDir, LANG: 'zh_CN.UTF-8' });
    expect(chinese.stderr).toMatch(/^CS_ERR_DATABASE_LOCK_INVALID: /);
    expect(chinese.stderr).toContain('请删除该目录');
  }, 60_000);
});
