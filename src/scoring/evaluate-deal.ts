/**
 * Loads what a deal's calibration needs from the store: calls and their
 * scores, extraction, pain tags, contract, glossary and team settings. It
 * scores the three layers, assesses fulfillment, and opens a review item for
 * each key requirement that fell short on a won deal.
 */

import type { Logger } from '../config/logger.js';
import type { ContractClause } from '../domain/deal.js';
import { CallscoreError, isCallscoreError } from '../errors/registry.js';
import { inBothLocales, t, type LocalizedText } from '../i18n/catalog.js';
import { getCallScores } from '../store/analysis.js';
import { listDealCalls, type CallRecord } from '../store/calls.js';
import type { Database } from '../store/db.js';
import { getContract, getDeal, getDealIntent, type DealRecord } from '../store/deals.js';
import { getExtractions, getGlossary } from '../store/extraction.js';
import { openReviewItem } from '../store/review-items.js';
import { getTeamSettings } from '../store/team-settings.js';
import { calibrate, type Calibration } from './calibration.js';
import { scoreDeal, type DealLayerInputs } from './deal.js';
import { assessFulfillment, type FulfillmentAssessment, type FulfillmentItem } from './fulfillment.js';
import { formatTerm, formatValue } from './term-labels.js';
import type { BehaviorScore, DealScore } from './types.js';

/** A deal's contract judged against its calls, after the review items it calls for were opened. */
export interface DealFulfillment {
  deal: DealRecord;
  callIds: string[];
  /** Calls in `scored` state, whose extraction the assessment used. */
  scoredCallIds: string[];
  clauses: ContractClause[];
  fulfillment: FulfillmentAssessment;
}

/** A deal with its score, calibration and fulfillment assessment. */
export interface DealEvaluation extends DealFulfillment {
  score: DealScore;
  calibration: Calibration;
}

/**
 * Calls a deal read draws on. `repId` limits it to that rep's calls, for a
 * rep who reads their own deal and must see nothing of other reps' calls.
 */
export interface DealCallFilter {
  repId?: string | null;
}

/** Kind of the review item opened for a won deal whose key requirement fell short. */
export const LOW_INTENT_FULFILLMENT = 'low_intent_fulfillment';

/**
 * Judges a stored deal's contract against the requirements and commitments
 * of its scored calls, and opens a review item for each key requirement that
 * fell short on a won deal. Existing items are kept, never duplicated.
 * With `filter.repId` only that rep's calls count, and no review item is
 * opened, because the assessment then covers part of the deal.
 * Throws CS_ERR_DEAL_NOT_REGISTERED when the deal was never created.
 */
export async function reviewDealFulfillment(
  db: Database,
  dealId: string,
  logger: Pick<Logger, 'info'>,
  filter: DealCallFilter = {},
): Promise<DealFulfillment> {
  const deal = await getDeal(db, dealId);
  if (!deal) throw new CallscoreError('CS_ERR_DEAL_NOT_REGISTERED', { dealId });

  const calls = await listFilteredCalls(db, dealId, filter);
  const scoredCallIds = calls.filter((call) => call.status === 'scored').map((call) => call.id);
  const extractions = await getExtractions(db, scoredCallIds);
  const clauses = await getContract(db, dealId);
  const fulfillment = assessFulfillment(extractions, clauses, deal.outcome);

  if (fulfillment.lowIntentFulfillment && !filter.repId) {
    await db.transaction(async (tx) => {
      for (const item of fulfillment.shortfalls) {
        const opened = await openReviewItem(tx, { dealId, kind: LOW_INTENT_FULFILLMENT, itemKey: termKey(item), payload: reviewPayload(item) });
        if (opened) logger.info({ dealId, metric: item.term.metric, status: item.status }, 'review item opened for low intent fulfillment');
      }
    });
  }
  return { deal, callIds: calls.map((call) => call.id), scoredCallIds, clauses, fulfillment };
}

