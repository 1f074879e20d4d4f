/**
 * Zod schemas of the coaching review API: the review queue, review decisions
 * and their audit trail, the precision report, coaching notes and the call list.
 */
import { z } from 'zod';
import { CALL_STATUSES } from '../domain/call-state.js';
import { PITFALL_TYPES, SEVERITIES } from '../domain/pitfalls.js';
import { DISMISS_REASONS, FINDING_STATUSES, MAX_NOTE_CHARS, REVIEW_DECISIONS } from '../domain/review.js';

const filterId = z.string().trim().min(1).max(128);

// C0 and C1 control characters and DEL, except tab (U+0009), line feed (U+000A) and carriage return (U+000D).
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Free text of a coach (note texts, review notes): line breaks and tabs are kept, other control characters rejected. */
const coachText = z.string().refine((text) => !CONTROL_CHARACTER.test(text), 'must not contain control characters other than line breaks and tabs');

const dateBound = z.string().max(40);

/** Page size of the review queue and the call list. */
const limit = z.coerce.number().int().min(1).max(200).default(50);

const cursor = z.string().min(1).max(512).describe('nextCursor of the previous page, unchanged.');

/** The numeric id of a finding or a note in a path. */
export const NumericIdParamsSchema = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });

export const QueueQuerySchema = z.object({
  teamId: filterId.optional(),
  repId: filterId.optional(),
  type: z.enum(PITFALL_TYPES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  status: z.enum(FINDING_STATUSES).optional(),
  from: dateBound.optional().describe('First day of the call start (YYYY-MM-DD, UTC) or an ISO 8601 date-time, included.'),
  to: dateBound.optional().describe('Last day of the call start (YYYY-MM-DD, UTC), included, or an ISO 8601 date-time, excluded.'),
  cursor: cursor.optional(),
  limit,
});

export const ReviewSchema = z.object({
  decision: z.enum(REVIEW_DECISIONS),
  reasonCode: z.enum(DISMISS_REASONS).nullable(),
  reasonLabel: z.string().nullable().describe('The dismissal reason in the response language.'),
  note: z.string().nullable(),
  reviewerId: z.string(),
  reviewedAt: z.string(),
});

export const FindingItemSchema = z.object({
  id: z.number().int(),
  callId: z.string(),
  dealId: z.string(),
  repId: z.string(),
  teamId: z.string(),
  callStartedAt: z.string(),
  type: z.enum(PITFALL_TYPES),
  label: z.string().describe('Name of the pitfall type in the response language.'),
  severity: z.enum(SEVERITIES),
  status: z.enum(FINDING_STATUSES),
  statusLabel: z.string(),
  confidence: z.number(),
  turnIndex: z.number().int(),
  spanStart: z.number().int(),
  spanEnd: z.number().int(),
  startMs: z.number().nullable().describe('Start of the finding turn in the call, in ms, for seeking the audio.'),
  excerpt: z.string().describe('The masked turn text around the span, as the call view shows it.'),
  review: ReviewSchema.nullable(),
});

export const QueuePageSchema = z.object({ items: z.array(FindingItemSchema), nextCursor: z.string().nullable() });

export const ReviewBodySchema = z.strictObject({
  decision: z.enum(REVIEW_DECISIONS),
  reasonCode: z.enum(DISMISS_REASONS).optional().describe('Required for dismiss, not allowed for confirm.'),
  note: coachText.max(MAX_NOTE_CHARS).optional(),
});

const ReviewStateSchema = z.object({
  status: z.enum(FINDING_STATUSES),
  reasonCode: z.enum(DISMISS_REASONS).nullable(),
  note: z.string().nullable(),
});

export const ReviewTrailSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      findingId: z.number().int(),
      callId: z.string(),
      reviewerId: z.string(),
      at: z.string(),
      before: ReviewStateSchema,
      after: ReviewStateSchema,
    }),
  ),
});

export const PrecisionQuerySchema = z.object({
  teamId: filterId.optional(),
  from: dateBound.optional(),
  to: dateBound.optional(),
});

export const PrecisionReportSchema = z.object({
  types: z.array(
    z.object({
      type: z.enum(PITFALL_TYPES),
      label: z.string(),
      findings: z.number().int(),
      reviewed: z.number().int(),
      confirmed: z.number().int(),
      dismissed: z.number().int(),
      dismissedShare: z.number().nullable().describe('dismissed / reviewed; null while no finding of the type was reviewed.'),
      byReason: z.record(z.enum(DISMISS_REASONS), z.number().int()),
    }),
  ),
});

export const ExportQuerySchema = z.object({
  teamId: filterId.optional(),
  type: z.enum(PITFALL_TYPES).optional(),
  from: dateBound.optional(),
  to: dateBound.optional(),
});

export const NoteBodySchema = z.strictObject({
  atMs: z.number().int().min(0).describe('Moment of the call the note refers to, in ms from the start.'),
  text: z.string().trim().min(1).max(MAX_NOTE_CHARS).pipe(coachText),
});

export const NoteSchema = z.object({
  id: z.number().int(),
  callId: z.string(),
  atMs: z.number().int(),
  text: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
});

export const NoteListSchema = z.object({ items: z.array(NoteSchema) });

export const RepNoteListSchema = z.object({
  items: z.array(NoteSchema.extend({ dealId: z.string(), callStartedAt: z.string() })),
});

export const MyNotesQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

export const CallListQuerySchema = z.object({
  teamId: filterId.optional(),
  repId: filterId.optional(),
  dealId: filterId.optional(),
  status: z.enum(CALL_STATUSES).optional(),
  from: dateBound.optional(),
  to: dateBound.optional(),
  cursor: cursor.optional(),
  limit,
});

export const CallListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      dealId: z.string(),
      repId: z.string(),
      teamId: z.string(),
      startedAt: z.string(),
      status: z.enum(CALL_STATUSES),
      statusLabel: z.string(),
      durationMs: z.number().nullable(),
      findingCount: z.number().int(),
      unreviewedCount: z.number().int(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
