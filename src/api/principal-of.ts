/**
 * The caller of a request, as the authentication hook found it. Route
 * handlers read it here and pass it to the store, which scopes its queries.
 */
import type { FastifyRequest } from 'fastify';
import { CallscoreError } from '../errors/registry.js';
import type { Principal } from '../auth/principal.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook; null on the few routes that need no caller. */
    principal: Principal | null;
  }
}

/** Returns the caller, or throws 401 when the request carried no valid credentials. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new CallscoreError('CS_ERR_UNAUTHENTICATED');
  return request.principal;
}
