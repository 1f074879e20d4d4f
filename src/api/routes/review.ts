/**
 * Coaching review routes: the review queue, confirm and dismiss with their
 * audit trail, the per-type precision report and the export of dismissed
 * findings in the labelled conversation format.
 */
import { Readable } from 'node:stream';
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DISMISS_REASONS } from '../../domain/review.js';
import { CallscoreError } from '../../errors/registry.js';
import { parseGoldLine } from '../../eval/gold.js';
import { localeFromAcceptLanguage } from '../../i18n/accept-language.js';
import { t } from '../../i18n/catalog.js';
import { decodeCursor, encodeCursor, QueueCursorSchema } from '../../review/cursor.js';
import { toLabelledConversation } from '../../review/dismissed-export.js';
import { computePrecision } from '../../review/precision.js';
import { parseOptionalRange } from '../../review/range.js';
import { getObjections } from '../../store/analysis.js';
import { getCall } from '../../store/calls.js';
import type { Database } from '../../store/db.js';
import { listCallsWithDismissals, listFindingStatuses, type DismissedExportFilters } from '../../store/dismissed-export.js';
import { applyReview, findingInScope, listFindingReviews } from '../../store/findings-review.js';
import { countReviews } from '../../store/review-precision.js';
import { getQueueFinding, listQueue } from '../../store/review-queue.js';
import { getTurns } from '../../store/turns.js';
import { requireRole, requireTeamRole } from '../access.js';
import type { ApiContext } from '../context.js';
import { findingItemView } from '../finding-item.js';
import { principalOf } from '../principal-of.js';
import {
  ExportQuerySchema,
  FindingItemSchema,
  NumericIdParamsSchema,
  PrecisionQuerySchema,
  PrecisionReportSchema,
  QueuePageSchema,
  QueueQuerySchema,
  ReviewBodySchema,
  ReviewTrailSchema,
} from '../review-schemas.js';
import { ErrorResponseSchema } from '../schemas.js';

const REVIEWER_ROLES = ['admin', 'manager', 'coach'] as const;

const REVIEW_QUEUE_ACTION = { en: 'read the review queue', zh: '查看审核队列' };
const REVIEW_ACTION = { en: 'review findings', zh: '审核话术陷阱' };
const EXPORT_ACTION = { en: 'export reviewed findings', zh: '导出审核结果' };
// A teamId outside the caller's teams returns 403, like every request that names a team.
const REVIEW_QUEUE_TEAM_ACTION = { en: 'read the review queue of team', zh: '查看审核队列' };
const PRECISION_TEAM_ACTION = { en: 'read review precision of team', zh: '查看审核准确率' };
const EXPORT_TEAM_ACTION = { en: 'export reviewed findings of team', zh: '导出审核结果' };

