/**
 * Upload retries with an existing call id: the same fields return the
 * existing call, while a different deal, rep, team or start time returns
 * 409 CS_ERR_CALL_ID_MISMATCH naming the field, in uploads and batch imports.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, startService, upload, type Service } from './helpers/harness.js';

let service: Service;

const CONTENT = Buffer.from(
  JSON.stringify([
    { speaker: 'rep', text: '您好，我想确认一下下周的安装时间。', startMs: 0, endMs: 4000 },
    { speaker: 'customer', text: '周三上午可以。', startMs: 4200, endMs: 7000 },
  ]),
);
const FIELDS = { callId: 'retry-1', dealId: 'D-RETRY', repId: 'R-RETRY', teamId: 'T-RETRY', startedAt: '2026-11-03T10:00:00+08:00' };

function send(fields: Record<string, string>, headers: Record<string, string> = { 'accept-language': 'en' }) {
  return upload(service.baseUrl, { content: CONTENT, filename: 'retry.json', type: 'application/json' }, fields, headers);
}

beforeAll(async () => {
  service = await startService({ modelsDir: await makeTempDir('models') });
  const first = await send(FIELDS);
  expect(first.status, JSON.stringify(first.body)).toBe(202);
});

afterAll(async () => {
  await service?.close();
});

describe('upload retry with a call id', () => {
  it('returns the call for the same fields', async () => {
    const retry = await send(FIELDS);
    expect([200, 202]).toContain(retry.status);
    expect(retry.body.id).toBe('retry-1');
  });

  it('accepts the same start time in another offset', async () => {
    const retry = await send({ ...FIELDS, startedAt: '2026-11-03T02:00:00Z' });
    expect([200, 202]).toContain(retry.status);
    expect(retry.body.id).toBe('retry-1');
  });

  const changes: Array<[string, string]> = [
    ['dealId', 'D-OTHER'],
    ['repId', 'R-OTHER'],
    ['teamId', 'T-OTHER'],
    ['startedAt', '2026-11-04T10:00:00+08:00'],
  ];
  for (const [field, value] of changes) {
    it(`rejects a different ${field}`, async () => {
      const retry = await send({ ...FIELDS, [field]: value });
      expect(retry.status).toBe(409);
      expect(retry.body.error.code).toBe('CS_ERR_CALL_ID_MISMATCH');
      expect(retry.body.error.message).toContain(field);
      expect(retry.body.error.message).toContain(value);
    });
  }

  it('names the field in Chinese', async () => {
    const retry = await send({ ...FIELDS, dealId: 'D-OTHER' }, { 'accept-language': 'zh-CN' });
    expect(retry.status).toBe(409);
    expect(retry.body.error.message).toContain('dealId 为 "D-RETRY"');
  });

  it('leaves the stored call unchanged', async () => {
    const response = await fetch(`${service.baseUrl}/v1/calls/retry-1`, { headers: service.authHeaders });
    const call = (await response.json()) as { dealId: string; repId: string };
    expect(call.dealId).toBe('D-RETRY');
    expect(call.repId).toBe('R-RETRY');
  });

  it('rejects a batch row with a different deal', async () => {
    const dir = await makeTempDir('retry-batch');
    const file = path.join(dir, 'retry.json');
    await writeFile(file, CONTENT);
    const manifest = `path,callId,dealId,repId,startedAt,teamId\n${file},retry-1,D-OTHER,R-RETRY,2026-11-03T10:00:00+08:00,T-RETRY\n`;
    const response = await fetch(`${service.baseUrl}/v1/batches`, {
      method: 'POST',
      headers: { ...service.authHeaders, 'content-type': 'application/json', 'accept-language': 'en' },
      body: JSON.stringify({ teamId: 'T-RETRY', manifest }),
    });
    const body = (await response.json()) as { rejected: Array<{ field: string; message?: string }> };
    expect(response.status).toBe(422);
    expect(body.rejected).toHaveLength(1);
    expect(body.rejected[0]!.field).toBe('dealId');
    expect(body.rejected[0]!.message).toContain('already exists with dealId "D-RETRY"');
  });
});
