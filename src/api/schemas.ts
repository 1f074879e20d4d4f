/**
 * Zod schemas of the HTTP API. Fastify validates requests and serializes
 * responses with them, and the OpenAPI document is generated from them.
 */
import { z } from 'zod';
import { CALL_STATUSES } from '../domain/call-state.js';
import { OBJECTION_TYPES, PITFALL_TYPES, SEVERITIES } from '../domain/pitfalls.js';
import { ROLE_METHODS, SPEAKER_ROLES } from '../domain/transcript.js';
import { PII_KINDS } from '../privacy/kinds.js';
import { FINDING_STATUSES } from '../domain/review.js';
import { ReviewSchema } from './review-schemas.js';

// CRM ids: printable text without control characters or surrounding space.
const externalId = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[^\p{Cc}\p{Cf}]+$/u, 'must not contain control characters');

/**
 * A call id a client may choose: letters, digits, ".", "_" and "-", starting
 * with a letter or digit, because it appears in URLs and queue job ids.
 */
export const ClientCallIdSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'use 1 to 128 letters, digits, ".", "_" or "-", starting with a letter or digit');

/** The form fields that accompany an uploaded recording or transcript. */
export const UploadFieldsSchema = z.object({
  callId: ClientCallIdSchema.optional().describe(
    'Client-chosen call id. Sending the same file again with the same id returns the existing call; a different file with a used id is rejected.',
  ),
  dealId: externalId.describe('Deal (opportunity) id from the CRM.'),
  repId: externalId.describe('Id of the sales rep on the call.'),
  teamId: externalId.default('default').describe('Team whose settings apply to the call.'),
  startedAt: z.iso.datetime({ offset: true }).describe('Call start, ISO 8601 with a time zone, e.g. 2026-11-03T10:00:00+08:00.'),
  language: z.enum(['zh', 'en', 'auto']).default('auto').describe('Spoken language; auto lets the recognizer decide.'),
  channelLayout: z
    .enum(['mono', 'stereo-rep-left', 'stereo-rep-right'])
    .default('mono')
    .describe('Which channel carries the rep; mono calls are one speaker of unknown role until diarization exists.'),
  consent: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === 'true'))
    .describe('Whether the customer consented to the recording; a team with privacy.consentRequired rejects uploads without consent=true.'),
});

export type UploadFields = z.output<typeof UploadFieldsSchema>;

export const CallIdParamsSchema = z.object({ id: externalId });

export const DealIdParamsSchema = z.object({ id: externalId });

export const TeamIdParamsSchema = z.object({ id: externalId });

const SpanSchema = z.object({ start: z.number().int(), end: z.number().int() });

const EvidenceSchema = z.object({ rule: z.string(), detail: z.string().optional() });

export const FindingSchema = z.object({
  id: z.number().int(),
  type: z.enum(PITFALL_TYPES),
  label: z.string().describe('Name of the pitfall type in the response language.'),
  severity: z.enum(SEVERITIES),
  turnIndex: z.number().int(),
  span: SpanSchema,
  confidence: z.number(),
  evidence: z.array(EvidenceSchema),
  status: z.enum(FINDING_STATUSES).describe('Coaching review status; POST /v1/findings/:id/review changes it.'),
  statusLabel: z.string(),
  review: ReviewSchema.nullable().describe('The latest review decision, or null while unreviewed.'),
});

export const ObjectionSchema = z.object({
  id: z.number().int(),
  type: z.enum(OBJECTION_TYPES),
  turnIndex: z.number().int(),
  span: SpanSchema,
  handlingDepth: z.number().int().min(0).max(4),
  handlingDepthLabel: z.string(),
  confidence: z.number(),
  evidence: z.array(EvidenceSchema),
});

export const TurnSchema = z.object({
  index: z.number().int(),
  speaker: z.enum(SPEAKER_ROLES),
  startMs: z.number().int().nullable(),
  endMs: z.number().int().nullable(),
  text: z.string(),
  overlapMs: z.number().int().nullable().describe('Speech of the other channel during this turn, measured from the audio (stereo calls).'),
  diarizedSpeaker: z.number().int().nullable().describe('Voice 0 or 1 of a diarized mono call.'),
  redactions: z
    .array(z.object({ kind: z.enum(PII_KINDS), start: z.number().int(), end: z.number().int(), label: z.string() }))
    .describe('Personal data masked in `text`: kind, span of the placeholder in `text`, and the kind named in the response language.'),
});

export const CallAcceptedSchema = z.object({
  id: z.string(),
  status: z.enum(CALL_STATUSES),
  source: z.enum(['audio', 'transcript']),
  recording: z.object({ sha256: z.string(), sizeBytes: z.number().int() }),
  links: z.object({ self: z.string() }),
});

export const CallViewSchema = z.object({
  id: z.string(),
  dealId: z.string(),
  repId: z.string(),
  teamId: z.string(),
  startedAt: z.string(),
  language: z.enum(['zh', 'en', 'auto']),
  channelLayout: z.enum(['mono', 'stereo-rep-left', 'stereo-rep-right']),
  source: z.enum(['audio', 'transcript']),
  status: z.enum(CALL_STATUSES),
  statusLabel: z.string(),
  failure: z.object({ code: z.string(), message: z.string(), stage: z.string().nullable() }).nullable(),
  durationMs: z.number().nullable(),
  asrModel: z.string().nullable(),
  speakers: z.object({
    rolesKnown: z.boolean().nullable(),
    roleConfidence: z.number().nullable().describe('Confidence of the rep/customer guess of a diarized mono call.'),
    roleMethod: z
      .enum(ROLE_METHODS)
      .nullable()
      .describe("What decided the roles of a diarized mono call: 'enrolled_voice' (the rep's enrolled voice sample), 'text' (the words of each speaker) or 'conflict' (both were confident but named different speakers, so roles are unknown). Null for stereo calls and transcripts."),
    roleMethodLabel: z.string().nullable().describe('roleMethod in the language of the request.'),
    dualMono: z.boolean().nullable().describe('True when both channels carried the same mix and the call was transcribed as mono.'),
    note: z.string().nullable().describe('Why roles are unknown and which detectors were skipped, when that applies.'),
  }),
  transcript: z.object({ turns: z.array(TurnSchema) }),
  findings: z.array(FindingSchema),
  objections: z.array(ObjectionSchema),
  skippedDetectors: z.array(z.enum(PITFALL_TYPES)),
  behavior: z.unknown().nullable().describe('Behavior score of the call with its explanation, once scored.'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const DealScoreViewSchema = z.object({
  dealId: z.string(),
  calls: z.object({ total: z.number().int(), scored: z.number().int(), pending: z.number().int(), failed: z.number().int() }),
  score: z.unknown().describe('The three layers (intent, behavior, result) with explanations and the rules version.'),
});

export const ErrorResponseSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
