/** Handles and limits that the routes take from the running service. */
import type { StageQueue } from '../jobs/queue.js';
import type { Database } from '../store/db.js';
import type { Runtime } from '../runtime/runtime.js';
import type { RateLimitSettings } from './rate-limits.js';
import type { TrustProxy } from '../config/trust-proxy.js';

/** Shared handles passed to every route plugin. */
export interface ApiContext {
  db: Database;
  queue: StageQueue;
  storageDir: string;
  maxUploadBytes: number;
  /** Only folder whose files batch manifests sent over HTTP may name. */
  importDir: string;
  rateLimits: RateLimitSettings;
  /** Reverse proxies whose X-Forwarded-* headers set the request's protocol and client address. */
  trustProxy: TrustProxy;
  /** Services that /readyz checks besides the database; without them the model check fails. */
  readiness?: { redisUrl?: string; modelsDir: string; asrModel: string };
}

/** Builds the route context of a started server runtime from its handles and configuration. */
export function apiContextOf(runtime: Runtime): ApiContext {
  const { config } = runtime;
  return {
    db: runtime.db,
    queue: runtime.queue,
    storageDir: runtime.storageDir,
    maxUploadBytes: config.maxUploadBytes,
    importDir: config.importDir,
    trustProxy: config.trustProxy,
    rateLimits: {
      signInPerMinute: config.signInRateLimit,
      signInPerIpPerMinute: config.signInIpRateLimit,
      uploadsPerMinute: config.uploadRateLimit,
      redis: config.redisUrl ? { url: config.redisUrl, prefix: config.queuePrefix } : undefined,
    },
    readiness: { redisUrl: config.redisUrl, modelsDir: config.modelsDir, asrModel: config.asrModel },
  };
}
