/** API keys: create (the key is shown once), list without secrets, revoke. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createApiKey } from '../../auth/accounts.js';
import { isAdmin } from '../../auth/principal.js';
import { CallscoreError } from '../../errors/registry.js';
import { getApiKey, listApiKeys, revokeApiKey } from '../../store/api-keys.js';
import { ApiKeyViewSchema, CreateApiKeyBodySchema } from '../account-schemas.js';
import { requireAdmin } from '../access.js';
import type { ApiContext } from '../context.js';
import { principalOf } from '../principal-of.js';
import { ErrorResponseSchema } from '../schemas.js';

const KeyIdParamsSchema = z.object({ id: z.string().min(1).max(128) });

/** Registers /v1/api-keys. */
export function apiKeyRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/v1/api-keys',
      {
        schema: {
          summary: 'Create an API key; the response is the only time the key is shown',
          description: 'Admins may create a key for another user with userId; everyone else gets a key of their own.',
          body: CreateApiKeyBodySchema,
          response: {
            201: ApiKeyViewSchema.extend({ key: z.string().describe('Send as "Authorization: Bearer <key>". Store it now: it is not shown again.') }),
            403: ErrorResponseSchema,
            404: ErrorResponseSchema,
          },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const owner = request.body.userId ?? principal.userId;
        if (owner !== principal.userId) requireAdmin(principal, { en: 'create API keys for other users', zh: '为其他用户创建 API 密钥' });
        const { record, key } = await createApiKey(ctx.db, owner, request.body.name);
        request.log.info({ keyId: record.id, userId: owner, by: principal.userId }, 'API key created');
        return reply.status(201).send({ ...record, key });
      },
    );

    app.get(
      '/v1/api-keys',
      {
        schema: {
          summary: 'List API keys without their secrets: your own, or every user’s for admins',
          response: { 200: z.object({ apiKeys: z.array(ApiKeyViewSchema) }) },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        return { apiKeys: await listApiKeys(ctx.db, isAdmin(principal) ? null : principal.userId) };
      },
    );

    app.delete(
      '/v1/api-keys/:id',
      {
        schema: {
          summary: 'Revoke an API key; requests with it get 401 from now on',
          params: KeyIdParamsSchema,
          response: { 204: z.null(), 404: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        // Another user's key reads as unknown to a non-admin.
        const key = await getApiKey(ctx.db, request.params.id, isAdmin(principal) ? null : principal.userId);
        if (!key) throw new CallscoreError('CS_ERR_API_KEY_NOT_FOUND', { keyId: request.params.id });
        await ctx.db.transaction((tx) => revokeApiKey(tx, key.id));
        request.log.info({ keyId: key.id, by: principal.userId }, 'API key revoked');
        return reply.status(204).send(null);
      },
    );
  };
}
