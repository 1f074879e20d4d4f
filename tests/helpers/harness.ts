/**
 * Starts the real service for end-to-end tests: runtime (database, queue,
 * stages) and the HTTP server on a free loopback port, with the fixture
 * SenseVoice model installed in a temporary models folder.
 */
import { cp, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, PROJECT_ROOT, type Config } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import { startRuntime, type ProcessRole, type Runtime, type RuntimeOptions } from '../../src/runtime/runtime.js';
import type { Logger } from '../../src/config/logger.js';
import { buildServer } from '../../src/api/server.js';
import { apiContextOf } from '../../src/api/context.js';
import { createApiKey, createUser } from '../../src/auth/accounts.js';
import { randomUUID } from 'node:crypto';

export const FIXTURE_MODEL_DIR = path.join(PROJECT_ROOT, 'tests/fixtures/models/sense-voice-tiny');

/** Copies the fixture model into `modelsDir` under the default model's name. */
export async function installFixtureModel(modelsDir: string): Promise<void> {
  const target = path.join(modelsDir, 'sense-voice-small-int8');
  await mkdir(target, { recursive: true });
  await cp(FIXTURE_MODEL_DIR, target, { recursive: true });
}

/** A running service and the folders it uses. */
export interface Service {
  baseUrl: string;
  app: FastifyInstance | null;
  runtime: Runtime;
  config: Config;
  /** API key of an admin user created for this service; empty for a worker. */
  adminKey: string;
  /** `Authorization` header with the admin key, for direct `fetch` calls. */
  authHeaders: Record<string, string>;
  close(): Promise<void>;
}

// Default headers per base URL, so upload, getJson and waitForCall authenticate as the service's admin.
const defaultHeaders = new Map<string, Record<string, string>>();

/** Headers for a request to `baseUrl`: the service's admin credentials, overridden by `headers`. */
export function withAuth(baseUrl: string, headers: Record<string, string> = {}): Record<string, string> {
  return { ...(defaultHeaders.get(baseUrl) ?? {}), ...headers };
}

/** Settings for one test service. */
export interface ServiceOptions {
  databaseUrl?: string;
  redisUrl?: string;
  queuePrefix?: string;
  dataDir?: string;
  modelsDir?: string;
  role?: ProcessRole;
  /** Replacement stage services and timer intervals. */
  runtimeOptions?: RuntimeOptions;
  /** Logger to use instead of the silent default, e.g. one that captures lines. */
  logger?: Logger;
  /** Further environment variables for the configuration, e.g. rate limits. */
  env?: Record<string, string>;
}

/** Creates a temporary folder for a test. */
export function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `callscore-${prefix}-`));
}

/** Starts runtime and (for the server role) the HTTP server. */
export async function startService(options: ServiceOptions = {}): Promise<Service> {
  const dataDir = options.dataDir ?? (await makeTempDir('data'));
  const modelsDir = options.modelsDir ?? (await makeTempDir('models'));
  const env: NodeJS.ProcessEnv = {
    CALLSCORE_DATA_DIR: dataDir,
    CALLSCORE_MODELS_DIR: modelsDir,
    // Test manifests name files in temporary folders.
    CALLSCORE_IMPORT_DIR: tmpdir(),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...(options.queuePrefix ? { CALLSCORE_QUEUE_PREFIX: options.queuePrefix } : {}),
    ...options.env,
  };
  const config = loadConfig(env, { port: 0 });
  const logger = options.logger ?? createLogger(config.logLevel, 2);
  const role = options.role ?? 'server';
  const runtime = await startRuntime(config, role, logger, options.runtimeOptions);

  let app: FastifyInstance | null = null;
  let baseUrl = '';
  let adminKey = '';
  if (role === 'server') {
    app = await buildServer(apiContextOf(runtime), logger);
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = address;
    // A fresh address each start, because a restarted service may share its database with the first one.
    const admin = await createUser(runtime.db, { email: `test-admin-${randomUUID()}@example.test`, name: 'Test admin', role: 'admin', teamIds: [] });
    adminKey = (await createApiKey(runtime.db, admin.id, 'test harness')).key;
    defaultHeaders.set(baseUrl, { authorization: `Bearer ${adminKey}` });
  }

  return {
    baseUrl,
    app,
    runtime,
    config,
    adminKey,
    authHeaders: adminKey ? { authorization: `Bearer ${adminKey}` } : {},
    async close() {
      defaultHeaders.delete(baseUrl);
      await app?.close();
      await runtime.close();
    },
  };
}

/** Form fields of an upload; defaults fill the required ones. */
export interface UploadFields {
  dealId?: string;
  repId?: string;
  startedAt?: string;
  language?: string;
  channelLayout?: string;
  [field: string]: string | undefined;
}

/** Uploads a file with fields and returns the HTTP status and JSON body. */
export async function upload(
  baseUrl: string,
  file: { path?: string; content?: Buffer; filename: string; type?: string } | null,
  fields: UploadFields = {},
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const form = new FormData();
  const values: UploadFields = { dealId: 'D-1', repId: 'R-1', startedAt: '2026-11-03T10:00:00+08:00', ...fields };
  for (const [name, value] of Object.entries(values)) if (value !== undefined) form.append(name, value);
  if (file) {
    const bytes = new Uint8Array(file.content ?? (await readFile(file.path!)));
    form.append('file', new Blob([bytes], { type: file.type ?? 'application/octet-stream' }), file.filename);
  }
  const response = await fetch(`${baseUrl}/v1/calls`, { method: 'POST', body: form, headers: withAuth(baseUrl, headers) });
  return { status: response.status, body: await response.json() };
}

/** GETs a JSON resource. */
export async function getJson(baseUrl: string, url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(`${baseUrl}${url}`, { headers: withAuth(baseUrl, headers) });
  return { status: response.status, body: await response.json() };
}

/** Polls a call until it reaches `scored` or `failed`, or throws after `timeoutMs`. */
export async function waitForCall(baseUrl: string, callId: string, headers: Record<string, string> = {}, timeoutMs = 90_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await getJson(baseUrl, `/v1/calls/${callId}`, headers);
    if (body.status === 'scored' || body.status === 'failed') return body;
    if (Date.now() > deadline) throw new Error(`call ${callId} still ${body.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
