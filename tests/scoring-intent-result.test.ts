/** Intent and result layer scoring, fulfillment judgements, calibration status and the audit sample. */
import { describe, expect, it } from 'vitest';
import type { CallExtraction, ContractClause, ExtractedTerm } from '../src/domain/deal.js';
import { sampleDeals, validateAuditOptions } from '../src/scoring/audit-sample.js';
import { calibrate } from '../src/scoring/calibration.js';
import { assessFulfillment, mergeTerms } from '../src/scoring/fulfillment.js';
import { scoreIntentLayer, supports } from '../src/scoring/intent.js';
import { scoreResultLayer } from '../src/scoring/result.js';
import type { DealScore, LayerScore } from '../src/scoring/types.js';

function term(partial: Partial<ExtractedTerm>): ExtractedTerm {
  return {
    metric: 'response_time',
    comparator: 'lte',
    value: 15,
    unit: 'minute',
    turnIndex: 0,
    span: { start: 0, end: 4 },
    text: 'text',
    strength: 1,
    ...partial,
  };
}

function extraction(partial: Partial<CallExtraction>): CallExtraction {
  return { requirements: [], commitments: [], pains: [], ...partial };
}

function clause(partial: Partial<ContractClause>): ContractClause {
  return { kind: 'sla', metric: 'response_time', comparator: 'lte', value: 15, unit: 'minute', text: 'clause', ...partial };
}

describe('fulfillment judgement', () => {
  it.each([
    { asked: term({ comparator: 'lte', value: 15 }), given: clause({ comparator: 'lte', value: 10 }), status: 'fulfilled' },
    { asked: term({ comparator: 'lte', value: 15 }), given: clause({ comparator: 'lte', value: 120 }), status: 'weaker' },
    { asked: term({ comparator: 'lte', value: 15 }), given: clause({ comparator: 'gte', value: 5 }), status: 'weaker' },
    { asked: term({ comparator: 'lte', value: 15 }), given: clause({ metric: 'onsite_time' }), status: 'missing' },
    { asked: term({ metric: 'uptime', comparator: 'gte', value: 99.9, unit: 'percent' }), given: clause({ metric: 'uptime', comparator: 'gte', value: 99.5, unit: 'percent' }), status: 'weaker' },
    { asked: term({ metric: 'uptime', comparator: 'gte', value: 99.9, unit: 'percent' }), given: clause({ metric: 'uptime', comparator: 'gte', value: 99.95, unit: 'percent' }), status: 'fulfilled' },
    { asked: term({ metric: 'payment_term', comparator: 'eq', value: 60, unit: 'day' }), given: clause({ metric: 'payment_term', comparator: 'lte', value: 60, unit: 'day' }), status: 'fulfilled' },
    { asked: term({ metric: 'payment_term', comparator: 'eq', value: 60, unit: 'day' }), given: clause({ metric: 'payment_term', comparator: 'eq', value: 30, unit: 'day' }), status: 'weaker' },
  ])('judges $asked.comparator $asked.value against $given.comparator $given.value as $status', ({ asked, given, status }) => {
    const assessment = assessFulfillment([{ callId: 'c1', extraction: extraction({ requirements: [asked] }) }], [given], 'open');
    expect(assessment.items[0]!.status).toBe(status);
  });

  it('takes the best of several clauses of a metric', () => {
    const clauses = [clause({ value: 120 }), clause({ value: 10, text: 'better' })];
    const assessment = assessFulfillment([{ callId: 'c1', extraction: extraction({ requirements: [term({})] }) }], clauses, 'open');
    expect(assessment.items[0]!.clauseIndex).toBe(1);
    expect(assessment.items[0]!.status).toBe('fulfilled');
  });

  it('merges repeated asks and marks them key', () => {
    const calls = [
      { callId: 'c1', extraction: extraction({ requirements: [term({ turnIndex: 2 })] }) },
      { callId: 'c2', extraction: extraction({ requirements: [term({ turnIndex: 5 })] }) },
    ];
    const [merged] = mergeTerms(calls, 'requirement');
    expect(merged!.mentions.map((mention) => mention.callId)).toEqual(['c1', 'c2']);
    expect(merged!.weight).toBe(2);
    expect(merged!.key).toBe(true);
  });

  it('flags low intent fulfillment only on won deals with a key shortfall', () => {
    const calls = [{ callId: 'c1', extraction: extraction({ requirements: [term({ strength: 2 })] }) }];
    expect(assessFulfillment(calls, [clause({ value: 120 })], 'won').lowIntentFulfillment).toBe(true);
    expect(assessFulfillment(calls, [clause({ value: 120 })], 'open').lowIntentFulfillment).toBe(false);
    expect(assessFulfillment(calls, [clause({ value: 15 })], 'won').lowIntentFulfillment).toBe(false);
    const plain = [{ callId: 'c1', extraction: extraction({ requirements: [term({ strength: 1 })] }) }];
    expect(assessFulfillment(plain, [clause({ value: 120 })], 'won').lowIntentFulfillment).toBe(false);
  });
});

