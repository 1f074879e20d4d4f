/**
 * Random API keys and session ids. Both are 32 random bytes; only their
 * SHA-256 is stored, which suffices because they are not guessable.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** Prefix that marks a string as a callscore API key. */
export const API_KEY_PREFIX = 'cs_';

/** Characters of a key kept in clear as its `prefix`, for telling keys apart in lists. */
const SHOWN_PREFIX_LENGTH = 10;

/** SHA-256 (hex) of a key or session id, as stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new API key with its id, shown prefix and stored hash. */
export function newApiKey(): { id: string; key: string; prefix: string; secretHash: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { id: `key_${randomUUID()}`, key, prefix: key.slice(0, SHOWN_PREFIX_LENGTH), secretHash: hashToken(key) };
}

/** A new session id and its stored hash. */
export function newSessionId(): { sessionId: string; idHash: string } {
  const sessionId = randomBytes(32).toString('base64url');
  return { sessionId, idHash: hashToken(sessionId) };
}
