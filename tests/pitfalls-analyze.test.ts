import { describe, expect, it } from 'vitest';

import { PITFALL_TYPES, ROLE_DEPENDENT_PITFALLS } from '../src/domain/pitfalls.js';
import type { Transcript, Turn } from '../src/domain/transcript.js';
import { CallscoreError } from '../src/errors/registry.js';
import { analyzeTranscript } from '../src/pitfalls/index.js';

const TURNS: Turn[] = [
  { speaker: 'customer', text: '你们这个价格比我们预算高了三成。', startMs: 0, endMs: 3900 },
  { speaker: 'rep', text: '我们是行业第一，全网最低价，保证百分之百没问题。', startMs: 2500, endMs: 9000 },
  { speaker: 'customer', text: '真的吗？', startMs: 9200, endMs: 9800 },
  { speaker: 'rep', text: '今天不签的话明天就涨价了，我私下给您打个八折。', startMs: 10000, endMs: 15500 },
  { speaker: 'customer', text: '我再考虑考虑。', startMs: 15700, endMs: 17900 },
  { speaker: 'rep', text: '好的，那我回头再联系您。', startMs: 18000, endMs: 70000 },
];

const CALL: Transcript = { turns: TURNS, rolesKnown: true, callEnded: true };

describe('analyzeTranscript', () => {
  it('finds pitfalls of several types', () => {
    const types = new Set(analyzeTranscript(CALL).findings.map((finding) => finding.type));
    for (const type of [
      'absolute_claim',
      'over_commitment',
      'pressure_tactic',
      'unauthorized_concession',
      'vague_commitment',
      'no_next_step',
      'interruption',
    ] as const) {
      expect(types.has(type)).toBe(true);
    }
    expect(analyzeTranscript(CALL).skippedDetectors).toEqual([]);
  });

  it('sorts findings by turn', () => {
    const turns = analyzeTranscript(CALL).findings.map((finding) => finding.turnIndex);
    expect(turns).toEqual([...turns].sort((a, b) => a - b));
  });

  it('is deterministic', () => {
    expect(analyzeTranscript(CALL)).toEqual(analyzeTranscript(CALL));
  });

  it('anchors phrase findings on original text', () => {
    for (const finding of analyzeTranscript(CALL).findings) {
      const text = TURNS[finding.turnIndex]?.text ?? '';
      expect(finding.span.start).toBeGreaterThanOrEqual(0);
      expect(finding.span.end).toBeLessThanOrEqual(text.length);
      expect(finding.span.start).toBeLessThan(finding.span.end);
      expect(finding.confidence).toBeGreaterThan(0);
      expect(finding.confidence).toBeLessThanOrEqual(1);
      expect(finding.evidence.length).toBeGreaterThan(0);
    }
  });

  it('keeps rep pitfalls off customer turns', () => {
    for (const finding of analyzeTranscript(CALL).findings) {
      expect(TURNS[finding.turnIndex]?.speaker).toBe('rep');
    }
  });

  it('applies severity overrides', () => {
    const findings = analyzeTranscript(CALL, { severityOverrides: { vague_commitment: 'critical' } }).findings;
    const vague = findings.find((finding) => finding.type === 'vague_commitment');
    const claim = findings.find((finding) => finding.type === 'absolute_claim');
    expect(vague?.severity).toBe('critical');
    expect(claim?.severity).toBe('critical');
    expect(findings.find((finding) => finding.type === 'no_next_step')?.severity).toBe('minor');
  });

  it('rejects invalid settings', () => {
    expect(() => analyzeTranscript(CALL, { monologueMs: -5 })).toThrow(CallscoreError);
  });

  it('analyses an empty transcript', () => {
    const analysis = analyzeTranscript({ turns: [], rolesKnown: true, callEnded: true });
    expect(analysis.findings).toEqual([]);
    expect(analysis.objections).toEqual([]);
    expect(analysis.skippedDetectors).toEqual(['interruption', 'monologue']);
  });
});

describe('analyzeTranscript on mono calls', () => {
  const mono: Transcript = {
    turns: TURNS.map((turn) => ({ ...turn, speaker: 'unknown' as const })),
    rolesKnown: false,
    callEnded: true,
  };

  it('skips role-dependent detectors and objections', () => {
    const analysis = analyzeTranscript(mono);
    expect(analysis.skippedDetectors).toEqual(PITFALL_TYPES.filter((type) => ROLE_DEPENDENT_PITFALLS.includes(type)));
    expect(analysis.objections).toEqual([]);
    for (const finding of analysis.findings) {
      expect(ROLE_DEPENDENT_PITFALLS).not.toContain(finding.type);
    }
  });

  it('runs phrase detectors on every turn', () => {
    const analysis = analyzeTranscript(mono);
    expect(analysis.findings.some((finding) => finding.type === 'absolute_claim' && finding.turnIndex === 1)).toBe(true);
    expect(analysis.findings.some((finding) => finding.type === 'no_next_step' && finding.turnIndex === 5)).toBe(true);
  });
});
