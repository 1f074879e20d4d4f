/**
 * Account actions shared by the HTTP routes and the CLI: create and change
 * users, sign in, and issue API keys. Each state change runs in one transaction.
 */
import { CallscoreError } from '../errors/registry.js';
import type { Database, Queryable } from '../store/db.js';
import { insertApiKey, type ApiKeyRecord } from '../store/api-keys.js';
import { deleteExpiredSessions, deleteUserSessions, insertSession } from '../store/sessions.js';
import { moveRepVoice } from '../store/rep-voices.js';
import {
  countOtherEnabledAdmins,
  findUserIdByEmail,
  findUserIdByRepId,
  getUser,
  getUserForSignIn,
  insertUser,
  isRepIdConflict,
  lockAdmins,
  updateUser,
  type UserRecord,
} from '../store/users.js';
import type { Role } from './principal.js';
import { hashPassword, verifyPassword } from './password.js';
import { newApiKey, newSessionId } from './tokens.js';

/** Lifetime of a session since its last use (sliding expiry): 12 hours. */
export const SESSION_LIFETIME_SECONDS = 12 * 60 * 60;

let decoy: Promise<string> | null = null;

function decoyHash(): Promise<string> {
  decoy ??= hashPassword('decoy password that no account has');
  return decoy;
}

/** Input of a new user. */
export interface CreateUserInput {
  email: string;
  name: string;
  role: Role;
  teamIds: string[];
  repId?: string | null;
  password?: string | null;
}

/** Changes an admin may make to a user. */
export interface ChangeUserInput {
  name?: string;
  role?: Role;
  teamIds?: string[];
  repId?: string | null;
  disabled?: boolean;
  password?: string;
}

/**
 * Creates a user; 409 CS_ERR_EMAIL_TAKEN when the address is in use,
 * 409 CS_ERR_REP_ID_TAKEN when another user has the rep id, 400 when a rep has no repId.
 */
export async function createUser(db: Database, input: CreateUserInput): Promise<UserRecord> {
  const repId = input.repId ?? null;
  if (input.role === 'rep' && repId === null) throw new CallscoreError('CS_ERR_REP_ID_REQUIRED');
  const passwordHash = input.password ? await hashPassword(input.password) : null;

  return withRepIdConflict(repId, () =>
    db.transaction(async (tx) => {
      if (await findUserIdByEmail(tx, input.email)) throw new CallscoreError('CS_ERR_EMAIL_TAKEN', { email: input.email.trim().toLowerCase() });
      if (repId !== null && (await findUserIdByRepId(tx, repId))) throw new CallscoreError('CS_ERR_REP_ID_TAKEN', { repId });
      return insertUser(tx, { email: input.email, name: input.name, role: input.role, teamIds: input.teamIds, repId, passwordHash });
    }),
  );
}

/** Runs `work` and reports the unique index on rep ids, hit by a concurrent request, as 409 CS_ERR_REP_ID_TAKEN. */
async function withRepIdConflict<T>(repId: string | null | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (repId && isRepIdConflict(error)) throw new CallscoreError('CS_ERR_REP_ID_TAKEN', { repId });
    throw error;
  }
}

/**
 * Changes a user. Disabling the user or setting a password ends their
 * sessions; a disabled user's keys stop working because key checks read the flag.
 * Throws 409 CS_ERR_LAST_ADMIN when the change would leave no enabled admin,
 * and 409 CS_ERR_REP_ID_TAKEN when another user has the new rep id.
 */
export async function changeUser(db: Database, userId: string, input: ChangeUserInput): Promise<UserRecord> {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;

  return withRepIdConflict(input.repId, () => db.transaction((tx) => applyUserChange(tx, userId, input, passwordHash)));
}

async function applyUserChange(tx: Queryable, userId: string, input: ChangeUserInput, passwordHash: string | undefined): Promise<UserRecord> {
  // The lock comes before the read, so the admin count below cannot go stale before the update.
  if (input.role !== undefined || input.disabled !== undefined) await lockAdmins(tx);
  const current = await getUser(tx, userId);
  if (!current) throw new CallscoreError('CS_ERR_USER_NOT_FOUND', { field: 'id', value: userId });
  const role = input.role ?? current.role;
  const repId = input.repId !== undefined ? input.repId : current.repId;
  if (role === 'rep' && repId === null) throw new CallscoreError('CS_ERR_REP_ID_REQUIRED');
  if (input.repId) {
    const holder = await findUserIdByRepId(tx, input.repId);
    if (holder !== null && holder !== userId) throw new CallscoreError('CS_ERR_REP_ID_TAKEN', { repId: input.repId });
  }

  const disabled = input.disabled ?? current.disabled;
  const removesAdmin = current.role === 'admin' && !current.disabled && (role !== 'admin' || disabled);
  if (removesAdmin && (await countOtherEnabledAdmins(tx, userId)) === 0) {
    throw new CallscoreError('CS_ERR_LAST_ADMIN', { userId, email: current.email });
  }

  const updated = await updateUser(tx, userId, {
    name: input.name,
    role: input.role,
    teamIds: input.teamIds,
    repId: input.repId,
    disabled: input.disabled,
    passwordHash,
  });
  if (input.disabled === true || passwordHash !== undefined) await deleteUserSessions(tx, userId);
  // The enrolled voice follows its user to the new rep id, so no voiceprint stays under a rep id without a user.
  if (input.repId !== undefined && current.repId !== null) await moveRepVoice(tx, current.repId, input.repId);
  return updated!;
}

/**
 * Checks e-mail and password and opens a session. Unknown e-mail, wrong
 * password and a disabled account all fail with the same 401, so the response
 * does not reveal which accounts exist.
 */
export async function signIn(db: Database, email: string, password: string): Promise<{ user: UserRecord; sessionId: string }> {
  const found = await getUserForSignIn(db, email);
  // An unknown address still costs one scrypt run, so response time does not reveal which addresses exist.
  const valid = await verifyPassword(password, found?.passwordHash ?? (await decoyHash()));
  if (!found?.passwordHash || !valid || found.user.disabled) throw new CallscoreError('CS_ERR_SIGN_IN_FAILED');

  const { sessionId, idHash } = newSessionId();
  await db.transaction(async (tx) => {
    // Expired sessions are removed here, so the table stays small without a separate sweep.
    await deleteExpiredSessions(tx);
    await insertSession(tx, idHash, found.user.id, SESSION_LIFETIME_SECONDS);
  });
  return { user: found.user, sessionId };
}

/** Creates an API key for a user and returns it with the key, which is never shown again. */
export async function createApiKey(db: Database, userId: string, name: string): Promise<{ record: ApiKeyRecord; key: string }> {
  const generated = newApiKey();
  const record = await db.transaction(async (tx) => {
    if (!(await getUser(tx, userId))) throw new CallscoreError('CS_ERR_USER_NOT_FOUND', { field: 'id', value: userId });
    return insertApiKey(tx, { id: generated.id, userId, name, prefix: generated.prefix, secretHash: generated.secretHash });
  });
  return { record, key: generated.key };
}
