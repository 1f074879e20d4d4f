/** Business glossary routes: read the current version, store a new one. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { parseGlossary } from '../../nlu/glossary.js';
import { getGlossary, putGlossary } from '../../store/extraction.js';
import type { ApiContext } from '../context.js';
import { GlossaryViewSchema } from '../deal-schemas.js';
import { ErrorResponseSchema } from '../schemas.js';
import { principalOf } from '../principal-of.js';
import { requireAdmin } from '../access.js';

/** Registers GET and PUT /v1/glossary. */
export function glossaryRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/v1/glossary',
      { schema: { summary: 'Business glossary: synonyms, metric names, competitor and product names', response: { 200: GlossaryViewSchema } } },
      async () => getGlossary(ctx.db),
    );

    app.put(
      '/v1/glossary',
      {
        schema: {
          summary: 'Store a new version of the business glossary; extraction of later calls reads it (admins only)',
          body: z.record(z.string(), z.unknown()),
          response: { 200: GlossaryViewSchema, 400: ErrorResponseSchema, 403: ErrorResponseSchema },
        },
      },
      async (request) => {
        requireAdmin(principalOf(request), { en: 'change the glossary', zh: '修改业务词表' });
        const glossary = parseGlossary(request.body);
        const version = await ctx.db.transaction((tx) => putGlossary(tx, glossary));
        request.log.info({ version }, 'glossary stored');
        return { version, glossary };
      },
    );
  };
}
