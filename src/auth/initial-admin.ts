/**
 * First start of `serve` with no users: creates admin@localhost with a
 * random password written to a file that only the service's user can read.
 */
import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../config/logger.js';
import type { Database } from '../store/db.js';
import { countUsers, insertUser } from '../store/users.js';
import { generatePassword, hashPassword } from './password.js';

/** E-mail address of the admin created on first start. */
export const INITIAL_ADMIN_EMAIL = 'admin@localhost';

/** Name of the file, in the data folder, that contains the first admin's password. */
export const INITIAL_ADMIN_PASSWORD_FILE = 'initial-admin-password';

// Any constant shared by every callscore process; it names the lock that keeps two servers from both creating the admin.
const INITIAL_ADMIN_LOCK_KEY = 724_518_302;

/** Creates the first admin when the users table is empty; returns the password file's path, or null when users exist. */
export async function ensureInitialAdmin(db: Database, dataDir: string, logger: Logger): Promise<string | null> {
  if ((await countUsers(db)) > 0) return null;
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const file = path.join(dataDir, INITIAL_ADMIN_PASSWORD_FILE);

  const created = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [INITIAL_ADMIN_LOCK_KEY]);
    if ((await countUsers(tx)) > 0) return false;
    await insertUser(tx, { email: INITIAL_ADMIN_EMAIL, name: 'Administrator', role: 'admin', teamIds: [], repId: null, passwordHash });
    // Written inside the transaction: when the write fails, no admin exists whose password nobody knows.
    await writeFile(file, `${password}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
    return true;
  });
  if (!created) return null;
  logger.warn({ email: INITIAL_ADMIN_EMAIL, passwordFile: file }, 'created the first admin; sign in with the password in the file, then delete the file');
  return file;
}
