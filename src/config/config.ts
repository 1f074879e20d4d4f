/**
 * Runtime configuration read once from the environment. Without
 * DATABASE_URL the service uses an embedded PGlite database; without
 * REDIS_URL it runs jobs in-process.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { asrProvider, asrThreads } from '../asr/asr-env.js';
import { CallscoreError } from '../errors/registry.js';
import { parseTrustProxy, type TrustProxy } from './trust-proxy.js';

/** Root folder of the repository, used for the default models and data folders. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const envSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  REDIS_URL: z.string().min(1).optional(),
  CALLSCORE_QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'use letters, digits, "_" or "-"').default('callscore'),
  CALLSCORE_DATA_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, 'data-local')),
  CALLSCORE_MODELS_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, 'models')),
  CALLSCORE_IMPORT_DIR: z.string().min(1).optional(),
  CALLSCORE_MAX_UPLOAD_MB: z.coerce.number().int().positive().default(500),
  CALLSCORE_ASR_MODEL: z.string().min(1).default('sense-voice-small-int8'),
  CALLSCORE_TRANSCRIBE_CONCURRENCY: z.coerce.number().int().positive().default(1),
  CALLSCORE_ANALYZE_CONCURRENCY: z.coerce.number().int().positive().default(4),
  HOST: z.string().min(1).default('127.0.0.1'),
  // An empty value means unset, as parseTrustProxy reads it.
  CALLSCORE_TRUST_PROXY: z.string().default('false'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  CALLSCORE_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  CALLSCORE_SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(0).default(10),
  CALLSCORE_SIGN_IN_IP_RATE_LIMIT: z.coerce.number().int().min(0).default(30),
  CALLSCORE_UPLOAD_RATE_LIMIT: z.coerce.number().int().min(0).default(120),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Effective configuration of one process. */
export interface Config {
  databaseUrl?: string;
  redisUrl?: string;
  /** Redis key prefix of the BullMQ queues, so several deployments can share one Redis. */
  queuePrefix: string;
  /** Folder for the embedded database and the stored recordings. */
  dataDir: string;
  modelsDir: string;
  /** Only folder whose files `POST /v1/batches` may import. */
  importDir: string;
  maxUploadBytes: number;
  asrModel: string;
  transcribeConcurrency: number;
  analyzeConcurrency: number;
  host: string;
  port: number;
  /** Reverse proxies whose X-Forwarded-Proto and X-Forwarded-For headers the API trusts; false trusts none. */
  trustProxy: TrustProxy;
  /** Port of the /metrics listener of `callscore worker`; unset means the worker serves no metrics. */
  metricsPort?: number;
  /** Sign-in attempts per minute for one client IP and e-mail address; 0 turns the limit off. */
  signInRateLimit: number;
  /** Sign-in attempts per minute for one client IP across all e-mail addresses, against password spraying; 0 turns the limit off. */
  signInIpRateLimit: number;
  /** Requests per minute one caller may send to each upload route (POST /v1/calls, POST /v1/batches); 0 turns the limit off. */
  uploadRateLimit: number;
  logLevel: string;
}

/** Reads the configuration from `env`, rejecting invalid values with the variable's name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CallscoreError('CS_ERR_VALIDATION', {
      field: String(issue.path[0] ?? 'environment'),
      reason: issue.message,
    });
  }
  const e = parsed.data;
  // The transcriber reads these for each call; checking them here stops a bad value at start-up.
  asrThreads(env);
  asrProvider(env);
  const trustProxy = parseTrustProxy(e.CALLSCORE_TRUST_PROXY);
  if (typeof trustProxy === 'object' && !Array.isArray(trustProxy)) {
    throw new CallscoreError('CS_ERR_VALIDATION', {
      field: 'CALLSCORE_TRUST_PROXY',
      reason: `${trustProxy.invalid}; set true, false, or a comma-separated list of proxy addresses such as 10.0.0.0/8,loopback`,
    });
  }
  return {
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.CALLSCORE_QUEUE_PREFIX,
    dataDir: path.resolve(e.CALLSCORE_DATA_DIR),
    modelsDir: path.resolve(e.CALLSCORE_MODELS_DIR),
    importDir: path.resolve(e.CALLSCORE_IMPORT_DIR ?? path.join(e.CALLSCORE_DATA_DIR, 'import')),
    maxUploadBytes: e.CALLSCORE_MAX_UPLOAD_MB * 1024 * 1024,
    asrModel: e.CALLSCORE_ASR_MODEL,
    transcribeConcurrency: e.CALLSCORE_TRANSCRIBE_CONCURRENCY,
    analyzeConcurrency: e.CALLSCORE_ANALYZE_CONCURRENCY,
    host: e.HOST,
    port: e.PORT,
    trustProxy,
    metricsPort: e.CALLSCORE_METRICS_PORT,
    signInRateLimit: e.CALLSCORE_SIGN_IN_RATE_LIMIT,
    signInIpRateLimit: e.CALLSCORE_SIGN_IN_IP_RATE_LIMIT,
    uploadRateLimit: e.CALLSCORE_UPLOAD_RATE_LIMIT,
    logLevel: e.LOG_LEVEL,
    ...overrides,
  };
}
