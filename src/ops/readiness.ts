/**
 * Readiness checks behind /readyz: the database runs a query, Redis replies
 * to PING when the process uses it, and the default ASR model's files are
 * installed. Each check reports `ok`, `not_configured` or why it failed.
 */
import { Redis } from 'ioredis';
import { requireInstalledModel } from '../asr/models/index.js';
import { isCallscoreError } from '../errors/registry.js';
import type { Queryable } from '../store/db.js';

/** Components the readiness checks probe. */
export interface ReadinessTarget {
  db: Queryable;
  redisUrl?: string;
  modelsDir: string;
  asrModel: string;
}

/** Result of one check: `ok`, `not_configured`, or the failure reason, with its Chinese text when the failure has one. */
export type CheckResult = 'ok' | 'not_configured' | { failed: string; failedZh?: string };

/** Results of all checks and whether the process is ready. */
export interface ReadinessReport {
  ready: boolean;
  checks: { database: CheckResult; redis: CheckResult; model: CheckResult };
}

// Bounds each check, so a hung dependency makes /readyz return "not ready" instead of hanging.
const CHECK_TIMEOUT_MS = 2000;

/** A probe of one dependency, named in both languages for the failure reason. */
interface Probe {
  name: string;
  nameZh: string;
}

const DATABASE_PROBE: Probe = { name: 'database query', nameZh: '数据库查询' };
const REDIS_PROBE: Probe = { name: 'Redis PING', nameZh: 'Redis PING' };

class CheckTimeoutError extends Error {}

function withTimeout<T>(work: Promise<T>, probe: Probe): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeoutError(`${probe.name} timed out after ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

// A driver's own message (connect ECONNREFUSED 127.0.0.1:5432) stays as it is inside the Chinese reason, because it names the cause.
function reason(error: unknown, probe?: Probe): { failed: string; failedZh?: string } {
  if (isCallscoreError(error)) {
    return { failed: error.message, failedZh: error.messageIn('zh-CN') };
  }
  const failed = error instanceof Error ? error.message : String(error);
  if (probe === undefined) {
    return { failed };
  }
  if (error instanceof CheckTimeoutError) {
    return { failed, failedZh: `${probe.nameZh}超时（超过 ${CHECK_TIMEOUT_MS} 毫秒）` };
  }
  return { failed, failedZh: `${probe.nameZh}失败：${failed}` };
}

async function checkDatabase(db: Queryable): Promise<CheckResult> {
  try {
    await withTimeout(db.query('SELECT 1'), DATABASE_PROBE);
    return 'ok';
  } catch (error) {
    return reason(error, DATABASE_PROBE);
  }
}

async function checkRedis(redisUrl: string | undefined): Promise<CheckResult> {
  if (!redisUrl) return 'not_configured';
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: CHECK_TIMEOUT_MS, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await withTimeout(
      redis.connect().then(() => redis.ping()),
      REDIS_PROBE,
    );
    return 'ok';
  } catch (error) {
    return reason(error, REDIS_PROBE);
  } finally {
    redis.disconnect();
  }
}

function checkModel(asrModel: string, modelsDir: string): CheckResult {
  try {
    requireInstalledModel(asrModel, modelsDir);
    return 'ok';
  } catch (error) {
    return reason(error);
  }
}

/** Runs every check; the process is ready when none failed. */
export async function checkReadiness(target: ReadinessTarget): Promise<ReadinessReport> {
  const [database, redis] = await Promise.all([checkDatabase(target.db), checkRedis(target.redisUrl)]);
  const model = checkModel(target.asrModel, target.modelsDir);
  const checks = { database, redis, model };
  const ready = Object.values(checks).every((check) => typeof check === 'string');
  return { ready, checks };
}
