/**
 * Enrolled voice profiles of reps, and the lookup of a rep within a caller's
 * scope that decides who may read or change a profile.
 */
import type { Principal } from '../auth/principal.js';
import { scopeCondition } from '../auth/scope.js';
import type { VoiceProfile } from '../asr/voice-profile.js';
import type { Queryable } from './db.js';

/** A stored voice profile with its enrolment time and user. */
export interface RepVoiceRecord {
  repId: string;
  profile: VoiceProfile;
  /** Seconds of speech the profile was computed from. */
  seconds: number;
  /** Speech segments that gave a voiceprint. */
  segments: number;
  enrolledAt: string;
  /** Id of the user who enrolled the voice. */
  enrolledBy: string;
  /** True when that user is the rep themselves; false for another user or a deleted one. */
  enrolledBySelf: boolean;
}

/** The fields of a new or replaced profile. */
export type NewRepVoice = Omit<RepVoiceRecord, 'enrolledAt' | 'enrolledBySelf'>;

/** A rep as the users table knows them: their rep id and the teams of their user. */
export interface RepInScope {
  repId: string;
  teamIds: string[];
}

interface RepVoiceRow {
  rep_id: string;
  profile: VoiceProfile | string;
  seconds: number | string;
  segments: number;
  enrolled_at: Date | string;
  enrolled_by: string;
  enrolled_by_self: boolean;
}

// Whether the enrolling user is the rep, for queries that read or return rep_voices rows.
const ENROLLED_BY_SELF = 'EXISTS (SELECT 1 FROM users u WHERE u.id = rep_voices.enrolled_by AND u.rep_id = rep_voices.rep_id) AS enrolled_by_self';

function toRecord(row: RepVoiceRow): RepVoiceRecord {
  return {
    repId: row.rep_id,
    profile: typeof row.profile === 'string' ? (JSON.parse(row.profile) as VoiceProfile) : row.profile,
    seconds: Number(row.seconds),
    segments: row.segments,
    enrolledAt: (row.enrolled_at instanceof Date ? row.enrolled_at : new Date(row.enrolled_at)).toISOString(),
    enrolledBy: row.enrolled_by,
    enrolledBySelf: row.enrolled_by_self,
  };
}

/**
 * Returns the user-backed rep `repId` with their teams when the caller may
 * see them, or null for an unknown rep and for one outside the caller's
 * scope alike. Managers and coaches may read the reps whose user belongs to
 * one of their teams, and a rep only their own rep id.
 */
export async function findRepInScope(db: Queryable, principal: Principal, repId: string): Promise<RepInScope | null> {
  const params: unknown[] = [repId];
  const scope = scopeCondition(principal, { team: 't.team_id', rep: 'u.rep_id' }, params);
  // A manager or coach matches through any team of the rep's user, so their condition is tested per team row.
  const condition = principal.role === 'manager' || principal.role === 'coach' ? `EXISTS (SELECT 1 FROM user_teams t WHERE t.user_id = u.id AND ${scope})` : scope;
  const rows = await db.query<{ rep_id: string; team_ids: string[] | null }>(
    `SELECT u.rep_id,
       COALESCE((SELECT array_agg(t.team_id ORDER BY t.team_id) FROM user_teams t WHERE t.user_id = u.id), ARRAY[]::text[]) AS team_ids
     FROM users u
     WHERE u.rep_id = $1 AND ${condition}`,
    params,
  );
  const row = rows[0];
  return row ? { repId: row.rep_id, teamIds: row.team_ids ?? [] } : null;
}

/** Stores the profile of a rep, replacing an earlier one, and returns it. */
export async function upsertRepVoice(tx: Queryable, voice: NewRepVoice): Promise<RepVoiceRecord> {
  const rows = await tx.query<RepVoiceRow>(
    `INSERT INTO rep_voices (rep_id, profile, seconds, segments, enrolled_at, enrolled_by)
     VALUES ($1, $2::jsonb, $3, $4, now(), $5)
     ON CONFLICT (rep_id) DO UPDATE SET
       profile = EXCLUDED.profile, seconds = EXCLUDED.seconds, segments = EXCLUDED.segments,
       enrolled_at = EXCLUDED.enrolled_at, enrolled_by = EXCLUDED.enrolled_by
     RETURNING rep_id, profile, seconds, segments, enrolled_at, enrolled_by, ${ENROLLED_BY_SELF}`,
    [voice.repId, JSON.stringify(voice.profile), voice.seconds, voice.segments, voice.enrolledBy],
  );
  return toRecord(rows[0]!);
}

/** Returns the profile of a rep, or null when none is enrolled. */
export async function getRepVoice(db: Queryable, repId: string): Promise<RepVoiceRecord | null> {
  const rows = await db.query<RepVoiceRow>(
    `SELECT rep_id, profile, seconds, segments, enrolled_at, enrolled_by, ${ENROLLED_BY_SELF} FROM rep_voices WHERE rep_id = $1`,
    [repId],
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

/** Deletes the profile of a rep and returns whether one existed. */
export async function deleteRepVoice(tx: Queryable, repId: string): Promise<boolean> {
  const rows = await tx.query<{ rep_id: string }>('DELETE FROM rep_voices WHERE rep_id = $1 RETURNING rep_id', [repId]);
  return rows.length > 0;
}

/**
 * Moves the profile of `fromRepId` to `toRepId` when a user's rep id
 * changes, because the voiceprint describes that person. A profile already
 * stored under `toRepId` belongs to no user (rep ids are unique among users)
 * and is replaced. With `toRepId` null the profile is deleted.
 */
export async function moveRepVoice(tx: Queryable, fromRepId: string, toRepId: string | null): Promise<void> {
  if (toRepId === fromRepId) return;
  if (toRepId === null) {
    await deleteRepVoice(tx, fromRepId);
    return;
  }
  const moving = await tx.query<{ rep_id: string }>('SELECT rep_id FROM rep_voices WHERE rep_id = $1', [fromRepId]);
  if (moving.length === 0) return;
  await deleteRepVoice(tx, toRepId);
  await tx.query('UPDATE rep_voices SET rep_id = $2 WHERE rep_id = $1', [fromRepId, toRepId]);
}
