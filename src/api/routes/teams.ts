/** Team settings routes: read the current version, store a new one. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { parseTeamSettings } from '../../settings/team-settings.js';
import { getTeamSettings, putTeamSettings } from '../../store/team-settings.js';
import type { ApiContext } from '../context.js';
import { ErrorResponseSchema, TeamIdParamsSchema } from '../schemas.js';

const TeamSettingsViewSchema = z.object({
  teamId: z.string(),
  version: z.number().int().describe('0 until the first PUT; each PUT adds one.'),
  settings: z.record(z.string(), z.unknown()).describe('Detection and scoring settings with every default filled in.'),
});

/** Registers the /v1/teams routes. */
export function teamRoutes(ctx: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/v1/teams/:id/settings',
      {
        schema: {
          summary: 'Current settings of a team (thresholds, severities, discount limit, glossary, score weights)',
          params: TeamIdParamsSchema,
          response: { 200: TeamSettingsViewSchema },
        },
      },
      async (request) => getTeamSettings(ctx.db, request.params.id),
    );

    app.put(
      '/v1/teams/:id/settings',
      {
        schema: {
          summary: 'Store a new version of a team’s settings; omitted fields take their defaults',
          params: TeamIdParamsSchema,
          body: z.record(z.string(), z.unknown()),
          response: { 200: TeamSettingsViewSchema, 400: ErrorResponseSchema },
        },
      },
      async (request) => {
        const settings = parseTeamSettings(request.body);
        const stored = await ctx.db.transaction((tx) => putTeamSettings(tx, request.params.id, settings));
        request.log.info({ teamId: stored.teamId, version: stored.version }, 'team settings stored');
        return stored;
      },
    );
  };
}
