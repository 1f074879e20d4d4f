/**
 * `callscore users add` and `callscore keys create|revoke`: the first admin
 * and API keys from the command line, with the server stopped or running
 * against PostgreSQL.
 */
import { Command, Option } from 'commander';
import { createApiKey, createUser } from '../../auth/accounts.js';
import { generatePassword } from '../../auth/password.js';
import { ROLES, type Role } from '../../auth/principal.js';
import { loadConfig } from '../../config/config.js';
import { CallscoreError } from '../../errors/registry.js';
import { t } from '../../i18n/catalog.js';
import { revokeApiKey } from '../../store/api-keys.js';
import { openDatabase, type Database } from '../../store/db.js';
import { migrate } from '../../store/migrate.js';
import { findUserIdByEmail } from '../../store/users.js';
import { cliLocale } from '../locale.js';

async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
    return await work(db);
  } finally {
    await db.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  // Only the first line counts, so `echo secret | callscore users add` works as expected.
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/, 1)[0]!;
}

interface AddOptions {
  email: string;
  name: string;
  role: Role;
  team: string[];
  repId?: string;
  passwordStdin?: boolean;
}

/** Builds `callscore users`. */
export function usersCommand(): Command {
  const users = new Command('users').description('Manage the users who may sign in.');
  users
    .command('add')
    .description('Create a user; reads the password from stdin with --password-stdin, else generates one and prints it once.')
    .requiredOption('--email <address>', 'e-mail address used to sign in')
    .requiredOption('--name <name>', 'display name')
    .addOption(new Option('--role <role>', 'role').choices([...ROLES]).makeOptionMandatory())
    .option('--team <teamId>', 'team the user works with (repeat for several)', (value: string, previous: string[]) => [...previous, value], [])
    .option('--rep-id <repId>', 'rep id as calls use it; required for the role rep')
    .option('--password-stdin', 'read the password (at least 12 characters) from the first line of stdin')
    .action(async (options: AddOptions) => {
      const locale = cliLocale();
      const password = options.passwordStdin ? await readStdin() : generatePassword();
      if (password.length < 12) {
        throw new CallscoreError('CS_ERR_VALIDATION', { field: 'password', reason: 'use at least 12 characters', reasonZh: '至少需要 12 个字符' });
      }
      const user = await withDatabase((db) =>
        createUser(db, { email: options.email, name: options.name, role: options.role, teamIds: options.team, repId: options.repId ?? null, password }),
      );
      process.stdout.write(`${t(locale, 'cli.users.created', { email: user.email, role: user.role, id: user.id })}\n`);
      if (!options.passwordStdin) process.stdout.write(`${t(locale, 'cli.users.generatedPassword', { password })}\n`);
    });
  return users;
}

/** Builds `callscore keys`. */
export function keysCommand(): Command {
  const keys = new Command('keys').description('Create and revoke API keys.');
  keys
    .command('create')
    .description('Create an API key for a user and print it; the key is not shown again.')
    .requiredOption('--email <address>', 'e-mail address of the key owner')
    .requiredOption('--name <name>', 'name that tells the key apart, e.g. the script using it')
    .action(async (options: { email: string; name: string }) => {
      const locale = cliLocale();
      const created = await withDatabase(async (db) => {
        const userId = await findUserIdByEmail(db, options.email);
        if (!userId) throw new CallscoreError('CS_ERR_USER_NOT_FOUND', { field: 'email', value: options.email });
        return createApiKey(db, userId, options.name);
      });
      process.stdout.write(`${t(locale, 'cli.keys.created', { id: created.record.id, email: options.email.trim().toLowerCase() })}\n${created.key}\n`);
    });
  keys
    .command('revoke')
    .description('Revoke an API key by id; requests with it get 401 from then on.')
    .argument('<id>', 'key id, as GET /v1/api-keys lists it')
    .action(async (keyId: string) => {
      const revoked = await withDatabase((db) => db.transaction((tx) => revokeApiKey(tx, keyId)));
      if (!revoked) throw new CallscoreError('CS_ERR_API_KEY_NOT_FOUND', { keyId });
      process.stdout.write(`${t(cliLocale(), 'cli.keys.revoked', { id: keyId })}\n`);
    });
  return keys;
}
