/**
 * Voice enrolment of reps: PUT, GET and DELETE /v1/reps/:repId/voice. A
 * profile contains voiceprints computed from a sample of the rep speaking, and
 * decides which voice of a mono call is the rep. The sample itself is
 * deleted once the profile is computed.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../../auth/principal.js';
import { VOICE_ENROLMENT } from '../../asr/voice-profile.js';
import { CallscoreError } from '../../errors/registry.js';
import { discardStaged } from '../../ingest/blob-store.js';
import { deleteRepVoice, findRepInScope, getRepVoice, upsertRepVoice, type RepVoiceRecord } from '../../store/rep-voices.js';
import { requireRole } from '../access.js';
import type { ApiContext } from '../context.js';
import { principalOf } from '../principal-of.js';
import { uploadRateLimit } from '../rate-limits.js';
import { ErrorResponseSchema } from '../schemas.js';
import { profileVoiceSample, receiveVoiceSample } from '../voice-sample.js';

const RepIdParamsSchema = z.object({ repId: z.string().min(1).max(128) });

const RepVoiceSchema = z.object({
  repId: z.string(),
  enrolledAt: z.string(),
  seconds: z.number().describe('Seconds of speech the profile was computed from.'),
  segments: z.number().int().describe('Speech segments of the sample that gave a voiceprint.'),
  enrolledBy: z.string().describe('Id of the user who enrolled the voice.'),
  enrolledBySelf: z
    .boolean()
    .describe('True when the rep enrolled their own voice. A profile enrolled by the rep deserves a check, because a rep who enrolls another voice flips the roles of their mono calls.'),
});

const EnrolledVoiceSchema = RepVoiceSchema.extend({
  sampleDeleted: z.literal(true).describe('The uploaded audio is deleted once the profile is computed; only voiceprints are stored.'),
});

const DeletedVoiceSchema = z.object({
  repId: z.string(),
  deleted: z.boolean().describe('False when the rep had no enrolled voice.'),
});

const ENROL = { en: 'enrol or delete the voice of a rep', zh: '登记或删除销售的声纹' };

/** Roles that may change a profile within their scope: admins, managers of the rep's team and the rep themselves. */
const ENROLLING_ROLES = ['admin', 'manager', 'rep'] as const;

function voiceView(voice: RepVoiceRecord): z.infer<typeof RepVoiceSchema> {
  return {
    repId: voice.repId,
    enrolledAt: voice.enrolledAt,
    seconds: voice.seconds,
    segments: voice.segments,
    enrolledBy: voice.enrolledBy,
    enrolledBySelf: voice.enrolledBySelf,
  };
}

/** Registers the /v1/reps/:repId/voice routes. */
export function repVoiceRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    // Out-of-scope and unknown reps both return 404, so the route reveals no rep ids.
    const requireRep = async (principal: Principal, repId: string): Promise<void> => {
      if (!(await findRepInScope(ctx.db, principal, repId))) throw new CallscoreError('CS_ERR_REP_NOT_FOUND', { repId });
    };
    // An admin may also read and delete a profile whose rep id no user has any more.
    const requireRepOrStoredProfile = async (principal: Principal, repId: string): Promise<void> => {
      if (principal.role === 'admin' && (await getRepVoice(ctx.db, repId))) return;
      await requireRep(principal, repId);
    };

    app.put(
      '/v1/reps/:repId/voice',
      {
        config: { rateLimit: uploadRateLimit(ctx.rateLimits) },
        schema: {
          summary: 'Enrol the voice of a rep from a recording of the rep speaking',
          description:
            `multipart/form-data with a "file" part: wav, mp3, m4a, amr, ogg/opus or webm audio with ${VOICE_ENROLMENT.minSpeechSeconds} to ${VOICE_ENROLMENT.maxSpeechSeconds} seconds of the rep's speech ` +
            `(the recording at most ${VOICE_ENROLMENT.maxRecordingSeconds} seconds). Replaces an earlier profile. Only voiceprints are stored; the audio is deleted once they are computed. ` +
            'Admins, managers of one of the rep’s teams and the rep themselves may enrol.',
          consumes: ['multipart/form-data'],
          params: RepIdParamsSchema,
          response: {
            200: EnrolledVoiceSchema,
            400: ErrorResponseSchema,
            403: ErrorResponseSchema,
            404: ErrorResponseSchema,
            413: ErrorResponseSchema,
            415: ErrorResponseSchema,
            422: ErrorResponseSchema,
          },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const { repId } = request.params;
        const sample = await receiveVoiceSample(request, { storageDir: ctx.storageDir, maxUploadBytes: ctx.maxUploadBytes });
        try {
          await requireRep(principal, repId);
          requireRole(principal, ENROLLING_ROLES, ENROL);
        } catch (error) {
          await discardStaged(sample.staged);
          throw error;
        }
        // Deletes the staged sample whether or not a profile comes out of it.
        const computed = await profileVoiceSample(sample);
        const voice = await ctx.db.transaction((tx) =>
          upsertRepVoice(tx, { repId, profile: computed.profile, seconds: computed.speechSeconds, segments: computed.segments, enrolledBy: principal.userId }),
        );
        request.log.info({ repId, segments: voice.segments, seconds: voice.seconds }, 'rep voice enrolled');
        return { ...voiceView(voice), sampleDeleted: true as const };
      },
    );

    app.get(
      '/v1/reps/:repId/voice',
      {
        schema: {
          summary: 'When and from how much speech the voice of a rep was enrolled',
          params: RepIdParamsSchema,
          response: { 200: RepVoiceSchema, 404: ErrorResponseSchema },
        },
      },
      async (request) => {
        const { repId } = request.params;
        await requireRepOrStoredProfile(principalOf(request), repId);
        const voice = await getRepVoice(ctx.db, repId);
        if (!voice) {
          throw new CallscoreError('CS_ERR_VOICE_NOT_ENROLLED', { repId, minSeconds: VOICE_ENROLMENT.minSpeechSeconds, maxSeconds: VOICE_ENROLMENT.maxSpeechSeconds });
        }
        return voiceView(voice);
      },
    );

    app.delete(
      '/v1/reps/:repId/voice',
      {
        schema: {
          summary: 'Delete the enrolled voice of a rep; later mono calls of the rep get roles from their words again',
          params: RepIdParamsSchema,
          response: { 200: DeletedVoiceSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const { repId } = request.params;
        await requireRepOrStoredProfile(principal, repId);
        requireRole(principal, ENROLLING_ROLES, ENROL);
        const deleted = await ctx.db.transaction((tx) => deleteRepVoice(tx, repId));
        request.log.info({ repId, deleted }, 'rep voice deleted');
        return { repId, deleted };
      },
    );
  };
}
