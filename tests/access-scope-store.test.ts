/**
 * Scope queries and account stores on PostgreSQL and PGlite: the same rows
 * are visible to each role on both, and key and session checks honour
 * revocation, expiry and disabled users.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../src/auth/principal.js';
import { createApiKey, createUser } from '../src/auth/accounts.js';
import { hashToken } from '../src/auth/tokens.js';
import { revokeApiKey, useApiKey } from '../src/store/api-keys.js';
import { getBatchInScope, insertBatch } from '../src/store/batches.js';
import { getCallInScope, insertCall } from '../src/store/calls.js';
import { openDatabase, type Database } from '../src/store/db.js';
import { getDealVisibility, upsertDeal } from '../src/store/deals.js';
import { listFirstCallPains } from '../src/store/extraction.js';
import { migrate } from '../src/store/migrate.js';
import { insertSession, useSession } from '../src/store/sessions.js';
import { updateUser } from '../src/store/users.js';
import { makeTempDir } from './helpers/harness.js';
import { createTestDatabase } from './helpers/services.js';

const principals: Record<string, Principal> = {
  admin: { userId: 'u-admin', role: 'admin', teamIds: [], repId: null, via: 'api_key' },
  managerA: { userId: 'u-manager', role: 'manager', teamIds: ['A'], repId: null, via: 'api_key' },
  coachA: { userId: 'u-coach', role: 'coach', teamIds: ['A'], repId: null, via: 'api_key' },
  repA1: { userId: 'u-rep-a1', role: 'rep', teamIds: ['A'], repId: 'R-A1', via: 'api_key' },
  repB1: { userId: 'u-rep-b1', role: 'rep', teamIds: ['B'], repId: 'R-B1', via: 'api_key' },
};

async function seed(db: Database): Promise<void> {
  await migrate(db);
  const recording = { sha256: 'a'.repeat(64), kind: 'transcript', sizeBytes: 10, format: null, channels: null, durationMs: null };
  const call = (id: string, dealId: string, repId: string, teamId: string) => ({
    id,
    dealId,
    repId,
    teamId,
    startedAt: '2026-11-03T02:00:00Z',
    language: 'en' as const,
    channelLayout: 'mono' as const,
    source: 'transcript' as const,
    recordingSha256: recording.sha256,
    filename: `${id}.json`,
    callEnded: true,
    rolesKnown: true,
    durationMs: 1000,
  });
  await db.transaction(async (tx) => {
    await insertCall(tx, call('call-a', 'D-A', 'R-A1', 'A'), recording);
    await insertCall(tx, call('call-b', 'D-B', 'R-B1', 'B'), recording);
    // A deal of team B that contains a call of rep R-A1 (team A).
    await insertCall(tx, call('call-mixed', 'D-MIXED', 'R-A1', 'A'), recording);
    const deal = { stage: 'proposal', amount: null, currency: 'CNY', expectedCloseDate: null, closedOn: null, outcome: 'open' as const };
    await upsertDeal(tx, { id: 'D-MIXED', name: 'Mixed', ownerRepId: 'R-B1', teamId: 'B', ...deal });
    await upsertDeal(tx, { id: 'D-EMPTY-B', name: 'Empty', ownerRepId: 'R-B1', teamId: 'B', ...deal });
    await insertBatch(tx, { id: 'batch-a', kind: 'rescore', teamId: 'A', manifestSha256: null, rangeFrom: null, rangeTo: null });
    await insertBatch(tx, { id: 'batch-all', kind: 'rescore', teamId: null, manifestSha256: null, rangeFrom: null, rangeTo: null });
  });
}

function scopeSuite(kind: 'pglite' | 'postgres') {
  describe(`scope queries on ${kind}`, () => {
    let db: Database;
    let drop: (() => Promise<void>) | null = null;

    beforeAll(async () => {
      if (kind === 'postgres') {
        const database = await createTestDatabase();
        drop = database.drop;
        db = await openDatabase({ databaseUrl: database.url, dataDir: await makeTempDir('scope') });
      } else {
        db = await openDatabase({ dataDir: await makeTempDir('scope') });
      }
      await seed(db);
    });

    afterAll(async () => {
      await db?.close();
      await drop?.();
    });

    it('shows each call to its scope only', async () => {
      const visible = async (principal: Principal) => {
        const ids: string[] = [];
        for (const id of ['call-a', 'call-b', 'call-mixed', 'call-none']) if (await getCallInScope(db, id, principal)) ids.push(id);
        return ids;
      };
      expect(await visible(principals.admin!)).toEqual(['call-a', 'call-b', 'call-mixed']);
      expect(await visible(principals.managerA!)).toEqual(['call-a', 'call-mixed']);
      expect(await visible(principals.coachA!)).toEqual(['call-a', 'call-mixed']);
      expect(await visible(principals.repA1!)).toEqual(['call-a', 'call-mixed']);
      expect(await visible(principals.repB1!)).toEqual(['call-b']);
    });

    it('shows a deal to its owner and its teams', async () => {
      // Rep A1 has a call in D-MIXED, but only its owner, rep B1, sees the deal.
      expect(await getDealVisibility(db, 'D-MIXED', principals.repA1!)).toEqual({ exists: true, inScope: false });
      expect(await getDealVisibility(db, 'D-MIXED', principals.repB1!)).toEqual({ exists: true, inScope: true });
      expect(await getDealVisibility(db, 'D-MIXED', principals.managerA!)).toEqual({ exists: true, inScope: true });
      // A deal without a row belongs to the rep of its earliest call.
      expect(await getDealVisibility(db, 'D-A', principals.repA1!)).toEqual({ exists: true, inScope: true });
      expect(await getDealVisibility(db, 'D-A', principals.repB1!)).toEqual({ exists: true, inScope: false });
      expect(await getDealVisibility(db, 'D-EMPTY-B', principals.managerA!)).toEqual({ exists: true, inScope: false });
      expect(await getDealVisibility(db, 'D-EMPTY-B', principals.repB1!)).toEqual({ exists: true, inScope: true });
      expect(await getDealVisibility(db, 'D-B', principals.coachA!)).toEqual({ exists: true, inScope: false });
      expect(await getDealVisibility(db, 'D-NONE', principals.admin!)).toEqual({ exists: false, inScope: false });
    });

    it('shows batches to their team and admins only', async () => {
      expect(await getBatchInScope(db, 'batch-a', principals.managerA!)).not.toBeNull();
      expect(await getBatchInScope(db, 'batch-a', principals.repA1!)).toBeNull();
      expect(await getBatchInScope(db, 'batch-all', principals.managerA!)).toBeNull();
      expect(await getBatchInScope(db, 'batch-all', principals.admin!)).not.toBeNull();
    });

    it('scopes the first-call check', async () => {
      const reps = async (principal: Principal) => (await listFirstCallPains(db, principal)).map((row) => row.repId);
      expect(await reps(principals.admin!)).toEqual(['R-A1', 'R-B1']);
      expect(await reps(principals.managerA!)).toEqual(['R-A1']);
      expect(await reps(principals.repB1!)).toEqual(['R-B1']);
    });

    it('stops keys on revocation and when the user is disabled', async () => {
      const user = await createUser(db, { email: `keys-${kind}@example.test`, name: 'Keys', role: 'coach', teamIds: ['A'] });
      const first = await createApiKey(db, user.id, 'first');
      const second = await createApiKey(db, user.id, 'second');
      expect(await useApiKey(db, hashToken(first.key))).toBe(user.id);

      await db.transaction((tx) => revokeApiKey(tx, first.record.id));
      expect(await useApiKey(db, hashToken(first.key))).toBeNull();
      expect(await useApiKey(db, hashToken(second.key))).toBe(user.id);

      await db.transaction((tx) => updateUser(tx, user.id, { disabled: true }));
      expect(await useApiKey(db, hashToken(second.key))).toBeNull();
    });

    it('ignores an expired session', async () => {
      const user = await createUser(db, { email: `session-${kind}@example.test`, name: 'Session', role: 'coach', teamIds: ['A'] });
      await db.transaction((tx) => insertSession(tx, 'live-hash', user.id, 3600));
      await db.transaction((tx) => insertSession(tx, 'expired-hash', user.id, -1));
      expect(await useSession(db, 'live-hash', 3600)).toBe(user.id);
      expect(await useSession(db, 'expired-hash', 3600)).toBeNull();
    });
  });
}

scopeSuite('pglite');
scopeSuite('postgres');
