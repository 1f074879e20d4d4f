/**
 * Coaching note routes: coaches, managers and admins write notes on a moment
 * of a call in their scope, and the rep of the call reads and acknowledges them.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CallscoreError } from '../../errors/registry.js';
import { getCallInScope } from '../../store/calls.js';
import { acknowledgeNote, getNoteInScope, insertNote, listCallNotes, listRepNotes } from '../../store/coaching-notes.js';
import { requireRole } from '../access.js';
import type { ApiContext } from '../context.js';
import { principalOf } from '../principal-of.js';
import { MyNotesQuerySchema, NoteBodySchema, NoteListSchema, NoteSchema, NumericIdParamsSchema, RepNoteListSchema } from '../review-schemas.js';
import { CallIdParamsSchema, ErrorResponseSchema } from '../schemas.js';

const WRITE_NOTE_ACTION = { en: 'write coaching notes', zh: '撰写辅导备注' };
const OWN_NOTES_ACTION = { en: 'list own coaching notes, which only reps have', zh: '查看本人的辅导备注（仅销售角色有）' };
const ACKNOWLEDGE_ACTION = { en: 'acknowledge this note, because only the rep of the call may', zh: '确认该备注（仅限该通话的销售本人）' };

/** Registers the coaching note routes. */
export function noteRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/v1/calls/:id/notes',
      {
        schema: {
          summary: 'Add a coaching note at a moment of the call',
          description: 'atMs must lie within the call when its duration is known. Coaches, managers and admins write notes on calls in their scope.',
          params: CallIdParamsSchema,
          body: NoteBodySchema,
          response: { 201: NoteSchema, 400: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const call = await getCallInScope(ctx.db, request.params.id, principal);
        if (!call) throw new CallscoreError('CS_ERR_CALL_NOT_FOUND', { callId: request.params.id });
        requireRole(principal, ['admin', 'manager', 'coach'], WRITE_NOTE_ACTION);
        const { atMs, text } = request.body;
        if (call.durationMs !== null && atMs > call.durationMs) {
          throw new CallscoreError('CS_ERR_NOTE_AFTER_CALL_END', { atMs, callId: call.id, durationMs: call.durationMs });
        }

        const note = await insertNote(ctx.db, { callId: call.id, atMs, text, authorId: principal.userId });
        request.log.info({ callId: call.id, noteId: note.id }, 'coaching note added');
        return reply.status(201).send(note);
      },
    );

    app.get(
      '/v1/calls/:id/notes',
      {
        schema: {
          summary: 'Coaching notes of a call, in call order',
          params: CallIdParamsSchema,
          response: { 200: NoteListSchema, 404: ErrorResponseSchema },
        },
      },
      async (request) => {
        const call = await getCallInScope(ctx.db, request.params.id, principalOf(request));
        if (!call) throw new CallscoreError('CS_ERR_CALL_NOT_FOUND', { callId: request.params.id });
        return { items: await listCallNotes(ctx.db, call.id) };
      },
    );

    app.get(
      '/v1/me/notes',
      {
        schema: {
          summary: "The signed-in rep's coaching notes across their calls, newest first",
          querystring: MyNotesQuerySchema,
          response: { 200: RepNoteListSchema, 403: ErrorResponseSchema },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        requireRole(principal, ['rep'], OWN_NOTES_ACTION);
        // A rep principal always has a rep id; the check only narrows the type.
        if (principal.repId === null) return { items: [] };
        return { items: await listRepNotes(ctx.db, principal.repId, request.query.limit) };
      },
    );

    app.post(
      '/v1/notes/:id/acknowledge',
      {
        schema: {
          summary: 'Acknowledge a coaching note as the rep of its call',
          description: 'Only the rep whose call it is may acknowledge. Acknowledging again keeps the first time.',
          params: NumericIdParamsSchema,
          response: { 200: NoteSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const noteId = request.params.id;
        const found = await getNoteInScope(ctx.db, principal, noteId);
        if (!found) throw new CallscoreError('CS_ERR_NOTE_NOT_FOUND', { noteId });
        if (principal.role !== 'rep' || principal.repId !== found.repId) {
          throw new CallscoreError('CS_ERR_FORBIDDEN', { role: principal.role, action: ACKNOWLEDGE_ACTION.en, actionZh: ACKNOWLEDGE_ACTION.zh });
        }

        const note = await acknowledgeNote(ctx.db, noteId, principal.userId);
        if (!note) throw new CallscoreError('CS_ERR_NOTE_NOT_FOUND', { noteId });
        request.log.info({ noteId, callId: note.callId }, 'coaching note acknowledged');
        return note;
      },
    );
  };
}
