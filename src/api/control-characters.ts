/**
 * Rejects request values that carry a NUL character. PostgreSQL cannot
 * store U+0000 in text, so such a value would otherwise fail deep inside a
 * query with a 500; here it gets a 400 naming the field.
 */
import type { FastifyRequest } from 'fastify';
import { CallscoreError } from '../errors/registry.js';

// Deep enough for every request shape the API takes; deeper values are not walked.
const MAX_DEPTH = 12;

function findNul(value: unknown, path: string, depth: number): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const found = findNul(item, path ? `${path}.${key}` : key, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** Fastify preValidation hook: throws CS_ERR_VALIDATION for the first params, query or body field that contains U+0000. */
export async function rejectNulCharacters(request: FastifyRequest): Promise<void> {
  const field = findNul(request.params, '', 0) ?? findNul(request.query, '', 0) ?? findNul(request.body, '', 0);
  if (field !== null) {
    throw new CallscoreError('CS_ERR_VALIDATION', {
      field: field || 'request',
      reason: 'contains a NUL character (U+0000); remove it',
      reasonZh: '包含 NUL 字符（U+0000）；请删除',
    });
  }
}
