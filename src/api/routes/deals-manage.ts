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
import { getDeal, putDealIntent, replaceContract, upsertDeal } from '../../store/deals.js';
import { getGlossary } from '../../store/extraction.js';
import { listReviewItems } from '../../store/review-items.js';
import type { ApiContext } from '../context.js';
import { ContractBodySchema, ContractViewSchema, DealBodySchema, FulfillmentViewSchema, IntentBodySchema } from '../deal-schemas.js';
import { fulfillmentView } from '../fulfillment-view.js';
import { DealIdParamsSchema, ErrorResponseSchema } from '../schemas.js';

/** Registers PUT /v1/deals/:id, /intent, /contract and GET /fulfillment, /calibration. */
export function dealManageRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  const requireDeal = async (dealId: string): Promise<void> => {
    if (!(await getDeal(ctx.db, dealId))) throw new CallscoreError('CS_ERR_DEAL_NOT_REGISTERED', { dealId });
  };

  return async (app) => {
    app.put(
      '/v1/deals/:id',
      {
        schema: {
          summary: 'Create or update a deal: name, owner rep, team, stage, amount, currency, close dates, outcome',
          params: DealIdParamsSchema,
          body: DealBodySchema,
          response: { 200: DealBodySchema.extend({ id: z.string() }), 400: ErrorResponseSchema },
        },
      },
      async (request) => {
        const deal = { id: request.params.id, ...request.body };
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
        await requireDeal(dealId);
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
        await requireDeal(dealId);
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
        const reviewed = await reviewDealFulfillment(ctx.db, dealId, request.log);
        const reviewItems = await listReviewItems(ctx.db, dealId);
        const calibration = await calibrationOrNull(ctx.db, dealId, request.log);
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
        const evaluation = await evaluateDeal(ctx.db, request.params.id, request.log);
        return { dealId: request.params.id, calibration: evaluation.calibration };
      },
    );
  };
}
