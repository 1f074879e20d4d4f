/**
 * Rate limits of sign-in (per client IP and e-mail address) and uploads
 * (per caller), answered with 429 CS_ERR_RATE_LIMITED and Retry-After.
 * Counters live in the memory of each server process, so several server
 * processes each allow the configured number.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit, { type RateLimitOptions } from '@fastify/rate-limit';
import { CallscoreError } from '../errors/registry.js';

/** Requests allowed per minute; 0 turns a limit off. */
export interface RateLimitSettings {
  signInPerMinute: number;
  uploadsPerMinute: number;
}

const ONE_MINUTE_MS = 60_000;

/** Registers the rate-limit plugin with no global limit; routes opt in through their config. */
export async function installRateLimits(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, { global: false });
}

function limited(what: { en: string; zh: string }) {
  return (_request: FastifyRequest, context: { ttl: number }) =>
    new CallscoreError('CS_ERR_RATE_LIMITED', { what: what.en, whatZh: what.zh, retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) });
}

/** Route config of POST /v1/auth/sign-in; runs after body parsing so the e-mail address is part of the key. */
export function signInRateLimit(settings: RateLimitSettings): RateLimitOptions | false {
  if (settings.signInPerMinute <= 0) return false;
  return {
    max: settings.signInPerMinute,
    timeWindow: ONE_MINUTE_MS,
    hook: 'preHandler',
    keyGenerator: (request) => {
      const email = (request.body as { email?: unknown } | undefined)?.email;
      return `sign-in|${request.ip}|${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
    },
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