describe('result layer', () => {
  it('weights credit by strength and mentions', () => {
    const calls = [
      {
        callId: 'c1',
        extraction: extraction({
          requirements: [term({ strength: 2 }), term({ metric: 'uptime', comparator: 'gte', value: 99.9, unit: 'percent' })],
        }),
      },
    ];
    const layer = scoreResultLayer({ outcome: 'won', clauses: [clause({ value: 120 })], calls });
    // weaker (0.5) × weight 2 + missing (0) × weight 1, over total weight 3.
    expect(layer.score).toBe(33.3);
    expect(layer.formula!.en).toContain('100 × 1 / 3');
    expect(layer.evidence!.clauseIndexes).toEqual([0]);
  });

  it.each([
    { clauses: [], calls: [{ callId: 'c1', extraction: extraction({ requirements: [term({})] }) }], code: 'no_contract' },
    { clauses: [clause({})], calls: [{ callId: 'c1', extraction: extraction({}) }], code: 'no_requirements' },
  ])('is null with reason $code', ({ clauses, calls, code }) => {
    const layer = scoreResultLayer({ outcome: 'won', clauses, calls });
    expect(layer.score).toBeNull();
    expect(layer.reason!.code).toBe(code);
  });
});

describe('intent layer', () => {
  const pains = [
    { callId: 'c1', level: 'industry' as const, turnIndex: 1, span: { start: 0, end: 8 }, text: '我们整个行业设备联网率都很低' },
    { callId: 'c1', level: 'role' as const, turnIndex: 1, span: { start: 0, end: 8 }, text: '我们部门运维成本太高了' },
    { callId: 'c1', level: 'scenario' as const, turnIndex: 2, span: { start: 0, end: 8 }, text: '夜班经常缺人' },
  ];

  it('shows precision, recall and level coverage', () => {
    const layer = scoreIntentLayer({
      tags: [
        { id: 'a', level: 'industry', text: '设备联网率低', selfAssessment: 4 },
        { id: 'b', level: 'role', text: '运维成本高', selfAssessment: 4 },
        { id: 'c', level: 'role', text: '预算审批慢', selfAssessment: 2 },
      ],
      pains,
      synonyms: [],
    });
    expect(layer.inputs!.precision).toBe(0.8);
    expect(layer.inputs!.recall).toBe(0.667);
    expect(layer.inputs!.levelCoverage).toBe(0.667);
    expect(layer.score).toBe(72.0);
  });

  it('is null without tags', () => {
    const layer = scoreIntentLayer({ tags: [], pains, synonyms: [] });
    expect(layer.reason!.code).toBe('no_intent_tags');
  });

  it('reweights without voiced pains', () => {
    const layer = scoreIntentLayer({ tags: [{ id: 'a', level: 'industry', text: '设备联网率低', selfAssessment: null }], pains: [], synonyms: [] });
    expect(layer.inputs!.recall).toBeNull();
    expect(layer.notes[0]!.code).toBe('no_customer_pains');
  });

  it('matches a tag worded with a glossary synonym', () => {
    expect(supports('远程诊断太慢', '远程技术支持太慢了', [])).toBe(false);
    expect(supports('远程诊断太慢', '远程技术支持太慢了', [['远程诊断', '远程技术支持']])).toBe(true);
    expect(supports('manual reporting', 'My team spends days on manual reporting', [])).toBe(true);
  });
});

describe('calibration', () => {
  function layer(name: 'intent' | 'behavior' | 'result', score: number | null): LayerScore {
    return { layer: name, score, reason: null, formula: null, sources: [], notes: [] };
  }

  function dealScore(intent: number | null, behavior: number | null, result: number | null): DealScore {
    return {
      intent: layer('intent', intent),
      behavior: layer('behavior', behavior),
      result: layer('result', result),
      overall: { score: null, reason: null, formula: null, weights: { intent: 1, behavior: 1, result: 1 } },
      rulesVersion: '1+abc',
    };
  }

  it('names strong behavior with a weak result', () => {
    const calibration = calibrate(dealScore(70, 92, 40));
    expect(calibration.status).toBe('imbalanced');
    expect(calibration.strong).toBe('behavior');
    expect(calibration.weak).toBe('result');
    expect(calibration.statusText.zh).toContain('行为层强');
  });

  it('is balanced within the gap', () => {
    expect(calibrate(dealScore(70, 80, 75)).status).toBe('balanced');
  });

  it('is incomplete while a layer is null', () => {
    const calibration = calibrate(dealScore(null, 80, 75));
    expect(calibration.status).toBe('incomplete');
    expect(calibration.statusText.en).toContain('Intent layer');
  });
});

describe('audit sample', () => {
  const deals = Array.from({ length: 40 }, (_, index) => `D-${index}`);

  it('picks the same deals for the same seed', () => {
    expect(sampleDeals(deals, 0.05, 'S')).toEqual(sampleDeals([...deals].reverse(), 0.05, 'S'));
    expect(sampleDeals(deals, 0.05, 'S')).toHaveLength(2);
  });

  it('picks other deals for another seed', () => {
    const picks = new Set(['A', 'B', 'C', 'D', 'E'].map((seed) => sampleDeals(deals, 0.05, seed).join()));
    expect(picks.size).toBeGreaterThan(1);
  });

  it('picks at least one deal', () => {
    expect(sampleDeals(['D-1', 'D-2'], 0.05, 'S')).toHaveLength(1);
    expect(sampleDeals([], 0.05, 'S')).toEqual([]);
  });

  it.each([
    ['2026-13', 0.05],
    ['2026-11', 0],
    ['2026-11', 1.5],
    ['11-2026', 0.05],
  ])('rejects month %s with rate %s', (month, rate) => {
    expect(() => validateAuditOptions(month, rate)).toThrow(expect.objectContaining({ code: 'CS_ERR_AUDIT_ARGUMENT_INVALID' }));
  });

  it('shows the rate as typed', () => {
    expect(() => validateAuditOptions('2026-11', Number('abc'), 'abc')).toThrow(expect.objectContaining({ params: expect.objectContaining({ option: '--rate', value: 'abc' }) }));
  });
});
