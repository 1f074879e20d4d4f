/**
 * Who is asking: the signed-in person or the API key's owner, with the role
 * and the teams that bound what they may read and write.
 */

/** Roles, from widest to narrowest access. */
export const ROLES = ['admin', 'manager', 'coach', 'rep'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller of one request. */
export interface Principal {
  userId: string;
  role: Role;
  /** Teams a manager or coach works with; a rep's own team. Unused for admin. */
  teamIds: string[];
  /** The rep id (as calls and deals name it) of a user with the rep role; null otherwise. */
  repId: string | null;
  /** Credential type that authenticated the caller. */
  via: 'session' | 'api_key';
}

/** Tells whether the caller may change team settings, users, keys and other organisation-wide state. */
export function isAdmin(principal: Principal): boolean {
  return principal.role === 'admin';
}

/** Tells whether the caller may review findings and write coaching notes. */
export function canReview(principal: Principal): boolean {
  return principal.role !== 'rep';
}