/**
 * Reviews a deal's fulfillment, then scores its three layers and calibrates
 * them. Throws what `scoreDeal` throws, such as CS_ERR_SCORING_RULES_MISMATCH
 * when its calls were scored under other settings.
 */
export async function evaluateDeal(db: Database, dealId: string, logger: Pick<Logger, 'info'>, filter: DealCallFilter = {}): Promise<DealEvaluation> {
  const reviewed = await reviewDealFulfillment(db, dealId, logger, filter);
  const { deal, scoredCallIds, clauses } = reviewed;

  const calls = await listFilteredCalls(db, dealId, filter);
  const scores = await getCallScores<BehaviorScore>(db, scoredCallIds);
  const durations = new Map(calls.map((call) => [call.id, call.durationMs]));
  const extractions = await getExtractions(db, scoredCallIds);
  const intent = await getDealIntent(db, dealId);
  const { glossary } = await getGlossary(db);
  const { settings } = await getTeamSettings(db, deal.teamId);

  const inputs: DealLayerInputs = {
    result: clauses.length > 0 ? { outcome: deal.outcome, clauses, calls: extractions } : undefined,
    intent: intent
      ? {
          tags: intent.tags,
          pains: extractions.flatMap(({ callId, extraction }) => extraction.pains.map((pain) => ({ ...pain, callId }))),
          synonyms: glossary.synonyms,
        }
      : undefined,
  };
  const score = scoreDeal(
    scores.map((stored) => ({ callId: stored.callId, behavior: stored.behavior, durationMs: durations.get(stored.callId) ?? null })),
    settings.scoring,
    inputs,
  );
  return { ...reviewed, score, calibration: calibrate(score) };
}

/**
 * Returns the deal's calibration, or null when its scores cannot be computed
 * (a CallscoreError such as CS_ERR_SCORING_RULES_MISMATCH after a settings
 * change), so a fulfillment report stays readable. Logs the error code.
 */
export async function calibrationOrNull(
  db: Database,
  dealId: string,
  logger: Pick<Logger, 'info' | 'warn'>,
  filter: DealCallFilter = {},
): Promise<Calibration | null> {
  try {
    return (await evaluateDeal(db, dealId, logger, filter)).calibration;
  } catch (error) {
    if (!isCallscoreError(error)) throw error;
    logger.warn({ dealId, code: error.code }, 'deal scores not computed for the fulfillment report');
    return null;
  }
}

function termKey(item: FulfillmentItem): string {
  return `${item.term.metric}|${item.term.comparator}|${item.term.value}|${item.term.unit}`;
}

function reviewPayload(item: FulfillmentItem): { summary: LocalizedText; requirement: unknown; mentions: unknown; clause: unknown } {
  return {
    summary: describeShortfall(item),
    requirement: { metric: item.term.metric, comparator: item.term.comparator, value: item.term.value, unit: item.term.unit },
    mentions: item.term.mentions,
    clause: item.clause === null ? null : { index: item.clauseIndex, ...item.clause },
  };
}

/** Describes a shortfall in both locales for the manager's review. */
export function describeShortfall(item: FulfillmentItem): LocalizedText {
  return inBothLocales((locale) =>
    t(locale, 'review.lowIntentFulfillment', {
      term: formatTerm(locale, item.term),
      status: t(locale, `fulfillment.${item.status}`),
      clause:
        item.clause === null || item.clause.value === null || item.clause.unit === null || item.clause.comparator === null
          ? t(locale, 'review.noClause')
          : `${t(locale, `comparator.${item.clause.comparator}`)} ${formatValue(locale, item.clause.value, item.clause.unit)}: ${item.clause.text}`,
    }),
  );
}

async function listFilteredCalls(db: Database, dealId: string, filter: DealCallFilter): Promise<CallRecord[]> {
  const calls = await listDealCalls(db, dealId);
  return filter.repId ? calls.filter((call) => call.repId === filter.repId) : calls;
}
