/**
 * Serves the stored recording of a call with Range support, so a browser
 * audio element can seek to a finding. Scope follows the call.
 */
import { createReadStream } from 'node:fs';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CallscoreError } from '../../errors/registry.js';
import { localeFromAcceptLanguage } from '../../i18n/accept-language.js';
import { blobPath, hasBlob } from '../../ingest/blob-store.js';
import { getCallRecording } from '../../store/call-list.js';
import { decideRange } from '../byte-range.js';
import type { ApiContext } from '../context.js';
import { principalOf } from '../principal-of.js';
import { CallIdParamsSchema, ErrorResponseSchema } from '../schemas.js';

/** Media types of the containers that upload validation detects; other formats are sent as bytes. */
const AUDIO_MEDIA_TYPES: Record<string, string> = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  mp4: 'audio/mp4',
  amr: 'audio/amr',
  ogg: 'audio/ogg',
  webm: 'audio/webm',
};

/** Registers GET /v1/calls/:id/audio. */
export function callAudioRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/v1/calls/:id/audio',
      {
        schema: {
          summary: 'The recording of a call, with HTTP Range support for seeking',
          description: 'Returns 206 with Content-Range for a single byte range, and 416 for a range outside the file or a malformed bytes range. A call uploaded as a transcript has no audio (404).',
          params: CallIdParamsSchema,
          produces: ['audio/*'],
          response: { 404: ErrorResponseSchema, 416: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const callId = request.params.id;
        const recording = await getCallRecording(ctx.db, principalOf(request), callId);
        if (!recording) throw new CallscoreError('CS_ERR_CALL_NOT_FOUND', { callId });
        if (recording.source === 'transcript') throw new CallscoreError('CS_ERR_CALL_HAS_NO_AUDIO', { callId });
        if (recording.recordingDeleted || !(await hasBlob(ctx.storageDir, recording.sha256))) {
          throw new CallscoreError('CS_ERR_RECORDING_DELETED', { callId });
        }

        const size = recording.sizeBytes;
        void reply
          .header('accept-ranges', 'bytes')
          .header('cache-control', 'private, no-cache')
          .header('etag', `"${recording.sha256}"`)
          .type(AUDIO_MEDIA_TYPES[recording.format ?? ''] ?? 'application/octet-stream');

        const decision = decideRange(request.headers.range, size);
        if (decision.kind === 'unsatisfiable' || decision.kind === 'malformed') {
          const range = String(request.headers.range).replace(/\p{Cc}/gu, '').slice(0, 60);
          const error =
            decision.kind === 'malformed'
              ? new CallscoreError('CS_ERR_RANGE_INVALID', { range })
              : new CallscoreError('CS_ERR_RANGE_NOT_SATISFIABLE', { range, sizeBytes: size, lastByte: size - 1 });
          request.log.info({ callId, code: error.code }, 'request rejected');
          return reply
            .status(416)
            .type('application/json; charset=utf-8')
            .header('content-range', `bytes */${size}`)
            .send({ error: { code: error.code, message: error.messageIn(localeFromAcceptLanguage(request.headers['accept-language'])) } });
        }

        const file = blobPath(ctx.storageDir, recording.sha256);
        // The body is a file stream, which the JSON response schemas do not describe.
        const raw = reply as unknown as FastifyReply;
        if (decision.kind === 'full') {
          return raw.header('content-length', size).send(createReadStream(file));
        }
        return raw
          .status(206)
          .header('content-range', `bytes ${decision.start}-${decision.end}/${size}`)
          .header('content-length', decision.end - decision.start + 1)
          .send(createReadStream(file, { start: decision.start, end: decision.end }));
      },
    );
  };
}
