/**
 * The new-rep check (新人上岗认证): whether each rep's first customer call
 * surfaced at least three customer pains.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listFirstCallPains } from '../../store/extraction.js';
import { principalOf } from '../principal-of.js';
import type { ApiContext } from '../context.js';

/** Pains a rep's first customer call must surface to pass the new-rep check. */
export const NEW_REP_MIN_PAINS = 3;

const FirstCallCheckSchema = z.object({
  minPains: z.number().int(),
  reps: z.array(
    z.object({
      repId: z.string(),
      teamId: z.string(),
      callId: z.string(),
      startedAt: z.string(),
      painCount: z.number().int(),
      passed: z.boolean().nullable().describe('Null while the first call is not analysed yet (or failed).'),
    }),
  ),
});

/** Registers GET /v1/reps/first-call-check. */
export function repRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/v1/reps/first-call-check',
      {
        schema: {
          summary: 'New-rep check: whether each rep’s first customer call surfaced at least three pains',
          description: 'Lists the reps whose calls the caller may see: all for admins, their teams for managers and coaches, themselves for reps.',
          querystring: z.object({ teamId: z.string().min(1).max(128).optional() }),
          response: { 200: FirstCallCheckSchema },
        },
      },
      async (request) => {
        const firstCalls = await listFirstCallPains(ctx.db, principalOf(request), request.query.teamId);
        return {
          minPains: NEW_REP_MIN_PAINS,
          reps: firstCalls.map((call) => ({
            repId: call.repId,
            teamId: call.teamId,
            callId: call.callId,
            startedAt: call.startedAt,
            painCount: call.painCount,
            passed: call.status === 'scored' ? call.painCount >= NEW_REP_MIN_PAINS : null,
          })),
        };
      },
    );
  };
}
