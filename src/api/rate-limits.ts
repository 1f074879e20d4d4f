/**
 * Rate limits of sign-in (per client IP and e-mail address, and per client
 * IP across all addresses) and uploads (per caller). A request over a limit
 * gets 429 CS_ERR_RATE_LIMITED with Retry-After.
 * With REDIS_URL the counters live in Redis under the queue prefix, so all
 * servers that share that Redis and prefix count together. Without it each
 * server process counts in its own memory.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit, { type RateLimitOptions } from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import { CallscoreError } from '../errors/registry.js';

/** Requests allowed per minute; 0 turns a limit off. */
export interface RateLimitSettings {
  signInPerMinute: number;
  /** Sign-in attempts from one client IP across all e-mail addresses, so one IP cannot try a password on many accounts. */
  signInPerIpPerMinute: number;
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

/**
 * Returns a preHandler hook for POST /v1/auth/sign-in that counts attempts per
 * client IP across all e-mail addresses, or undefined when the limit is off.
 * The plugin's route hooks run only one limit per request, so this one counts
 * through `createRateLimit` next to the per IP and e-mail limit of `signInRateLimit`.
 */
export function signInIpRateLimit(app: FastifyInstance, settings: RateLimitSettings) {
  if (settings.signInPerIpPerMinute <= 0) return undefined;
  const check = app.createRateLimit({
    max: settings.signInPerIpPerMinute,
    timeWindow: ONE_MINUTE_MS,
    keyGenerator: (request) => `sign-in-ip|${request.ip}`,
  });
  const rejection = limited({ en: 'sign in from this IP address', zh: '此 IP 地址的登录' });
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const result = await check(request);
    if (result.isAllowed || !result.isExceeded) return;
    const retryAfterSeconds = Math.max(1, result.ttlInSeconds);
    reply.header('retry-after', String(retryAfterSeconds));
    throw rejection(request, { ttl: result.ttl });
  };
}
