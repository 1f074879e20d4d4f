import { describe, expect, it } from 'vitest';

import type { CallAnalysis, Finding, Objection, ObjectionType, PitfallType } from '../src/domain/pitfalls.js';
import type { GoldConversation } from '../src/eval/gold.js';
import { computeMetrics, computeRatios } from '../src/eval/metrics.js';
import type { ScoredConversation } from '../src/eval/metrics.js';

function conversation(id: string, labels: Partial<Pick<GoldConversation, 'pitfalls' | 'objections'>>): GoldConversation {
  return {
    id,
    lang: 'zh',
    callEnded: true,
    turns: [
      { speaker: 'customer', text: '价格太高了。' },
      { speaker: 'rep', text: '我们尽快给您答复。' },
      { speaker: 'customer', text: '现在不是时候。' },
      { speaker: 'rep', text: '保证没问题。' },
    ],
    pitfalls: labels.pitfalls ?? [],
    objections: labels.objections ?? [],
  };
}

function finding(type: PitfallType, turnIndex: number): Finding {
  return { type, severity: 'minor', turnIndex, span: { start: 0, end: 1 }, confidence: 0.9, evidence: [] };
}

function objection(type: ObjectionType, turnIndex: number, handlingDepth: Objection['handlingDepth'], confidence = 0.8): Objection {
  return { type, turnIndex, handlingDepth, confidence, span: { start: 0, end: 1 }, evidence: [] };
}

function analysis(findings: Finding[], objections: Objection[] = []): CallAnalysis {
  return { findings, objections, skippedDetectors: [] };
}

// Two conversations whose expected figures are worked out by hand in the tests below.
const handCase: ScoredConversation[] = [
  {
    gold: conversation('a', {
      pitfalls: [
        { type: 'vague_commitment', turn: 1 },
        { type: 'over_commitment', turn: 3 },
      ],
      objections: [
        { type: 'price', turn: 0, depth: 3 },
        { type: 'timing', turn: 2, depth: 0 },
      ],
    }),
    analysis: analysis(
      [
        finding('vague_commitment', 1),
        finding('vague_commitment', 1),
        finding('over_commitment', 1),
        finding('absolute_claim', 3),
      ],
      [objection('price', 0, 2, 0.9), objection('trust', 0, 3, 0.5)],
    ),
  },
  {
    gold: conversation('b', {
      pitfalls: [{ type: 'vague_commitment', turn: 1 }],
      objections: [{ type: 'need', turn: 0, depth: 4 }],
    }),
    analysis: analysis([], [objection('need', 0, 4), objection('terms', 2, 1)]),
  },
];

describe('computeRatios', () => {
  it('returns null precision without predictions', () => {
    const ratios = computeRatios({ gold: 2, predicted: 0, truePositives: 0, falsePositives: 0, falseNegatives: 2 });
    expect(ratios.precision).toBeNull();
    expect(ratios.recall).toBe(0);
    expect(ratios.f1).toBe(0);
  });

  it('returns null recall without labels', () => {
    const ratios = computeRatios({ gold: 0, predicted: 1, truePositives: 0, falsePositives: 1, falseNegatives: 0 });
    expect(ratios.precision).toBe(0);
    expect(ratios.recall).toBeNull();
    expect(ratios.f1).toBe(0);
  });

  it('returns all null without labels and predictions', () => {
    const ratios = computeRatios({ gold: 0, predicted: 0, truePositives: 0, falsePositives: 0, falseNegatives: 0 });
    expect(ratios).toEqual({ precision: null, recall: null, f1: null });
  });
});

