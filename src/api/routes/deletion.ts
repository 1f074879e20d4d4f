/**
 * Deletion routes: DELETE /v1/calls/:id and DELETE /v1/deals/:id remove
 * recordings, transcripts, findings, objections, reviews and scores, and
 * audit each deletion by ids and counts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CallscoreError } from '../../errors/registry.js';
import { deleteCall, deleteDeal, type DeletionRequest } from '../../jobs/deletion.js';
import { redactText } from '../../privacy/redact.js';
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

const ACTOR_HEADER = 'x-callscore-actor';

/**
 * Reads who asked for the deletion from the X-Callscore-Actor header.
 * NOTE: the API has no authentication yet, so this is the client's own claim; the audit records it as sent.
 */
function deletionRequest(request: FastifyRequest): DeletionRequest {
  const header = request.headers[ACTOR_HEADER];
  const raw = (Array.isArray(header) ? header[0] : header)?.trim().slice(0, 128) ?? '';
  // The audit must hold no personal data, so a phone number or e-mail sent as the actor is masked.
  const actor = redactText(raw.replace(/\p{Cc}/gu, '')).text;
  return { actor: actor || 'anonymous' };
}

/** Registers the DELETE routes for calls and deals. */
export function deletionRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.delete(
      '/v1/calls/:id',
      {
        schema: {
          summary: 'Delete a call: its recording (unless another call shares it), transcript, findings, reviews and score',
          description: 'The deletion is audited with the X-Callscore-Actor header, ids and counts. Deal scores read afterwards leave the call out.',
          params: CallIdParamsSchema,
          response: { 200: z.object({ deleted: DeletedCallSchema }), 404: ErrorResponseSchema },
        },
      },
      async (request) => {
        const deleted = await deleteCall(ctx.db, ctx.storageDir, request.params.id, deletionRequest(request), request.log);
        if (!deleted) throw new CallscoreError('CS_ERR_CALL_NOT_FOUND', { callId: request.params.id });
        return { deleted };
      },
    );

    app.delete(
      '/v1/deals/:id',
      {
        schema: {
          summary: 'Delete a deal: every call of the deal as DELETE /v1/calls/:id does, then its intent, contract and review items',
          params: DealIdParamsSchema,
          response: { 200: z.object({ dealId: z.string(), deleted: z.array(DeletedCallSchema) }), 404: ErrorResponseSchema },
        },
      },
      async (request) => {
        const deleted = await deleteDeal(ctx.db, ctx.storageDir, request.params.id, deletionRequest(request), request.log);
        if (!deleted) throw new CallscoreError('CS_ERR_DEAL_UNKNOWN', { dealId: request.params.id });
        return { dealId: request.params.id, deleted };
      },
    );
  };
}
