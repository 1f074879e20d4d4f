/**
 * User administration rules: the last enabled admin cannot be demoted or
 * disabled, and these checks hold when two requests race.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeUser, createUser } from '../src/auth/accounts.js';
import { openDatabase } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { insertUser } from '../src/store/users.js';
import { createTestDatabase } from './helpers/services.js';
import { makeTempDir, startService, type Service } from './helpers/harness.js';

let service: Service;
let adminId = '';

async function send(method: string, url: string, json?: unknown, locale = 'en'): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { ...service.authHeaders, 'accept-language': locale };
  if (json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${service.baseUrl}${url}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

beforeAll(async () => {
  service = await startService({ modelsDir: await makeTempDir('models') });
  adminId = (await send('GET', '/v1/me')).body.id;
});

afterAll(async () => {
  await service?.close();
});

describe('last enabled admin', () => {
  it('rejects demoting the last admin', async () => {
    const response = await send('PATCH', `/v1/users/${adminId}`, { role: 'coach' });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('CS_ERR_LAST_ADMIN');
    expect(response.body.error.message).toContain(adminId);
    expect((await send('GET', '/v1/me')).body.role).toBe('admin');
  });

  it('rejects disabling the last admin', async () => {
    const response = await send('PATCH', `/v1/users/${adminId}`, { disabled: true }, 'zh-CN');
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('CS_ERR_LAST_ADMIN');
    expect(response.body.error.message).toContain('最后一个启用的管理员');
  });

  it('does not count a disabled admin', async () => {
    const other = await createUser(service.runtime.db, { email: 'second-admin@example.test', name: 'Second', role: 'admin', teamIds: [] });
    expect((await send('PATCH', `/v1/users/${other.id}`, { disabled: true })).status).toBe(200);
    const response = await send('PATCH', `/v1/users/${adminId}`, { role: 'manager' });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('CS_ERR_LAST_ADMIN');
  });

  it('allows demoting one of two admins', async () => {
    const other = await createUser(service.runtime.db, { email: 'third-admin@example.test', name: 'Third', role: 'admin', teamIds: [] });
    const response = await send('PATCH', `/v1/users/${other.id}`, { role: 'coach' });
    expect(response.status).toBe(200);
    expect(response.body.role).toBe('coach');
  });

  it('keeps one admin when two removals race', async () => {
    // PostgreSQL runs the two transactions at once, unlike PGlite, so only it can show the race.
    const database = await createTestDatabase();
    const db = await openDatabase({ databaseUrl: database.url, dataDir: await makeTempDir('race') });
    try {
      await migrate(db);
      const first = await createUser(db, { email: 'race-1@example.test', name: 'Race 1', role: 'admin', teamIds: [] });
      const second = await createUser(db, { email: 'race-2@example.test', name: 'Race 2', role: 'admin', teamIds: [] });
      for (let round = 0; round < 5; round++) {
        const results = await Promise.allSettled([
          changeUser(db, first.id, { disabled: true }),
          changeUser(db, second.id, { role: 'rep', repId: `R-RACE-${round}` }),
        ]);
        expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
        const rejected = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
        expect(rejected.reason.code).toBe('CS_ERR_LAST_ADMIN');
        const admins = await db.query<{ count: string }>("SELECT count(*) AS count FROM users WHERE role = 'admin' AND NOT disabled");
        expect(Number(admins[0]!.count)).toBe(1);
        // Restore both admins for the next round.
        await changeUser(db, first.id, { disabled: false, role: 'admin' });
        await changeUser(db, second.id, { disabled: false, role: 'admin' });
      }
    } finally {
      await db.close();
      await database.drop();
    }
  });
});

describe('rep id uniqueness', () => {
  it('rejects a second user with the rep id', async () => {
    const first = await send('POST', '/v1/users', { email: 'rep-one@example.test', name: 'Rep One', role: 'rep', teamIds: ['A'], repId: 'R-SHARED' });
    expect(first.status).toBe(201);
    const second = await send('POST', '/v1/users', { email: 'rep-two@example.test', name: 'Rep Two', role: 'rep', teamIds: ['B'], repId: 'R-SHARED' });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('CS_ERR_REP_ID_TAKEN');
    expect(second.body.error.message).toContain('"R-SHARED"');
    const users = (await send('GET', '/v1/users')).body.users as Array<{ email: string }>;
    expect(users.map((user) => user.email)).not.toContain('rep-two@example.test');
  });

  it('rejects changing a user to a taken rep id', async () => {
    const other = await send('POST', '/v1/users', { email: 'rep-three@example.test', name: 'Rep Three', role: 'rep', teamIds: ['B'], repId: 'R-THREE' });
    expect(other.status).toBe(201);
    const response = await send('PATCH', `/v1/users/${other.body.id}`, { repId: 'R-SHARED' }, 'zh-CN');
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('CS_ERR_REP_ID_TAKEN');
    expect(response.body.error.message).toContain('销售编号 "R-SHARED"');
  });

  it('accepts a user keeping their own rep id', async () => {
    const users = (await send('GET', '/v1/users')).body.users as Array<{ id: string; email: string }>;
    const owner = users.find((user) => user.email === 'rep-one@example.test')!;
    const response = await send('PATCH', `/v1/users/${owner.id}`, { repId: 'R-SHARED', name: 'Rep One Renamed' });
    expect(response.status).toBe(200);
    expect(response.body.name).toBe('Rep One Renamed');
  });

  it('enforces the rep id in the database', async () => {
    // Bypasses the check in createUser, so only the unique index can reject the row.
    const insert = service.runtime.db.transaction((tx) =>
      insertUser(tx, { email: 'rep-direct@example.test', name: 'Direct', role: 'rep', teamIds: [], repId: 'R-SHARED', passwordHash: null }),
    );
    await expect(insert).rejects.toMatchObject({ code: '23505' });
  });
});
