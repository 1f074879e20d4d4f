/** Sign-in, sign-out and the caller's own account. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signIn } from '../../auth/accounts.js';
import { hashToken } from '../../auth/tokens.js';
import { CallscoreError } from '../../errors/registry.js';
import { deleteSession } from '../../store/sessions.js';
import { getUser } from '../../store/users.js';
import { MeViewSchema, SignInBodySchema, UserViewSchema } from '../account-schemas.js';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../auth.js';
import type { ApiContext } from '../context.js';
import { principalOf } from '../principal-of.js';
import { signInIpRateLimit, signInRateLimit } from '../rate-limits.js';
import { ErrorResponseSchema } from '../schemas.js';

/** Registers /v1/auth/sign-in, /v1/auth/sign-out and /v1/me. */
export function authRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/v1/auth/sign-in',
      {
        config: { public: true, rateLimit: signInRateLimit(ctx.rateLimits) },
        // Runs before the per IP and e-mail limit, which the route config adds as a later preHandler.
        preHandler: signInIpRateLimit(app, ctx.rateLimits),
        schema: {
          summary: 'Sign in with e-mail and password; sets the session cookie',
          description:
            'Sets the HttpOnly cookie callscore_session. A session ends 12 hours after its last use, on sign-out, or when an admin disables the user or sets a new password.',
          security: [],
          body: SignInBodySchema,
          response: { 200: z.object({ user: UserViewSchema }), 401: ErrorResponseSchema, 429: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        try {
          const { user, sessionId } = await signIn(ctx.db, request.body.email, request.body.password);
          setSessionCookie(request, reply, sessionId);
          request.log.info({ userId: user.id }, 'signed in');
          return { user };
        } catch (error) {
          if (error instanceof CallscoreError) request.log.info({ ip: request.ip }, 'sign-in failed');
          throw error;
        }
      },
    );

    app.post(
      '/v1/auth/sign-out',
      {
        schema: {
          summary: 'End the current session and clear its cookie',
          description: 'With an API key and no session cookie this only returns 204; revoke keys with DELETE /v1/api-keys/{id}.',
          response: { 204: z.null(), 401: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        principalOf(request);
        const sessionId = request.cookies[SESSION_COOKIE];
        if (sessionId) await ctx.db.transaction((tx) => deleteSession(tx, hashToken(sessionId)));
        clearSessionCookie(request, reply);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/v1/me',
      { schema: { summary: 'The signed-in user or the API key’s owner', response: { 200: MeViewSchema, 401: ErrorResponseSchema } } },
      async (request) => {
        const principal = principalOf(request);
        const user = await getUser(ctx.db, principal.userId);
        if (!user) throw new CallscoreError('CS_ERR_UNAUTHENTICATED');
        return user;
      },
    );
  };
}
