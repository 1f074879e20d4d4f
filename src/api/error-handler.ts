/**
 * Turns every error into `{ error: { code, message } }` with the registry's
 * status, the message in the request's language (Accept-Language).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { CallscoreError } from '../errors/registry.js';
import { localeFromAcceptLanguage } from '../i18n/accept-language.js';
import { BODY_ERROR_REASONS, validationReason, valueAtPath, type Reason, type ValidationContext, type ZodValidationEntry } from './validation-reasons.js';

/** Multipart limits and violations, as a field and a reason in both languages. */
const MULTIPART_LIMITS: Record<string, { field: string; reason: Reason }> = {
  FST_FILES_LIMIT: { field: 'file', reason: { en: 'send exactly one file per upload', zh: '每次上传只能包含一个文件' } },
  FST_PARTS_LIMIT: { field: 'form', reason: { en: 'too many parts; send one file and the form fields', zh: '表单部分过多；请只发送一个文件和表单字段' } },
  FST_FIELDS_LIMIT: { field: 'form', reason: { en: 'more than 20 form fields', zh: '表单字段超过 20 个' } },
  FST_PROTO_VIOLATION: { field: 'form', reason: { en: 'a field is named __proto__ or constructor', zh: '字段名不能为 __proto__ 或 constructor' } },
};

// busboy reports a malformed body with plain Errors, recognisable only by their text.
const MALFORMED_MULTIPART = /boundary|unexpected end|terminated early|malformed part header|multipart/i;

/** Returns the request part that a schema validated, from fastify's `validationContext`. */
function requestPart(request: FastifyRequest, context: ValidationContext | undefined): unknown {
  if (context === 'params') return request.params;
  if (context === 'querystring') return request.query;
  if (context === 'headers') return request.headers;
  return request.body;
}

/** Cuts a header value to 100 characters and removes control characters, for an error message. */
function safeHeader(value: string | undefined): string {
  if (!value) return '(none)';
  return value.replace(/[\p{Cc}]/gu, '').slice(0, 100);
}

/** Names the field an issue is about, dotted (`items.0.text`). For unknown fields it lists their names under their object's path. */
function issueField(issue: ZodValidationEntry): string {
  const objectPath = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const unknownKeys = issue.keyword === 'unrecognized_keys' ? (issue.params as { keys?: unknown }).keys : undefined;
  if (Array.isArray(unknownKeys) && unknownKeys.length > 0) {
    return unknownKeys.map((key) => (objectPath ? `${objectPath}.${String(key)}` : String(key))).join(', ');
  }
  return objectPath || (issue.params as { missingProperty?: string }).missingProperty || 'request';
}

function toCallscoreError(error: FastifyError, request: FastifyRequest): CallscoreError {
  if (error instanceof CallscoreError) return error;

  if (hasZodFastifySchemaValidationErrors(error)) {
    const issue = error.validation[0];
    const field = issue ? issueField(issue) : 'request';
    if (!issue) return new CallscoreError('CS_ERR_VALIDATION', { field, reason: 'invalid value', reasonZh: '值无效' });
    const context = error.validationContext as ValidationContext | undefined;
    // An unknown field's issue sits on the enclosing object, whose value (possibly with a password) is not echoed.
    const value = issue.keyword === 'unrecognized_keys' ? undefined : valueAtPath(requestPart(request, context), issue.instancePath);
    const reason = validationReason(issue, context, value, field);
    return new CallscoreError('CS_ERR_VALIDATION', { field, reason: reason.en, reasonZh: reason.zh });
  }

  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    const expected = request.routeOptions.schema?.consumes?.join(' or ') ?? 'application/json';
    return new CallscoreError('CS_ERR_UNSUPPORTED_MEDIA_TYPE', { received: safeHeader(request.headers['content-type']), expected });
  }
  // A multipart route's handler reads the parts itself, so a JSON body gets this far before it is rejected.
  if (error.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return new CallscoreError('CS_ERR_UNSUPPORTED_MEDIA_TYPE', { received: safeHeader(request.headers['content-type']), expected: 'multipart/form-data' });
  }

  const bodyReason = error.code ? BODY_ERROR_REASONS[error.code] : undefined;
  if (bodyReason) return new CallscoreError('CS_ERR_VALIDATION', { field: 'body', reason: bodyReason.en, reasonZh: bodyReason.zh });

  const limit = error.code ? MULTIPART_LIMITS[error.code] : undefined;
  if (limit) return new CallscoreError('CS_ERR_VALIDATION', { field: limit.field, reason: limit.reason.en, reasonZh: limit.reason.zh });

  if (request.isMultipart() && !error.statusCode && MALFORMED_MULTIPART.test(error.message)) {
    return new CallscoreError('CS_ERR_MULTIPART_INVALID', { reason: error.message.slice(0, 200) });
  }

  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new CallscoreError('CS_ERR_VALIDATION', { field: 'request', reason: error.message });
  }
  return new CallscoreError('CS_ERR_INTERNAL', { requestId: request.id });
}

/** Sends a registry error as `{ error: { code, message } }` in the request's language. */
function sendError(request: FastifyRequest, reply: FastifyReply, failure: CallscoreError): void {
  const locale = localeFromAcceptLanguage(request.headers['accept-language']);
  void reply.status(failure.status).send({ error: { code: failure.code, message: failure.messageIn(locale) } });
}

/**
 * Handles the errors Fastify raises before routing (a malformed percent
 * escape, a path parameter over `maxParamLength`), for the `frameworkErrors`
 * server option, so they get the same shape as every other error.
 */
export function handleFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const reason =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? { en: 'an id in the path is too long; ids have at most 128 characters', zh: '路径中的 id 过长；id 最多 128 个字符' }
      : { en: 'the path has a malformed percent-encoding', zh: '路径中的百分号编码格式错误' };
  request.log.info({ code: error.code }, 'request rejected before routing');
  sendError(request, reply, new CallscoreError('CS_ERR_VALIDATION', { field: 'url', reason: reason.en, reasonZh: reason.zh }));
}

/**
 * Tells whether `error` comes from the client closing the connection before
 * it sent the whole body (Node's "aborted" ECONNRESET on the request stream).
 */
function isClientAbort(error: FastifyError, request: FastifyRequest): boolean {
  if (request.raw.complete) return false;
  return error.code === 'ECONNRESET' || request.raw.socket?.destroyed === true;
}

/** Installs the error and not-found handlers on the app. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const failure = toCallscoreError(error, request);
    if (isClientAbort(error, request)) {
      // Nothing failed on this side, and the client that would read the response is gone.
      request.log.info({ errorCode: error.code }, 'request aborted by the client');
    } else if (failure.status >= 500) {
      request.log.error({ err: error, code: failure.code }, 'request failed');
    } else {
      request.log.info({ code: failure.code }, 'request rejected');
    }
    // A rejected upload may leave part of its body unread on the socket. Closing the connection
    // stops a keep-alive client from sending its next request behind that unread body.
    if (!request.raw.complete) void reply.header('connection', 'close');
    sendError(request, reply, failure);
  });

  app.setNotFoundHandler((request, reply) => {
    sendError(request, reply, new CallscoreError('CS_ERR_ROUTE_NOT_FOUND', { method: request.method, url: request.url.slice(0, 200) }));
  });
}
