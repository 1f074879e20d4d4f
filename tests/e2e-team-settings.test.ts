/** Versioned team settings through the API, and their effect on analysis of that team's calls. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, makeTempDir, startService, upload, waitForCall, type Service } from './helpers/harness.js';

let service: Service;

async function putSettings(teamId: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${service.baseUrl}/v1/teams/${teamId}/settings`, {
    method: 'PUT',
    headers: { ...service.authHeaders, 'content-type': 'application/json', 'accept-language': 'en' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

const TRANSCRIPT = JSON.stringify([
  { speaker: 'customer', text: 'Can you do this by next month?', startMs: 0, endMs: 3000 },
  { speaker: 'rep', text: 'We guarantee it, one hundred percent, no problem at all.', startMs: 3200, endMs: 7000 },
  { speaker: 'rep', text: 'I will send you the contract draft on Friday at 3 pm.', startMs: 7200, endMs: 70000 },
]);

beforeAll(async () => {
  service = await startService({ modelsDir: await makeTempDir('models') });
});

afterAll(async () => {
  await service?.close();
});

describe('team settings', () => {
  it('starts at version 0 with defaults', async () => {
    const { status, body } = await getJson(service.baseUrl, '/v1/teams/east/settings');
    expect(status).toBe(200);
    expect(body.version).toBe(0);
    expect(body.settings.detection.monologueMs).toBe(90000);
    expect(body.settings.scoring.severityPoints.major).toBe(8);
  });

  it('stores each PUT as the next version', async () => {
    const first = await putSettings('north', { detection: { monologueMs: 60000 } });
    const second = await putSettings('north', { detection: { monologueMs: 45000 } });
    expect(first.body.version).toBe(1);
    expect(second.body.version).toBe(2);
    const current = await getJson(service.baseUrl, '/v1/teams/north/settings');
    expect(current.body.settings.detection.monologueMs).toBe(45000);
  });

  it.each([
    { body: { detection: { monologueMs: -5 } }, field: 'detection.monologueMs' },
    { body: { detection: { severityOverrides: { not_a_type: 'major' } } }, field: 'detection.severityOverrides' },
    { body: { pitfallTypes: [] }, field: 'pitfallTypes' },
  ])('rejects invalid settings naming $field', async ({ body, field }) => {
    const response = await putSettings('west', body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('CS_ERR_VALIDATION');
    expect(response.body.error.message).toContain(field);
    expect((await getJson(service.baseUrl, '/v1/teams/west/settings')).body.version).toBe(0);
  });

  it.each([
    { name: 'severity points falling', body: { scoring: { severityPoints: { minor: 50, major: 8, critical: 1 } } } },
    { name: 'all layer weights 0', body: { scoring: { layerWeights: { intent: 0, behavior: 0, result: 0 } } } },
  ])('rejects scoring settings with $name', async ({ body }) => {
    const response = await putSettings('hz', body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('CS_ERR_SCORING_SETTINGS_INVALID');
    expect((await getJson(service.baseUrl, '/v1/teams/hz/settings')).body.version).toBe(0);
  });

  it('names the value in Chinese too', async () => {
    const response = await fetch(`${service.baseUrl}/v1/teams/hz/settings`, {
      method: 'PUT',
      headers: { ...service.authHeaders, 'content-type': 'application/json', 'accept-language': 'zh-CN' },
      body: JSON.stringify({ detection: { monologueMs: -5 } }),
    });
    const body = await response.json();
    expect(body.error.message).toContain('detection.monologueMs');
    expect(body.error.message).toContain('-5');
    expect(body.error.message).not.toMatch(/Too small/);
  });

  it('applies the team severity override and records the rules version', async () => {
    await putSettings('south', { detection: { severityOverrides: { over_commitment: 'critical' } } });
    const file = { content: Buffer.from(TRANSCRIPT), filename: 'call.json', type: 'application/json' };

    const southCall = await waitForCall(service.baseUrl, (await upload(service.baseUrl, file, { teamId: 'south', dealId: 'D-s' })).body.id);
    const defaultCall = await waitForCall(service.baseUrl, (await upload(service.baseUrl, file, { dealId: 'D-d' })).body.id);

    const severityOf = (call: any) => call.findings.find((finding: any) => finding.type === 'over_commitment')?.severity;
    expect(southCall.teamId).toBe('south');
    expect(severityOf(southCall)).toBe('critical');
    expect(severityOf(defaultCall)).toBe('major');
    expect(southCall.behavior.score).toBeLessThan(defaultCall.behavior.score);

    const versions = await service.runtime.db.query<{ call_id: string; rules_version: string }>(
      'SELECT call_id, rules_version FROM call_scores WHERE call_id = ANY($1::text[])',
      [[southCall.id, defaultCall.id]],
    );
    expect(new Set(versions.map((row) => row.rules_version)).size).toBe(2);
  });
});
