import { describe, expect, it } from 'vitest';

import type { Transcript, Turn } from '../src/domain/transcript.js';
import { analyzeTranscript } from '../src/pitfalls/index.js';
import { detectorModel, objectionProbability, parseDetectorModel } from '../src/pitfalls/model/detector-model.js';
import { FEATURE_DIMENSIONS } from '../src/pitfalls/model/features.js';
import { trainDetectorModel } from '../src/pitfalls/model/train.js';
import type { TrainingConversation } from '../src/pitfalls/model/train.js';

function call(texts: string[]): Transcript {
  const turns: Turn[] = texts.map((text, index) => ({ speaker: index % 2 === 0 ? 'customer' : 'rep', text }));
  return { turns, rolesKnown: true, callEnded: false };
}

// Six short calls: each opens with a customer turn that is or is not an objection.
const TINY_SET: TrainingConversation[] = [
  { transcript: call(['价格太高了，预算不够。', '我理解，预算大概多少？', '十万左右。', '可以先上基础版。']), objections: [{ type: 'price', turn: 0, depth: 3 }] },
  { transcript: call(['我们已经在用别家的系统了。', '明白，用下来哪里不满意？', '报表比较慢。', '我们报表是实时的，可以演示。']), objections: [{ type: 'competitor', turn: 0, depth: 3 }] },
  { transcript: call(['这个我做不了主，要老板定。', '好的，那我们看看别的功能。', '嗯。', '这是报表模块。']), objections: [{ type: 'authority', turn: 0, depth: 0 }] },
  { transcript: call(['你好，我们想了解一下报表功能。', '好的，我给您演示一下。', '可以。', '这是首页。']), objections: [] },
  { transcript: call(["It's too expensive for our budget.", 'I hear you. What budget did you plan?', 'About ten thousand.', 'We have a starter plan at nine.']), objections: [{ type: 'price', turn: 0, depth: 3 }] },
  { transcript: call(['Can you show me the dashboard first?', 'Sure, here it is.', 'Nice.', 'And this is the export.']), objections: [] },
];

describe('committed detector model', () => {
  it('loads and validates against its schema', () => {
    const model = detectorModel();
    expect(model.dimensions).toBe(FEATURE_DIMENSIONS);
    expect(model.presence).toHaveLength(FEATURE_DIMENSIONS);
    expect(model.depth.classes).toEqual([0, 1, 2, 3, 4]);
    expect(model.trainedOn.file).toBe(
      'data/train.jsonl, data/train-extra/w1.jsonl, data/train-extra/w2.jsonl, data/train-extra/w3.jsonl, data/train-extra/w4.jsonl',
    );
    expect(model.trainedOn.conversations).toBe(660);
  });

  it('is loaded once and reused', () => {
    expect(detectorModel()).toBe(detectorModel());
  });

  it('rejects a model file of another size', () => {
    const broken = { ...detectorModel(), presence: [0, 1] };
    expect(() => parseDetectorModel(JSON.stringify(broken))).toThrow();
  });
});

describe('training', () => {
  it('is deterministic on a fixed set', () => {
    const first = trainDetectorModel(TINY_SET, { steps: 40, learningRate: 0.05 });
    const second = trainDetectorModel(TINY_SET, { steps: 40, learningRate: 0.05 });
    expect(second).toEqual(first);
  });

  it('rejects conversations without objections', () => {
    const withoutObjections = TINY_SET.filter((conversation) => conversation.objections.length === 0);
    expect(() => trainDetectorModel(withoutObjections, { steps: 5 })).toThrow(/with and without an objection/);
  });

  it('learns to separate objections from other customer turns', () => {
    const model = trainDetectorModel(TINY_SET, { steps: 40, learningRate: 0.05 });
    const score = (texts: string[]): number => {
      const analysis = analyzeTranscript(call(texts), undefined, { model, learnedThresholds: { vetoStrong: 0, vetoWeak: 0, add: 2, depth: 2 } });
      return analysis.objections.length;
    };
    expect(model.trainedOn.objections).toBe(4);
    expect(model.type.classes).toEqual(['authority', 'competitor', 'price']);
    expect(score(['价格太高了，预算不够。', '我理解。'])).toBe(1);
    expect(score(['你好，我们想了解一下报表功能。', '好的。'])).toBe(0);
  });
});

describe('learned layer in analysis', () => {
  it('keeps a resolved price objection', () => {
    const analysis = analyzeTranscript(call(['太贵了，超出我们的预算。', '我理解。我们有分期方案，首年只付百分之四十。', '这样可以，你把方案发我。']));
    expect(analysis.objections.map((objection) => [objection.turnIndex, objection.type])).toEqual([[0, 'price']]);
    expect(analysis.objections[0]?.handlingDepth).toBeGreaterThanOrEqual(3);
  });

  it('finds no objection in a neutral exchange', () => {
    const analysis = analyzeTranscript(call(['您好，我是采购部的，想看一下产品介绍。', '好的，我先给您讲讲整体架构。', '好的，您说。']));
    expect(analysis.objections).toEqual([]);
  });

  it('scores an objection turn above a greeting', () => {
    const model = detectorModel();
    const analysisOf = (texts: string[]) => analyzeTranscript(call(texts), undefined, { model, learnedThresholds: { vetoStrong: 0, vetoWeak: 0, add: 0, depth: 2 } });
    const objection = analysisOf(['This is way over what we budgeted, honestly.', 'What number did you have in mind?']).objections[0];
    const greeting = analysisOf(['Hi, thanks for making time today.', 'Of course, glad to.']).objections[0];
    expect(objection?.confidence).toBeGreaterThan(greeting?.confidence ?? 1);
    expect(objectionProbability(model, [0])).toBeGreaterThan(0);
  });
});
