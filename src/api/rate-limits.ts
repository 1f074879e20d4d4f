/**
 * Rate limits of sign-in (per client IP and e-mail address) and uploads
 * (per caller), answered with 429 CS_ERR_RATE_LIMITED and Retry-After.
 * With REDIS_URL the counters live in Redis under the queue prefix, so all
 * servers that share that Redis and prefix count together. Without it each
 * server process counts in its own memory.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit, { type RateLimitOptions } from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import { CallscoreError } from '../errors/registry.js';

/** Requests allowed per minute; 0 turns a limit off. */
export interface RateLimitSettings {
  signInPerMinute: number;
  uploadsPerMinute: number;
  /** Redis that stores the counters, and the key prefix of this deployment. Unset keeps the counters in process memory. */
  redis?: { url: string; prefix: string };
}

const ONE_MINUTE_MS = 60_000;

// Connect and command timeout of the rate-limit Redis client, in ms.
const REDIS_TIMEOUT_MS = 2_000;

/**
 * Registers the rate-limit plugin with no global limit, and routes opt in through their config.
 * When Redis cannot be reached, requests pass uncounted (skipOnError), so an outage of Redis
 * does not lock every user out. The server logs one warning per outage.
 */
export async function installRateLimits(app: FastifyInstance, settings: RateLimitSettings): Promise<void> {
  if (!settings.redis) {
    await app.register(rateLimit, { global: false });
    return;
  }

  const redis = new Redis(settings.redis.url, { connectTimeout: REDIS_TIMEOUT_MS, commandTimeout: REDIS_TIMEOUT_MS, maxRetriesPerRequest: 1 });
  let reachable = true;
  redis.on('error', (error: Error) => {
    if (!reachable) return;
    reachable = false;
    app.log.warn({ err: error }, 'rate-limit Redis unreachable; requests pass uncounted until it is back');
  });
  redis.on('ready', () => {
    if (!reachable) app.log.info('rate-limit Redis reachable again');
    reachable = true;
  });
  app.addHook('onClose', async () => {
    await redis.quit().catch(() => redis.disconnect());
  });

  await app.register(rateLimit, { global: false, redis, nameSpace: `${settings.redis.prefix}:rate-limit:`, skipOnError: true });
}

function limited(what: { en: string; zh: string }) {
  return (_request: FastifyRequest, context: { ttl: number }) =>
    new CallscoreError('CS_ERR_RATE_LIMITED', { what: what.en, whatZh: what.zh, retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) });
}

// Counter keys may sit in a shared Redis, so they carry a hash of the address instead of the address.
function emailDigest(email: unknown): string {
  const normalized = typeof email === 'string' ? email.trim().toLowerCase() : '';
  return createHash('sha256').update(normalized).digest('base64url').slice(0, 22);
}

/** Route config of POST /v1/auth/sign-in; runs after body parsing so the e-mail address is part of the key. */
export function signInRateLimit(settings: RateLimitSettings): RateLimitOptions | false {
  if (settings.signInPerMinute <= 0) return false;
  return {
    max: settings.signInPerMinute,
    timeWindow: ONE_MINUTE_MS,
    hook: 'preHandler',
    keyGenerator: (request) => `sign-in|${request.ip}|${emailDigest((request.body as { email?: unknown } | undefined)?.email)}`,
    errorResponseBuilder: limited({ en: 'sign in', zh: '登录' }),
  };
}

/** Route config of an upload route (POST /v1/calls, POST /v1/batches), counted per caller and per route. */
export function uploadRateLimit(settings: RateLimitSettings): RateLimitOptions | false {
  if (settings.uploadsPerMinute <= 0) return false;
  return {
    max: settings.uploadsPerMinute,
    timeWindow: ONE_MINUTE_MS,
    keyGenerator: (request) => `upload|${request.principal?.userId ?? request.ip}`,
    errorResponseBuilder: limited({ en: 'upload calls', zh: '上传通话' }),
  };
}
