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
import type { LocaleOptions, Localize } from '../help-text.js';
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

interface AddOptions extends LocaleOptions {
  email: string;
  name: string;
  role: Role;
  team: string[];
  repId?: string;
  passwordStdin?: boolean;
}

/** Builds `callscore users`. */
export function usersCommand(localize: Localize): Command {
  const users = new Command('users').description(localize({ en: 'Manage the users who may sign in.', zh: '管理可以登录的用户。' }));
  users
    .command('add')
    .description(localize({
      en: 'Create a user; reads the password from stdin with --password-stdin, else generates one and prints it once.',
      zh: '创建用户；带 --password-stdin 时从标准输入读取密码，否则生成密码并只输出一次。',
    }))
    .requiredOption('--email <address>', localize({ en: 'e-mail address used to sign in', zh: '登录用的邮箱' }))
    .requiredOption('--name <name>', localize({ en: 'display name', zh: '显示名称' }))
    .addOption(new Option('--role <role>', localize({ en: 'role', zh: '角色' })).choices([...ROLES]).makeOptionMandatory())
    .option(
      '--team <teamId>',
      localize({ en: 'team the user works with (repeat for several)', zh: '用户所属的团队（可重复指定多个）' }),
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .option('--rep-id <repId>', localize({ en: 'rep id as calls use it; required for the role rep', zh: '通话中使用的销售编号；角色为 rep 时必填' }))
    .option('--password-stdin', localize({
      en: 'read the password (at least 12 characters) from the first line of stdin',
      zh: '从标准输入的第一行读取密码（至少 12 个字符）',
    }))
    .action(async (options: AddOptions) => {
      const locale = options.locale ?? cliLocale();
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
export function keysCommand(localize: Localize): Command {
  const keys = new Command('keys').description(localize({ en: 'Create and revoke API keys.', zh: '创建和吊销 API 密钥。' }));
  keys
    .command('create')
    .description(localize({ en: 'Create an API key for a user and print it; the key is not shown again.', zh: '为用户创建 API 密钥并输出；密钥不会再次显示。' }))
    .requiredOption('--email <address>', localize({ en: 'e-mail address of the key owner', zh: '密钥所属用户的邮箱' }))
    .requiredOption('--name <name>', localize({ en: 'name that tells the key apart, e.g. the script using it', zh: '用于区分密钥的名称，例如使用它的脚本' }))
    .action(async (options: LocaleOptions & { email: string; name: string }) => {
      const locale = options.locale ?? cliLocale();
      const created = await withDatabase(async (db) => {
        const userId = await findUserIdByEmail(db, options.email);
        if (!userId) throw new CallscoreError('CS_ERR_USER_NOT_FOUND', { field: 'email', value: options.email });
        return createApiKey(db, userId, options.name);
      });
      process.stdout.write(`${t(locale, 'cli.keys.created', { id: created.record.id, email: options.email.trim().toLowerCase() })}\n${created.key}\n`);
    });
  keys
    .command('revoke')
    .description(localize({ en: 'Revoke an API key by id; requests with it get 401 from then on.', zh: '按 id 吊销 API 密钥；此后使用它的请求返回 401。' }))
    .argument('<id>', localize({ en: 'key id, as GET /v1/api-keys lists it', zh: '密钥 id，即 GET /v1/api-keys 列出的 id' }))
    .action(async (keyId: string, options: LocaleOptions) => {
      const revoked = await withDatabase((db) => db.transaction((tx) => revokeApiKey(tx, keyId)));
      if (!revoked) throw new CallscoreError('CS_ERR_API_KEY_NOT_FOUND', { keyId });
      process.stdout.write(`${t(options.locale ?? cliLocale(), 'cli.keys.revoked', { id: keyId })}\n`);
    });
  return keys;
}
