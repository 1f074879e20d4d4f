/**
 * The admin view of a call's unmasked transcript, for teams whose privacy
 * setting keeps the original text. Every other view shows masked text.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CallscoreError } from '../../errors/registry.js';
import { getCallInScope } from '../../store/calls.js';
import { getCallPrivacyState, getTurnOriginals, getTurnRedactions } from '../../store/privacy.js';
import { getTurns } from '../../store/turns.js';
import type { ApiContext } from '../context.js';
import { principalOf } from '../principal-of.js';
import { isAdmin } from '../../auth/principal.js';
import { CallIdParamsSchema, ErrorResponseSchema } from '../schemas.js';

const OriginalTranscriptSchema = z.object({
  callId: z.string(),
  turns: z.array(z.object({ index: z.number().int(), speaker: z.string(), text: z.string(), masked: z.boolean() })),
});

/** Registers GET /v1/calls/:id/original-transcript. */
export function privacyRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/v1/calls/:id/original-transcript',
      {
        schema: {
          summary: 'Unmasked transcript of a call, for admins, when the team keeps originals',
          description: 'Admins only; other roles get 403 CS_ERR_ADMIN_REQUIRED for a call in their scope and 404 for any other call.',
          params: CallIdParamsSchema,
          response: { 200: OriginalTranscriptSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const call = await getCallInScope(ctx.db, request.params.id, principal);
        if (!call) throw new CallscoreError('CS_ERR_CALL_NOT_FOUND', { callId: request.params.id });
        if (!isAdmin(principal)) throw new CallscoreError('CS_ERR_ADMIN_REQUIRED');

        const [state, turns, redactions, originals] = await Promise.all([
          getCallPrivacyState(ctx.db, call.id),
          getTurns(ctx.db, call.id),
          getTurnRedactions(ctx.db, call.id),
          getTurnOriginals(ctx.db, call.id),
        ]);
        // A masked turn without its original means the team stores masked text only.
        const lost = redactions.some((items, index) => items.length > 0 && !originals.has(index));
        if (lost || state?.transcriptDeletedAt) throw new CallscoreError('CS_ERR_ORIGINAL_NOT_KEPT', { callId: call.id });

        request.log.info({ callId: call.id, turns: originals.size }, 'original transcript read by admin');
        return {
          callId: call.id,
          turns: turns.map((turn, index) => ({
            index,
            speaker: turn.speaker,
            text: originals.get(index) ?? turn.text,
            masked: originals.has(index),
          })),
        };
      },
    );
  };
}
