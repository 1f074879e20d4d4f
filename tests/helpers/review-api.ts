/**
 * Users of each role and JSON requests for the review route tests, on a
 * service started by the harness.
 */
import { randomUUID } from 'node:crypto';
import { createApiKey, createUser } from '../../src/auth/accounts.js';
import type { Role } from '../../src/auth/principal.js';
import type { Service } from './harness.js';

/** Creates a user with an API key and returns its id and the `authorization` header. */
export async function createCaller(
  service: Service,
  user: { role: Role; teamIds?: string[]; repId?: string; name?: string },
): Promise<{ userId: string; headers: Record<string, string> }> {
  const created = await createUser(service.runtime.db, {
    email: `${user.role}-${randomUUID()}@example.test`,
    name: user.name ?? `Test ${user.role}`,
    role: user.role,
    teamIds: user.teamIds ?? [],
    repId: user.repId ?? null,
  });
  const { key } = await createApiKey(service.runtime.db, created.id, 'review test');
  return { userId: created.id, headers: { authorization: `Bearer ${key}` } };
}

/** Sends a request with an optional JSON body and returns the status, headers and parsed JSON body. */
export async function request(
  service: Service,
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(`${service.baseUrl}${url}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text), headers: response.headers };
}