describe('pitfall metrics', () => {
  const { pitfalls, pitfallErrors } = computeMetrics(handCase);
  const scoreOf = (type: PitfallType) => pitfalls.perType.find((score) => score.type === type)!;

  it('counts duplicate findings on one turn once', () => {
    const vague = scoreOf('vague_commitment');
    expect(vague.predicted).toBe(1);
    expect(vague.truePositives).toBe(1);
    expect(vague.falsePositives).toBe(0);
    expect(vague.falseNegatives).toBe(1);
  });

  it('computes per-type precision, recall and F1', () => {
    const vague = scoreOf('vague_commitment');
    expect(vague.precision).toBe(1);
    expect(vague.recall).toBe(0.5);
    expect(vague.f1).toBeCloseTo(2 / 3, 10);
  });

  it('counts the right type on the wrong turn as both errors', () => {
    const over = scoreOf('over_commitment');
    expect(over.falsePositives).toBe(1);
    expect(over.falseNegatives).toBe(1);
    expect(over.f1).toBe(0);
  });

  it('scores a type with predictions only', () => {
    const absolute = scoreOf('absolute_claim');
    expect(absolute.precision).toBe(0);
    expect(absolute.recall).toBeNull();
    expect(absolute.f1).toBe(0);
  });

  it('excludes empty types from the macro mean', () => {
    expect(pitfalls.macroTypes).toEqual(['vague_commitment', 'over_commitment', 'absolute_claim']);
    expect(pitfalls.excludedTypes).toHaveLength(9);
    expect(pitfalls.excludedTypes).toContain('monologue');
    expect(pitfalls.macroF1).toBeCloseTo(2 / 9, 10);
  });

  it('computes micro figures from summed counts', () => {
    expect(pitfalls.micro.truePositives).toBe(1);
    expect(pitfalls.micro.falsePositives).toBe(2);
    expect(pitfalls.micro.falseNegatives).toBe(2);
    expect(pitfalls.micro.precision).toBeCloseTo(1 / 3, 10);
    expect(pitfalls.micro.recall).toBeCloseTo(1 / 3, 10);
    expect(pitfalls.micro.f1).toBeCloseTo(1 / 3, 10);
  });

  it('lists errors with conversation and turn', () => {
    const vague = pitfallErrors.find((errors) => errors.type === 'vague_commitment')!;
    expect(vague.falsePositives).toEqual([]);
    expect(vague.falseNegatives).toEqual([{ conversationId: 'b', turn: 1 }]);
    const over = pitfallErrors.find((errors) => errors.type === 'over_commitment')!;
    expect(over.falsePositives).toEqual([{ conversationId: 'a', turn: 1 }]);
    expect(over.falseNegatives).toEqual([{ conversationId: 'a', turn: 3 }]);
  });

  it('scores a perfect detector as 1', () => {
    const perfect = handCase.map(({ gold }) => ({
      gold,
      analysis: analysis(gold.pitfalls.map((pitfall) => finding(pitfall.type, pitfall.turn))),
    }));
    const scores = computeMetrics(perfect).pitfalls;
    expect(scores.macroF1).toBe(1);
    expect(scores.micro.f1).toBe(1);
  });

  it('returns null macro-F1 without any label or prediction', () => {
    const empty = [{ gold: conversation('c', {}), analysis: analysis([]) }];
    const scores = computeMetrics(empty).pitfalls;
    expect(scores.macroF1).toBeNull();
    expect(scores.excludedTypes).toHaveLength(12);
    expect(scores.micro.f1).toBeNull();
  });
});

describe('objection metrics', () => {
  const { objections, objectionErrors } = computeMetrics(handCase);

  it('matches objections on the customer turn', () => {
    expect(objections.gold).toBe(3);
    expect(objections.predicted).toBe(3);
    expect(objections.truePositives).toBe(2);
    expect(objections.falsePositives).toBe(1);
    expect(objections.falseNegatives).toBe(1);
    expect(objections.f1).toBeCloseTo(2 / 3, 10);
  });

  it('compares the most confident prediction on a turn', () => {
    expect(objections.typeAccuracy).toBe(1);
  });

  it('computes depth accuracy and MAE over matched ones', () => {
    expect(objections.depthAccuracy).toBe(0.5);
    expect(objections.depthMae).toBe(0.5);
    expect(objections.depthConfusion[3]![2]).toBe(1);
    expect(objections.depthConfusion[4]![4]).toBe(1);
    const total = objections.depthConfusion.flat().reduce((sum, count) => sum + count, 0);
    expect(total).toBe(2);
  });

  it('lists misses, false alarms and mismatches', () => {
    expect(objectionErrors.falseNegatives).toEqual([{ conversationId: 'a', turn: 2 }]);
    expect(objectionErrors.falsePositives).toEqual([{ conversationId: 'b', turn: 2 }]);
    expect(objectionErrors.mismatches).toEqual([
      { conversationId: 'a', turn: 0, goldType: 'price', predictedType: 'price', goldDepth: 3, predictedDepth: 2 },
    ]);
  });

  it('returns null accuracies without matches', () => {
    const unmatched = [{ gold: conversation('d', { objections: [{ type: 'price', turn: 0, depth: 1 }] }), analysis: analysis([]) }];
    const scores = computeMetrics(unmatched).objections;
    expect(scores.typeAccuracy).toBeNull();
    expect(scores.depthAccuracy).toBeNull();
    expect(scores.depthMae).toBeNull();
    expect(scores.recall).toBe(0);
  });
});
