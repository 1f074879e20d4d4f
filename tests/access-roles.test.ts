/**
 * Role-by-endpoint matrix: every route of the app, called by an anonymous
 * client, an admin, a manager and a coach of team A, the rep who owns the
 * team A resources and a rep of team B, returns the expected status. The
 * routes come from fastify's route table, so a route without a matrix entry
 * fails the test.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createUser } from '../src/auth/accounts.js';
import { makeTempDir, startService, upload, waitForCall, type Service } from './helpers/harness.js';
import { makePitchedSpeechWav } from './fixtures/audio/call-audio.js';

const ACTORS = ['anonymous', 'admin', 'manager', 'coach', 'repOwn', 'repOther'] as const;
type Actor = (typeof ACTORS)[number];

/** Expected status per actor, in the order of ACTORS. */
type Row = [anonymous: number, admin: number, manager: number, coach: number, repOwn: number, repOther: number];

interface HttpRequest {
  method: string;
  url: string;
  json?: unknown;
  form?: FormData;
}

interface MatrixCase {
  /** Route as fastify registers it, e.g. "GET /v1/calls/:id". */
  route: string;
  /** What the case shows, for the failure message. */
  note?: string;
  request: (actor: Actor) => HttpRequest;
  /** Runs before each actor's request, e.g. to wait for state that an earlier request changed. */
  before?: () => Promise<void>;
  /** Expected statuses; 'public' means every actor gets the same non-401 status. */
  expected: Row | 'public';
}

let service: Service;
const keys = {} as Record<Exclude<Actor, 'anonymous'>, string>;
let spareUserId = '';
let adminSpareKeyId = '';
let batchA = '';
let batchB = '';
let findingId = 0;
let noteId = 0;
let voiceSample = new Uint8Array();

function transcript(tag: string): Buffer {
  return Buffer.from(
    JSON.stringify([
      { speaker: 'customer', text: `We need the reporting module by March (${tag}).`, startMs: 0, endMs: 3000 },
      { speaker: 'rep', text: 'We guarantee one hundred percent satisfaction, there is absolutely no risk.', startMs: 3200, endMs: 6000 },
      { speaker: 'rep', text: 'I will send you the contract draft on Friday at 3 pm.', startMs: 6200, endMs: 9000 },
    ]),
  );
}

function uploadForm(tag: string, fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries({ startedAt: '2026-11-03T10:00:00+08:00', ...fields })) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(transcript(tag))], { type: 'application/json' }), `${tag}.json`);
  return form;
}

/** A form with the rep's voice sample, as PUT /v1/reps/:repId/voice takes it. */
function voiceForm(): FormData {
  const form = new FormData();
  form.append('file', new Blob([voiceSample], { type: 'audio/wav' }), 'voice.wav');
  return form;
}

async function send(actor: Actor, request: HttpRequest): Promise<{ status: number; body: string }> {
  // Origin as a browser sends it, which sign-in needs.
  const headers: Record<string, string> = { 'accept-language': 'en', origin: service.baseUrl };
  if (actor !== 'anonymous') headers.authorization = `Bearer ${keys[actor]}`;
  let body: BodyInit | undefined;
  if (request.form) body = request.form;
  else if (request.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.json);
  }
  const response = await fetch(`${service.baseUrl}${request.url}`, { method: request.method, headers, body });
  return { status: response.status, body: await response.text() };
}

/**
 * Waits until no call is being analysed, because a re-score only takes
 * scored calls and an earlier re-score may still be running under load.
 */
