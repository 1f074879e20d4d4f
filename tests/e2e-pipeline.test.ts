/**
 * A recording in, a scored deal out, through the real HTTP API, ffmpeg,
 * sherpa-onnx (fixture model) and each storage and job mode.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_SENTENCE } from '../scripts/make-sense-voice-fixture.js';
import { PROJECT_ROOT } from '../src/config/config.js';
import { createTestDatabase, createTestQueuePrefix, TEST_REDIS_URL } from './helpers/services.js';
import { getJson, installFixtureModel, makeTempDir, startService, upload, waitForCall, type Service } from './helpers/harness.js';
import { makeTestFiles, type TestFiles } from './helpers/fixtures.js';

let files: TestFiles;

beforeAll(async () => {
  files = await makeTestFiles(await makeTempDir('e2e-files'));
});

interface Mode {
  name: string;
  start(): Promise<{ service: Service; stop(): Promise<void> }>;
}

async function startWorkerProcess(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin/callscore.js'), 'worker'], {
    env: { ...process.env, ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`worker exited early with code ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('callscore worker started')) resolve();
    });
  });
  return child;
}

const modes: Mode[] = [
  {
    name: 'PGlite with in-process jobs',
    async start() {
      const modelsDir = await makeTempDir('models');
      await installFixtureModel(modelsDir);
      const service = await startService({ modelsDir });
      return { service, stop: () => service.close() };
    },
  },
  {
    name: 'PostgreSQL with in-process jobs',
    async start() {
      const database = await createTestDatabase();
      const modelsDir = await makeTempDir('models');
      await installFixtureModel(modelsDir);
      const service = await startService({ modelsDir, databaseUrl: database.url });
      return {
        service,
        async stop() {
          await service.close();
          await database.drop();
        },
      };
    },
  },
  {
    name: 'PostgreSQL with BullMQ and a separate worker process',
    async start() {
      const database = await createTestDatabase();
      const queue = await createTestQueuePrefix();
      const modelsDir = await makeTempDir('models');
      const dataDir = await makeTempDir('data');
      await installFixtureModel(modelsDir);
      const common = { databaseUrl: database.url, redisUrl: TEST_REDIS_URL, queuePrefix: queue.prefix, modelsDir, dataDir };
      const service = await startService(common);
      const worker = await startWorkerProcess({
        DATABASE_URL: database.url,
        REDIS_URL: TEST_REDIS_URL,
        CALLSCORE_QUEUE_PREFIX: queue.prefix,
        CALLSCORE_MODELS_DIR: modelsDir,
        CALLSCORE_DATA_DIR: dataDir,
      });
      return {
        service,
        async stop() {
          const exited = new Promise((resolve) => worker.once('exit', resolve));
          worker.kill('SIGTERM');
          await exited;
          await service.close();
          await queue.cleanup();
          await database.drop();
        },
      };
    },
  },
];

describe.each(modes)('pipeline: $name', (mode) => {
  let service: Service;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ service, stop } = await mode.start());
  });

  afterAll(async () => {
    await stop?.();
  });

  it('scores a stereo recording end to end', async () => {
    const accepted = await upload(service.baseUrl, { path: files.stereo, filename: 'call.wav', type: 'audio/wav' }, {
      dealId: 'DEAL-stereo',
      channelLayout: 'stereo-rep-left',
      language: 'auto',
    });
    expect(accepted.status).toBe(202);
    expect(accepted.body.status).toBe('uploaded');

    const call = await waitForCall(service.baseUrl, accepted.body.id);
    expect(call.failure).toBeNull();
    expect(call.status).toBe('scored');
    expect(call.speakers.rolesKnown).toBe(true);

    const turns = call.transcript.turns;
    expect(turns.length).toBeGreaterThanOrEqual(2);
    expect(new Set(turns.map((turn: any) => turn.speaker))).toEqual(new Set(['rep', 'customer']));
    for (const turn of turns) {
      expect(turn.text).toBe(FIXTURE_SENTENCE);
      expect(turn.startMs).toBeLessThan(turn.endMs);
      expect(turn.endMs).toBeLessThanOrEqual(call.durationMs + 50);
    }
    // Measured from the audio: the two channels do not speak at the same time.
    for (const turn of turns) expect(turn.overlapMs).toBe(0);
    expect(call.speakers.dualMono).toBe(false);
    // The rep speaks first on the left channel, the customer from second 5 on the right.
    expect(turns[0].speaker).toBe('rep');
    expect(turns.find((turn: any) => turn.speaker === 'customer').startMs).toBeGreaterThan(4000);

    const overCommitments = call.findings.filter((finding: any) => finding.type === 'over_commitment');
    expect(overCommitments.length).toBeGreaterThan(0);
    for (const finding of overCommitments) expect(turns[finding.turnIndex].speaker).toBe('rep');
    expect(call.behavior.score).toBeLessThan(100);

    const deal = await getJson(service.baseUrl, '/v1/deals/DEAL-stereo/score');
    expect(deal.status).toBe(200);
    expect(deal.body.calls).toEqual({ total: 1, scored: 1, pending: 0, failed: 0 });
    expect(deal.body.score.behavior.score).toBe(call.behavior.score);
    expect(deal.body.score.intent.score).toBeNull();
    expect(deal.body.score.intent.reason.code).toBe('not_computed');
    expect(deal.body.score.result.score).toBeNull();
  });

  it('analyses an uploaded JSON transcript without transcription', async () => {
    const accepted = await upload(service.baseUrl, { path: files.transcriptJson, filename: 'call.json', type: 'application/json' }, {
      dealId: 'DEAL-json',
    });
    expect(accepted.status).toBe(202);
    expect(accepted.body.source).toBe('transcript');

    const call = await waitForCall(service.baseUrl, accepted.body.id);
    expect(call.status).toBe('scored');
    expect(call.asrModel).toBeNull();
    expect(call.transcript.turns).toHaveLength(4);
    const types = call.findings.map((finding: any) => finding.type);
    expect(types).toContain('absolute_claim');
    expect(types).toContain('over_commitment');
    expect(call.objections.map((objection: any) => objection.type)).toContain('price');
  });
});
