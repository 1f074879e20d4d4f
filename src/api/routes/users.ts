/** User administration: admins create, list and change users. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changeUser, createUser } from '../../auth/accounts.js';
import { listUsers } from '../../store/users.js';
import { ChangeUserBodySchema, CreateUserBodySchema, UserIdParamsSchema, UserViewSchema } from '../account-schemas.js';
import { requireAdmin } from '../access.js';
import type { ApiContext } from '../context.js';
import { principalOf } from '../principal-of.js';
import { ErrorResponseSchema } from '../schemas.js';

const MANAGE_USERS = { en: 'manage users', zh: '管理用户' };

/** Registers /v1/users. */
export function userRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/v1/users',
      {
        schema: {
          summary: 'Create a user (admins only)',
          body: CreateUserBodySchema,
          response: { 201: UserViewSchema, 400: ErrorResponseSchema, 403: ErrorResponseSchema, 409: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        requireAdmin(principal, MANAGE_USERS);
        const user = await createUser(ctx.db, request.body);
        request.log.info({ userId: user.id, role: user.role, by: principal.userId }, 'user created');
        return reply.status(201).send(user);
      },
    );

    app.get(
      '/v1/users',
      { schema: { summary: 'List users (admins only)', response: { 200: z.object({ users: z.array(UserViewSchema) }), 403: ErrorResponseSchema } } },
      async (request) => {
        requireAdmin(principalOf(request), MANAGE_USERS);
        return { users: await listUsers(ctx.db) };
      },
    );

    app.patch(
      '/v1/users/:id',
      {
        schema: {
          summary: 'Change a user (admins only); disabling or a new password ends their sessions',
          params: UserIdParamsSchema,
          body: ChangeUserBodySchema,
          response: { 200: UserViewSchema, 400: ErrorResponseSchema, 403: ErrorResponseSchema, 404: ErrorResponseSchema, 409: ErrorResponseSchema },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        requireAdmin(principal, MANAGE_USERS);
        const user = await changeUser(ctx.db, request.params.id, request.body);
        request.log.info(
          { userId: user.id, by: principal.userId, fields: Object.keys(request.body).filter((field) => field !== 'password') },
          request.body.password ? 'user changed, password set' : 'user changed',
        );
        return user;
      },
    );
  };
}
