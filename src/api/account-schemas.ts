/**
 * Zod schemas of the sign-in, user and API key routes. Request bodies are
 * strict, so a misspelt or unsupported field returns 400 instead of being ignored.
 */
import { z } from 'zod';
import { ROLES } from '../auth/principal.js';

const printable = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}\p{Cf}]+$/u, 'must not contain control characters');

const email = z.string().trim().max(254).pipe(z.email());
const teamIds = z.array(printable(128)).max(100);
/** At least 12 characters: long enough for a generated or pass-phrase password. */
const password = z.string().min(12).max(512);

export const SignInBodySchema = z.strictObject({ email: z.string().max(254), password: z.string().max(512) });

export const UserViewSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  teamIds: z.array(z.string()),
  repId: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.string(),
});

export const MeViewSchema = UserViewSchema.pick({ id: true, email: true, name: true, role: true, teamIds: true, repId: true });

export const CreateUserBodySchema = z.strictObject({
  email,
  name: printable(200),
  role: z.enum(ROLES),
  password: password.optional().describe('At least 12 characters. Without it the user can only use API keys until an admin sets one.'),
  teamIds: teamIds.default([]),
  repId: printable(128).optional().describe('Rep id as calls and deals use it; required for the role rep.'),
});

export const ChangeUserBodySchema = z.strictObject({
  name: printable(200).optional(),
  role: z.enum(ROLES).optional(),
  teamIds: teamIds.optional(),
  repId: printable(128).nullable().optional(),
  disabled: z.boolean().optional().describe('True ends the user’s sessions and stops their API keys.'),
  password: password.optional().describe('A new password ends the user’s sessions.'),
});

export const UserIdParamsSchema = z.object({ id: printable(128) });

export const ApiKeyViewSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  prefix: z.string().describe('First characters of the key, to tell keys apart.'),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const CreateApiKeyBodySchema = z.strictObject({
  name: printable(200),
  userId: printable(128).optional().describe('Owner of the key; only admins may name another user.'),
});
