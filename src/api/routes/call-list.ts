/** GET /v1/calls: the calls in the caller's scope, newest first, with finding counts for the review page. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { localeFromAcceptLanguage } from '../../i18n/accept-language.js';
import { t } from '../../i18n/catalog.js';
import { CallListCursorSchema, decodeCursor, encodeCursor } from '../../review/cursor.js';
import { parseOptionalRange } from '../../review/range.js';
import { listCalls } from '../../store/call-list.js';
import type { ApiContext } from '../context.js';
import { principalOf } from '../principal-of.js';
import { CallListQuerySchema, CallListSchema } from '../review-schemas.js';
import { ErrorResponseSchema } from '../schemas.js';

/** Registers GET /v1/calls. */
export function callListRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/v1/calls',
      {
        schema: {
          summary: 'Calls in your scope, newest first, with their finding counts',
          description: 'Reps see their own calls, coaches and managers the calls of their teams, admins every call. Pass nextCursor back as cursor for the next page.',
          querystring: CallListQuerySchema,
          response: { 200: CallListSchema, 400: ErrorResponseSchema },
        },
      },
      async (request) => {
        const locale = localeFromAcceptLanguage(request.headers['accept-language']);
        const { cursor, limit, from, to, ...filters } = request.query;
        const page = await listCalls(
          ctx.db,
          principalOf(request),
          { ...filters, ...parseOptionalRange(from, to) },
          cursor === undefined ? null : decodeCursor(cursor, CallListCursorSchema),
          limit,
        );
        return {
          items: page.items.map((call) => ({ ...call, statusLabel: t(locale, `callStatus.${call.status}`) })),
          nextCursor: page.next ? encodeCursor(page.next) : null,
        };
      },
    );
  };
}
