/** Browser sessions: the cookie carries a random id, the table stores its SHA-256. */
import type { Queryable } from './db.js';

/** Inserts a session that ends `lifetimeSeconds` from now. */
export async function insertSession(tx: Queryable, idHash: string, userId: string, lifetimeSeconds: number): Promise<void> {
  await tx.query(`INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`, [
    idHash,
    userId,
    lifetimeSeconds,
  ]);
}

/**
 * Returns the id of the enabled user of an unexpired session, or null. Each use
 * moves the expiry to `lifetimeSeconds` from now (sliding expiry).
 */
export async function useSession(db: Queryable, idHash: string, lifetimeSeconds: number): Promise<string | null> {
  const rows = await db.query<{ user_id: string }>(
    `UPDATE sessions s SET expires_at = now() + make_interval(secs => $2)
     FROM users u
     WHERE s.id_hash = $1 AND s.expires_at > now() AND u.id = s.user_id AND NOT u.disabled
     RETURNING s.user_id`,
    [idHash, lifetimeSeconds],
  );
  return rows[0]?.user_id ?? null;
}

/** Deletes one session; signing out twice is harmless. */
export async function deleteSession(tx: Queryable, idHash: string): Promise<void> {
  await tx.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
}

/** Deletes every session of a user, after a password change or when the user is disabled. */
export async function deleteUserSessions(tx: Queryable, userId: string): Promise<number> {
  const rows = await tx.query<{ id_hash: string }>('DELETE FROM sessions WHERE user_id = $1 RETURNING id_hash', [userId]);
  return rows.length;
}

/** Deletes expired sessions and returns how many. */
export async function deleteExpiredSessions(tx: Queryable): Promise<number> {
  const rows = await tx.query<{ id_hash: string }>('DELETE FROM sessions WHERE expires_at <= now() RETURNING id_hash');
  return rows.length;
}
