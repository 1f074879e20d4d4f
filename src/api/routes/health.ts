/** Operations routes: liveness, readiness and Prometheus metrics. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CallscoreError, type Locale } from '../../errors/registry.js';
import { localeFromAcceptLanguage } from '../../i18n/accept-language.js';
import { metricsRegistry } from '../../ops/metrics.js';
import { checkReadiness, type CheckResult, type ReadinessReport } from '../../ops/readiness.js';
import type { ApiContext } from '../context.js';

const CheckSchema = z.union([z.enum(['ok', 'not_configured']), z.object({ failed: z.string() })]);

const ReadinessSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({ database: CheckSchema, redis: CheckSchema, model: CheckSchema }),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

// Chinese names of the checks, for the Chinese error message.
const CHECK_NAMES_ZH: Record<keyof ReadinessReport['checks'], string> = { database: '数据库', redis: 'Redis', model: '语音识别模型' };

// Names each failed check with its reason in the reader's language; a reason without a Chinese text stays in English.
function failedNames(checks: ReadinessReport['checks'], locale: Locale): string {
  const failed: string[] = [];
  for (const name of Object.keys(checks) as Array<keyof ReadinessReport['checks']>) {
    const check = checks[name];
    if (typeof check === 'string') {
      continue;
    }
    if (locale === 'zh-CN') {
      failed.push(`${CHECK_NAMES_ZH[name]}（${check.failedZh ?? check.failed}）`);
    } else {
      failed.push(`${name} (${check.failed})`);
    }
  }
  return failed.join(locale === 'zh-CN' ? '；' : ', ');
}

// The response lists each failure in English only; the localised text goes into the error message.
function publicChecks(checks: ReadinessReport['checks']): z.infer<typeof ReadinessSchema>['checks'] {
  const strip = (check: CheckResult): z.infer<typeof CheckSchema> => (typeof check === 'string' ? check : { failed: check.failed });
  return { database: strip(checks.database), redis: strip(checks.redis), model: strip(checks.model) };
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
        const checks = publicChecks(report.checks);
        if (report.ready) return { status: 'ready' as const, checks };

        const locale = localeFromAcceptLanguage(request.headers['accept-language']);
        const failure = new CallscoreError('CS_ERR_NOT_READY', { failed: failedNames(report.checks, locale) });
        request.log.warn({ checks }, 'readiness check failed');
        return reply.status(503).send({
          status: 'not_ready' as const,
          checks,
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
