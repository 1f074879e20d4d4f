/**
 * Uploads and batch imports that collide with a call outside the caller's
 * scope: a recording already in the deal, or a call id already used. The
 * error must not name or describe the other call (its id or its hash).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createUser } from '../src/auth/accounts.js';
import { makeTempDir, startService, upload, type Service } from './helpers/harness.js';

let service: Service;
let importDir: string;
const keys = { manager: '', repOwner: '' };

function transcript(tag: string): Buffer {
  return Buffer.from(
    JSON.stringify([
      { speaker: 'customer', text: `Can you deliver the pilot by May (${tag})?`, startMs: 0, endMs: 2500 },
      { speaker: 'rep', text: 'I will send the pilot plan on Monday.', startMs: 2600, endMs: 5000 },
    ]),
  );
}

function uploadAs(key: string, tag: string, fields: Record<string, string>): Promise<{ status: number; body: any }> {
  return upload(
    service.baseUrl,
    { content: transcript(tag), filename: `${tag}.json`, type: 'application/json' },
    fields,
    { authorization: `Bearer ${key}`, 'accept-language': 'en' },
  );
}

async function importAs(key: string, manifest: string, teamId: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${service.baseUrl}/v1/batches`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'accept-language': 'en' },
    body: JSON.stringify({ manifest, teamId }),
  });
  return { status: response.status, body: await response.json() };
}

async function writeTranscript(tag: string): Promise<string> {
  const file = path.join(importDir, `${tag}.json`);
  await writeFile(file, transcript(tag));
  return file;
}

async function batchesOfCall(callId: string): Promise<number> {
  const rows = await service.runtime.db.query<{ n: number }>('SELECT count(*)::int AS n FROM batch_items WHERE call_id = $1', [callId]);
  return rows[0]!.n;
}

beforeAll(async () => {
  service = await startService({ modelsDir: await makeTempDir('models') });
  importDir = await makeTempDir('upload-scope-import');
  const db = service.runtime.db;
  const manager = await createUser(db, { email: 'scope-manager@example.test', name: 'Manager A', role: 'manager', teamIds: ['A'] });
  const repOwner = await createUser(db, { email: 'scope-rep@example.test', name: 'Rep A1', role: 'rep', teamIds: ['A'], repId: 'R-A1' });
  keys.manager = (await createApiKey(db, manager.id, 'scope')).key;
  keys.repOwner = (await createApiKey(db, repOwner.id, 'scope')).key;

  // Deal D-S belongs to rep R-A1 of team A, and contains a call of rep R-A2 and a call of team B.
  const deal = await fetch(`${service.baseUrl}/v1/deals/D-S`, {
    method: 'PUT',
    headers: { ...service.authHeaders, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Shared deal', ownerRepId: 'R-A1', teamId: 'A', stage: 'proposal', outcome: 'open' }),
  });
  expect(deal.status).toBe(200);
  expect((await uploadAs(service.adminKey, 'other-rep', { callId: 'call-other-rep', dealId: 'D-S', repId: 'R-A2', teamId: 'A' })).status).toBe(202);
  expect((await uploadAs(service.adminKey, 'other-team', { callId: 'call-other-team', dealId: 'D-S', repId: 'R-B1', teamId: 'B' })).status).toBe(202);
});

afterAll(async () => {
  await service?.close();
});

describe('duplicate recording out of scope', () => {
  it('hides the call id from a rep', async () => {
    const response = await uploadAs(keys.repOwner, 'other-rep', { dealId: 'D-S', repId: 'R-A1', teamId: 'A' });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('CS_ERR_DUPLICATE_RECORDING');
    expect(response.body.error.message).toContain('"D-S"');
    expect(response.body.error.message).not.toContain('call-other-rep');
  });

  it('hides the call id from a manager', async () => {
    const response = await uploadAs(keys.manager, 'other-team', { dealId: 'D-S', repId: 'R-A1', teamId: 'A' });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('CS_ERR_DUPLICATE_RECORDING');
    expect(response.body.error.message).not.toContain('call-other-team');
  });

  it('hides the call id in Chinese too', async () => {
    const response = await upload(
      service.baseUrl,
      { content: transcript('other-rep'), filename: 'other-rep.json', type: 'application/json' },
      { dealId: 'D-S', repId: 'R-A1', teamId: 'A' },
      { authorization: `Bearer ${keys.repOwner}`, 'accept-language': 'zh-CN' },
    );
    expect(response.status).toBe(409);
    expect(response.body.error.message).toContain('商机 "D-S"');
    expect(response.body.error.message).not.toContain('call-other-rep');
  });

  it('names the call id when in scope', async () => {
    const response = await uploadAs(keys.manager, 'other-rep', { dealId: 'D-S', repId: 'R-A1', teamId: 'A' });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('CS_ERR_DUPLICATE_RECORDING');
    expect(response.body.error.message).toContain('"call-other-rep"');
  });

  it('creates no call on rejection', async () => {
    const rows = await service.runtime.db.query<{ n: number }>("SELECT count(*)::int AS n FROM calls WHERE deal_id = 'D-S'");
    expect(rows[0]!.n).toBe(2);
  });
});

describe('batch import of an out-of-scope call id', () => {
  it('rejects the same content as a taken id', async () => {
    const file = await writeTranscript('other-team');
    const manifest = `path,dealId,repId,startedAt,callId\n${file},D-S,R-A1,2026-11-03T10:00:00+08:00,call-other-team\n`;
    const response = await importAs(keys.manager, manifest, 'A');
    expect(response.status).toBe(422);
    expect(response.body.rejected).toHaveLength(1);
    expect(response.body.rejected[0].field).toBe('callId');
    expect(response.body.rejected[0].message).toContain('Call id "call-other-team" is already in use');
    expect(response.body.rejected[0].message).not.toContain('..');
    expect(await batchesOfCall('call-other-team')).toBe(0);
  });

  it('rejects other content without its hash', async () => {
    const file = await writeTranscript('fresh-content');
    const manifest = `path,dealId,repId,startedAt,callId\n${file},D-S,R-A1,2026-11-03T10:00:00+08:00,call-other-team\n`;
    const response = await importAs(keys.manager, manifest, 'A');
    expect(response.status).toBe(422);
    expect(response.body.rejected[0].field).toBe('callId');
    expect(response.body.rejected[0].message).toContain('Call id "call-other-team" is already in use');
    expect(response.body.rejected[0].message).not.toMatch(/[0-9a-f]{64}/);
  });

  it('imports the good rows beside it', async () => {
    const taken = await writeTranscript('other-team');
    const fresh = await writeTranscript('batch-fresh');
    const manifest = [
      'path,dealId,repId,startedAt,callId',
      `${taken},D-S,R-A1,2026-11-03T10:00:00+08:00,call-other-team`,
      `${fresh},D-S,R-A1,2026-11-03T10:00:00+08:00,call-batch-fresh`,
      '',
    ].join('\n');
    const response = await importAs(keys.manager, manifest, 'A');
    expect(response.status).toBe(202);
    expect(response.body.created).toBe(1);
    expect(response.body.alreadyImported).toBe(0);
    expect(response.body.rejected.map((row: any) => row.line)).toEqual([2]);
    expect(await batchesOfCall('call-other-team')).toBe(0);
    expect(await batchesOfCall('call-batch-fresh')).toBe(1);
  });

  it('rejects a taken id derived from the file', async () => {
    const file = await writeTranscript('derived-id');
    const adminImport = await importAs(service.adminKey, `path,dealId,repId,startedAt,teamId\n${file},D-B-derived,R-B1,2026-11-03T10:00:00+08:00,B\n`, 'B');
    expect(adminImport.status).toBe(202);
    expect(adminImport.body.created).toBe(1);

    const response = await importAs(keys.manager, `path,dealId,repId,startedAt\n${file},D-S,R-A1,2026-11-03T10:00:00+08:00\n`, 'A');
    expect(response.status).toBe(422);
    expect(response.body.rejected[0].field).toBe('path');
    expect(response.body.rejected[0].message).toMatch(/Call id "sha-[0-9a-f]{32}" is already in use/);
  });

  it('still lets an admin attach the call', async () => {
    const file = await writeTranscript('other-team');
    const manifest = `path,dealId,repId,startedAt,callId,teamId\n${file},D-S,R-B1,2026-11-03T10:00:00+08:00,call-other-team,B\n`;
    const response = await importAs(service.adminKey, manifest, 'B');
    expect(response.status).toBe(202);
    expect(response.body.alreadyImported).toBe(1);
  });
});
