/** Versioned team settings. */
import { defaultTeamSettings, parseTeamSettings, type TeamSettings, type VersionedTeamSettings } from '../settings/team-settings.js';
import type { Queryable } from './db.js';

/** Returns the newest settings of a team, or version 0 (the defaults) when it has none. */
export async function getTeamSettings(db: Queryable, teamId: string): Promise<VersionedTeamSettings> {
  const rows = await db.query<{ version: number; settings: unknown }>(
    'SELECT version, settings FROM team_settings WHERE team_id = $1 ORDER BY version DESC LIMIT 1',
    [teamId],
  );
  const row = rows[0];
  // Stored documents are re-parsed so defaults added by later releases fill in.
  return row ? { teamId, version: row.version, settings: parseTeamSettings(row.settings) } : defaultTeamSettings(teamId);
}

/** Stores validated settings as the team's next version and returns it. */
export async function putTeamSettings(tx: Queryable, teamId: string, settings: TeamSettings): Promise<VersionedTeamSettings> {
  // Locks the team's rows so two concurrent PUTs cannot take the same version number.
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`team_settings:${teamId}`]);
  const rows = await tx.query<{ version: number }>('SELECT COALESCE(MAX(version), 0) + 1 AS version FROM team_settings WHERE team_id = $1', [
    teamId,
  ]);
  const version = rows[0]!.version;
  await tx.query('INSERT INTO team_settings (team_id, version, settings) VALUES ($1, $2, $3)', [teamId, version, JSON.stringify(settings)]);
  return { teamId, version, settings };
}

/** Returns one stored version of a team's settings (version 0 is the defaults), or null when it does not exist. */
export async function getTeamSettingsVersion(db: Queryable, teamId: string, version: number): Promise<VersionedTeamSettings | null> {
  if (version === 0) return defaultTeamSettings(teamId);
  const rows = await db.query<{ settings: unknown }>('SELECT settings FROM team_settings WHERE team_id = $1 AND version = $2', [teamId, version]);
  return rows[0] ? { teamId, version, settings: parseTeamSettings(rows[0].settings) } : null;
}
