/** API keys: only the SHA-256 of each key is stored, with a short prefix for lists. */
import type { Queryable } from './db.js';

/** An API key as lists show it, without its secret. */
export interface ApiKeyRecord {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface ApiKeyRow {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  created_at: Date | string;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
}

const KEY_COLUMNS = 'id, user_id, name, prefix, created_at, last_used_at, revoked_at';

function toIso(value: Date | string): string;
function toIso(value: Date | string | null): string | null;
function toIso(value: Date | string | null): string | null {
  if (value === null) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

function toApiKey(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    prefix: row.prefix,
    createdAt: toIso(row.created_at),
    lastUsedAt: toIso(row.last_used_at),
    revokedAt: toIso(row.revoked_at),
  };
}

/** Inserts a key and returns it as lists show it. */
export async function insertApiKey(
  tx: Queryable,
  key: { id: string; userId: string; name: string; prefix: string; secretHash: string },
): Promise<ApiKeyRecord> {
  const rows = await tx.query<ApiKeyRow>(
    `INSERT INTO api_keys (id, user_id, name, prefix, secret_hash) VALUES ($1, $2, $3, $4, $5) RETURNING ${KEY_COLUMNS}`,
    [key.id, key.userId, key.name, key.prefix, key.secretHash],
  );
  return toApiKey(rows[0]!);
}

/** Returns the keys of one user, or of every user when `userId` is null, newest first. */
export async function listApiKeys(db: Queryable, userId: string | null): Promise<ApiKeyRecord[]> {
  const rows = await db.query<ApiKeyRow>(
    `SELECT ${KEY_COLUMNS} FROM api_keys WHERE ($1::text IS NULL OR user_id = $1) ORDER BY created_at DESC, id`,
    [userId],
  );
  return rows.map(toApiKey);
}

/** Returns the key, or null when it does not exist or belongs to another user than `ownerId` (null: any owner). */
export async function getApiKey(db: Queryable, keyId: string, ownerId: string | null): Promise<ApiKeyRecord | null> {
  const rows = await db.query<ApiKeyRow>(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE id = $1 AND ($2::text IS NULL OR user_id = $2)`, [
    keyId,
    ownerId,
  ]);
  return rows[0] ? toApiKey(rows[0]) : null;
}

/** Marks a key revoked (keeping the first revocation time); returns false when no key has the id. */
export async function revokeApiKey(tx: Queryable, keyId: string): Promise<boolean> {
  const rows = await tx.query<{ id: string }>('UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 RETURNING id', [keyId]);
  return rows.length > 0;
}

/**
 * Returns the id of the enabled user owning the unrevoked key with this hash, or null,
 * and records the use.
 */
export async function useApiKey(db: Queryable, secretHash: string): Promise<string | null> {
  const rows = await db.query<{ user_id: string }>(
    `UPDATE api_keys k SET last_used_at = now()
     FROM users u
     WHERE k.secret_hash = $1 AND k.revoked_at IS NULL AND u.id = k.user_id AND NOT u.disabled
     RETURNING k.user_id`,
    [secretHash],
  );
  return rows[0]?.user_id ?? null;
}