async function waitUntilCallsSettle(): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { body } = await send('admin', { method: 'GET', url: '/v1/calls?limit=200' });
    const calls = JSON.parse(body).items as Array<{ status: string }>;
    if (calls.every((call) => call.status === 'scored' || call.status === 'failed')) return;
    if (Date.now() > deadline) throw new Error(`calls still in progress: ${calls.map((call) => call.status).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function seedCall(tag: string, fields: Record<string, string>): Promise<string> {
  const accepted = await upload(service.baseUrl, { content: transcript(tag), filename: `${tag}.json`, type: 'application/json' }, fields);
  expect(accepted.status).toBe(202);
  const call = await waitForCall(service.baseUrl, accepted.body.id);
  expect(call.status).toBe('scored');
  return call.id;
}

async function putDeal(dealId: string, teamId: string, ownerRepId: string): Promise<void> {
  const response = await send('admin', {
    method: 'PUT',
    url: `/v1/deals/${dealId}`,
    json: { name: dealId, ownerRepId, teamId, stage: 'proposal', outcome: 'open' },
  });
  expect(response.status, response.body).toBe(200);
}

beforeAll(async () => {
  service = await startService({ modelsDir: await makeTempDir('models') });
  keys.admin = service.adminKey;
  const db = service.runtime.db;
  const people: Array<[Exclude<Actor, 'anonymous' | 'admin'>, Parameters<typeof createUser>[1]]> = [
    ['manager', { email: 'manager-a@example.test', name: 'Manager A', role: 'manager', teamIds: ['A'] }],
    ['coach', { email: 'coach-a@example.test', name: 'Coach A', role: 'coach', teamIds: ['A'] }],
    ['repOwn', { email: 'rep-a1@example.test', name: 'Rep A1', role: 'rep', teamIds: ['A'], repId: 'R-A1' }],
    ['repOther', { email: 'rep-b1@example.test', name: 'Rep B1', role: 'rep', teamIds: ['B'], repId: 'R-B1' }],
  ];
  for (const [actor, input] of people) {
    const user = await createUser(db, input);
    keys[actor] = (await createApiKey(db, user.id, 'matrix')).key;
  }
  const sampleDir = await makeTempDir('voice-sample');
  await makePitchedSpeechWav(path.join(sampleDir, 'voice.wav'), 'Good morning, this is my voice sample for the call scoring service.', 'en', 50);
  voiceSample = new Uint8Array(await readFile(path.join(sampleDir, 'voice.wav')));
  spareUserId = (await createUser(db, { email: 'spare@example.test', name: 'Spare', role: 'coach', teamIds: ['A'] })).id;

  await seedCall('a1', { callId: 'call-a', dealId: 'D-A', repId: 'R-A1', teamId: 'A' });
  await seedCall('b1', { callId: 'call-b', dealId: 'D-B', repId: 'R-B1', teamId: 'B' });
  await seedCall('del', { callId: 'call-del', dealId: 'D-A', repId: 'R-A1', teamId: 'A' });
  await seedCall('deal-del', { callId: 'call-deal-del', dealId: 'D-DEL', repId: 'R-A1', teamId: 'A' });
  await putDeal('D-A', 'A', 'R-A1');
  await putDeal('D-B', 'B', 'R-B1');

  const rescore = async (teamId: string) => {
    const response = await send('admin', { method: 'POST', url: '/v1/batches/rescore', json: { from: '2026-11-01', to: '2026-11-30', teamId } });
    expect(response.status, response.body).toBe(202);
    return JSON.parse(response.body).id as string;
  };
  batchA = await rescore('A');
  batchB = await rescore('B');

  const callA = JSON.parse((await send('admin', { method: 'GET', url: '/v1/calls/call-a' })).body);
  expect(callA.findings.length).toBeGreaterThan(0);
  findingId = callA.findings[0].id;
  const note = await send('admin', { method: 'POST', url: '/v1/calls/call-a/notes', json: { atMs: 1000, text: 'Avoid absolute promises.' } });
  expect(note.status, note.body).toBe(201);
  noteId = JSON.parse(note.body).id;

  const spareKey = await send('admin', { method: 'POST', url: '/v1/api-keys', json: { name: 'to revoke' } });
  adminSpareKeyId = JSON.parse(spareKey.body).id;
}, 180_000);

afterAll(async () => {
  await service?.close();
});

const report = '/v1/reports?from=2026-11-01&to=2026-11-30&teamId=A';

const MATRIX: MatrixCase[] = [
  // Health, metrics and the OpenAPI document are public.
  { route: 'GET /healthz', request: () => ({ method: 'GET', url: '/healthz' }), expected: 'public' },
  { route: 'GET /readyz', request: () => ({ method: 'GET', url: '/readyz' }), expected: 'public' },
  { route: 'GET /metrics', request: () => ({ method: 'GET', url: '/metrics' }), expected: 'public' },
  { route: 'GET /openapi.json', request: () => ({ method: 'GET', url: '/openapi.json' }), expected: 'public' },
  // The web page and its static files are public; the page signs in through the API.
  { route: 'GET /', request: () => ({ method: 'GET', url: '/' }), expected: 'public' },
  { route: 'GET /*', request: () => ({ method: 'GET', url: '/assets/no-such-file.js' }), expected: 'public' },

  // Accounts.
  {
    route: 'POST /v1/auth/sign-in',
    note: 'wrong password',
    request: () => ({ method: 'POST', url: '/v1/auth/sign-in', json: { email: 'manager-a@example.test', password: 'not the password' } }),
    expected: [401, 401, 401, 401, 401, 401],
  },
  { route: 'POST /v1/auth/sign-out', request: () => ({ method: 'POST', url: '/v1/auth/sign-out' }), expected: [401, 204, 204, 204, 204, 204] },
  { route: 'GET /v1/me', request: () => ({ method: 'GET', url: '/v1/me' }), expected: [401, 200, 200, 200, 200, 200] },
  {
    route: 'POST /v1/users',
    request: (actor) => ({ method: 'POST', url: '/v1/users', json: { email: `new-${actor}@example.test`, name: 'New', role: 'coach', teamIds: ['A'] } }),
    expected: [401, 201, 403, 403, 403, 403],
  },
  { route: 'GET /v1/users', request: () => ({ method: 'GET', url: '/v1/users' }), expected: [401, 200, 403, 403, 403, 403] },
  {
    route: 'PATCH /v1/users/:id',
    request: () => ({ method: 'PATCH', url: `/v1/users/${spareUserId}`, json: { name: 'Spare coach' } }),
    expected: [401, 200, 403, 403, 403, 403],
  },
  {
    route: 'POST /v1/api-keys',
    request: (actor) => ({ method: 'POST', url: '/v1/api-keys', json: { name: `extra ${actor}` } }),
    expected: [401, 201, 201, 201, 201, 201],
  },
  {
    route: 'POST /v1/api-keys',
    note: 'for another user',
    request: () => ({ method: 'POST', url: '/v1/api-keys', json: { name: 'for spare', userId: spareUserId } }),
    expected: [401, 201, 403, 403, 403, 403],
  },
  { route: 'GET /v1/api-keys', request: () => ({ method: 'GET', url: '/v1/api-keys' }), expected: [401, 200, 200, 200, 200, 200] },
  {
    route: 'DELETE /v1/api-keys/:id',
    note: "the admin's key",
    request: () => ({ method: 'DELETE', url: `/v1/api-keys/${adminSpareKeyId}` }),
    expected: [401, 204, 404, 404, 404, 404],
  },

  // Calls of team A (rep R-A1) and team B (rep R-B1).
  {
    route: 'POST /v1/calls',
    note: 'team A, rep R-A1',
    request: (actor) => ({ method: 'POST', url: '/v1/calls', form: uploadForm(`up-${actor}`, { dealId: 'D-A', repId: 'R-A1', teamId: 'A' }) }),
    expected: [401, 202, 202, 403, 202, 403],
  },
  {
    route: 'POST /v1/calls',
    note: 'team B, rep R-B1',
    request: (actor) => ({ method: 'POST', url: '/v1/calls', form: uploadForm(`up-b-${actor}`, { dealId: 'D-B', repId: 'R-B1', teamId: 'B' }) }),
    expected: [401, 202, 403, 403, 403, 202],
  },
  {
    route: 'POST /v1/calls',
    note: 'call id of the team B call',
    request: (actor) => ({ method: 'POST', url: '/v1/calls', form: uploadForm(`reuse-${actor}`, { callId: 'call-b', dealId: 'D-A', repId: 'R-A1', teamId: 'A' }) }),
    expected: [401, 409, 409, 403, 409, 403],
  },
  { route: 'GET /v1/calls/:id', note: 'team A call', request: () => ({ method: 'GET', url: '/v1/calls/call-a' }), expected: [401, 200, 200, 200, 200, 404] },
  { route: 'GET /v1/calls/:id', note: 'team B call', request: () => ({ method: 'GET', url: '/v1/calls/call-b' }), expected: [401, 200, 404, 404, 404, 200] },
  { route: 'GET /v1/calls/:id', note: 'unknown id', request: () => ({ method: 'GET', url: '/v1/calls/no-such-call' }), expected: [401, 404, 404, 404, 404, 404] },
  {
    route: 'POST /v1/calls/:id/retry',
    note: 'a scored call is not retryable (409)',
    request: () => ({ method: 'POST', url: '/v1/calls/call-a/retry' }),
    expected: [401, 409, 409, 403, 409, 404],
  },
  {
    route: 'GET /v1/calls/:id/original-transcript',
    request: () => ({ method: 'GET', url: '/v1/calls/call-a/original-transcript' }),
    expected: [401, 200, 403, 403, 403, 404],
  },

  { route: 'GET /v1/calls', request: () => ({ method: 'GET', url: '/v1/calls' }), expected: [401, 200, 200, 200, 200, 200] },
  {
    route: 'GET /v1/calls/:id/audio',
    note: 'a transcript call has no audio (404 either way)',
    request: () => ({ method: 'GET', url: '/v1/calls/call-a/audio' }),
    expected: [401, 404, 404, 404, 404, 404],
  },

  // Coaching notes on call A, written by coaches, managers and admins, acknowledged by the call's rep.
  {
    route: 'POST /v1/calls/:id/notes',
    request: () => ({ method: 'POST', url: '/v1/calls/call-a/notes', json: { atMs: 2000, text: 'Name the next step.' } }),
    expected: [401, 201, 201, 201, 403, 404],
  },
  { route: 'GET /v1/calls/:id/notes', request: () => ({ method: 'GET', url: '/v1/calls/call-a/notes' }), expected: [401, 200, 200, 200, 200, 404] },
  { route: 'GET /v1/me/notes', request: () => ({ method: 'GET', url: '/v1/me/notes' }), expected: [401, 403, 403, 403, 200, 200] },
  {
    route: 'POST /v1/notes/:id/acknowledge',
    request: () => ({ method: 'POST', url: `/v1/notes/${noteId}/acknowledge` }),
    expected: [401, 403, 403, 403, 200, 404],
  },

  // Finding review on a finding of call A.
  { route: 'GET /v1/review/findings', request: () => ({ method: 'GET', url: '/v1/review/findings' }), expected: [401, 200, 200, 200, 403, 403] },
  {
    route: 'POST /v1/findings/:id/review',
    request: () => ({ method: 'POST', url: `/v1/findings/${findingId}/review`, json: { decision: 'confirm' } }),
    expected: [401, 200, 200, 200, 403, 404],
  },
  { route: 'GET /v1/findings/:id/reviews', request: () => ({ method: 'GET', url: `/v1/findings/${findingId}/reviews` }), expected: [401, 200, 200, 200, 200, 404] },
  { route: 'GET /v1/review/precision', request: () => ({ method: 'GET', url: '/v1/review/precision' }), expected: [401, 200, 200, 200, 200, 200] },
  {
    route: 'GET /v1/review/dismissed/export',
    request: () => ({ method: 'GET', url: '/v1/review/dismissed/export' }),
    expected: [401, 200, 200, 200, 403, 403],
  },

  // Deals: D-A (team A, owner R-A1), D-B (team B, owner R-B1).
  { route: 'GET /v1/deals/:id/score', request: () => ({ method: 'GET', url: '/v1/deals/D-A/score' }), expected: [401, 200, 200, 200, 200, 404] },
  { route: 'GET /v1/deals/:id/score', note: 'team B deal', request: () => ({ method: 'GET', url: '/v1/deals/D-B/score' }), expected: [401, 200, 404, 404, 404, 200] },
  {
    route: 'PUT /v1/deals/:id',
    request: () => ({ method: 'PUT', url: '/v1/deals/D-A', json: { name: 'D-A', ownerRepId: 'R-A1', teamId: 'A', stage: 'proposal', outcome: 'open' } }),
    expected: [401, 200, 200, 403, 403, 404],
  },
  {
    route: 'PUT /v1/deals/:id',
    note: 'new deal of team B',
    request: (actor) => ({ method: 'PUT', url: `/v1/deals/D-NEW-${actor}`, json: { name: 'New', ownerRepId: 'R-B1', teamId: 'B', stage: 'lead', outcome: 'open' } }),
    expected: [401, 200, 403, 403, 403, 403],
  },
  {
    route: 'PUT /v1/deals/:id/intent',
    request: () => ({ method: 'PUT', url: '/v1/deals/D-A/intent', json: { tags: [], chains: [] } }),
    expected: [401, 200, 200, 403, 403, 404],
  },
  {
    route: 'PUT /v1/deals/:id/contract',
    request: () => ({ method: 'PUT', url: '/v1/deals/D-A/contract', json: { clauses: [] } }),
    expected: [401, 200, 200, 403, 403, 404],
  },
  { route: 'GET /v1/deals/:id/fulfillment', request: () => ({ method: 'GET', url: '/v1/deals/D-A/fulfillment' }), expected: [401, 200, 200, 200, 200, 404] },
  { route: 'GET /v1/deals/:id/calibration', request: () => ({ method: 'GET', url: '/v1/deals/D-A/calibration' }), expected: [401, 200, 200, 200, 200, 404] },

  // Team settings, glossary, the new-rep check.
  { route: 'GET /v1/teams/:id/settings', request: () => ({ method: 'GET', url: '/v1/teams/A/settings' }), expected: [401, 200, 200, 200, 403, 403] },
  { route: 'GET /v1/teams/:id/settings', note: 'team B', request: () => ({ method: 'GET', url: '/v1/teams/B/settings' }), expected: [401, 200, 403, 403, 403, 403] },
  { route: 'PUT /v1/teams/:id/settings', request: () => ({ method: 'PUT', url: '/v1/teams/A/settings', json: {} }), expected: [401, 200, 200, 403, 403, 403] },
  { route: 'GET /v1/glossary', request: () => ({ method: 'GET', url: '/v1/glossary' }), expected: [401, 200, 200, 200, 200, 200] },
  { route: 'PUT /v1/glossary', request: () => ({ method: 'PUT', url: '/v1/glossary', json: {} }), expected: [401, 200, 403, 403, 403, 403] },
  { route: 'GET /v1/reps/first-call-check', request: () => ({ method: 'GET', url: '/v1/reps/first-call-check' }), expected: [401, 200, 200, 200, 200, 200] },

  // Voice enrolment of rep R-A1 (team A): admins, managers of team A and the rep themselves change it, coaches read it.
  { route: 'PUT /v1/reps/:repId/voice', request: () => ({ method: 'PUT', url: '/v1/reps/R-A1/voice', form: voiceForm() }), expected: [401, 200, 200, 403, 200, 404] },
  {
    route: 'PUT /v1/reps/:repId/voice',
    note: 'rep id of no user',
    request: () => ({ method: 'PUT', url: '/v1/reps/R-NONE/voice', form: voiceForm() }),
    expected: [401, 404, 404, 404, 404, 404],
  },
  { route: 'GET /v1/reps/:repId/voice', request: () => ({ method: 'GET', url: '/v1/reps/R-A1/voice' }), expected: [401, 200, 200, 200, 200, 404] },
  { route: 'DELETE /v1/reps/:repId/voice', request: () => ({ method: 'DELETE', url: '/v1/reps/R-A1/voice' }), expected: [401, 200, 200, 403, 200, 404] },

  // Batches and reports: batch A is a re-score of team A, batch B of team B.
  {
    route: 'POST /v1/batches',
    note: 'every row invalid (422)',
    request: () => ({ method: 'POST', url: '/v1/batches', json: { teamId: 'A', manifest: 'path,dealId,repId,startedAt\n/nope/missing.wav,D-A,R-A1,2026-11-03T10:00:00+08:00\n' } }),
    expected: [401, 422, 422, 403, 403, 403],
  },
  {
    route: 'POST /v1/batches',
    note: 'team B',
    request: () => ({ method: 'POST', url: '/v1/batches', json: { teamId: 'B', manifest: 'path,dealId,repId,startedAt\n/nope/missing.wav,D-B,R-B1,2026-11-03T10:00:00+08:00\n' } }),
    expected: [401, 422, 403, 403, 403, 403],
  },
  {
    route: 'POST /v1/batches/rescore',
    request: () => ({ method: 'POST', url: '/v1/batches/rescore', json: { from: '2026-11-01', to: '2026-11-30', teamId: 'A' } }),
    before: waitUntilCallsSettle,
    expected: [401, 202, 202, 403, 403, 403],
  },
  {
    route: 'POST /v1/batches/rescore',
    note: 'every team',
    request: () => ({ method: 'POST', url: '/v1/batches/rescore', json: { from: '2026-11-01', to: '2026-11-30' } }),
    before: waitUntilCallsSettle,
    expected: [401, 202, 403, 403, 403, 403],
  },
  { route: 'GET /v1/batches/:id', request: () => ({ method: 'GET', url: `/v1/batches/${batchA}` }), expected: [401, 200, 200, 403, 404, 404] },
  { route: 'GET /v1/batches/:id', note: 'team B batch', request: () => ({ method: 'GET', url: `/v1/batches/${batchB}` }), expected: [401, 200, 404, 404, 404, 404] },
  { route: 'GET /v1/batches/:id/failures', request: () => ({ method: 'GET', url: `/v1/batches/${batchA}/failures` }), expected: [401, 200, 200, 403, 404, 404] },
  { route: 'POST /v1/batches/:id/retry', request: () => ({ method: 'POST', url: `/v1/batches/${batchA}/retry` }), expected: [401, 202, 202, 403, 404, 404] },
  { route: 'GET /v1/reports', request: () => ({ method: 'GET', url: report }), expected: [401, 200, 200, 200, 403, 403] },

  // Deletion last, so the other cases still find their rows.
  { route: 'DELETE /v1/calls/:id', request: () => ({ method: 'DELETE', url: '/v1/calls/call-del' }), expected: [401, 200, 403, 403, 403, 404] },
  { route: 'DELETE /v1/deals/:id', request: () => ({ method: 'DELETE', url: '/v1/deals/D-DEL' }), expected: [401, 200, 403, 403, 403, 404] },
];

/**
 * Parses `printRoutes({ commonPrefix: false })`: each line is a tree branch
 * with a path segment and, for a route, its methods in brackets.
 */
function registeredRoutes(tree: string): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)(?:├── |└── )(\S+)(?: \(([^)]+)\))?/u.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    stack.push(match[2]!);
    if (!match[3]) continue;
    const path = stack.join('');
    for (const method of match[3].split(',').map((name) => name.trim())) {
      // fastify adds HEAD to every GET route; the GET case covers it.
      if (method !== 'HEAD') routes.push(`${method} ${path}`);
    }
  }
  return routes;
}

describe('role-by-endpoint matrix', () => {
  it('covers every registered route', () => {
    const registered = registeredRoutes(service.app!.printRoutes({ commonPrefix: false }));
    expect(registered.length).toBeGreaterThan(30);
    const covered = new Set(MATRIX.map((entry) => entry.route));
    expect(registered.filter((route) => !covered.has(route))).toEqual([]);
    expect([...covered].filter((route) => !registered.includes(route))).toEqual([]);
  });

  it('answers each actor with the expected status', async () => {
    const mismatches: string[] = [];
    for (const entry of MATRIX) {
      // The admin goes last, so a deletion or revocation by the admin does not change what the others see.
      const order: Actor[] = ['anonymous', 'manager', 'coach', 'repOwn', 'repOther', 'admin'];
      const statuses = {} as Record<Actor, number>;
      const bodies = {} as Record<Actor, string>;
      for (const actor of order) {
        await entry.before?.();
        const response = await send(actor, entry.request(actor));
        statuses[actor] = response.status;
        bodies[actor] = response.body.slice(0, 200);
      }
      const label = `${entry.route}${entry.note ? ` (${entry.note})` : ''}`;
      if (entry.expected === 'public') {
        const distinct = new Set(ACTORS.map((actor) => statuses[actor]));
        if (distinct.size !== 1 || statuses.anonymous === 401) mismatches.push(`${label}: ${JSON.stringify(statuses)}`);
        continue;
      }
      ACTORS.forEach((actor, index) => {
        const expected = (entry.expected as Row)[index];
        if (statuses[actor] !== expected) mismatches.push(`${label} as ${actor}: ${statuses[actor]}, expected ${expected}: ${bodies[actor]}`);
      });
    }
    expect(mismatches).toEqual([]);
  }, 240_000);

  it('lists only the calls of the first-call check in scope', async () => {
    const reps = async (actor: Actor) => JSON.parse((await send(actor, { method: 'GET', url: '/v1/reps/first-call-check' })).body).reps.map((rep: any) => rep.repId);
    expect(await reps('admin')).toEqual(expect.arrayContaining(['R-A1', 'R-B1']));
    expect(await reps('manager')).toEqual(['R-A1']);
    expect(await reps('repOther')).toEqual(['R-B1']);
  });

  it('hides the call behind a used call id', async () => {
    const form = uploadForm('reuse-check', { callId: 'call-b', dealId: 'D-A', repId: 'R-A1', teamId: 'A' });
    const response = await send('manager', { method: 'POST', url: '/v1/calls', form });
    const body = JSON.parse(response.body);
    expect(response.status).toBe(409);
    expect(body.error.code).toBe('CS_ERR_CALL_ID_TAKEN');
    expect(body.error.message).not.toContain('sha256');
  });

  it('answers an out-of-scope id like an unknown one', async () => {
    const outOfScope = await send('manager', { method: 'GET', url: '/v1/calls/call-b' });
    const unknown = await send('manager', { method: 'GET', url: '/v1/calls/call-zz' });
    expect(JSON.parse(outOfScope.body).error.code).toBe(JSON.parse(unknown.body).error.code);
    expect(JSON.parse(outOfScope.body).error.message).toBe(JSON.parse(unknown.body).error.message.replace('call-zz', 'call-b'));
  });
});
