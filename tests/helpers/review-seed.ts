/**
 * Seeds calls with turns and findings straight through the store, for
 * review tests that need many findings without running the pipeline.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../src/store/db.js';
import { insertCall } from '../../src/store/calls.js';
import { replaceTurns } from '../../src/store/turns.js';
import { replaceAnalysis } from '../../src/store/analysis.js';
import type { Finding, Objection, PitfallType, Severity } from '../../src/domain/pitfalls.js';
import type { Turn } from '../../src/domain/transcript.js';
import type { Principal } from '../../src/auth/principal.js';

/** A finding to seed; severity, span and confidence have defaults. */
export interface SeedFinding {
  type: PitfallType;
  turnIndex: number;
  severity?: Severity;
  span?: { start: number; end: number };
}

/** A call to seed. */
export interface SeedCall {
  id: string;
  teamId?: string;
  repId?: string;
  dealId?: string;
  startedAt?: string;
  turns?: Turn[];
  findings?: SeedFinding[];
  objections?: Objection[];
}

export const SEED_TURNS: Turn[] = [
  { speaker: 'customer', text: '你们这个价格比我们预算高了三成。', startMs: 0, endMs: 3900 },
  { speaker: 'rep', text: '我们是全网最低价，保证您满意，今天不签明天就涨价。', startMs: 4100, endMs: 9000 },
  { speaker: 'customer', text: '我再考虑一下。', startMs: 9200, endMs: 10800 },
  { speaker: 'rep', text: '好的，回头再说，尽快给您答复。', startMs: 11000, endMs: 14000 },
];

/** Turns the seed findings into analysis findings. */
export function toFindings(findings: SeedFinding[]): Finding[] {
  return findings.map((finding) => ({
    type: finding.type,
    severity: finding.severity ?? 'major',
    turnIndex: finding.turnIndex,
    span: finding.span ?? { start: 0, end: 4 },
    confidence: 0.9,
    evidence: [{ rule: 'seed' }],
  }));
}

/** Inserts a scored call with its turns and findings. */
export async function seedCall(db: Database, call: SeedCall): Promise<void> {
  const turns = call.turns ?? SEED_TURNS;
  const sha256 = createHash('sha256').update(call.id).digest('hex');
  await db.transaction(async (tx) => {
    await insertCall(
      tx,
      {
        id: call.id,
        dealId: call.dealId ?? 'D-1',
        repId: call.repId ?? 'R-1',
        teamId: call.teamId ?? 'T-1',
        startedAt: call.startedAt ?? '2026-11-03T10:00:00+08:00',
        language: 'zh',
        channelLayout: 'mono',
        source: 'transcript',
        recordingSha256: sha256,
        filename: `${call.id}.json`,
        callEnded: true,
        rolesKnown: true,
        durationMs: 14000,
      },
      { sha256, kind: 'transcript-json', sizeBytes: 10, format: 'transcript-json', channels: null, durationMs: null },
    );
    await replaceTurns(tx, call.id, turns);
    await tx.query("UPDATE calls SET status = 'scored' WHERE id = $1", [call.id]);
    await replaceAnalysis(
      tx,
      call.id,
      { findings: toFindings(call.findings ?? []), objections: call.objections ?? [], skippedDetectors: [] },
      { behaviorScore: 80, behavior: {}, rulesVersion: 'seed' },
    );
  });
}

/** Principals of each role for store-level tests. */
export const PRINCIPALS = {
  admin: { userId: 'u-admin', role: 'admin', teamIds: [], repId: null, via: 'api_key' },
  coach: { userId: 'u-coach', role: 'coach', teamIds: ['T-1'], repId: null, via: 'api_key' },
  otherCoach: { userId: 'u-coach-2', role: 'coach', teamIds: ['T-2'], repId: null, via: 'api_key' },
  rep: { userId: 'u-rep', role: 'rep', teamIds: ['T-1'], repId: 'R-1', via: 'api_key' },
  otherRep: { userId: 'u-rep-2', role: 'rep', teamIds: ['T-1'], repId: 'R-2', via: 'api_key' },
} as const satisfies Record<string, Principal>;
