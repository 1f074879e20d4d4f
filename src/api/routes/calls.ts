/** Call routes: upload, read, retry. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CallscoreError } from '../../errors/registry.js';
import { localeFromAcceptLanguage } from '../../i18n/accept-language.js';
import { getCallInScope } from '../../store/calls.js';
import { principalOf } from '../principal-of.js';
import { requireRole } from '../access.js';
import { retryFailedCall } from '../../jobs/retry.js';
import type { ApiContext } from '../context.js';
import { acceptUpload } from '../upload.js';
import { uploadRateLimit } from '../rate-limits.js';
import { buildCallView } from '../call-view.js';
import { CallAcceptedSchema, CallIdParamsSchema, CallViewSchema, ErrorResponseSchema } from '../schemas.js';

/** Registers the /v1/calls routes. */
export function callRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/v1/calls',
      {
        config: { rateLimit: uploadRateLimit(ctx.rateLimits) },
        schema: {
          summary: 'Upload a call recording or transcript',
          description:
            'multipart/form-data with a "file" part (wav, mp3, m4a, amr, ogg/opus, webm audio, or a JSON, WebVTT or SRT transcript) and the fields dealId, repId, startedAt, language, channelLayout, and optionally teamId and callId.',
          consumes: ['multipart/form-data'],
          response: {
            202: CallAcceptedSchema,
            400: ErrorResponseSchema,
            403: ErrorResponseSchema,
            409: ErrorResponseSchema,
            413: ErrorResponseSchema,
            415: ErrorResponseSchema,
            422: ErrorResponseSchema,
          },
        },
      },
      async (request, reply) => {
        const accepted = await acceptUpload(request, { db: ctx.db, storageDir: ctx.storageDir, maxUploadBytes: ctx.maxUploadBytes }, principalOf(request));
        request.log.info(
          { callId: accepted.callId, source: accepted.source, sha256: accepted.blob.sha256, created: accepted.created },
          accepted.created ? 'call uploaded' : 'call already uploaded',
        );
        if (accepted.created) await ctx.queue.enqueue('transcribe', accepted.callId, 'interactive');
        return reply.status(202).send({
          id: accepted.callId,
          status: accepted.status,
          source: accepted.source,
          recording: { sha256: accepted.blob.sha256, sizeBytes: accepted.blob.sizeBytes },
          links: { self: `/v1/calls/${accepted.callId}` },
        });
      },
    );

    app.get(
      '/v1/calls/:id',
      {
        schema: {
          summary: 'Status, transcript, findings, objections and behavior score of a call',
          params: CallIdParamsSchema,
          response: { 200: CallViewSchema, 404: ErrorResponseSchema },
        },
      },
      async (request) => {
        const call = await getCallInScope(ctx.db, request.params.id, principalOf(request));
        if (!call) throw new CallscoreError('CS_ERR_CALL_NOT_FOUND', { callId: request.params.id });
        return buildCallView(ctx.db, call, localeFromAcceptLanguage(request.headers['accept-language']));
      },
    );

    app.post(
      '/v1/calls/:id/retry',
      {
        schema: {
          summary: 'Retry a failed call from the stage that failed',
          params: CallIdParamsSchema,
          response: { 202: CallAcceptedSchema.pick({ id: true, status: true }), 403: ErrorResponseSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const call = await getCallInScope(ctx.db, request.params.id, principal);
        if (!call) throw new CallscoreError('CS_ERR_CALL_NOT_FOUND', { callId: request.params.id });
        requireRole(principal, ['admin', 'manager', 'rep'], { en: 'retry calls', zh: '重试通话' });
        if (call.status !== 'failed') throw new CallscoreError('CS_ERR_CALL_NOT_RETRYABLE', { callId: call.id, status: call.status });

        const status = await retryFailedCall(ctx.db, ctx.queue, call, 'interactive');
        request.log.info({ callId: call.id }, 'call retry queued');
        return reply.status(202).send({ id: call.id, status });
      },
    );
  };
}
