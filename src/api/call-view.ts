/** Builds the public view of a call from its stored rows, in the request's language. */
import { CallscoreError, ERRORS, type ErrorCode, type Locale } from '../errors/registry.js';
import { t } from '../i18n/catalog.js';
import type { HandlingDepth } from '../domain/pitfalls.js';
import { speakerNote } from './speaker-note.js';
import type { Database } from '../store/db.js';
import type { CallRecord } from '../store/calls.js';
import { getTurns } from '../store/turns.js';
import { getTurnRedactions } from '../store/privacy.js';
import { getCallScores, getFindings, getObjections } from '../store/analysis.js';
import { getCallReviewStates } from '../store/findings-review.js';
import { reviewView } from './finding-item.js';
import type { z } from 'zod';
import type { CallViewSchema } from './schemas.js';

type CallView = z.input<typeof CallViewSchema>;

const DEPTH_KEYS = ['handlingDepth.0', 'handlingDepth.1', 'handlingDepth.2', 'handlingDepth.3', 'handlingDepth.4'] as const;

function depthLabel(locale: Locale, depth: HandlingDepth): string {
  return t(locale, DEPTH_KEYS[depth]);
}

/**
 * Renders a stored failure in the reader's language. Folder paths of the
 * server are replaced by the setting that names them, because API clients
 * have no use for the server's file system layout.
 */
function failureMessage(call: CallRecord, locale: Locale): string {
  const code = call.failureCode;
  if (!code || !call.failureParams || !(code in ERRORS)) return call.failureMessage ?? '';
  const params = { ...call.failureParams };
  if ('dir' in params) params.dir = 'CALLSCORE_MODELS_DIR';
  return new CallscoreError(code as ErrorCode, params).messageIn(locale);
}

/** Reads everything stored for a call and returns its API view. */
export async function buildCallView(db: Database, call: CallRecord, locale: Locale): Promise<CallView> {
  const [turns, redactions, findings, objections, scores, reviews] = await Promise.all([
    getTurns(db, call.id),
    getTurnRedactions(db, call.id),
    getFindings(db, call.id),
    getObjections(db, call.id),
    getCallScores(db, [call.id]),
    getCallReviewStates(db, call.id),
  ]);
  const score = scores[0] ?? null;

  return {
    id: call.id,
    dealId: call.dealId,
    repId: call.repId,
    teamId: call.teamId,
    startedAt: call.startedAt,
    language: call.language,
    channelLayout: call.channelLayout,
    source: call.source,
    status: call.status,
    statusLabel: t(locale, `callStatus.${call.status}`),
    failure:
      call.status === 'failed'
        ? { code: call.failureCode ?? 'CS_ERR_INTERNAL', message: failureMessage(call, locale), stage: call.failedStage }
        : null,
    durationMs: call.durationMs,
    asrModel: call.asrModel,
    speakers: {
      rolesKnown: call.rolesKnown,
      roleConfidence: call.roleConfidence,
      roleMethod: call.roleMethod,
      roleMethodLabel: call.roleMethod ? t(locale, `roleMethod.${call.roleMethod}`) : null,
      dualMono: call.dualMono,
      note: speakerNote(locale, call, score?.skippedDetectors ?? [], turns.length),
    },
    transcript: {
      turns: turns.map((turn, index) => ({
        index,
        speaker: turn.speaker,
        startMs: turn.startMs ?? null,
        endMs: turn.endMs ?? null,
        overlapMs: turn.overlapMs ?? null,
        diarizedSpeaker: turn.diarizedSpeaker ?? null,
        text: turn.text,
        redactions: (redactions[index] ?? []).map((redaction) => ({ ...redaction, label: t(locale, `pii.${redaction.kind}`) })),
      })),
    },
    findings: findings.map((finding) => {
      // Both reads see the same rows unless a re-analysis commits between them; such a finding shows as unreviewed.
      const state = reviews.get(finding.id) ?? { status: 'unreviewed' as const, review: null };
      return {
        ...finding,
        label: t(locale, `pitfall.${finding.type}`),
        status: state.status,
        statusLabel: t(locale, `findingStatus.${state.status}`),
        review: reviewView(locale, state.review),
      };
    }),
    objections: objections.map((objection) => ({ ...objection, handlingDepthLabel: depthLabel(locale, objection.handlingDepth) })),
    skippedDetectors: score?.skippedDetectors ?? [],
    behavior: score?.behavior ?? null,
    createdAt: call.createdAt,
    updatedAt: call.updatedAt,
  };
}
