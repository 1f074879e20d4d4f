/**
 * Deletion routes: DELETE /v1/calls/:id and DELETE /v1/deals/:id remove
 * recordings, transcripts, findings, objections, reviews and scores, and
 * audit each deletion by ids and counts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CallscoreError } from '../../errors/registry.js';
import { deleteCall, deleteDeal, type DeletionRequest } from '../../jobs/deletion.js';
import type { Principal } from '../../auth/principal.js';
import { getCallInScope } from '../../store/calls.js';
import { getDealVisibility } from '../../store/deals.js';
import { requireAdmin } from '../access.js';
import { principalOf } from '../principal-of.js';
import type { ApiContext } from '../context.js';
import { CallIdParamsSchema, DealIdParamsSchema, ErrorResponseSchema } from '../schemas.js';

const DeletedCallSchema = z.object({
  callId: z.string(),
  dealId: z.string(),
  turns: z.number().int(),
  findings: z.number().int(),
  objections: z.number().int(),
  reviews: z.number().int().describe('Review items of the deal that quoted this call.'),
  recordingRemoved: z.boolean().describe('False when another call still refers to the same recording content.'),
});

const DELETE = { en: 'delete calls or deals', zh: '删除通话或商机' };

/** Names the caller in the deletion audit by user id, which carries no personal data unlike an e-mail address. */
function deletionRequest(principal: Principal): DeletionRequest {
  return { actor: principal.userId };
}

/** Registers the DELETE routes for calls and deals. */
export function deletionRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.delete(
      '/v1/calls/:id',
      {
        schema: {
          summary: 'Delete a call: its recording (unless another call shares it), transcript, findings, reviews and score',
          description: 'Admins only. The deletion is audited with the caller’s user id, ids and counts. Deal scores read afterwards leave the call out.',
          params: CallIdParamsSchema,
          response: { 200: z.object({ deleted: DeletedCallSchema }), 403: ErrorResponseSchema, 404: ErrorResponseSchema },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        if (!(await getCallInScope(ctx.db, request.params.id, principal))) throw new CallscoreError('CS_ERR_CALL_NOT_FOUND', { callId: request.params.id });
        requireAdmin(principal, DELETE);
        const deleted = await deleteCall(ctx.db, ctx.storageDir, request.params.id, deletionRequest(principal), request.log);
        if (!deleted) throw new CallscoreError('CS_ERR_CALL_NOT_FOUND', { callId: request.params.id });
        return { deleted };
      },
    );

    app.delete(
      '/v1/deals/:id',
      {
        schema: {
          summary: 'Delete a deal: every call of the deal as DELETE /v1/calls/:id does, then its intent, contract and review items (admins only)',
          params: DealIdParamsSchema,
          response: { 200: z.object({ dealId: z.string(), deleted: z.array(DeletedCallSchema) }), 403: ErrorResponseSchema, 404: ErrorResponseSchema },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        if (!(await getDealVisibility(ctx.db, request.params.id, principal)).inScope) throw new CallscoreError('CS_ERR_DEAL_UNKNOWN', { dealId: request.params.id });
        requireAdmin(principal, DELETE);
        const deleted = await deleteDeal(ctx.db, ctx.storageDir, request.params.id, deletionRequest(principal), request.log);
        if (!deleted) throw new CallscoreError('CS_ERR_DEAL_UNKNOWN', { dealId: request.params.id });
        return { dealId: request.params.id, deleted };
      },
    );
  };
}
