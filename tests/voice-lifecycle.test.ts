/**
 * Voice profiles across user changes: a new rep id carries the profile with
 * it, removing the rep id deletes it, and an admin can read and delete a
 * profile whose rep id no user has.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/auth/accounts.js';
import { getRepVoice, upsertRepVoice } from '../src/store/rep-voices.js';
import { makeTempDir, startService, type Service } from './helpers/harness.js';

let service: Service;
let adminId = '';

async function send(method: string, url: string, json?: unknown): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { ...service.authHeaders, 'accept-language': 'en' };
  if (json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${service.baseUrl}${url}`, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

function enrol(repId: string, seconds = 12): Promise<unknown> {
  const profile = { method: 'spectral' as const, bands: 2, centre: [0.5, 0.5], prints: [[0.5, 0.5]] };
  return service.runtime.db.transaction((tx) => upsertRepVoice(tx, { repId, profile, seconds, segments: 1, enrolledBy: adminId }));
}

beforeAll(async () => {
  service = await startService({ modelsDir: await makeTempDir('models') });
  adminId = (await send('GET', '/v1/me')).body.id;
});

afterAll(async () => {
  await service?.close();
});

describe('voice profile on rep id change', () => {
  it('moves the profile to the new rep id', async () => {
    const user = await createUser(service.runtime.db, { email: 'voice-move@example.test', name: 'Mover', role: 'rep', teamIds: ['A'], repId: 'R-OLD' });
    await enrol('R-OLD');

    const response = await send('PATCH', `/v1/users/${user.id}`, { repId: 'R-NEW' });
    expect(response.status).toBe(200);
    expect(await getRepVoice(service.runtime.db, 'R-OLD')).toBeNull();
    expect((await getRepVoice(service.runtime.db, 'R-NEW'))?.seconds).toBe(12);
  });

  it('replaces a userless profile at the new rep id', async () => {
    const user = await createUser(service.runtime.db, { email: 'voice-replace@example.test', name: 'Replacer', role: 'rep', teamIds: ['A'], repId: 'R-MINE' });
    await enrol('R-MINE', 20);
    await enrol('R-ORPHAN', 5);

    const response = await send('PATCH', `/v1/users/${user.id}`, { repId: 'R-ORPHAN' });
    expect(response.status).toBe(200);
    expect(await getRepVoice(service.runtime.db, 'R-MINE')).toBeNull();
    expect((await getRepVoice(service.runtime.db, 'R-ORPHAN'))?.seconds).toBe(20);
  });

  it('deletes the profile when the rep id is removed', async () => {
    const user = await createUser(service.runtime.db, { email: 'voice-drop@example.test', name: 'Dropper', role: 'rep', teamIds: ['A'], repId: 'R-DROP' });
    await enrol('R-DROP');

    const response = await send('PATCH', `/v1/users/${user.id}`, { role: 'coach', repId: null });
    expect(response.status).toBe(200);
    expect(await getRepVoice(service.runtime.db, 'R-DROP')).toBeNull();
  });

  it('keeps the profile when the change fails', async () => {
    await createUser(service.runtime.db, { email: 'voice-holder@example.test', name: 'Holder', role: 'rep', teamIds: ['A'], repId: 'R-HELD' });
    const user = await createUser(service.runtime.db, { email: 'voice-keep@example.test', name: 'Keeper', role: 'rep', teamIds: ['A'], repId: 'R-KEEP' });
    await enrol('R-KEEP');

    const response = await send('PATCH', `/v1/users/${user.id}`, { repId: 'R-HELD' });
    expect(response.status).toBe(409);
    expect((await getRepVoice(service.runtime.db, 'R-KEEP'))?.seconds).toBe(12);
  });
});

describe('profile without a user', () => {
  it('lets an admin read and delete it', async () => {
    await enrol('R-GONE', 7);

    const read = await send('GET', '/v1/reps/R-GONE/voice');
    expect(read.status).toBe(200);
    expect(read.body.seconds).toBe(7);

    const deleted = await send('DELETE', '/v1/reps/R-GONE/voice');
    expect(deleted.status).toBe(200);
    expect(deleted.body.deleted).toBe(true);
    expect(await getRepVoice(service.runtime.db, 'R-GONE')).toBeNull();
  });

  it('returns 404 without profile or user', async () => {
    const response = await send('GET', '/v1/reps/R-NEVER/voice');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('CS_ERR_REP_NOT_FOUND');
  });
});
