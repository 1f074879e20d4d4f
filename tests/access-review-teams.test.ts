/**
 * Review routes that take ?teamId= return 403 CS_ERR_FORBIDDEN for a team
 * outside the caller's teams, like every other request that names a team,
 * and 200 for one of the caller's teams.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createUser } from '../src/auth/accounts.js';
import { makeTempDir, startService, type Service } from './helpers/harness.js';

let service: Service;
let coachKey = '';
let repKey = '';

const ROUTES = ['/v1/review/findings', '/v1/review/precision', '/v1/review/dismissed/export'];

async function get(key: string, url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${service.baseUrl}${url}`, { headers: { authorization: `Bearer ${key}`, 'accept-language': 'en' } });
  return { status: response.status, text: await response.text() };
}

beforeAll(async () => {
  service = await startService({ modelsDir: await makeTempDir('models') });
  const db = service.runtime.db;
  const coach = await createUser(db, { email: 'review-team-coach@example.test', name: 'Coach A', role: 'coach', teamIds: ['A'] });
  coachKey = (await createApiKey(db, coach.id, 'review teams')).key;
  const rep = await createUser(db, { email: 'review-team-rep@example.test', name: 'Rep A', role: 'rep', teamIds: ['A'], repId: 'R-RT' });
  repKey = (await createApiKey(db, rep.id, 'review teams')).key;
});

afterAll(async () => {
  await service?.close();
});

describe('review routes with teamId', () => {
  for (const route of ROUTES) {
    it(`${route} rejects another team`, async () => {
      const response = await get(coachKey, `${route}?teamId=B`);
      expect(response.status).toBe(403);
      expect(JSON.parse(response.text).error.code).toBe('CS_ERR_FORBIDDEN');
      expect(JSON.parse(response.text).error.message).toContain('"B"');
    });

    it(`${route} accepts an own team`, async () => {
      const response = await get(coachKey, `${route}?teamId=A`);
      expect(response.status, response.text).toBe(200);
    });
  }

  it('precision rejects a rep for another team', async () => {
    const response = await get(repKey, '/v1/review/precision?teamId=B');
    expect(response.status).toBe(403);
    expect(JSON.parse(response.text).error.code).toBe('CS_ERR_FORBIDDEN');
  });

  it('precision accepts a rep for their team', async () => {
    const response = await get(repKey, '/v1/review/precision?teamId=A');
    expect(response.status, response.text).toBe(200);
  });
});
