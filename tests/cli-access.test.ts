/** `callscore users add` and `callscore keys create|revoke` against an embedded database. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config/config.js';
import { hashToken } from '../src/auth/tokens.js';
import { verifyPassword } from '../src/auth/password.js';
import { openDatabase } from '../src/store/db.js';
import { makeTempDir } from './helpers/harness.js';

const CLI = path.join(PROJECT_ROOT, 'bin/callscore.js');

function callscore(args: string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const { DATABASE_URL: _database, ...inherited } = process.env;
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...inherited, LOG_LEVEL: 'warn', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('callscore users and keys', () => {
  it('creates an admin, a key, and revokes it', async () => {
    const dataDir = await makeTempDir('cli-access');
    const env = { CALLSCORE_DATA_DIR: dataDir, LANG: 'en_US.UTF-8' };

    const added = await callscore(['users', 'add', '--email', 'Boss@Example.test', '--name', 'Boss', '--role', 'admin', '--team', 'A', '--team', 'B', '--password-stdin'], env, 'a long enough password\n');
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^created user boss@example\.test \(admin\), id usr_/);
    expect(added.stdout).not.toContain('a long enough password');

    const created = await callscore(['keys', 'create', '--email', 'boss@example.test', '--name', 'ci'], { ...env, LANG: 'zh_CN.UTF-8' });
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('已为 boss@example.test 创建 API 密钥');
    const [, keyLine] = created.stdout.trim().split('\n');
    expect(keyLine).toMatch(/^cs_[A-Za-z0-9_-]{43}$/);
    const keyId = /key_[0-9a-f-]{36}/.exec(created.stdout)![0];

    const revoked = await callscore(['keys', 'revoke', keyId], env);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout.trim()).toBe(`revoked API key ${keyId}`);

    const db = await openDatabase({ dataDir });
    try {
      const [user] = await db.query<{ id: string; password_hash: string; team_count: number }>(
        "SELECT id, password_hash, (SELECT count(*)::int FROM user_teams t WHERE t.user_id = users.id) AS team_count FROM users WHERE email = 'boss@example.test'",
      );
      expect(await verifyPassword('a long enough password', user!.password_hash)).toBe(true);
      expect(user!.team_count).toBe(2);
      const [key] = await db.query<{ secret_hash: string; revoked_at: Date | null }>('SELECT secret_hash, revoked_at FROM api_keys WHERE id = $1', [keyId]);
      expect(key!.secret_hash).toBe(hashToken(keyLine!));
      expect(key!.revoked_at).not.toBeNull();
    } finally {
      await db.close();
    }
  }, 120_000);

  it('prints a generated password once', async () => {
    const dataDir = await makeTempDir('cli-access');
    const result = await callscore(['users', 'add', '--email', 'coach@example.test', '--name', 'Coach', '--role', 'coach'], { CALLSCORE_DATA_DIR: dataDir, LANG: 'en_US.UTF-8' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/generated password \(shown only now\): [A-Za-z0-9_-]{24}\n$/);
  }, 60_000);

  it('rejects a rep without a rep id', async () => {
    const dataDir = await makeTempDir('cli-access');
    const result = await callscore(['users', 'add', '--email', 'rep@example.test', '--name', 'Rep', '--role', 'rep'], { CALLSCORE_DATA_DIR: dataDir, LANG: 'en_US.UTF-8' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^CS_ERR_REP_ID_REQUIRED: /);
  }, 60_000);
});
