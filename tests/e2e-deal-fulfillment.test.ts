/**
 * The intent and result layers through the API on PGlite and PostgreSQL: a
 * won deal whose customer asked for a 15-minute remote diagnosis response
 * and whose contract only promises 2 hours is flagged low intent fulfillment.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, makeTempDir, startService, upload, waitForCall, type Service } from './helpers/harness.js';
import { createTestDatabase } from './helpers/services.js';

const TRANSCRIPT = JSON.stringify([
  { speaker: 'rep', text: '王经理您好，今天想了解一下你们设备运维的情况。', startMs: 0, endMs: 4000 },
  { speaker: 'customer', text: '我们整个行业设备联网率都很低。我们部门运维成本太高了，老板每个月都考核。', startMs: 4200, endMs: 12000 },
  { speaker: 'customer', text: '产线一停机就影响OEE。远程诊断响应不能超过15分钟，这是硬性要求。', startMs: 12200, endMs: 20000 },
  { speaker: 'rep', text: '明白。我们可以保证两小时到场。', startMs: 20200, endMs: 24000 },
  { speaker: 'customer', text: '还是那句话，远程诊断响应不能超过十五分钟。', startMs: 24200, endMs: 28000 },
  { speaker: 'rep', text: '好的，我周三下午三点前把方案和报价发给您。', startMs: 28200, endMs: 70000 },
]);

const run = promisify(execFile);
const CLI = path.resolve('bin/callscore.js');

async function send(service: Service, method: string, url: string, body: unknown, locale = 'en'): Promise<{ status: number; body: any }> {
  const response = await fetch(`${service.baseUrl}${url}`, {
    method,
    headers: { ...service.authHeaders, 'content-type': 'application/json', 'accept-language': locale },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

interface Backend {
  service: Service;
  databaseUrl: string | null;
  cleanup: () => Promise<void>;
}

function describeBackend(name: string, open: () => Promise<Backend>): void {
  describe(`deal fulfillment on ${name}`, () => {
    let service: Service;
    let databaseUrl: string | null;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      ({ service, databaseUrl, cleanup } = await open());
    });

    afterAll(async () => {
      await cleanup?.();
    });

    it('rejects intent and contract for an unknown deal', async () => {
      const intent = await send(service, 'PUT', '/v1/deals/D-none/intent', { tags: [] });
      expect(intent.status).toBe(404);
      expect(intent.body.error.code).toBe('CS_ERR_DEAL_NOT_REGISTERED');
      const report = await getJson(service.baseUrl, '/v1/deals/D-none/fulfillment');
      expect(report.status).toBe(404);
    });

    it('rejects a chain naming a tag not on the deal', async () => {
      await send(service, 'PUT', '/v1/deals/D-chain', { name: 'Chain test', ownerRepId: 'R-1', stage: 'proposal' });
      const response = await send(
        service,
        'PUT',
        '/v1/deals/D-chain/intent',
        { tags: [{ id: 'a', level: 'industry', text: '设备联网率低' }], chains: [['a', 'b']] },
        'zh-CN',
      );
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('CS_ERR_INTENT_CHAIN_INVALID');
      expect(response.body.error.message).toContain('"b"');
      expect(response.body.error.message).toContain('意图链');
    });

    it('flags the missing 15-minute SLA on a won deal', async () => {
      const deal = await send(service, 'PUT', '/v1/deals/D-sla', {
        name: '华东工厂设备联网',
        ownerRepId: 'R-7',
        stage: 'closed',
        amount: 1200000,
        closedOn: '2026-11-20',
        outcome: 'won',
      });
      expect(deal.status).toBe(200);

      const file = { content: Buffer.from(TRANSCRIPT), filename: 'call.json', type: 'application/json' };
      const accepted = await upload(service.baseUrl, file, { dealId: 'D-sla', repId: 'R-7' });
      expect(accepted.status).toBe(202);
      const call = await waitForCall(service.baseUrl, accepted.body.id);
      expect(call.failure).toBeNull();
      expect(call.status).toBe('scored');

      const intent = await send(service, 'PUT', '/v1/deals/D-sla/intent', {
        tags: [
          { id: 'i1', level: 'industry', text: '设备联网率低', selfAssessment: 4 },
          { id: 'r1', level: 'role', text: '运维成本高', selfAssessment: 5 },
          { id: 's1', level: 'scenario', text: '产线停机影响OEE', selfAssessment: 3 },
        ],
        chains: [['i1', 'r1', 's1']],
      });
      expect(intent.status).toBe(200);

      const contract = await send(service, 'PUT', '/v1/deals/D-sla/contract', {
        text: '远程诊断响应时间不超过2小时。乙方应在4小时内到达现场。合同总价为人民币120万元。',
      });
      expect(contract.status).toBe(200);
      const opened = await service.runtime.db.query<{ kind: string }>('SELECT kind FROM review_items WHERE deal_id = $1', ['D-sla']);
      expect(opened.map((row) => row.kind)).toEqual(['low_intent_fulfillment']);
      expect(contract.body.clauses.map((clause: any) => [clause.metric, clause.value, clause.source])).toEqual([
        ['response_time', 120, 'parsed'],
        ['onsite_time', 240, 'parsed'],
        ['price', 1200000, 'parsed'],
      ]);

      const report = await getJson(service.baseUrl, '/v1/deals/D-sla/fulfillment', { 'accept-language': 'zh-CN' });
      expect(report.status).toBe(200);
      expect(report.body.lowIntentFulfillment).toBe(true);
      expect(report.body.summary).toContain('低意图兑现');

      const sla = report.body.items.find((item: any) => item.metric === 'response_time');
      expect(sla.source).toBe('requirement');
      expect(sla.key).toBe(true);
      expect(sla.value).toBe(15);
      expect(sla.status).toBe('weaker');
      expect(sla.statusLabel).toBe('弱于诉求');
      expect(sla.term).toBe('响应时效 不超过 15 分钟');
      expect(sla.mentions.map((mention: any) => mention.turnIndex)).toEqual([2, 4]);
      expect(sla.mentions[0].callId).toBe(call.id);
      expect(sla.clause.text).toBe('远程诊断响应时间不超过2小时');
      expect(sla.clause.value).toBe(120);

      // The rep promised 2 hours on site but the contract allows 4, so the commitment is weaker; commitments are never key.
      const onsite = report.body.items.find((item: any) => item.source === 'commitment');
      expect(onsite.metric).toBe('onsite_time');
      expect(onsite.status).toBe('weaker');
      expect(onsite.key).toBe(false);

      expect(report.body.reviewItems).toHaveLength(1);
      expect(report.body.reviewItems[0].kind).toBe('low_intent_fulfillment');
      expect(report.body.reviewItems[0].summary).toContain('响应时效 不超过 15 分钟');

      const again = await getJson(service.baseUrl, '/v1/deals/D-sla/fulfillment', { 'accept-language': 'en' });
      expect(again.body.reviewItems).toHaveLength(1);
      expect(again.body.summary).toContain('Low intent fulfillment');
      expect(again.body.items.find((item: any) => item.metric === 'response_time').term).toBe('Response time at most 15 min');
    });

    it('opens a review item when a later call raises the requirement', async () => {
      await send(service, 'PUT', '/v1/deals/D-late', { name: 'Late call', ownerRepId: 'R-8', stage: 'closed', outcome: 'won' });
      await send(service, 'PUT', '/v1/deals/D-late/contract', { text: '远程诊断响应时间不超过2小时。' });
      const file = { content: Buffer.from(TRANSCRIPT), filename: 'call.json', type: 'application/json' };
      const accepted = await upload(service.baseUrl, file, { dealId: 'D-late', repId: 'R-8' });
      expect((await waitForCall(service.baseUrl, accepted.body.id)).status).toBe('scored');

      // The review runs right after the call is marked scored, so poll briefly for its row.
      let kinds: string[] = [];
      for (let attempt = 0; attempt < 50 && kinds.length === 0; attempt += 1) {
        const rows = await service.runtime.db.query<{ kind: string }>('SELECT kind FROM review_items WHERE deal_id = $1', ['D-late']);
        kinds = rows.map((row) => row.kind);
        if (kinds.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(kinds).toEqual(['low_intent_fulfillment']);
    });

    it('returns all three scores with explanations', async () => {
      const { status, body } = await getJson(service.baseUrl, '/v1/deals/D-sla/calibration');
      expect(status).toBe(200);
      const { layers, overall, status: calibrationStatus, rulesVersion } = body.calibration;
      for (const name of ['intent', 'behavior', 'result']) {
        expect(layers[name].score).toEqual(expect.any(Number));
        expect(layers[name].formula.en.length).toBeGreaterThan(0);
        expect(layers[name].formula.zh.length).toBeGreaterThan(0);
      }
      expect(layers.intent.inputs.precision).toBe(1);
      expect(layers.intent.inputs.levelCoverage).toBe(1);
      expect(layers.intent.evidence.calls[0].turnIndexes).toEqual([1, 2]);
      expect(layers.result.score).toBeLessThan(100);
      expect(layers.result.evidence.clauseIndexes).toEqual([0, 1]);
      expect(layers.result.rulesVersion).toBe('ir1');
      expect(overall.score).toEqual(expect.any(Number));
      expect(overall.formula.en).toContain('weighted mean');
      expect(['balanced', 'imbalanced']).toContain(calibrationStatus);
      expect(rulesVersion).toEqual(expect.any(String));

      const score = await getJson(service.baseUrl, '/v1/deals/D-sla/score');
      expect(score.body.score.intent.score).toBe(layers.intent.score);
      expect(score.body.score.result.score).toBe(layers.result.score);
    });

    it('lists the new-rep check per rep', async () => {
      const { status, body } = await getJson(service.baseUrl, '/v1/reps/first-call-check');
      expect(status).toBe(200);
      expect(body.minPains).toBe(3);
      const rep = body.reps.find((entry: any) => entry.repId === 'R-7');
      expect(rep.painCount).toBe(3);
      expect(rep.passed).toBe(true);
    });

    it('writes the audit sample reports', async (context) => {
      if (databaseUrl === null) {
        // PGlite allows one process at a time, so the CLI runs only against PostgreSQL.
        context.skip();
        return;
      }
      for (const id of ['D-a1', 'D-a2', 'D-a3']) {
        await send(service, 'PUT', `/v1/deals/${id}`, { name: id, ownerRepId: 'R-1', stage: 'closed', closedOn: '2026-11-05', outcome: 'won' });
      }
      await send(service, 'PUT', '/v1/deals/D-oct', { name: 'October', ownerRepId: 'R-1', stage: 'closed', closedOn: '2026-10-05', outcome: 'won' });

      const outDir = await makeTempDir('audit');
      const args = [CLI, 'audit', 'sample', '--month', '2026-11', '--rate', '0.5', '--seed', 'S', '--out', outDir, '--locale', 'zh-CN'];
      const env = { ...process.env, DATABASE_URL: databaseUrl, CALLSCORE_DATA_DIR: service.config.dataDir, LOG_LEVEL: 'silent' };
      const first = JSON.parse((await run(process.execPath, args, { env })).stdout);
      const second = JSON.parse((await run(process.execPath, args, { env })).stdout);

      expect(first.wonDeals).toBe(4);
      expect(first.sampled).toHaveLength(2);
      expect(second.sampled).toEqual(first.sampled);
      expect(first.sampled.every((entry: any) => entry.dealId !== 'D-oct')).toBe(true);
      const report = JSON.parse(await readFile(first.sampled[0].file, 'utf8'));
      expect(report.dealId).toBe(first.sampled[0].dealId);
      expect(typeof report.summary).toBe('string');
    });

    it('documents the deal routes in OpenAPI', async () => {
      const { body } = await getJson(service.baseUrl, '/openapi.json');
      for (const route of ['/v1/deals/{id}', '/v1/deals/{id}/intent', '/v1/deals/{id}/contract', '/v1/deals/{id}/fulfillment', '/v1/glossary']) {
        expect(body.paths[route], route).toBeDefined();
      }
    });

    it('keeps the report readable after a settings change', async () => {
      const settings = await send(service, 'PUT', '/v1/teams/default/settings', { scoring: { severityPoints: { minor: 4 } } });
      expect(settings.status).toBe(200);

      const score = await getJson(service.baseUrl, '/v1/deals/D-sla/score');
      expect(score.body.error.code).toBe('CS_ERR_SCORING_RULES_MISMATCH');
      const report = await getJson(service.baseUrl, '/v1/deals/D-sla/fulfillment');
      expect(report.status).toBe(200);
      expect(report.body.lowIntentFulfillment).toBe(true);
      expect(report.body.scores).toBeNull();
    });

    it('stores and returns the glossary', async () => {
      const stored = await send(service, 'PUT', '/v1/glossary', {
        synonyms: [['远程诊断', '远程技术支持', 'remote diagnostics']],
        metrics: [{ metric: 'onsite_time', names: ['到达时效'] }],
      });
      expect(stored.status).toBe(200);
      expect(stored.body.version).toBeGreaterThanOrEqual(1);
      const read = await getJson(service.baseUrl, '/v1/glossary');
      expect(read.body.glossary.metrics[0].names).toEqual(['到达时效']);

      const invalid = await send(service, 'PUT', '/v1/glossary', { metrics: [{ metric: 'speed', names: ['x'] }] });
      expect(invalid.status).toBe(400);
      expect(invalid.body.error.code).toBe('CS_ERR_VALIDATION');
    });
  });
}

describeBackend('PGlite', async () => {
  const service = await startService({ modelsDir: await makeTempDir('models') });
  return { service, databaseUrl: null, cleanup: () => service.close() };
});

describeBackend('PostgreSQL', async () => {
  const database = await createTestDatabase();
  const service = await startService({ databaseUrl: database.url, modelsDir: await makeTempDir('models') });
  return {
    service,
    databaseUrl: database.url,
    cleanup: async () => {
      await service.close();
      await database.drop();
    },
  };
});
