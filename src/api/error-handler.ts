/**
 * Turns every error into `{ error: { code, message } }` with the registry's
 * status, the message in the request's language (Accept-Language).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { CallscoreError, type ErrorCode } from '../errors/registry.js';
import { localeFromAcceptLanguage } from '../i18n/accept-language.js';

/** Fastify and multipart error codes mapped to registry codes. */
const FRAMEWORK_ERRORS: Record<string, ErrorCode> = {
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'CS_ERR_FILE_MISSING',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'CS_ERR_FILE_MISSING',
};

function toCallscoreError(error: FastifyError, request: FastifyRequest): CallscoreError {
  if (error instanceof CallscoreError) return error;

  if (hasZodFastifySchemaValidationErrors(error)) {
    const issue = error.validation[0];
    const field = issue?.instancePath.replace(/^\//, '').replaceAll('/', '.') || (issue?.params as { missingProperty?: string })?.missingProperty || 'request';
    return new CallscoreError('CS_ERR_VALIDATION', { field, reason: issue?.message ?? 'invalid value' });
  }

  const mapped = error.code ? FRAMEWORK_ERRORS[error.code] : undefined;
  if (mapped) return new CallscoreError(mapped);

  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new CallscoreError('CS_ERR_VALIDATION', { field: 'request', reason: error.message });
  }
  return new CallscoreError('CS_ERR_INTERNAL', { requestId: request.id });
}

/** Installs the error and not-found handlers on the app. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const failure = toCallscoreError(error, request);
    if (failure.status >= 500) {
      request.log.error({ err: error, code: failure.code }, 'request failed');
    } else {
      request.log.info({ code: failure.code }, 'request rejected');
    }
    const locale = localeFromAcceptLanguage(request.headers['accept-language']);
    // A rejected upload may leave request body unread on the socket; closing the connection keeps a
    // keep-alive client from sending its next request after that body.
    if (!request.raw.complete) void reply.header('connection', 'close');
    void reply.status(failure.status).send({ error: { code: failure.code, message: failure.messageIn(locale) } });
  });

  app.setNotFoundHandler((request, reply) => {
    const locale = localeFromAcceptLanguage(request.headers['accept-language']);
    const failure = new CallscoreError('CS_ERR_ROUTE_NOT_FOUND', { method: request.method, url: request.url.slice(0, 200) });
    void reply.status(failure.status).send({ error: { code: failure.code, message: failure.messageIn(locale) } });
  });
}
