/**
 * Deal routes for the intent and result layers: create or update a deal,
 * its pain tags and chains, its contract clauses, and read its fulfillment
 * report and calibration.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ContractClause } from '../../domain/deal.js';
import { CallscoreError } from '../../errors/registry.js';
import { localeFromAcceptLanguage } from '../../i18n/accept-language.js';
import { parseContractText } from '../../nlu/contract-clauses.js';
import { calibrationOrNull, evaluateDeal, reviewDealFulfillment } from '../../scoring/evaluate-deal.js';
import { findUnknownChainTag } from '../../scoring/intent.js';
import { getDeal, getDealOwner, getDealVisibility, putDealIntent, replaceContract, upsertDeal } from '../../store/deals.js';
import { DEFAULT_TEAM_ID } from '../../settings/team-settings.js';
import type { Principal } from '../../auth/principal.js';
import { principalOf } from '../principal-of.js';
import { dealCallFilter, requireRole } from '../access.js';
import { getGlossary } from '../../store/extraction.js';
import { listReviewItems } from '../../store/review-items.js';
import type { ApiContext } from '../context.js';
import { ContractBodySchema, ContractViewSchema, DealBodySchema, FulfillmentViewSchema, IntentBodySchema } from '../deal-schemas.js';
import { fulfillmentView } from '../fulfillment-view.js';
import { DealIdParamsSchema, ErrorResponseSchema } from '../schemas.js';

/**
 * Throws 403 unless the caller may write deals of `teamId`: admins any team,
 * managers their own teams; coaches and reps read deals only.
 */
function requireDealWriter(principal: Principal, teamId: string): void {
  requireRole(principal, ['admin', 'manager'], { en: 'change deals', zh: '修改商机' });
  if (principal.role === 'manager' && !principal.teamIds.includes(teamId)) {
    throw new CallscoreError('CS_ERR_FORBIDDEN', {
      role: principal.role,
      action: `write deals of team "${teamId}" (your teams: ${principal.teamIds.join(', ') || 'none'})`,
      actionZh: `写入团队 "${teamId}" 的商机（您的团队：${principal.teamIds.join('、') || '无'}）`,
    });
  }
}

