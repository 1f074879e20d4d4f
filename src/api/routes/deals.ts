/** Deal routes: the three-layer score of a deal. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CallscoreError } from '../../errors/registry.js';
import { listDealCalls } from '../../store/calls.js';
import { getCallScores } from '../../store/analysis.js';
import { getTeamSettings } from '../../store/team-settings.js';
import { scoreDeal } from '../../scoring/deal.js';
import { evaluateDeal } from '../../scoring/evaluate-deal.js';
import { getDeal, getDealVisibility } from '../../store/deals.js';
import { principalOf } from '../principal-of.js';
import { dealCallFilter } from '../access.js';
import type { BehaviorScore } from '../../scoring/types.js';
import type { ApiContext } from '../context.js';
import { DealIdParamsSchema, DealScoreViewSchema, ErrorResponseSchema } from '../schemas.js';

/** Registers the /v1/deals routes. */
export function dealRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/v1/deals/:id/score',
      {
        schema: {
          summary: 'Intent, behavior and result scores of a deal, each with its explanation',
          params: DealIdParamsSchema,
          response: { 200: DealScoreViewSchema, 404: ErrorResponseSchema },
        },
      },
      async (request) => {
        const dealId = request.params.id;
        const principal = principalOf(request);
        const filter = dealCallFilter(principal);
        const visibility = await getDealVisibility(ctx.db, dealId, principal);
        const dealCalls = visibility.inScope ? await listDealCalls(ctx.db, dealId) : [];
        // A rep who owns a deal is scored on their own calls only, so other reps' calls stay hidden.
        const calls = filter.repId ? dealCalls.filter((call) => call.repId === filter.repId) : dealCalls;
        if (calls.length === 0) throw new CallscoreError('CS_ERR_DEAL_NOT_FOUND', { dealId });

        const scored = calls.filter((call) => call.status === 'scored');
        const failed = calls.filter((call) => call.status === 'failed').length;
        const counts = { total: calls.length, scored: scored.length, failed, pending: calls.length - scored.length - failed };
        // A deal created with PUT /v1/deals/:id has its intent and result layers scored from its tags and contract.
        if (await getDeal(ctx.db, dealId)) {
          const evaluation = await evaluateDeal(ctx.db, dealId, request.log, filter);
          return { dealId, calls: counts, score: evaluation.score };
        }

        const scores = await getCallScores<BehaviorScore>(ctx.db, scored.map((call) => call.id));
        const durations = new Map(scored.map((call) => [call.id, call.durationMs]));
        // NOTE: a deal whose calls belong to several teams is scored with the first call's team settings.
        const { settings } = await getTeamSettings(ctx.db, calls[0]!.teamId);
        const score = scoreDeal(
          scores.map((stored) => ({ callId: stored.callId, behavior: stored.behavior, durationMs: durations.get(stored.callId) ?? null })),
          settings.scoring,
        );

        return { dealId, calls: counts, score };
      },
    );
  };
}
