/**
 * Batch import, re-scoring after a settings change, failure retry and the
 * period report, through the HTTP API of a service with in-process jobs.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, installFixtureModel, makeTempDir, startService, upload, type Service } from './helpers/harness.js';
import { makeSpeechWav } from './helpers/audio.js';

let service: Service;
let dir: string;
let modelsDir: string;

// The last rep turn runs 62.8 s: no monologue under the default 90 s limit, one under a 45 s limit.
function transcript(pitch: string): string {
  return JSON.stringify([
    { speaker: 'customer', text: 'Your price is too high for our budget.', startMs: 0, endMs: 3000 },
    { speaker: 'rep', text: pitch, startMs: 3200, endMs: 7000 },
    { speaker: 'rep', text: 'I will send you the contract draft on Friday at 3 pm.', startMs: 7200, endMs: 70000 },
  ]);
}

async function postManifest(csv: string, teamId: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${service.baseUrl}/v1/batches?teamId=${teamId}`, {
    method: 'POST',
    headers: { ...service.authHeaders, 'content-type': 'text/csv', 'accept-language': 'en' },
    body: csv,
  });
  return { status: response.status, body: await response.json() };
}

async function postJson(url: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${service.baseUrl}${url}`, {
    method: url.endsWith('/settings') ? 'PUT' : 'POST',
    headers: { ...service.authHeaders, 'content-type': 'application/json', 'accept-language': 'en' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function waitForBatch(batchId: string, timeoutMs = 60_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await getJson(service.baseUrl, `/v1/batches/${batchId}`);
    if (body.finished) return body;
    if (Date.now() > deadline) throw new Error(`batch ${batchId} unfinished after ${timeoutMs} ms: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function scoredTransitions(callId: string): Promise<number> {
  const rows = await service.runtime.db.query<{ n: number }>(
    "SELECT COUNT(*)::int AS n FROM call_transitions WHERE call_id = $1 AND to_status = 'scored'",
    [callId],
  );
  return rows[0]!.n;
}

const HEADER = 'path,callId,dealId,repId,startedAt,channelLayout,language';
let manifest: string;
const GOOD_CALLS = ['q3-a1', 'q3-a2', 'q3-b1', 'q3-b2'];

beforeAll(async () => {
  dir = await makeTempDir('batch-rescore');
  modelsDir = await makeTempDir('models');
  service = await startService({ modelsDir });

  const pitches = [
    'We guarantee it, one hundred percent, no problem at all.',
    'Our product is the best on the market, absolutely.',
    'Let me walk you through the pricing options.',
    'We can start with a smaller package to fit the budget.',
    'We guarantee results within a week.',
  ];
  for (const [index, pitch] of pitches.entries()) await writeFile(path.join(dir, `call-${index}.json`), transcript(pitch));
  await writeFile(path.join(dir, 'broken.json'), '{"turns": [');

  manifest = [
    HEADER,
    `${dir}/call-0.json,q3-a1,D-A,R-1,2026-07-03T10:00:00+08:00,mono,en`,
    `${dir}/missing.json,q3-x1,D-A,R-1,2026-07-03T10:00:00+08:00,mono,en`,
    `${dir}/call-1.json,q3-a2,D-A,R-1,2026-08-10T10:00:00+08:00,mono,en`,
    `${dir}/call-2.json,q3-b1,D-B,R-2,2026-08-11T10:00:00+08:00,mono,en`,
    `${dir}/call-3.json,q3-b2,D-B,R-2,2026-09-01T10:00:00+08:00,stereo,en`,
    `${dir}/call-3.json,q3-b2,D-B,R-2,2026-09-01T10:00:00+08:00,mono,en`,
    `${dir}/broken.json,q3-x2,D-B,R-2,2026-09-02T10:00:00+08:00,mono,en`,
    `relative.json,q3-x3,D-B,R-2,2026-09-02T10:00:00+08:00,mono,en`,
    `${dir}/call-2.json,q3-b1,D-B,R-2,2026-08-11T10:00:00+08:00,mono,en`,
  ].join('\n');
}, 60_000);

afterAll(async () => {
  await service?.close();
});

describe('batch import', () => {
  let batchId: string;

  it('reports every bad row by line and queues the good ones', async () => {
    const { status, body } = await postManifest(manifest, 'east');
    expect(status).toBe(202);
    expect(body.created).toBe(4);
    expect(body.alreadyImported).toBe(0);
    expect(body.rejected.map((row: any) => [row.line, row.field])).toEqual([
      [3, 'path'],
      [6, 'channelLayout'],
      [8, 'path'],
      [9, 'path'],
      [10, 'callId'],
    ]);
    expect(body.rejected[0].message).toContain('Manifest line 3');
    batchId = body.id;

    const progress = await waitForBatch(batchId);
    expect(progress.total).toBe(4);
    expect(progress.done).toBe(4);
    expect(progress.failed).toBe(0);
    expect(progress.remaining).toBe(0);
    expect(progress.etaSeconds).toBe(0);
  });

  it('does no work twice for the same manifest', async () => {
    const { status, body } = await postManifest(manifest, 'east');
    expect(status).toBe(202);
    expect(body.id).toBe(batchId);
    expect(body.created).toBe(0);
    expect(body.alreadyImported).toBe(4);
    for (const callId of GOOD_CALLS) expect(await scoredTransitions(callId)).toBe(1);
  });

  it('rejects a manifest without required columns', async () => {
    const { status, body } = await postManifest('path,dealId\n/tmp/x.json,D-1\n', 'east');
    expect(status).toBe(400);
    expect(body.error.code).toBe('CS_ERR_MANIFEST_INVALID');
    expect(body.error.message).toContain('repId, startedAt');
  });

  it('returns 422 with the rows when none is good', async () => {
    const { status, body } = await postManifest(`${HEADER}\n${dir}/missing.json,x,D,R,2026-07-01T00:00:00Z,mono,en\n`, 'east');
    expect(status).toBe(422);
    expect(body.error.code).toBe('CS_ERR_BATCH_EMPTY');
    expect(body.rejected).toHaveLength(1);
    expect(body.rejected[0].line).toBe(2);
  });

  it('returns 404 for an unknown batch', async () => {
    const { status, body } = await getJson(service.baseUrl, '/v1/batches/imp-unknown', { 'accept-language': 'zh-CN' });
    expect(status).toBe(404);
    expect(body.error.code).toBe('CS_ERR_BATCH_NOT_FOUND');
    expect(body.error.message).toContain('未找到批次');
  });
});

describe('re-score', () => {
  let before: Map<string, number>;

  it('changes scores after a threshold change and keeps both versions', async () => {
    before = new Map();
    for (const callId of GOOD_CALLS) before.set(callId, (await getJson(service.baseUrl, `/v1/calls/${callId}`)).body.behavior.score);

    const settings = await postJson('/v1/teams/east/settings', { detection: { monologueMs: 45_000 } });
    expect(settings.status).toBe(200);
    const started = await postJson('/v1/batches/rescore', { from: '2026-07-01', to: '2026-09-30', teamId: 'east' });
    expect(started.status).toBe(202);
    expect(started.body.kind).toBe('rescore');
    expect(started.body.total).toBe(4);

    const progress = await waitForBatch(started.body.id);
    expect(progress.done).toBe(4);
    for (const callId of GOOD_CALLS) {
      const call = (await getJson(service.baseUrl, `/v1/calls/${callId}`)).body;
      expect(call.status).toBe('scored');
      expect(call.findings.map((finding: any) => finding.type)).toContain('monologue');
      expect(call.behavior.score).toBeLessThan(before.get(callId)!);
      expect(call.transcript.turns).toHaveLength(3);
      const versions = await service.runtime.db.query<{ rules_version: string; settings_version: number }>(
        'SELECT rules_version, settings_version FROM score_versions WHERE call_id = $1 ORDER BY id',
        [callId],
      );
      expect(versions.map((version) => version.settings_version)).toEqual([0, 1]);
      expect(versions[0]!.rules_version).not.toBe(versions[1]!.rules_version);
    }
  });

  it('reports both rules versions', async () => {
    const { status, body } = await getJson(service.baseUrl, '/v1/reports?from=2026-07-01&to=2026-09-30&teamId=east');
    expect(status).toBe(200);
    expect(body.versions.callsCompared).toBe(4);
    expect(body.versions.currentRulesVersions).toHaveLength(1);
    expect(body.versions.previousRulesVersions).toHaveLength(1);
    expect(body.versions.meanBehaviorPrevious).toBeGreaterThan(body.versions.meanBehaviorCurrent);

    const dealA = body.deals.find((deal: any) => deal.dealId === 'D-A');
    expect(dealA.status).toBe('scored');
    expect(dealA.calls).toBe(2);
    expect(dealA.behavior).toBeLessThan(dealA.previousRulesBehavior);

    const rep = body.reps.find((row: any) => row.repId === 'R-1');
    expect(rep.current.calls).toBe(2);
    expect(rep.current.pitfallsPerHour.monologue).toBeGreaterThan(0);
    expect(rep.previousRulesMeanBehavior).toBeGreaterThan(rep.current.meanBehavior);
    const sumPrevious = body.scoreDistribution.reduce((total: number, bin: any) => total + bin.previousRules, 0);
    expect(sumPrevious).toBe(4);
  });

  it('rejects a period without scored calls', async () => {
    const { status, body } = await postJson('/v1/batches/rescore', { from: '2025-01-01', to: '2025-01-31', teamId: 'east' });
    expect(status).toBe(422);
    expect(body.error.code).toBe('CS_ERR_BATCH_EMPTY');
  });

  it('rejects a range that ends before it starts', async () => {
    const { status, body } = await postJson('/v1/batches/rescore', { from: '2026-09-30', to: '2026-07-01' });
    expect(status).toBe(400);
    expect(body.error.message).toContain('"to"');
  });
});

describe('report exports', () => {
  it('compares reps with the previous period', async () => {
    await writeFile(path.join(dir, 'june.json'), transcript('Let me walk you through the pricing options.'));
    const { body } = await postManifest(`${HEADER}\n${dir}/june.json,q2-a1,D-A,R-1,2026-06-15T10:00:00+08:00,mono,en\n`, 'east');
    await waitForBatch(body.id);

    const report = (await getJson(service.baseUrl, '/v1/reports?from=2026-07-01&to=2026-09-30&teamId=east')).body;
    const rep = report.reps.find((row: any) => row.repId === 'R-1');
    expect(rep.previous.calls).toBe(1);
    expect(rep.change.meanBehavior).toBeCloseTo(rep.current.meanBehavior - rep.previous.meanBehavior, 1);
  });

  it('writes the reps table as CSV in Chinese', async () => {
    const response = await fetch(`${service.baseUrl}/v1/reports?from=2026-07-01&to=2026-09-30&teamId=east&format=csv&table=reps`, {
      headers: { ...service.authHeaders, 'accept-language': 'zh-CN' },
    });
    expect(response.headers.get('content-type')).toContain('text/csv');
    const text = await response.text();
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toContain('销售代表');
    expect(lines).toHaveLength(3);
    expect(lines[1]!.startsWith('R-1,2,')).toBe(true);
  });

  it('writes an XLSX workbook with one sheet per table', async () => {
    const response = await fetch(`${service.baseUrl}/v1/reports?from=2026-07-01&to=2026-09-30&teamId=east&format=xlsx`, {
      headers: { ...service.authHeaders, 'accept-language': 'en' },
    });
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Deals', 'Reps', 'Rules versions']);
    const deals = workbook.getWorksheet('Deals')!;
    expect(deals.getRow(1).getCell(1).value).toBe('Deal');
    expect(deals.rowCount).toBe(3);
  });

  it('writes an HTML page with chart images', async () => {
    const response = await fetch(`${service.baseUrl}/v1/reports?from=2026-07-01&to=2026-09-30&teamId=east&format=html`, {
      headers: { ...service.authHeaders, 'accept-language': 'en' },
    });
    const html = await response.text();
    const images = [...html.matchAll(/<img alt="([^"]+)" src="data:image\/svg\+xml;base64,([^"]+)"/g)];
    expect(images.map((match) => match[1])).toEqual(['Behavior score distribution', 'Pitfalls per hour of talk, by week']);
    const svg = Buffer.from(images[0]![2]!, 'base64').toString('utf8');
    expect(svg).toContain('This period, previous rules');
    expect(html).toContain('4 calls were scored under rules');
  });
});

describe('batch failures', () => {
  it('lists a failed call and retries it alone', async () => {
    const wav = path.join(dir, 'pitch.wav');
    await makeSpeechWav(wav, 'We guarantee this is the best product on the market.', { padEndSeconds: 0.5 });
    const csv = `${HEADER}\n${wav},q3-audio,D-C,R-3,2026-09-10T10:00:00+08:00,mono,en\n${dir}/call-4.json,q3-c2,D-C,R-3,2026-09-11T10:00:00+08:00,mono,en\n`;
    const { body } = await postManifest(csv, 'east');
    const first = await waitForBatch(body.id);
    expect(first.failed).toBe(1);
    expect(first.done).toBe(1);

    const failures = (await getJson(service.baseUrl, `/v1/batches/${body.id}/failures`)).body.failures;
    expect(failures).toHaveLength(1);
    expect(failures[0].callId).toBe('q3-audio');
    expect(failures[0].line).toBe(2);
    expect(failures[0].code).toBe('CS_ERR_MODEL_MISSING');
    expect(failures[0].stage).toBe('transcribe');

    await installFixtureModel(modelsDir);
    const retried = await postJson(`/v1/batches/${body.id}/retry`, {});
    expect(retried.status).toBe(202);
    expect(retried.body.retried).toBe(1);
    const second = await waitForBatch(body.id, 90_000);
    expect(second.done).toBe(2);
    expect(second.failed).toBe(0);
    expect(await scoredTransitions('q3-c2')).toBe(1);
  }, 120_000);
});

describe('upload callId', () => {
  it('returns the existing call for the same file and id', async () => {
    const content = Buffer.from(transcript('We can start with a smaller package.'));
    const first = await upload(service.baseUrl, { content, filename: 't.json', type: 'application/json' }, { callId: 'crm-42' });
    const second = await upload(service.baseUrl, { content, filename: 't.json', type: 'application/json' }, { callId: 'crm-42' });
    expect(first.status).toBe(202);
    expect(first.body.id).toBe('crm-42');
    expect(second.status).toBe(202);
    expect(second.body.id).toBe('crm-42');
  });

  it('rejects a used id with other content', async () => {
    const content = Buffer.from(transcript('Something else entirely.'));
    const { status, body } = await upload(service.baseUrl, { content, filename: 't.json', type: 'application/json' }, { callId: 'crm-42' });
    expect(status).toBe(409);
    expect(body.error.code).toBe('CS_ERR_CALL_ID_CONFLICT');
  });

  it('rejects an id with characters outside the allowed set', async () => {
    const content = Buffer.from(transcript('Hello.'));
    const { status, body } = await upload(service.baseUrl, { content, filename: 't.json', type: 'application/json' }, { callId: 'crm:42' });
    expect(status).toBe(400);
    expect(body.error.message).toContain('callId');
  });
});
