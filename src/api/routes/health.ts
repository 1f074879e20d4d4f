/** Operations routes: liveness, readiness and Prometheus metrics. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CallscoreError } from '../../errors/registry.js';
import { localeFromAcceptLanguage } from '../../i18n/accept-language.js';
import { metricsRegistry } from '../../ops/metrics.js';
import { checkReadiness, type CheckResult } from '../../ops/readiness.js';
import type { ApiContext } from '../context.js';

const CheckSchema = z.union([z.enum(['ok', 'not_configured']), z.object({ failed: z.string() })]);

const ReadinessSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({ database: CheckSchema, redis: CheckSchema, model: CheckSchema }),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

function failedNames(checks: Record<string, CheckResult>): string {
  return Object.entries(checks)
    .filter(([, check]) => typeof check !== 'string')
    .map(([name, check]) => `${name} (${(check as { failed: string }).failed})`)
    .join(', ');
}

/** Registers /healthz, /readyz and /metrics. */
export function healthRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/healthz',
      { schema: { summary: 'Liveness: the process is running and serving HTTP', security: [], response: { 200: z.object({ status: z.literal('ok') }) } } },
      async () => ({ status: 'ok' as const }),
    );

    app.get(
      '/readyz',
      {
        schema: {
          summary: 'Readiness: database reachable, Redis reachable when configured, default ASR model installed',
          security: [],
          response: { 200: ReadinessSchema, 503: ReadinessSchema },
        },
      },
      async (request, reply) => {
        const report = await checkReadiness({
          db: ctx.db,
          redisUrl: ctx.readiness?.redisUrl,
          modelsDir: ctx.readiness?.modelsDir ?? '',
          asrModel: ctx.readiness?.asrModel ?? '',
        });
        if (report.ready) return { status: 'ready' as const, checks: report.checks };

        const failure = new CallscoreError('CS_ERR_NOT_READY', { failed: failedNames(report.checks) });
        request.log.warn({ checks: report.checks }, 'readiness check failed');
        const locale = localeFromAcceptLanguage(request.headers['accept-language']);
        return reply.status(503).send({
          status: 'not_ready' as const,
          checks: report.checks,
          error: { code: failure.code, message: failure.messageIn(locale) },
        });
      },
    );

    app.get('/metrics', { schema: { summary: 'Prometheus metrics in the text exposition format', security: [], hide: false } }, async (_request, reply) => {
      const body = await metricsRegistry.metrics();
      return reply.type(metricsRegistry.contentType).send(body);
    });
  };
}