/** Registers the /v1/review and /v1/findings routes. */
export function reviewRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/v1/review/findings',
      {
        schema: {
          summary: 'Review queue: findings to confirm or dismiss, critical and unreviewed first',
          description:
            'Ordered by severity (critical first), then unreviewed before reviewed, then newest call. Pass nextCursor back as cursor for the next page; pages stay free of repeats and gaps while findings are reviewed. Coaches and managers see their teams, admins every team; reps get 403.',
          querystring: QueueQuerySchema,
          response: { 200: QueuePageSchema, 400: ErrorResponseSchema, 403: ErrorResponseSchema },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        requireRole(principal, REVIEWER_ROLES, REVIEW_QUEUE_ACTION);
        if (request.query.teamId !== undefined) requireTeamRole(principal, request.query.teamId, REVIEWER_ROLES, REVIEW_QUEUE_TEAM_ACTION);
        const locale = localeFromAcceptLanguage(request.headers['accept-language']);
        const { cursor, limit, from, to, ...filters } = request.query;

        const page = await listQueue(
          ctx.db,
          principal,
          { ...filters, ...parseOptionalRange(from, to) },
          cursor === undefined ? null : decodeCursor(cursor, QueueCursorSchema),
          limit,
        );
        return {
          items: page.items.map((finding) => findingItemView(locale, finding)),
          nextCursor: page.next ? encodeCursor(page.next) : null,
        };
      },
    );

    app.post(
      '/v1/findings/:id/review',
      {
        schema: {
          summary: 'Confirm or dismiss a finding',
          description:
            'A dismissal needs reasonCode; a confirmation takes none. Reviewing again replaces the decision. Every review adds a row to the audit trail (GET /v1/findings/:id/reviews).',
          params: NumericIdParamsSchema,
          body: ReviewBodySchema,
          response: { 200: FindingItemSchema, 400: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const findingId = request.params.id;
        const { decision, reasonCode, note } = request.body;
        if (!(await findingInScope(ctx.db, principal, findingId))) throw new CallscoreError('CS_ERR_FINDING_NOT_FOUND', { findingId });
        requireRole(principal, REVIEWER_ROLES, REVIEW_ACTION);
        if (decision === 'dismiss' && reasonCode === undefined) {
          throw new CallscoreError('CS_ERR_REVIEW_REASON_REQUIRED', { findingId, allowed: DISMISS_REASONS.join(', ') });
        }
        if (decision === 'confirm' && reasonCode !== undefined) {
          throw new CallscoreError('CS_ERR_REVIEW_REASON_NOT_ALLOWED', { reasonCode });
        }

        const trimmedNote = note?.trim() ?? '';
        const applied = await applyReview(ctx.db, principal, {
          findingId,
          decision,
          reasonCode: reasonCode ?? null,
          note: trimmedNote === '' ? null : trimmedNote,
        });
        const finding = applied ? await getQueueFinding(ctx.db, principal, findingId) : null;
        // The finding can vanish between the scope check and the update when its call is re-analysed or deleted.
        if (!finding) throw new CallscoreError('CS_ERR_FINDING_NOT_FOUND', { findingId });
        request.log.info({ findingId, callId: finding.callId, decision, reasonCode }, 'finding reviewed');
        return findingItemView(localeFromAcceptLanguage(request.headers['accept-language']), finding);
      },
    );

    app.get(
      '/v1/findings/:id/reviews',
      {
        schema: {
          summary: 'Audit trail of a finding: every review with its reviewer, time, and the state before and after, oldest first',
          params: NumericIdParamsSchema,
          response: { 200: ReviewTrailSchema, 404: ErrorResponseSchema },
        },
      },
      async (request) => {
        const items = await listFindingReviews(ctx.db, principalOf(request), request.params.id);
        if (!items) throw new CallscoreError('CS_ERR_FINDING_NOT_FOUND', { findingId: request.params.id });
        return { items };
      },
    );

    app.get(
      '/v1/review/precision',
      {
        schema: {
          summary: 'Per pitfall type: findings, reviews, and the share of reviewed findings that coaches dismissed',
          description: 'Lists all 12 types, with zeros for types without findings. dismissedShare is null while nothing of the type was reviewed.',
          querystring: PrecisionQuerySchema,
          response: { 200: PrecisionReportSchema, 400: ErrorResponseSchema, 403: ErrorResponseSchema },
        },
      },
      async (request) => {
        const locale = localeFromAcceptLanguage(request.headers['accept-language']);
        const principal = principalOf(request);
        const { teamId, from, to } = request.query;
        if (teamId !== undefined) requireTeamRole(principal, teamId, [...REVIEWER_ROLES, 'rep'], PRECISION_TEAM_ACTION);
        const counts = await countReviews(ctx.db, principal, { teamId, ...parseOptionalRange(from, to) });
        return { types: computePrecision(counts).map((figures) => ({ ...figures, label: t(locale, `pitfall.${figures.type}`) })) };
      },
    );

    app.get(
      '/v1/review/dismissed/export',
      {
        schema: {
          summary: 'Export calls with dismissed findings in the labelled conversation format (JSONL) for evaluation and retraining',
          description:
            'One line per call that holds dismissed findings, with its masked turns, its objections, and as pitfalls the findings that were not dismissed. Readable by `callscore eval --gold FILE` and `npm run train -- FILE`. Calls whose speaker roles are unknown are left out, because the format needs rep and customer turns.',
          querystring: ExportQuerySchema,
          produces: ['application/x-ndjson'],
          response: { 400: ErrorResponseSchema, 403: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        requireRole(principal, REVIEWER_ROLES, EXPORT_ACTION);
        const { teamId, type, from, to } = request.query;
        if (teamId !== undefined) requireTeamRole(principal, teamId, REVIEWER_ROLES, EXPORT_TEAM_ACTION);
        const filters: DismissedExportFilters = { teamId, type, ...parseOptionalRange(from, to) };
        const callIds = await listCallsWithDismissals(ctx.db, principal, filters);

        request.log.info({ calls: callIds.length }, 'dismissed findings export started');
        // The body is a stream of lines, which the JSON response schemas do not describe.
        return (reply as unknown as FastifyReply)
          .type('application/x-ndjson; charset=utf-8')
          .header('content-disposition', 'attachment; filename="dismissed-findings.jsonl"')
          .send(Readable.from(exportLines(ctx.db, callIds, request.log)));
      },
    );
  };
}

/** Yields one labelled conversation line per exportable call; calls the format cannot express are logged and left out. */
async function* exportLines(db: Database, callIds: readonly string[], log: FastifyBaseLogger): AsyncGenerator<string> {
  let line = 0;
  for (const callId of callIds) {
    const call = await getCall(db, callId);
    // The call was deleted after the list was read.
    if (!call) continue;
    const [turns, findings, objections] = await Promise.all([getTurns(db, callId), listFindingStatuses(db, callId), getObjections(db, callId)]);
    const result = toLabelledConversation({ id: call.id, language: call.language, callEnded: call.callEnded, turns, findings, objections });
    if ('skipped' in result) {
      log.info({ callId, reason: result.skipped }, 'call left out of the dismissed findings export');
      continue;
    }

    const text = JSON.stringify(result.conversation);
    line += 1;
    try {
      // The gold reader is the contract: a line it would reject is left out, not written.
      parseGoldLine(text, { file: 'export', line });
    } catch (error) {
      line -= 1;
      log.warn({ callId, code: error instanceof CallscoreError ? error.code : 'unknown' }, 'call left out of the dismissed findings export');
      continue;
    }
    yield `${text}\n`;
  }
}

