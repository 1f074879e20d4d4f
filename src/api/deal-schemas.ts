/** Zod schemas of the deal, intent, contract, fulfillment and glossary endpoints. */
import { z } from 'zod';
import { CLAUSE_KINDS, COMPARATORS, CANONICAL_UNITS, DEAL_OUTCOMES, METRICS, PAIN_LEVELS } from '../domain/deal.js';

const isoDate = z.iso.date().describe('ISO date, YYYY-MM-DD.');
const shortText = z.string().trim().min(1).max(200);

/** Body of PUT /v1/deals/:id. */
export const DealBodySchema = z.strictObject({
  name: shortText,
  ownerRepId: shortText.describe('Id of the rep who owns the deal.'),
  teamId: shortText
    .optional()
    .describe('Team of the deal. When left out, an update keeps the deal’s team, and a new deal takes the team of its earliest call, or "default" when it has no calls.'),
  stage: shortText.describe('CRM stage name, such as proposal or negotiation.'),
  amount: z.number().min(0).nullable().default(null),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY').default('CNY'),
  expectedCloseDate: isoDate.nullable().default(null),
  closedOn: isoDate.nullable().default(null).describe('Date the deal was won or lost; the audit sample picks won deals by this month.'),
  outcome: z.enum(DEAL_OUTCOMES).default('open'),
});

/** Body of PUT /v1/deals/:id/intent. */
export const IntentBodySchema = z.strictObject({
  tags: z
    .array(
      z.strictObject({
        id: z.string().trim().min(1).max(64),
        level: z.enum(PAIN_LEVELS),
        text: shortText,
        selfAssessment: z.number().int().min(1).max(5).nullable().default(null).describe('Rep’s solution-match self-assessment, 1 to 5.'),
      }),
    )
    .max(100),
  chains: z.array(z.array(z.string().min(1)).min(2).max(10)).max(50).default([]).describe('Intent chains as tag ids in order, A → B → C.'),
});

const StructuredClauseSchema = z.strictObject({
  kind: z.enum(CLAUSE_KINDS),
  metric: z.enum(METRICS).nullable().default(null),
  comparator: z.enum(COMPARATORS).nullable().default(null),
  value: z.number().nullable().default(null),
  unit: z.enum(CANONICAL_UNITS).nullable().default(null),
  text: z.string().trim().min(1).max(2000),
});

/** Body of PUT /v1/deals/:id/contract: structured clauses, clause text to parse, or both. */
export const ContractBodySchema = z.strictObject({
  clauses: z.array(StructuredClauseSchema).max(500).default([]),
  // The parser's cost grows faster than the text on hostile input, and it runs in the request, so the text stays short.
  text: z
    .string()
    .max(5_000)
    .optional()
    .describe('Clause text in Chinese or English, at most 5,000 characters: the clauses that carry terms (SLA, delivery, payment, price, warranty), parsed into structured clauses.'),
});

const ClauseViewSchema = z.object({
  index: z.number().int(),
  kind: z.enum(CLAUSE_KINDS),
  metric: z.enum(METRICS).nullable(),
  comparator: z.enum(COMPARATORS).nullable(),
  value: z.number().nullable(),
  unit: z.enum(CANONICAL_UNITS).nullable(),
  text: z.string(),
  source: z.enum(['structured', 'parsed']),
});

/** Response of PUT /v1/deals/:id/contract. */
export const ContractViewSchema = z.object({
  dealId: z.string(),
  clauses: z.array(ClauseViewSchema).describe('Stored clauses; parsed ones are returned for the user to confirm or correct.'),
});

/** Response of GET /v1/deals/:id/fulfillment. */
export const FulfillmentViewSchema = z.object({
  dealId: z.string(),
  outcome: z.enum(DEAL_OUTCOMES),
  lowIntentFulfillment: z.boolean(),
  summary: z.string(),
  items: z.array(
    z.object({
      source: z.enum(['requirement', 'commitment']),
      sourceLabel: z.string(),
      term: z.string().describe('Metric, bound and value in the response language.'),
      metric: z.enum(METRICS),
      comparator: z.enum(COMPARATORS),
      value: z.number(),
      unit: z.enum(CANONICAL_UNITS),
      key: z.boolean(),
      weight: z.number(),
      status: z.enum(['fulfilled', 'weaker', 'missing']),
      statusLabel: z.string(),
      mentions: z.array(z.object({ callId: z.string(), turnIndex: z.number().int(), text: z.string() })),
      clause: ClauseViewSchema.omit({ source: true }).nullable(),
    }),
  ),
  reviewItems: z.array(z.object({ id: z.number().int(), kind: z.string(), status: z.string(), summary: z.string(), createdAt: z.string() })),
  scores: z.unknown().describe('Calibration: the three layer scores with formula, inputs and evidence, the overall score and the imbalance status.'),
});

/** Response of GET and PUT /v1/glossary. */
export const GlossaryViewSchema = z.object({
  version: z.number().int().describe('0 until the first PUT; each PUT adds one.'),
  glossary: z.record(z.string(), z.unknown()),
});