/** Registers PUT /v1/deals/:id, /intent, /contract and GET /fulfillment, /calibration. */
export function dealManageRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  // An out-of-scope deal returns the same 404 as a deal that was never created.
  const requireDeal = async (dealId: string, principal: Principal): Promise<void> => {
    const visible = (await getDealVisibility(ctx.db, dealId, principal)).inScope;
    if (!visible || !(await getDeal(ctx.db, dealId))) throw new CallscoreError('CS_ERR_DEAL_NOT_REGISTERED', { dealId });
  };

  return async (app) => {
    app.put(
      '/v1/deals/:id',
      {
        schema: {
          summary: 'Create or update a deal: name, owner rep, team, stage, amount, currency, close dates, outcome',
          params: DealIdParamsSchema,
          body: DealBodySchema,
          response: { 200: DealBodySchema.extend({ id: z.string(), teamId: z.string() }), 400: ErrorResponseSchema },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const visibility = await getDealVisibility(ctx.db, request.params.id, principal);
        if (visibility.exists && !visibility.inScope) throw new CallscoreError('CS_ERR_DEAL_UNKNOWN', { dealId: request.params.id });
        // Moving a deal needs write access to its current team and to the new one.
        const existing = await getDeal(ctx.db, request.params.id);
        if (existing) requireDealWriter(principal, existing.teamId);
        // Without a teamId the deal never moves: it keeps its row's team, else takes its calls' team.
        const currentTeamId = (await getDealOwner(ctx.db, request.params.id))?.teamId;
        const teamId = request.body.teamId ?? currentTeamId ?? DEFAULT_TEAM_ID;
        requireDealWriter(principal, teamId);
        const deal = { id: request.params.id, ...request.body, teamId };
        await ctx.db.transaction((tx) => upsertDeal(tx, deal));
        request.log.info({ dealId: deal.id, outcome: deal.outcome }, 'deal stored');
        // Winning a deal can make a shortfall flaggable, so the review items are opened now.
        if (deal.outcome === 'won') await reviewDealFulfillment(ctx.db, deal.id, request.log);
        return deal;
      },
    );

    app.put(
      '/v1/deals/:id/intent',
      {
        schema: {
          summary: 'Replace the deal’s three-level pain tags, intent chains and solution-match self-assessments',
          params: DealIdParamsSchema,
          body: IntentBodySchema,
          response: { 200: IntentBodySchema.extend({ dealId: z.string() }), 400: ErrorResponseSchema, 404: ErrorResponseSchema },
        },
      },
      async (request) => {
        const dealId = request.params.id;
        const principal = principalOf(request);
        await requireDeal(dealId, principal);
        requireDealWriter(principal, (await getDeal(ctx.db, dealId))!.teamId);
        const { tags, chains } = request.body;
        const tagIds = tags.map((tag) => tag.id);
        if (new Set(tagIds).size !== tagIds.length) {
          throw new CallscoreError('CS_ERR_VALIDATION', { field: 'tags.id', reason: 'tag ids must be unique within a deal', reasonZh: '同一商机内的标签 id 不能重复' });
        }
        for (const chain of chains) {
          const unknown = findUnknownChainTag(tagIds, chain);
          if (unknown !== null) throw new CallscoreError('CS_ERR_INTENT_CHAIN_INVALID', { chain: chain.join(' → '), tagId: unknown });
        }
        await ctx.db.transaction((tx) => putDealIntent(tx, dealId, { tags, chains }));
        request.log.info({ dealId, tags: tags.length, chains: chains.length }, 'deal intent stored');
        return { dealId, tags, chains };
      },
    );

    app.put(
      '/v1/deals/:id/contract',
      {
        schema: {
          summary: 'Replace the deal’s contract clauses, structured or parsed from Chinese or English clause text',
          params: DealIdParamsSchema,
          body: ContractBodySchema,
          response: { 200: ContractViewSchema, 400: ErrorResponseSchema, 404: ErrorResponseSchema },
        },
      },
      async (request) => {
        const dealId = request.params.id;
        const principal = principalOf(request);
        await requireDeal(dealId, principal);
        requireDealWriter(principal, (await getDeal(ctx.db, dealId))!.teamId);
        const { glossary } = await getGlossary(ctx.db);
        const parsed: ContractClause[] = request.body.text ? parseContractText(request.body.text, glossary) : [];
        const clauses = [...request.body.clauses, ...parsed];
        await ctx.db.transaction((tx) => replaceContract(tx, dealId, clauses));
        request.log.info({ dealId, structured: request.body.clauses.length, parsed: parsed.length }, 'contract stored');
        await reviewDealFulfillment(ctx.db, dealId, request.log);
        return {
          dealId,
          clauses: clauses.map((clause, index) => ({ index, ...clause, source: index < request.body.clauses.length ? ('structured' as const) : ('parsed' as const) })),
        };
      },
    );

    app.get(
      '/v1/deals/:id/fulfillment',
      {
        schema: {
          summary: 'Fulfillment report: each requirement and commitment against the contract, the low-intent-fulfillment flag and review items',
          params: DealIdParamsSchema,
          response: { 200: FulfillmentViewSchema, 404: ErrorResponseSchema },
        },
      },
      async (request) => {
        const dealId = request.params.id;
        const principal = principalOf(request);
        await requireDeal(dealId, principal);
        const filter = dealCallFilter(principal);
        const reviewed = await reviewDealFulfillment(ctx.db, dealId, request.log, filter);
        const reviewItems = await listReviewItems(ctx.db, dealId);
        const calibration = await calibrationOrNull(ctx.db, dealId, request.log, filter);
        return fulfillmentView(reviewed, calibration, reviewItems, localeFromAcceptLanguage(request.headers['accept-language']));
      },
    );

    app.get(
      '/v1/deals/:id/calibration',
      {
        schema: {
          summary: 'Three-layer calibration: intent, behavior and result side by side, the weighted overall score and the imbalance status',
          params: DealIdParamsSchema,
          response: { 200: z.object({ dealId: z.string(), calibration: z.unknown() }), 404: ErrorResponseSchema },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        await requireDeal(request.params.id, principal);
        const evaluation = await evaluateDeal(ctx.db, request.params.id, request.log, dealCallFilter(principal));
        return { dealId: request.params.id, calibration: evaluation.calibration };
      },
    );
  };
}
