import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  OBJECTION_TYPES,
  PITFALL_TYPES,
  SEVERITIES,
  type Finding,
  type HandlingDepth,
  type Objection,
  type ObjectionType,
  type PitfallType,
  type Severity,
} from '../src/domain/pitfalls.js';
import { isCallscoreError } from '../src/errors/registry.js';
import { scoreCallBehavior, type CallBehaviorInput } from '../src/scoring/behavior.js';
import { combineLayers, scoreDeal } from '../src/scoring/deal.js';
import { resolveScoringSettings, rulesVersionOf, type ScoringSettings } from '../src/scoring/settings.js';
import type { BehaviorScore, LayerScore } from '../src/scoring/types.js';

function finding(type: PitfallType, severity: Severity, turnIndex: number): Finding {
  return { type, severity, turnIndex, span: { start: 0, end: 2 }, confidence: 0.9, evidence: [{ rule: 'test' }] };
}

function objection(type: ObjectionType, turnIndex: number, handlingDepth: HandlingDepth): Objection {
  return { type, turnIndex, handlingDepth, span: { start: 0, end: 2 }, confidence: 0.9, evidence: [{ rule: 'test' }] };
}

function callInput(
  findings: Finding[],
  objections: Objection[],
  overrides: Partial<Omit<CallBehaviorInput, 'analysis'>> = {},
): CallBehaviorInput {
  return {
    callId: 'call-1',
    durationMs: 300_000,
    repTurnCount: 12,
    rolesKnown: true,
    analysis: { findings, objections, skippedDetectors: [] },
    ...overrides,
  };
}

function contributionSum(score: BehaviorScore): number {
  // Sum in tenths so float noise cannot hide a mismatch of 0.1.
  return score.contributions.reduce((total, item) => total + Math.round(item.points * 10), 0);
}

// A direct restatement of the formula with default points, unrounded, to check the rounding against.
function referenceScore(
  findings: ReadonlyArray<{ type: PitfallType; severity: Severity }>,
  objections: ReadonlyArray<{ handlingDepth: HandlingDepth }>,
  repeatFactor: number,
): number {
  const points: Record<Severity, number> = { minor: 3, major: 8, critical: 20 };
  let deduction = 0;
  for (const type of PITFALL_TYPES) {
    const severities = findings.filter((item) => item.type === type).map((item) => points[item.severity]);
    severities.sort((a, b) => b - a).forEach((value, index) => {
      deduction += value * repeatFactor ** index;
    });
  }
  if (objections.length > 0) {
    const meanDepth = objections.reduce((total, item) => total + item.handlingDepth, 0) / objections.length;
    deduction += (30 * (4 - meanDepth)) / 4;
  }
  return Math.max(0, 100 - deduction);
}

function behaviorFor(callId: string, findings: Finding[], settings?: ScoringSettings): BehaviorScore {
  return scoreCallBehavior(callInput(findings, [], { callId }), settings);
}

function expectError(action: () => unknown, code: Parameters<typeof isCallscoreError>[1]): unknown {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(isCallscoreError(caught, code), `expected ${code}, got ${String(caught)}`).toBe(true);
  return caught;
}

