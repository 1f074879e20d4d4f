/**
 * PostgreSQL connections lost while a call is being analysed: every
 * backend of the service's database is terminated from inside the analysis
 * step, so the stage's write fails. The job is retried on new connections
 * and the call ends scored once, with no duplicated findings.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeTranscript } from '../src/pitfalls/index.js';
import { createTestDatabase, TEST_POSTGRES_URL } from './helpers/services.js';
import { makeTempDir, startService, upload, waitForCall, type Service } from './helpers/harness.js';

let service: Service;
let database: { url: string; drop: () => Promise<void> };
let analyses = 0;

function terminateBackends(databaseName: string): void {
  const sql = `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${databaseName}' AND pid <> pg_backend_pid()`;
  execFileSync('psql', [TEST_POSTGRES_URL, '-Atqc', sql], { stdio: 'ignore' });
}

beforeAll(async () => {
  database = await createTestDatabase();
  const databaseName = new URL(database.url).pathname.slice(1);
  service = await startService({
    databaseUrl: database.url,
    modelsDir: await makeTempDir('models'),
    runtimeOptions: {
      retentionSweep: false,
      services: {
        analyze(transcript, settings) {
          analyses++;
          // The first analysis cuts every connection, so the transaction that stores its result fails.
          if (analyses === 1) terminateBackends(databaseName);
          return analyzeTranscript(transcript, settings.detection);
        },
      },
    },
  });
});

afterAll(async () => {
  await service?.close();
  await database?.drop();
});

describe('connection lost during analysis', () => {
  it('retries and scores the call once', async () => {
    const transcript = JSON.stringify([
      { speaker: 'customer', text: '价格太贵了。', startMs: 0, endMs: 3000 },
      { speaker: 'rep', text: '我们保证百分之百满意，绝对没问题。', startMs: 3200, endMs: 8000 },
    ]);
    const accepted = await upload(service.baseUrl, { content: Buffer.from(transcript), filename: 'call.json', type: 'application/json' });
    expect(accepted.status).toBe(202);

    const call = await waitForCall(service.baseUrl, accepted.body.id);
    expect(call.status).toBe('scored');
    expect(analyses).toBeGreaterThanOrEqual(2);

    const findings = await service.runtime.db.query<{ n: number }>('SELECT count(*)::int AS n FROM findings WHERE call_id = $1', [call.id]);
    expect(findings[0]!.n).toBe(call.findings.length);
    const scored = await service.runtime.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM call_transitions WHERE call_id = $1 AND to_status = 'scored'",
      [call.id],
    );
    expect(scored[0]!.n).toBe(1);
  });
});
