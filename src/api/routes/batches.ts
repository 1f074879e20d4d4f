/** Batch routes: import a manifest, start a re-score, follow progress, retry failures, and export period reports. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CallscoreError } from '../../errors/registry.js';
import { localeFromAcceptLanguage } from '../../i18n/accept-language.js';
import type { Locale } from '../../i18n/catalog.js';
import { importManifest } from '../../jobs/batch-import.js';
import { getBatchProgress, retryBatchFailures, startRescore, type BatchProgress } from '../../jobs/batches.js';
import type { ManifestRowError } from '../../jobs/manifest.js';
import { getBatchInScope, listBatchFailures } from '../../store/batches.js';
import type { Principal } from '../../auth/principal.js';
import { principalOf } from '../principal-of.js';
import { requireRole, requireTeamRole } from '../access.js';
import { buildReport } from '../../reports/aggregate.js';
import { parseDateRange } from '../../reports/range.js';
import { renderReport, REPORT_FORMATS } from '../../reports/export.js';
import { DEFAULT_TEAM_ID } from '../../settings/team-settings.js';
import type { ApiContext } from '../context.js';
import { ErrorResponseSchema } from '../schemas.js';
import { uploadRateLimit } from '../rate-limits.js';

const teamId = z.string().trim().min(1).max(128);

const BatchIdParamsSchema = z.object({ id: z.string().min(1).max(128) });

const RejectedRowSchema = z.object({
  line: z.number().int().describe('1-based line of the manifest; line 1 is the header.'),
  field: z.string(),
  message: z.string(),
});

const BatchProgressSchema = z.object({
  id: z.string(),
  kind: z.enum(['import', 'rescore']),
  teamId: z.string().nullable(),
  range: z.object({ from: z.string(), to: z.string() }).nullable(),
  createdAt: z.string(),
  total: z.number().int(),
  done: z.number().int().describe('Calls scored.'),
  failed: z.number().int(),
  remaining: z.number().int(),
  ratePerSecond: z.number().nullable().describe('Calls finished per second over the last minute.'),
  etaSeconds: z.number().int().nullable().describe('Estimated seconds until the remaining calls finish.'),
  finished: z.boolean(),
  links: z.object({ self: z.string(), failures: z.string() }),
});

const ImportAcceptedSchema = z.object({
  id: z.string(),
  created: z.number().int().describe('Calls this request created and queued.'),
  alreadyImported: z.number().int().describe('Rows whose call an earlier import of the same manifest or file already created.'),
  rejected: z.array(RejectedRowSchema),
  links: z.object({ self: z.string() }),
});

const ImportRejectedSchema = ErrorResponseSchema.extend({ rejected: z.array(RejectedRowSchema) });

const RescoreBodySchema = z.object({
  from: z.string().describe('First day (YYYY-MM-DD, UTC) or an ISO 8601 date-time with a time zone.'),
  to: z.string().describe('Last day, included (YYYY-MM-DD, UTC), or an ISO 8601 date-time (excluded).'),
  teamId: teamId.optional().describe('Team whose calls to re-score; all teams when omitted.'),
});

const ReportQuerySchema = z.object({
  from: z.string(),
  to: z.string(),
  teamId: teamId.optional().describe('Team to report on; all teams when omitted.'),
  format: z.enum(REPORT_FORMATS).default('json'),
  table: z.enum(['deals', 'reps']).default('deals').describe('Table of a CSV export.'),
});

function progressView(progress: BatchProgress) {
  const { batch } = progress;
  return {
    id: batch.id,
    kind: batch.kind,
    teamId: batch.teamId,
    range: batch.rangeFrom && batch.rangeTo ? { from: batch.rangeFrom, to: batch.rangeTo } : null,
    createdAt: batch.createdAt,
    total: progress.total,
    done: progress.done,
    failed: progress.failed,
    remaining: progress.remaining,
    ratePerSecond: progress.ratePerSecond,
    etaSeconds: progress.etaSeconds,
    finished: progress.finished,
    links: { self: `/v1/batches/${batch.id}`, failures: `/v1/batches/${batch.id}/failures` },
  };
}

function rejectedView(rejected: ManifestRowError[], locale: Locale) {
  return rejected.map((row) => ({ line: row.line, field: row.field, message: row.error.messageIn(locale) }));
}

const RUN_BATCHES = { en: 'run or follow batches', zh: '运行或查看批次' };

/** Registers the /v1/batches and /v1/reports routes. */
export function batchRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  // An out-of-scope batch returns the same 404 as an unknown one; an in-scope batch needs the admin or manager role.
  const requireBatch = async (batchId: string, principal: Principal): Promise<void> => {
    if (!(await getBatchInScope(ctx.db, batchId, principal))) throw new CallscoreError('CS_ERR_BATCH_NOT_FOUND', { batchId });
    requireRole(principal, ['admin', 'manager'], RUN_BATCHES);
  };

  return async (app) => {
    // Manifests may be sent as the raw CSV file, also labelled text/plain; these parsers only apply inside this plugin.
    app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    app.post(
      '/v1/batches',
      {
        config: { rateLimit: uploadRateLimit(ctx.rateLimits) },
        schema: {
          summary: 'Import a manifest of local files as one batch',
          description:
            'Send the manifest as text/csv or text/plain (team in ?teamId=) or as JSON {"manifest": "<CSV text>", "teamId": "..."}. Columns: path (absolute, on the server), dealId, repId, startedAt, and optionally callId, channelLayout, language, teamId, consent. Every row is checked first; bad rows are listed with their line, good rows are queued. Sending the same manifest again continues the same batch and imports nothing twice.',
          consumes: ['text/csv', 'application/json'],
          querystring: z.object({ teamId: teamId.optional() }),
          response: { 202: ImportAcceptedSchema, 400: ErrorResponseSchema, 422: ImportRejectedSchema },
        },
      },
      async (request, reply) => {
        const locale = localeFromAcceptLanguage(request.headers['accept-language']);
        const principal = principalOf(request);
        requireRole(principal, ['admin', 'manager'], RUN_BATCHES);
        const { manifest, team } = readManifestBody(request.body, request.query.teamId);
        requireTeamRole(principal, team, ['manager'], { en: 'import calls for team', zh: '导入通话' });
        const result = await importManifest(
          { db: ctx.db, queue: ctx.queue, storageDir: ctx.storageDir, maxUploadBytes: ctx.maxUploadBytes, logger: request.log },
          // Clients name files on the server, so they are limited to the import folder.
          {
            manifest,
            teamId: team,
            baseDir: null,
            importRoot: ctx.importDir,
            allowedTeamIds: principal.role === 'admin' ? null : principal.teamIds,
            uploader: principal,
          },
        );
        if (!result.batch) {
          const error = new CallscoreError('CS_ERR_BATCH_EMPTY', {
            action: 'import',
            actionZh: '导入',
            reason: `all ${result.rejected.length} rows of the manifest are invalid`,
            reasonZh: `清单中全部 ${result.rejected.length} 行均无效`,
            check: 'the manifest rows listed in "rejected"',
            checkZh: '"rejected" 中列出的清单行',
          });
          return reply.status(422).send({ error: { code: error.code, message: error.messageIn(locale) }, rejected: rejectedView(result.rejected, locale) });
        }
        return reply.status(202).send({
          id: result.batch.id,
          created: result.created,
          alreadyImported: result.alreadyImported,
          rejected: rejectedView(result.rejected, locale),
          links: { self: `/v1/batches/${result.batch.id}` },
        });
      },
    );

    app.post(
      '/v1/batches/rescore',
      {
        schema: {
          summary: 'Re-run analysis and scoring of the stored transcripts of a period',
          body: RescoreBodySchema,
          response: { 202: BatchProgressSchema, 400: ErrorResponseSchema, 422: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        requireRole(principal, ['admin', 'manager'], RUN_BATCHES);
        if (principal.role !== 'admin' && request.body.teamId === undefined) {
          throw new CallscoreError('CS_ERR_FORBIDDEN', { role: principal.role, action: 're-score every team; name one of your teams in teamId', actionZh: '重新评分所有团队；请在 teamId 中指定您的一个团队' });
        }
        if (request.body.teamId !== undefined) requireTeamRole(principal, request.body.teamId, ['manager'], { en: 're-score calls of team', zh: '重新评分通话' });
        const range = parseDateRange(request.body.from, request.body.to);
        const batch = await startRescore(ctx.db, ctx.queue, { teamId: request.body.teamId ?? null, ...range }, request.log);
        return reply.status(202).send(progressView(await getBatchProgress(ctx.db, batch.id)));
      },
    );

    app.get(
      '/v1/batches/:id',
      {
        schema: {
          summary: 'Progress of a batch: done, failed, remaining, rate and ETA',
          params: BatchIdParamsSchema,
          response: { 200: BatchProgressSchema, 404: ErrorResponseSchema },
        },
      },
      async (request) => {
        await requireBatch(request.params.id, principalOf(request));
        return progressView(await getBatchProgress(ctx.db, request.params.id));
      },
    );

    app.get(
      '/v1/batches/:id/failures',
      {
        schema: {
          summary: 'Failed calls of a batch with their reasons',
          params: BatchIdParamsSchema,
          response: {
            200: z.object({
              failures: z.array(
                z.object({ callId: z.string(), line: z.number().int().nullable(), code: z.string().nullable(), message: z.string().nullable(), stage: z.string().nullable() }),
              ),
            }),
            404: ErrorResponseSchema,
          },
        },
      },
      async (request) => {
        await requireBatch(request.params.id, principalOf(request));
        return { failures: await listBatchFailures(ctx.db, request.params.id) };
      },
    );

    app.post(
      '/v1/batches/:id/retry',
      {
        schema: {
          summary: 'Retry only the failed calls of a batch, each from the stage that failed',
          params: BatchIdParamsSchema,
          response: { 202: z.object({ id: z.string(), retried: z.number().int() }), 404: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        await requireBatch(request.params.id, principalOf(request));
        const retried = await retryBatchFailures(ctx.db, ctx.queue, request.params.id, request.log);
        return reply.status(202).send({ id: request.params.id, retried });
      },
    );

    app.get(
      '/v1/reports',
      {
        schema: {
          summary: 'Period report: per deal the three scores, per rep pitfall rates and averages, compared with the previous period and the previous rules',
          description: 'format=json (default), csv (the table named by table=), xlsx or html (with charts). Labels follow Accept-Language.',
          querystring: ReportQuerySchema,
          response: { 200: z.unknown().describe('The report file in the requested format.'), 400: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const locale = localeFromAcceptLanguage(request.headers['accept-language']);
        const principal = principalOf(request);
        requireRole(principal, ['admin', 'manager', 'coach'], { en: 'read reports', zh: '查看报表' });
        if (principal.role !== 'admin' && request.query.teamId === undefined) {
          throw new CallscoreError('CS_ERR_FORBIDDEN', { role: principal.role, action: 'report on every team; name one of your teams in teamId', actionZh: '查看所有团队的报表；请在 teamId 中指定您的一个团队' });
        }
        if (request.query.teamId !== undefined) requireTeamRole(principal, request.query.teamId, ['manager', 'coach'], { en: 'read reports of team', zh: '查看报表' });
        const range = parseDateRange(request.query.from, request.query.to);
        const report = await buildReport(ctx.db, { teamId: request.query.teamId ?? null, ...range });
        const rendered = await renderReport(report, request.query.format, locale, request.query.table);
        const filename = `callscore-report-${range.from.slice(0, 10)}.${rendered.extension}`;
        return reply.header('content-type', rendered.contentType).header('content-disposition', `attachment; filename="${filename}"`).send(rendered.body);
      },
    );
  };
}

function readManifestBody(body: unknown, queryTeam: string | undefined): { manifest: Buffer; team: string } {
  if (Buffer.isBuffer(body)) return { manifest: body, team: queryTeam ?? DEFAULT_TEAM_ID };
  const parsed = z.object({ manifest: z.string().min(1), teamId: teamId.optional() }).safeParse(body);
  if (!parsed.success) {
    throw new CallscoreError('CS_ERR_MANIFEST_INVALID', {
      reason: 'the request body is neither text/csv nor JSON with a "manifest" string',
      reasonZh: '请求体既不是 text/csv，也不是带 "manifest" 字符串的 JSON',
    });
  }
  return { manifest: Buffer.from(parsed.data.manifest, 'utf8'), team: parsed.data.teamId ?? queryTeam ?? DEFAULT_TEAM_ID };
}
