/**
 * Cross-site request forgery check for the session cookie. SameSite=Lax
 * treats every port of a host as the same site, so a page on another port
 * of the same host could send the cookie with a POST. An unsafe request that
 * the cookie authorizes, and every sign-in, must therefore name this
 * server's own origin in `Origin`, or else be marked `Sec-Fetch-Site:
 * same-origin`. Requests with an API key (`Authorization: Bearer`) are not
 * checked, because a browser attaches that header to no cross-site request.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CallscoreError } from '../errors/registry.js';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Returns the origin of this server as the request reached it (scheme and Host, after trusted proxies). */
function ownOrigin(request: FastifyRequest): string | null {
  try {
    return new URL(`${request.protocol}://${request.host}`).origin;
  } catch {
    return null;
  }
}

function normalisedOrigin(value: string): string | null {
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

function needsCheck(request: FastifyRequest): boolean {
  if (!UNSAFE_METHODS.has(request.method)) return false;
  if (request.headers.authorization !== undefined) return false;
  // Sign-in is checked with no cookie too, so another site cannot sign a browser in to an account of its choosing.
  return request.principal?.via === 'session' || request.routeOptions.config?.public === true;
}

/** Throws CS_ERR_CROSS_SITE_REQUEST unless the request comes from this server's own origin. */
export function checkSameOrigin(request: FastifyRequest): void {
  const expected = ownOrigin(request);
  const origin = request.headers.origin;
  if (origin !== undefined) {
    if (expected !== null && normalisedOrigin(origin) === expected) return;
    throw new CallscoreError('CS_ERR_CROSS_SITE_REQUEST', { origin: origin.replace(/\p{Cc}/gu, '').slice(0, 100), expected: expected ?? '(unknown)' });
  }

  const site = request.headers['sec-fetch-site'];
  if (site === 'same-origin') return;
  throw new CallscoreError('CS_ERR_CROSS_SITE_REQUEST', {
    origin: site === undefined ? '' : `Sec-Fetch-Site: ${String(site).replace(/\p{Cc}/gu, '').slice(0, 40)}`,
    expected: expected ?? '(unknown)',
  });
}

/**
 * Adds the check as an onRequest hook. Register it after the authentication
 * hook, because the check reads `request.principal.via` to see whether the cookie authorized the request.
 */
export function installCrossSiteCheck(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (needsCheck(request)) checkSameOrigin(request);
  });
}
