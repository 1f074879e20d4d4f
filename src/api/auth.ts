/**
 * Authentication hook: resolves `request.principal` from an API key
 * (`Authorization: Bearer cs_…`) or the `callscore_session` cookie, and
 * rejects with 401 a request to a /v1/ route that needs a caller and has none.
 *
 * Routes outside /v1/ (health, metrics, the OpenAPI document, the web page)
 * are public. A /v1/ route opts out with `config: { public: true }`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import { CallscoreError } from '../errors/registry.js';
import { SESSION_LIFETIME_SECONDS } from '../auth/accounts.js';
import type { Principal } from '../auth/principal.js';
import { API_KEY_PREFIX, hashToken } from '../auth/tokens.js';
import { useApiKey } from '../store/api-keys.js';
import type { Database } from '../store/db.js';
import { useSession } from '../store/sessions.js';
import { getUser, principalOfUser } from '../store/users.js';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'callscore_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** True for a /v1/ route that anonymous callers may call (only sign-in). */
    public?: boolean;
  }
}

/** Tells whether the route that matched this request needs an authenticated caller. */
function needsCaller(request: FastifyRequest): boolean {
  if (request.routeOptions.config?.public === true) return false;
  // The route pattern, when a route matched, so an encoded path such as /%761/calls cannot pass as public.
  const path = request.routeOptions.url ?? request.url.split('?', 1)[0]!;
  return path === '/v1' || path.startsWith('/v1/');
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : '';
}

async function resolvePrincipal(db: Database, request: FastifyRequest): Promise<Principal | null | 'invalid'> {
  const token = bearerToken(request);
  if (token !== null) {
    if (!token.startsWith(API_KEY_PREFIX)) return 'invalid';
    const userId = await useApiKey(db, hashToken(token));
    const user = userId ? await getUser(db, userId) : null;
    return user ? principalOfUser(user, 'api_key') : 'invalid';
  }

  const sessionId = request.cookies[SESSION_COOKIE];
  if (sessionId) {
    const userId = await useSession(db, hashToken(sessionId), SESSION_LIFETIME_SECONDS);
    const user = userId ? await getUser(db, userId) : null;
    return user ? principalOfUser(user, 'session') : 'invalid';
  }
  return null;
}

/**
 * Sets the session cookie: HttpOnly, SameSite=Lax, Secure over https, ending with the browser session.
 * Behind a proxy that ends TLS, the request reads as https only when CALLSCORE_TRUST_PROXY trusts that proxy.
 */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, sessionId: string): void {
  reply.setCookie(SESSION_COOKIE, sessionId, { httpOnly: true, sameSite: 'lax', path: '/', secure: request.protocol === 'https' });
}

/** Clears the session cookie. */
export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/', secure: request.protocol === 'https' });
}

/** Registers cookie parsing and the authentication hook on the root instance. */
export async function installAuthentication(app: FastifyInstance, db: Database): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const principal = await resolvePrincipal(db, request);
    if (principal !== null && principal !== 'invalid') {
      request.principal = principal;
      return;
    }
    // A wrong key on a public route is ignored; the route does not need one.
    if (needsCaller(request)) throw new CallscoreError('CS_ERR_UNAUTHENTICATED');
  });
}