describe('scoreCallBehavior', () => {
  it.each([
    ['no findings, no objections', [], []],
    ['no findings, resolved objections', [], [objection('price', 0, 4), objection('timing', 4, 4)]],
  ])('scores 100 for %s', (_name, findings, objections) => {
    const result = scoreCallBehavior(callInput(findings, objections));

    expect(result.score).toBe(100);
    expect(result.contributions).toEqual([]);
  });

  it('ranks critical over major over minor', () => {
    const scores = SEVERITIES.map((severity) => scoreCallBehavior(callInput([finding('over_commitment', severity, 1)], [])).score);
    const [minor, major, critical] = scores;

    expect(minor).toBe(97);
    expect(major).toBe(92);
    expect(critical).toBe(80);
    expect(critical).toBeLessThan(major ?? 0);
    expect(major).toBeLessThan(minor ?? 0);
  });

  it('halves each repeat of one type by default', () => {
    const findings = [1, 3, 5].map((turn) => finding('vague_commitment', 'minor', turn));
    const result = scoreCallBehavior(callInput(findings, []));

    expect(result.contributions.map((item) => item.points)).toEqual([-3, -1.5, -0.8]);
    expect(result.contributions.map((item) => (item.kind === 'finding' ? item.occurrence : 0))).toEqual([1, 2, 3]);
    expect(result.score).toBe(94.7);
  });

  it('charges repeats less than distinct types', () => {
    const repeated = scoreCallBehavior(callInput([finding('pressure_tactic', 'major', 1), finding('pressure_tactic', 'major', 3)], []));
    const distinct = scoreCallBehavior(
      callInput([finding('pressure_tactic', 'major', 1), finding('competitor_disparagement', 'major', 3)], []),
    );

    expect(repeated.score).toBe(88);
    expect(distinct.score).toBe(84);
  });

  it('charges the most severe repeat fully', () => {
    const result = scoreCallBehavior(
      callInput([finding('over_commitment', 'minor', 1), finding('over_commitment', 'critical', 5)], []),
    );
    const critical = result.contributions.find((item) => item.kind === 'finding' && item.severity === 'critical');

    expect(critical).toMatchObject({ turnIndex: 5, occurrence: 1, points: -20 });
    expect(result.score).toBe(78.5);
  });

  it.each([
    [0, 70],
    [1, 77.5],
    [2, 85],
    [3, 92.5],
    [4, 100],
  ] as const)('scores one objection at depth %i as %d', (depth, expected) => {
    const result = scoreCallBehavior(callInput([], [objection('price', 0, depth)]));

    expect(result.score).toBe(expected);
    expect(result.objectionTreatment).toBe('scored');
  });

  it('splits the objection deduction by each depth', () => {
    const result = scoreCallBehavior(callInput([], [objection('price', 0, 0), objection('trust', 4, 2), objection('need', 8, 4)]));

    expect(result.inputs.meanHandlingDepth).toBe(2);
    expect(result.contributions).toEqual([
      { kind: 'objection', type: 'price', turnIndex: 0, handlingDepth: 0, points: -10 },
      { kind: 'objection', type: 'trust', turnIndex: 4, handlingDepth: 2, points: -5 },
    ]);
    expect(result.score).toBe(85);
  });

  it.each([
    ['one finding', [finding('absolute_claim', 'critical', 2)], []],
    [
      'deductions that need rounding',
      [],
      [3, 3, 3, 1, 2, 4].map((depth, turn) => objection('price', turn * 2, depth as HandlingDepth)),
    ],
    [
      'mixed findings and objections',
      [finding('vague_commitment', 'minor', 1), finding('vague_commitment', 'minor', 7), finding('interruption', 'minor', 3)],
      [objection('price', 2, 1), objection('authority', 6, 3), objection('need', 9, 0)],
    ],
    [
      'deductions beyond 100',
      [
        finding('absolute_claim', 'critical', 1),
        finding('unauthorized_concession', 'critical', 2),
        finding('improper_benefit', 'critical', 3),
        finding('over_commitment', 'major', 4),
        finding('pressure_tactic', 'major', 5),
        finding('competitor_disparagement', 'major', 6),
        finding('responsibility_evasion', 'major', 7),
      ],
      [objection('price', 0, 0)],
    ],
  ])('sums contributions to score - 100: %s', (_name, findings, objections) => {
    const result = scoreCallBehavior(callInput(findings, objections));

    expect(contributionSum(result)).toBe(Math.round((result.score - 100) * 10));
  });

  it('floors the score at 0 with a floor contribution', () => {
    const findings = PITFALL_TYPES.map((type, turn) => finding(type, 'critical', turn));
    const result = scoreCallBehavior(callInput(findings, [objection('price', 20, 0)]));

    expect(result.score).toBe(0);
    expect(result.contributions.at(-1)).toEqual({ kind: 'floor', points: 170 });
    expect(result.notes.map((note) => note.code)).toContain('floored');
    expect(result.formula.en).toContain('= -170, floored at 0');
  });

  it('keeps random scores in range, explained', () => {
    const findingArbitrary = fc.record({
      type: fc.constantFrom(...PITFALL_TYPES),
      severity: fc.constantFrom(...SEVERITIES),
      turnIndex: fc.nat(200),
    });
    const objectionArbitrary = fc.record({
      type: fc.constantFrom(...OBJECTION_TYPES),
      turnIndex: fc.nat(200),
      handlingDepth: fc.constantFrom<HandlingDepth>(0, 1, 2, 3, 4),
    });

    fc.assert(
      fc.property(
        fc.array(findingArbitrary, { maxLength: 15 }),
        fc.array(objectionArbitrary, { maxLength: 8 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (findings, objections, repeatFactor) => {
          const result = scoreCallBehavior(
            callInput(
              findings.map((item) => finding(item.type, item.severity, item.turnIndex)),
              objections.map((item) => objection(item.type, item.turnIndex, item.handlingDepth)),
            ),
            { repeatFactor },
          );

          expect(result.score).toBeGreaterThanOrEqual(0);
          expect(result.score).toBeLessThanOrEqual(100);
          expect(Math.abs(result.score * 10 - Math.round(result.score * 10))).toBeLessThan(1e-9);
          expect(contributionSum(result)).toBe(Math.round((result.score - 100) * 10));
          expect(Math.abs(result.score - referenceScore(findings, objections, repeatFactor))).toBeLessThanOrEqual(0.05 + 1e-9);
          expect(result.contributions.filter((item) => item.kind === 'finding')).toHaveLength(findings.length);
        },
      ),
    );
  });

  it('states the numbers in the formula', () => {
    const result = scoreCallBehavior(
      callInput([finding('absolute_claim', 'critical', 3), finding('over_commitment', 'major', 5)], [objection('price', 1, 2)]),
    );

    expect(result.score).toBe(57);
    expect(result.formula.en).toBe(
      '100 - pitfall deductions (20 + 8 = 28) - objection handling (30 × (4 - mean depth 2) / 4 = 15) = 57',
    );
    expect(result.formula.zh).toBe('100 - 话术陷阱扣分（20 + 8 = 28）- 异议处理扣分（30 × (4 - 平均深度 2) / 4 = 15）= 57');
  });

  it('marks a rounded objection deduction with ≈', () => {
    const depths: HandlingDepth[] = [3, 3, 3, 3, 3, 2];
    const result = scoreCallBehavior(callInput([], depths.map((depth, turn) => objection('price', turn * 2, depth))));

    expect(result.contributions.map((item) => item.points)).toEqual([-1.3, -1.3, -1.3, -1.2, -1.2, -2.5]);
    expect(result.formula.en).toContain('30 × (4 - mean depth 2.83) / 4 ≈ 8.8');
    expect(result.score).toBe(91.2);
  });

  it('reports no objections as 0 deducted', () => {
    const result = scoreCallBehavior(callInput([finding('monologue', 'minor', 2)], []));

    expect(result.objectionTreatment).toBe('no_objections');
    expect(result.inputs.meanHandlingDepth).toBeNull();
    expect(result.notes.map((note) => note.code)).toEqual(['no_objections']);
    expect(result.formula.en).toContain('objection handling (no objections = 0)');
    expect(result.score).toBe(97);
  });

  it('flags unknown roles and skipped detectors', () => {
    const input = callInput([], [], { rolesKnown: false, repTurnCount: 0 });
    input.analysis.skippedDetectors = ['objection_ignored', 'interruption', 'monologue'];
    const result = scoreCallBehavior(input);

    expect(result.objectionTreatment).toBe('roles_unknown');
    expect(result.notes.map((note) => note.code)).toEqual(['roles_unknown', 'detectors_skipped']);
    expect(result.notes[1]?.zh).toContain('回避异议、抢话打断和长时间独白');
    expect(result.inputs.skippedDetectors).toEqual(['objection_ignored', 'interruption', 'monologue']);
  });

  it('notes a call without rep turns', () => {
    const result = scoreCallBehavior(callInput([], [], { repTurnCount: 0 }));

    expect(result.notes.map((note) => note.code)).toContain('no_rep_turns');
  });

  it('counts inputs by severity and type', () => {
    const result = scoreCallBehavior(
      callInput(
        [finding('vague_commitment', 'minor', 1), finding('vague_commitment', 'minor', 4), finding('absolute_claim', 'critical', 2)],
        [objection('price', 0, 3)],
      ),
    );

    expect(result.inputs.findingsBySeverity).toEqual({ minor: 2, major: 0, critical: 1 });
    expect(result.inputs.findingsByType.vague_commitment).toBe(2);
    expect(result.inputs.findingsByType.absolute_claim).toBe(1);
    expect(result.inputs.findingsByType.monologue).toBe(0);
    expect(result.inputs.objections).toEqual([{ type: 'price', turnIndex: 0, handlingDepth: 3 }]);
  });

  it('applies custom severity points', () => {
    const result = scoreCallBehavior(callInput([finding('absolute_claim', 'critical', 1)], []), {
      severityPoints: { critical: 40 },
    });

    expect(result.score).toBe(60);
  });

  it.each([
    ['repeat factor above 1', { repeatFactor: 2 }, 'repeatFactor'],
    ['negative points', { severityPoints: { minor: -1 } }, 'severityPoints.minor'],
    ['unknown key', { bonus: 5 }, 'bonus'],
    ['decreasing severities', { severityPoints: { minor: 10, major: 5 } }, 'severityPoints'],
    ['all layer weights 0', { layerWeights: { intent: 0, behavior: 0, result: 0 } }, 'layerWeights'],
  ])('rejects settings: %s', (_name, settings, named) => {
    const error = expectError(
      () => scoreCallBehavior(callInput([], []), settings as ScoringSettings),
      'CS_ERR_SCORING_SETTINGS_INVALID',
    );

    expect(String((error as Error).message)).toContain(named);
  });

  it('rejects invalid settings with a Chinese message', () => {
    const error = expectError(() => resolveScoringSettings({ repeatFactor: 2 }), 'CS_ERR_SCORING_SETTINGS_INVALID');
    const message = isCallscoreError(error) ? error.messageIn('zh-CN') : '';

    expect(message).toContain('评分设置无效');
    expect(message).toContain('repeatFactor');
  });

  it.each([
    ['negative duration', { durationMs: -1 }, 'durationMs'],
    ['fractional rep turns', { repTurnCount: 1.5 }, 'repTurnCount'],
    ['empty call id', { callId: '' }, 'callId'],
  ])('rejects input: %s', (_name, overrides, named) => {
    const error = expectError(() => scoreCallBehavior(callInput([], [], overrides)), 'CS_ERR_SCORING_INPUT_INVALID');

    expect(String((error as Error).message)).toContain(named);
  });

  it('rejects a handling depth above 4', () => {
    const input = callInput([], [objection('price', 0, 5 as HandlingDepth)]);

    expectError(() => scoreCallBehavior(input), 'CS_ERR_SCORING_INPUT_INVALID');
  });
});

describe('rulesVersionOf', () => {
  const defaultVersion = rulesVersionOf(resolveScoringSettings());

  it.each([
    ['no settings', undefined],
    ['empty settings', {}],
    ['explicit defaults', { severityPoints: { minor: 3, major: 8, critical: 20 }, repeatFactor: 0.5, objectionPoints: 30 }],
    ['defaults in another key order', { objectionPoints: 30, layerWeights: { result: 1, intent: 1, behavior: 1 } }],
  ])('keeps the version for %s', (_name, settings) => {
    expect(rulesVersionOf(resolveScoringSettings(settings))).toBe(defaultVersion);
  });

  it.each([
    ['minor points', { severityPoints: { minor: 4 } }],
    ['major points', { severityPoints: { major: 9 } }],
    ['critical points', { severityPoints: { critical: 25 } }],
    ['repeat factor', { repeatFactor: 0.6 }],
    ['objection points', { objectionPoints: 40 }],
    ['intent weight', { layerWeights: { intent: 2 } }],
    ['behavior weight', { layerWeights: { behavior: 2 } }],
    ['result weight', { layerWeights: { result: 2 } }],
  ])('changes the version for %s', (_name, settings) => {
    expect(rulesVersionOf(resolveScoringSettings(settings))).not.toBe(defaultVersion);
  });

  it('prefixes the formula version', () => {
    expect(defaultVersion).toMatch(/^1\+[0-9a-f]{8}$/);
  });
});

describe('scoreDeal', () => {
  const clean = behaviorFor('call-a', []);
  const flawed = behaviorFor('call-b', [finding('absolute_claim', 'critical', 4), finding('over_commitment', 'major', 9)]);

  it('weights call scores by duration', () => {
    const deal = scoreDeal([
      { callId: 'call-a', behavior: clean, durationMs: 600_000 },
      { callId: 'call-b', behavior: flawed, durationMs: 300_000 },
    ]);

    expect(flawed.score).toBe(72);
    expect(deal.behavior.score).toBe(90.7);
    expect(deal.behavior.sources).toEqual([
      { callId: 'call-a', score: 100, durationMs: 600_000, weight: 0.6667, turnIndexes: [] },
      { callId: 'call-b', score: 72, durationMs: 300_000, weight: 0.3333, turnIndexes: [4, 9] },
    ]);
    expect(deal.behavior.formula?.en).toBe(
      'duration-weighted mean of 2 call score(s): (100 × 600 s + 72 × 300 s) / 900 s = 90.7',
    );
    expect(deal.behavior.notes).toEqual([]);
  });

  it('imputes unknown durations as the mean', () => {
    const deal = scoreDeal([
      { callId: 'call-a', behavior: clean, durationMs: 600_000 },
      { callId: 'call-b', behavior: flawed, durationMs: null },
    ]);

    expect(deal.behavior.score).toBe(86);
    expect(deal.behavior.notes.map((note) => note.code)).toEqual(['duration_imputed']);
  });

  it('weights equally without known durations', () => {
    const deal = scoreDeal([
      { callId: 'call-a', behavior: clean, durationMs: null },
      { callId: 'call-b', behavior: flawed, durationMs: 0 },
    ]);

    expect(deal.behavior.score).toBe(86);
    expect(deal.behavior.notes.map((note) => note.code)).toEqual(['equal_weights']);
    expect(deal.behavior.formula?.en).toBe('mean of 2 call score(s): (100 + 72) / 2 = 86');
  });

  it('leaves intent and result null with reasons', () => {
    const deal = scoreDeal([{ callId: 'call-a', behavior: clean, durationMs: 60_000 }]);

    for (const layer of [deal.intent, deal.result]) {
      expect(layer.score).toBeNull();
      expect(layer.reason?.code).toBe('not_computed');
      expect(layer.reason?.en).toMatch(/^Not computed: the deal has no/);
      expect(layer.reason?.zh).toMatch(/^暂未计算：该商机还没有/);
    }
  });

  it('leaves overall null while a layer is null', () => {
    const deal = scoreDeal([{ callId: 'call-a', behavior: clean, durationMs: 60_000 }]);

    expect(deal.overall.score).toBeNull();
    expect(deal.overall.reason?.code).toBe('layers_missing');
    expect(deal.overall.reason?.zh).toContain('意图层和结果层');
  });

  it('scores behavior null for a deal without calls', () => {
    const deal = scoreDeal([]);

    expect(deal.behavior.score).toBeNull();
    expect(deal.behavior.reason?.code).toBe('no_scored_calls');
    expect(deal.overall.reason?.en).toContain('Intent layer, Behavior layer, and Result layer');
  });

  it('records the rules version of its settings', () => {
    const settings = { objectionPoints: 40 };
    const behavior = scoreCallBehavior(callInput([], [], { callId: 'call-a' }), settings);
    const deal = scoreDeal([{ callId: 'call-a', behavior, durationMs: 1000 }], settings);

    expect(deal.rulesVersion).toBe(behavior.rulesVersion);
    expect(deal.rulesVersion).not.toBe(clean.rulesVersion);
  });

  it('rejects a call scored under other rules', () => {
    expectError(
      () => scoreDeal([{ callId: 'call-a', behavior: clean, durationMs: 1000 }], { repeatFactor: 0.9 }),
      'CS_ERR_SCORING_RULES_MISMATCH',
    );
  });

  it('rejects a call listed twice', () => {
    const call = { callId: 'call-a', behavior: clean, durationMs: 1000 };

    expectError(() => scoreDeal([call, call]), 'CS_ERR_SCORING_DUPLICATE_CALL');
  });

  it('rejects a behavior score of another call', () => {
    expectError(() => scoreDeal([{ callId: 'call-b', behavior: clean, durationMs: 1000 }]), 'CS_ERR_SCORING_INPUT_INVALID');
  });

  it('rejects a negative duration', () => {
    expectError(() => scoreDeal([{ callId: 'call-a', behavior: clean, durationMs: -5 }]), 'CS_ERR_SCORING_INPUT_INVALID');
  });
});

describe('combineLayers', () => {
  function layer(name: LayerScore['layer'], score: number): LayerScore {
    return { layer: name, score, reason: null, formula: null, sources: [], notes: [] };
  }

  it('takes the weighted mean of three scored layers', () => {
    const overall = combineLayers(
      { intent: layer('intent', 60), behavior: layer('behavior', 90), result: layer('result', 80) },
      { intent: 1, behavior: 2, result: 1 },
    );

    expect(overall.score).toBe(80);
    expect(overall.reason).toBeNull();
    expect(overall.formula?.en).toBe(
      'weighted mean of the layers: (Intent layer 60 × 1 + Behavior layer 90 × 2 + Result layer 80 × 1) / 4 = 80',
    );
  });

  it('ignores a layer of weight 0 in the mean', () => {
    const overall = combineLayers(
      { intent: layer('intent', 0), behavior: layer('behavior', 90), result: layer('result', 70) },
      { intent: 0, behavior: 1, result: 1 },
    );

    expect(overall.score).toBe(80);
  });
});
