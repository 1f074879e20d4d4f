/** Users and the teams they belong to. */
import { randomUUID } from 'node:crypto';
import type { Principal, Role } from '../auth/principal.js';
import type { Queryable } from './db.js';

/** A user as the API shows it; the password hash stays in the store. */
export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  teamIds: string[];
  repId: string | null;
  disabled: boolean;
  createdAt: string;
}

/** The fields of a new user; `passwordHash` is null for a user who signs in with keys only. */
export interface NewUser {
  email: string;
  name: string;
  role: Role;
  teamIds: string[];
  repId: string | null;
  passwordHash: string | null;
}

/** Changes to a user; omitted fields keep their value. */
export interface UserChanges {
  name?: string;
  role?: Role;
  teamIds?: string[];
  repId?: string | null;
  disabled?: boolean;
  passwordHash?: string;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  rep_id: string | null;
  disabled: boolean;
  created_at: Date | string;
  team_ids: string[] | null;
}

// Teams are aggregated in one query so a list of users needs no second round trip.
const USER_SELECT = `SELECT u.id, u.email, u.name, u.role, u.rep_id, u.disabled, u.created_at,
    COALESCE((SELECT array_agg(t.team_id ORDER BY t.team_id) FROM user_teams t WHERE t.user_id = u.id), ARRAY[]::text[]) AS team_ids
  FROM users u`;

function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    teamIds: row.team_ids ?? [],
    repId: row.rep_id,
    disabled: row.disabled,
    createdAt: (row.created_at instanceof Date ? row.created_at : new Date(row.created_at)).toISOString(),
  };
}

/** Normalises an e-mail address as stored: trimmed and lower-case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The access principal of a user, for a request authenticated by `via`. */
export function principalOfUser(user: UserRecord, via: Principal['via']): Principal {
  return { userId: user.id, role: user.role, teamIds: user.teamIds, repId: user.repId, via };
}

async function replaceTeams(tx: Queryable, userId: string, teamIds: string[]): Promise<void> {
  await tx.query('DELETE FROM user_teams WHERE user_id = $1', [userId]);
  for (const teamId of new Set(teamIds)) {
    await tx.query('INSERT INTO user_teams (user_id, team_id) VALUES ($1, $2)', [userId, teamId]);
  }
}

/** Inserts a user with its teams and returns it; the caller checks the e-mail is free first. */
export async function insertUser(tx: Queryable, user: NewUser): Promise<UserRecord> {
  const id = `usr_${randomUUID()}`;
  await tx.query('INSERT INTO users (id, email, name, role, rep_id, password_hash) VALUES ($1, $2, $3, $4, $5, $6)', [
    id,
    normaliseEmail(user.email),
    user.name,
    user.role,
    user.repId,
    user.passwordHash,
  ]);
  await replaceTeams(tx, id, user.teamIds);
  return (await getUser(tx, id))!;
}

/** Returns the user, or null when no user has the id. */
export async function getUser(db: Queryable, userId: string): Promise<UserRecord | null> {
  const rows = await db.query<UserRow>(`${USER_SELECT} WHERE u.id = $1`, [userId]);
  return rows[0] ? toUser(rows[0]) : null;
}

/** Returns the user with this e-mail address (any case) and its password hash, or null. */
export async function getUserForSignIn(db: Queryable, email: string): Promise<{ user: UserRecord; passwordHash: string | null } | null> {
  const rows = await db.query<UserRow & { password_hash: string | null }>(
    `${USER_SELECT.replace('u.created_at,', 'u.created_at, u.password_hash,')} WHERE u.email = $1`,
    [normaliseEmail(email)],
  );
  return rows[0] ? { user: toUser(rows[0]), passwordHash: rows[0].password_hash } : null;
}

/** Returns the id of the user with this e-mail address, or null. */
export async function findUserIdByEmail(db: Queryable, email: string): Promise<string | null> {
  const rows = await db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [normaliseEmail(email)]);
  return rows[0]?.id ?? null;
}

/** Returns the id of the user with this rep id, or null. */
export async function findUserIdByRepId(db: Queryable, repId: string): Promise<string | null> {
  const rows = await db.query<{ id: string }>('SELECT id FROM users WHERE rep_id = $1', [repId]);
  return rows[0]?.id ?? null;
}

/** Whether `error` is the unique violation of `users_rep_id_unique`: another user took the rep id in a concurrent transaction. */
export function isRepIdConflict(error: unknown): boolean {
  const failure = error as { code?: string; constraint?: string; message?: string };
  return failure.code === '23505' && (failure.constraint === 'users_rep_id_unique' || (failure.message ?? '').includes('users_rep_id_unique'));
}

/** Returns every user, ordered by e-mail address. */
export async function listUsers(db: Queryable): Promise<UserRecord[]> {
  const rows = await db.query<UserRow>(`${USER_SELECT} ORDER BY u.email`);
  return rows.map(toUser);
}

/** Counts the users, to tell whether the first admin must still be created. */
export async function countUsers(db: Queryable): Promise<number> {
  const rows = await db.query<{ count: number | string }>('SELECT count(*) AS count FROM users');
  return Number(rows[0]?.count ?? 0);
}

/**
 * Takes a transaction-scoped lock that serialises changes to the set of
 * enabled admins, so two requests cannot each remove a different last admin.
 */
export async function lockAdmins(tx: Queryable): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext('users:enabled-admins'))");
}

/** Counts the enabled admins other than `exceptUserId`. */
export async function countOtherEnabledAdmins(db: Queryable, exceptUserId: string): Promise<number> {
  const rows = await db.query<{ count: number | string }>(
    "SELECT count(*) AS count FROM users WHERE role = 'admin' AND NOT disabled AND id <> $1",
    [exceptUserId],
  );
  return Number(rows[0]?.count ?? 0);
}

/** Applies changes to a user and returns it, or null when no user has the id. */
export async function updateUser(tx: Queryable, userId: string, changes: UserChanges): Promise<UserRecord | null> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE users SET
       name = COALESCE($2, name),
       role = COALESCE($3, role),
       rep_id = CASE WHEN $4::boolean THEN $5 ELSE rep_id END,
       disabled = COALESCE($6, disabled),
       password_hash = COALESCE($7, password_hash)
     WHERE id = $1 RETURNING id`,
    [
      userId,
      changes.name ?? null,
      changes.role ?? null,
      changes.repId !== undefined,
      changes.repId ?? null,
      changes.disabled ?? null,
      changes.passwordHash ?? null,
    ],
  );
  if (rows.length === 0) return null;
  if (changes.teamIds) await replaceTeams(tx, userId, changes.teamIds);
  return getUser(tx, userId);
}
