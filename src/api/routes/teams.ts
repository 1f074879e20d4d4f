/** Team settings routes: read the current version, store a new one. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { parseTeamSettings } from '../../settings/team-settings.js';
import { getTeamSettings, putTeamSettings } from '../../store/team-settings.js';
import type { ApiContext } from '../context.js';
import { ErrorResponseSchema, TeamIdParamsSchema } from '../schemas.js';
import { principalOf } from '../principal-of.js';
import { requireTeamRole } from '../access.js';

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
          description: 'Admins, and managers and coaches of the team.',
          response: { 200: TeamSettingsViewSchema, 403: ErrorResponseSchema },
        },
      },
      async (request) => {
        requireTeamRole(principalOf(request), request.params.id, ['manager', 'coach'], { en: 'read the settings of team', zh: '读取团队设置' });
        return getTeamSettings(ctx.db, request.params.id);
      },
    );

    app.put(
      '/v1/teams/:id/settings',
      {
        schema: {
          summary: 'Store a new version of a team’s settings; omitted fields take their defaults',
          params: TeamIdParamsSchema,
          body: z.record(z.string(), z.unknown()),
          description: 'Admins, and managers of the team.',
          response: { 200: TeamSettingsViewSchema, 400: ErrorResponseSchema, 403: ErrorResponseSchema },
        },
      },
      async (request) => {
        requireTeamRole(principalOf(request), request.params.id, ['manager'], { en: 'change the settings of team', zh: '修改团队设置' });
        const settings = parseTeamSettings(request.body);
        const stored = await ctx.db.transaction((tx) => putTeamSettings(tx, request.params.id, settings));
        request.log.info({ teamId: stored.teamId, version: stored.version }, 'team settings stored');
        return stored;
      },
    );
  };
}
