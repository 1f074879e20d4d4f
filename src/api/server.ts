/**
 * Builds the fastify app: multipart uploads, zod validation and
 * serialization, the OpenAPI document generated from the same schemas, and
 * the route plugins. It only orchestrates; stage logic lives in the stages.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import { z } from 'zod';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from '../config/logger.js';
import type { ApiContext } from './context.js';
import { handleFrameworkError, installErrorHandler } from './error-handler.js';
import { rejectNulCharacters } from './control-characters.js';
import { callRoutes } from './routes/calls.js';
import { dealRoutes } from './routes/deals.js';
import { teamRoutes } from './routes/teams.js';
import { batchRoutes } from './routes/batches.js';
import { dealManageRoutes } from './routes/deals-manage.js';
import { glossaryRoutes } from './routes/glossary.js';
import { repRoutes } from './routes/reps.js';
import { repVoiceRoutes } from './routes/rep-voice.js';
import { deletionRoutes } from './routes/deletion.js';
import { privacyRoutes } from './routes/privacy.js';
import { healthRoutes } from './routes/health.js';
import { webPageRoutes } from './web-page.js';
import { authRoutes } from './routes/auth.js';
import { userRoutes } from './routes/users.js';
import { apiKeyRoutes } from './routes/api-keys.js';
import { reviewRoutes } from './routes/review.js';
import { noteRoutes } from './routes/notes.js';
import { callListRoutes } from './routes/call-list.js';
import { callAudioRoutes } from './routes/call-audio.js';
import { installAuthentication } from './auth.js';
import { installCrossSiteCheck } from './cross-site.js';
import { installSecurityHeaders } from './security-headers.js';
import { installRateLimits } from './rate-limits.js';
import { installHttpMetrics } from '../ops/metrics.js';
import { UploadFieldsSchema } from './schemas.js';

/** Creates the HTTP app; the caller listens or injects. */
export async function buildServer(ctx: ApiContext, logger: Logger): Promise<FastifyInstance> {
  const base = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // Ids are at most 128 characters; the margin lets longer ones reach validation and get a clear message.
    routerOptions: { maxParamLength: 256 },
    frameworkErrors: handleFrameworkError,
    trustProxy: ctx.trustProxy,
  });
  installErrorHandler(base);
  installSecurityHeaders(base);
  base.addHook('preValidation', rejectNulCharacters);
  installHttpMetrics(base);
  await installAuthentication(base, ctx.db);
  installCrossSiteCheck(base);
  await installRateLimits(base, ctx.rateLimits);
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Fastify's default text/plain parser would hand JSON routes a string and
  // fail schema validation with 400, so text/plain gets 415 like any other
  // type a route does not accept. The batches route adds its own parser.
  app.removeContentTypeParser('text/plain');
  await app.register(multipart, { throwFileSizeLimit: true });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'callscore',
        description: 'Sales call transcription, pitfall detection and three-layer deal scoring. Errors come in English or Simplified Chinese by Accept-Language.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (cs_…) from POST /v1/api-keys or `callscore keys create`.' },
          session: { type: 'apiKey', in: 'cookie', name: 'callscore_session', description: 'The session cookie that POST /v1/auth/sign-in sets.' },
        },
      },
      // Every route needs one of the two unless its schema sets `security: []`.
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  await app.register(authRoutes(ctx));
  await app.register(userRoutes(ctx));
  await app.register(apiKeyRoutes(ctx));
  await app.register(callRoutes(ctx));
  await app.register(dealRoutes(ctx));
  await app.register(teamRoutes(ctx));
  await app.register(batchRoutes(ctx));
  await app.register(dealManageRoutes(ctx));
  await app.register(glossaryRoutes(ctx));
  await app.register(repRoutes(ctx));
  await app.register(repVoiceRoutes(ctx));
  await app.register(deletionRoutes(ctx));
  await app.register(privacyRoutes(ctx));
  await app.register(callListRoutes(ctx));
  await app.register(callAudioRoutes(ctx));
  await app.register(reviewRoutes(ctx));
  await app.register(noteRoutes(ctx));
  await app.register(healthRoutes(ctx));
  await app.register(webPageRoutes());

  app.get('/openapi.json', { schema: { hide: true } }, async () => withUploadBody(app.swagger() as OpenApiDocument));
  return base;
}

interface OpenApiDocument {
  paths?: Record<string, Record<string, Record<string, unknown>>>;
}

/**
 * Adds the multipart request body of POST /v1/calls, which fastify does not
 * validate itself (the upload streams), from the same zod schema that
 * validates the fields.
 */
function withUploadBody(document: OpenApiDocument): OpenApiDocument {
  const upload = document.paths?.['/v1/calls']?.post;
  if (upload) {
    const fields = z.toJSONSchema(UploadFieldsSchema, { io: 'input' }) as { properties: Record<string, unknown>; required?: string[] };
    upload.requestBody = {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['file', ...(fields.required ?? [])],
            properties: { file: { type: 'string', format: 'binary' }, ...fields.properties },
          },
        },
      },
    };
  }
  return document;
}
