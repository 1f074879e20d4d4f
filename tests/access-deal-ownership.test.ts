/**
 * Deal ownership: uploads and batch imports may only add calls to a deal
 * the caller may write, a rep sees only the deals they own, and a rep's deal
 * reads (score, fulfillment, calibration) draw on their own calls only.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createUser } from '../src/auth/accounts.js';
import { makeTempDir, startService, waitForCall, type Service } from './helpers/harness.js';

let service: Service;
const keys: Record<string, string> = {};

const OTHER_SENTENCE = '远程诊断响应不能超过十五分钟，这是其他销售的通话内容。';

function transcript(customerText: string): Buffer {
  return Buffer.from(
    JSON.stringify([
      { speaker: 'rep', text: '王经理您好，今天想了解一下你们设备运维的情况。', startMs: 0, endMs: 4000 },
      { speaker: 'customer', text: customerText, startMs: 4200, endMs: 12000 },
      { speaker: 'rep', text: '好的，我周三下午三点前把方案和报价发给您。', startMs: 12200, endMs: 20000 },
    ]),
  );
}

async function send(key: string, method: string, url: string, options: { json?: unknown; form?: FormData; locale?: string } = {}) {
  const headers: Record<string, string> = { 'accept-language': options.locale ?? 'en', authorization: `Bearer ${key}` };
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await fetch(`${service.baseUrl}${url}`, { method, headers, body });
  const text = await response.text();
  return { status: response.status, text, body: text ? JSON.parse(text) : null };
}

function uploadTo(key: string, fields: Record<string, string>, customerText = '产线一停机就影响OEE。', locale = 'en') {
  const form = new FormData();
  for (const [name, value] of Object.entries({ startedAt: '2026-11-03T10:00:00+08:00', ...fields })) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(transcript(customerText))], { type: 'application/json' }), `${fields.callId ?? 'call'}.json`);
  return send(key, 'POST', '/v1/calls', { form, locale });
}

async function uploadScored(key: string, fields: Record<string, string>, customerText?: string): Promise<void> {
  const response = await uploadTo(key, fields, customerText);
  expect(response.status, response.text).toBe(202);
  const call = await waitForCall(service.baseUrl, response.body.id);
  expect(call.status).toBe('scored');
}

beforeAll(async () => {
  service = await startService({ modelsDir: await makeTempDir('models') });
  keys.admin = service.adminKey;
  const db = service.runtime.db;
  const people: Array<[string, Parameters<typeof createUser>[1]]> = [
    ['manager', { email: 'own-manager-a@example.test', name: 'Manager A', role: 'manager', teamIds: ['A'] }],
    ['repA1', { email: 'own-rep-a1@example.test', name: 'Rep A1', role: 'rep', teamIds: ['A'], repId: 'R-A1' }],
    ['repA2', { email: 'own-rep-a2@example.test', name: 'Rep A2', role: 'rep', teamIds: ['A'], repId: 'R-A2' }],
  ];
  for (const [name, input] of people) keys[name] = (await createApiKey(db, (await createUser(db, input)).id, 'ownership')).key;

  // A registered deal of rep A2, and a calls-only deal of team B.
  const put = await send(keys.admin!, 'PUT', '/v1/deals/D-ROW', { json: { name: 'Row deal', ownerRepId: 'R-A2', teamId: 'A', stage: 'proposal', outcome: 'open' } });
  expect(put.status, put.text).toBe(200);
  await uploadScored(keys.admin!, { callId: 'own-b1', dealId: 'D-CALLS', repId: 'R-B1', teamId: 'B' });
});

afterAll(async () => {
  await service?.close();
});

describe('upload deal ownership', () => {
  it('rejects a rep upload to another rep’s deal', async () => {
    const response = await uploadTo(keys.repA1!, { callId: 'own-x1', dealId: 'D-ROW', repId: 'R-A1', teamId: 'A' });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('CS_ERR_DEAL_ID_TAKEN');
    expect(response.body.error.message).toContain('"D-ROW"');
    expect(response.body.error.message).not.toContain('R-A2');
  });

  it('rejects a rep upload to a calls-only deal of another rep', async () => {
    const response = await uploadTo(keys.repA1!, { callId: 'own-x2', dealId: 'D-CALLS', repId: 'R-A1', teamId: 'A' }, undefined, 'zh-CN');
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('CS_ERR_DEAL_ID_TAKEN');
    expect(response.body.error.message).toContain('商机编号 "D-CALLS"');
    expect(response.body.error.message).not.toContain('B');
  });

  it('creates no call for a rejected upload', async () => {
    const response = await send(keys.admin!, 'GET', '/v1/calls/own-x1');
    expect(response.status).toBe(404);
  });

  it('rejects a manager upload to another team’s deal', async () => {
    const response = await uploadTo(keys.manager!, { callId: 'own-x3', dealId: 'D-CALLS', repId: 'R-A1', teamId: 'A' });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('CS_ERR_DEAL_ID_TAKEN');
  });

  it('gives a new deal id to the first uploader', async () => {
    await uploadScored(keys.repA1!, { callId: 'own-a1', dealId: 'D-NEW', repId: 'R-A1', teamId: 'A' });
    const again = await uploadTo(keys.repA1!, { callId: 'own-a1b', dealId: 'D-NEW', repId: 'R-A1', teamId: 'A' }, '第二通电话。');
    expect(again.status, again.text).toBe(202);
    const other = await uploadTo(keys.repA2!, { callId: 'own-a2x', dealId: 'D-NEW', repId: 'R-A2', teamId: 'A' });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('CS_ERR_DEAL_ID_TAKEN');
  });

  it('lets a manager add a call to a deal of their team', async () => {
    await uploadScored(keys.manager!, { callId: 'own-a2', dealId: 'D-NEW', repId: 'R-A2', teamId: 'A' }, OTHER_SENTENCE);
    await uploadScored(keys.manager!, { callId: 'own-row-a2', dealId: 'D-ROW', repId: 'R-A2', teamId: 'A' });
  });

  it('rejects a manager batch row for another team’s deal', async () => {
    const dir = await makeTempDir('ownership-batch');
    const file = path.join(dir, 'row.json');
    await writeFile(file, transcript('批量导入的通话。'));
    const manifest = `path,dealId,repId,startedAt,teamId\n${file},D-CALLS,R-A1,2026-11-03T10:00:00+08:00,A\n`;
    const response = await send(keys.manager!, 'POST', '/v1/batches', { json: { teamId: 'A', manifest } });
    expect(response.status, response.text).toBe(422);
    expect(response.body.rejected).toHaveLength(1);
    expect(response.body.rejected[0].field).toBe('dealId');
    expect(JSON.stringify(response.body.rejected[0])).toContain('D-CALLS');
  });
});

describe('rep deal reads', () => {
  it('hides a deal the rep does not own', async () => {
    // Rep A2 has a call in D-NEW, but rep A1 owns it.
    const score = await send(keys.repA2!, 'GET', '/v1/deals/D-NEW/score');
    expect(score.status).toBe(404);
  });

  it('scores an own deal from own calls only', async () => {
    const score = await send(keys.repA1!, 'GET', '/v1/deals/D-NEW/score');
    expect(score.status, score.text).toBe(200);
    expect(score.body.calls.total).toBe(2);
    expect(score.text).not.toContain('own-a2"');
  });

  it('shows the manager every call of the deal', async () => {
    const score = await send(keys.manager!, 'GET', '/v1/deals/D-NEW/score');
    expect(score.status, score.text).toBe(200);
    expect(score.body.calls.total).toBe(3);
  });

  it('hides other reps’ calls from fulfillment and calibration', async () => {
    const put = await send(keys.admin!, 'PUT', '/v1/deals/D-NEW', { json: { name: 'New deal', ownerRepId: 'R-A1', teamId: 'A', stage: 'proposal', outcome: 'won' } });
    expect(put.status, put.text).toBe(200);
    const contract = await send(keys.admin!, 'PUT', '/v1/deals/D-NEW/contract', { json: { text: '远程诊断响应时间不超过2小时。' } });
    expect(contract.status, contract.text).toBe(200);

    const managerView = await send(keys.manager!, 'GET', '/v1/deals/D-NEW/fulfillment');
    expect(managerView.status).toBe(200);
    // The manager's report quotes rep A2's call, so the rep's report below is a real check.
    expect(managerView.text).toContain('own-a2"');

    const fulfillment = await send(keys.repA1!, 'GET', '/v1/deals/D-NEW/fulfillment');
    expect(fulfillment.status, fulfillment.text).toBe(200);
    expect(fulfillment.text).not.toContain('own-a2"');
    expect(fulfillment.text).not.toContain('其他销售');

    const calibration = await send(keys.repA1!, 'GET', '/v1/deals/D-NEW/calibration');
    expect(calibration.status, calibration.text).toBe(200);
    expect(calibration.text).not.toContain('own-a2"');
  });
});

describe('deal team on PUT without teamId', () => {
  it('keeps the team of an existing deal', async () => {
    const response = await send(keys.manager!, 'PUT', '/v1/deals/D-ROW', { json: { name: 'Row deal renamed', ownerRepId: 'R-A2', stage: 'negotiation' } });
    expect(response.status, response.text).toBe(200);
    expect(response.body.teamId).toBe('A');

    const stored = await service.runtime.db.query<{ team_id: string; name: string }>('SELECT team_id, name FROM deals WHERE id = $1', ['D-ROW']);
    expect(stored[0]!.team_id).toBe('A');
    expect(stored[0]!.name).toBe('Row deal renamed');
  });

  it('gives a calls-only deal its calls’ team', async () => {
    const response = await send(keys.admin!, 'PUT', '/v1/deals/D-CALLS', { json: { name: 'Calls deal', ownerRepId: 'R-B1', stage: 'proposal' } });
    expect(response.status, response.text).toBe(200);
    expect(response.body.teamId).toBe('B');

    const stored = await service.runtime.db.query<{ team_id: string }>('SELECT team_id FROM deals WHERE id = $1', ['D-CALLS']);
    expect(stored[0]!.team_id).toBe('B');
  });

  it('puts a deal without calls in team default', async () => {
    const response = await send(keys.admin!, 'PUT', '/v1/deals/D-EMPTY', { json: { name: 'Empty deal', ownerRepId: 'R-A1', stage: 'lead' } });
    expect(response.status, response.text).toBe(200);
    expect(response.body.teamId).toBe('default');
  });

  it('rejects a manager creating a deal outside their teams', async () => {
    const response = await send(keys.manager!, 'PUT', '/v1/deals/D-EMPTY-2', { json: { name: 'Empty deal', ownerRepId: 'R-A1', stage: 'lead' } });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('CS_ERR_FORBIDDEN');
    expect(response.body.error.message).toContain('"default"');
  });
});
