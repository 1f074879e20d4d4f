import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { PHRASE_PITFALL_TYPES } from '../src/domain/pitfalls.js';
import type { Transcript, Turn } from '../src/domain/transcript.js';
import { DETECTION_RULES_VERSION, analyzeTranscript, detectionVersion } from '../src/pitfalls/index.js';
import {
  DETECTOR_MODEL_URL,
  detectorModel,
  objectionProbability,
  parseDetectorModel,
  pitfallProbabilities,
  pitfallProbability,
  predictDepth,
} from '../src/pitfalls/model/detector-model.js';
import { buildDetectionContext } from '../src/pitfalls/context.js';
import type { TurnView } from '../src/pitfalls/context.js';
import { FEATURE_DIMENSIONS, objectionFeatures } from '../src/pitfalls/model/features.js';
import { parseDetectionSettings } from '../src/pitfalls/settings.js';
import { flagBucket, forEachGram } from '../src/pitfalls/model/hashing.js';
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
    const extra = [1, 2, 3, 4, 8, 9, 10, 11, 12, 13, 14, 15].map((writer) => `data/train-extra/w${writer}.jsonl`);
    expect(model.trainedOn.file).toBe(['data/train.jsonl', ...extra].join(', '));
    expect(model.trainedOn.conversations).toBe(1260);
    expect(model.pitfalls.types).toEqual([...PHRASE_PITFALL_TYPES]);
  });

  it('names its digest in the version', () => {
    const digest = createHash('sha256').update(readFileSync(DETECTOR_MODEL_URL, 'utf8')).digest('hex').slice(0, 8);
    expect(detectionVersion()).toBe(`${DETECTION_RULES_VERSION}+${digest}`);
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
    const first = trainDetectorModel(TINY_SET, { steps: 40, learningRate: 0.6 });
    const second = trainDetectorModel(TINY_SET, { steps: 40, learningRate: 0.6 });
    expect(second).toEqual(first);
  });

  it('rejects conversations without objections', () => {
    const withoutObjections = TINY_SET.filter((conversation) => conversation.objections.length === 0);
    expect(() => trainDetectorModel(withoutObjections, { steps: 5 })).toThrow(/with and without an objection/);
  });

  it('learns to separate objections from other customer turns', () => {
    const model = trainDetectorModel(TINY_SET, { steps: 40, learningRate: 0.6 });
    const score = (texts: string[]): number => {
      const analysis = analyzeTranscript(call(texts), undefined, { model, learnedThresholds: { vetoStrong: 0, vetoWeak: 0, add: 2, depth: 2, pitfall: 2 } });
      return analysis.objections.length;
    };
    expect(model.trainedOn.objections).toBe(4);
    expect(model.type.classes).toEqual(['authority', 'competitor', 'price']);
    expect(score(['价格太高了，预算不够。', '我理解。'])).toBe(1);
    expect(score(['你好，我们想了解一下报表功能。', '好的。'])).toBe(0);
  });
});

// The same calls, where the rep's second turn contains a made-up word the rules do not know in three of them,
// labelled as pressure: only the learned layer can tie the word to the type.
const PRESSURE_WORD_SET: TrainingConversation[] = TINY_SET.map((conversation, index) => {
  const turns = conversation.transcript.turns.map((turn, turnIndex) => (turnIndex === 3 && index < 3 ? { ...turn, text: `${turn.text} Zorblax today.` } : turn));
  return { ...conversation, transcript: { ...conversation.transcript, turns }, pitfalls: index < 3 ? [{ type: 'pressure_tactic', turn: 3 }] : [] };
});

describe('learned pitfall layer', () => {
  const model = trainDetectorModel(PRESSURE_WORD_SET, { steps: 60, learningRate: 0.6 });
  const thresholds = { vetoStrong: 0, vetoWeak: 0, add: 2, depth: 2, pitfall: 0.7 };
  const callWithRepTurn = (text: string): Transcript => call(['你好。', text]);

  it('learns only labelled types', () => {
    expect(model.pitfalls.types).toEqual(['pressure_tactic']);
    expect(model.pitfalls.weights[0]).toHaveLength(FEATURE_DIMENSIONS);
  });

  it('adds a finding with evidence words', () => {
    const transcript = callWithRepTurn('Good morning. Zorblax today.');
    const findings = analyzeTranscript(transcript, undefined, { model, learnedThresholds: thresholds }).findings;
    const learned = findings.filter((finding) => finding.evidence.some((item) => item.rule === 'learned-pitfall'));
    expect(learned.map((finding) => [finding.type, finding.turnIndex])).toEqual([['pressure_tactic', 1]]);
    expect(learned[0]?.evidence[0]?.detail).toMatch(/^p=0\.\d\d; .*Zorblax/);
    const span = learned[0]?.span ?? { start: 0, end: 0 };
    expect(transcript.turns[1]?.text.slice(span.start, span.end)).toMatch(/Zorblax|today/);
  });

  it('skips low, customer and rule-found turns', () => {
    const off = { ...thresholds, pitfall: 2 };
    expect(analyzeTranscript(callWithRepTurn('Zorblax today.'), undefined, { model, learnedThresholds: off }).findings).toEqual([]);
    expect(analyzeTranscript(call(['Zorblax today.', 'Hello.']), undefined, { model, learnedThresholds: thresholds }).findings).toEqual([]);
    const ruled = analyzeTranscript(callWithRepTurn('This price expires at midnight, Zorblax today.'), undefined, { model, learnedThresholds: thresholds });
    const pressure = ruled.findings.filter((finding) => finding.type === 'pressure_tactic');
    expect(pressure).toHaveLength(1);
    expect(pressure[0]?.evidence.some((item) => item.rule === 'learned-pitfall')).toBe(false);
  });

  it('skips types the rules ruled out', () => {
    const transcript = callWithRepTurn('The price goes up in January, the new list is on our website. Zorblax today.');
    const findings = analyzeTranscript(transcript, undefined, { model, learnedThresholds: thresholds }).findings;
    expect(findings.filter((finding) => finding.type === 'pressure_tactic')).toEqual([]);
  });

  it('maps evidence to the original text', () => {
    const transcript = callWithRepTurn('Um, uh, twenty five thousand people said ＺＯＲＢＬＡＸ today.');
    const findings = analyzeTranscript(transcript, undefined, { model, learnedThresholds: thresholds }).findings;
    const learned = findings.find((finding) => finding.evidence.some((item) => item.rule === 'learned-pitfall'));
    const span = learned?.span ?? { start: 0, end: 0 };
    expect(learned?.evidence[0]?.detail).toContain('ＺＯＲＢＬＡＸ');
    expect(transcript.turns[1]?.text.slice(span.start, span.end)).toMatch(/^(?:ＺＯＲＢＬＡＸ|today)$/);
  });

  it('skips calls without speaker roles', () => {
    const transcript = { ...callWithRepTurn('Zorblax today.'), rolesKnown: false };
    const findings = analyzeTranscript(transcript, undefined, { model, learnedThresholds: thresholds }).findings;
    expect(findings.some((finding) => finding.evidence.some((item) => item.rule === 'learned-pitfall'))).toBe(false);
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
    const analysisOf = (texts: string[]) => analyzeTranscript(call(texts), undefined, { model, learnedThresholds: { vetoStrong: 0, vetoWeak: 0, add: 0, depth: 2, pitfall: 2 } });
    const objection = analysisOf(['This is way over what we budgeted, honestly.', 'What number did you have in mind?']).objections[0];
    const greeting = analysisOf(['Hi, thanks for making time today.', 'Of course, glad to.']).objections[0];
    expect(objection?.confidence).toBeGreaterThan(greeting?.confidence ?? 1);
    expect(objectionProbability(model, [0])).toBeGreaterThan(0);
  });
});

describe('objection features', () => {
  // Features of the first customer turn of a call whose turns alternate customer, rep, customer.
  function firstTurnFeatures(texts: string[]): number[] {
    const context = buildDetectionContext(call(texts), parseDetectionSettings({}));
    return objectionFeatures(context, context.turns[0] as TurnView, null, () => []);
  }

  it('marks a customer answer that says the reply missed the point', () => {
    const pressed = firstTurnFeatures(['交期要多久？', '我们的设备是进口的。', '我是问交期要多久。']);
    const satisfied = firstTurnFeatures(['交期要多久？', '一般四周。', '好的，那可以。']);
    expect(pressed).toContain(flagBucket('answer:repeats'));
    expect(satisfied).not.toContain(flagBucket('answer:repeats'));
  });

  it('leaves out the answer when the rep has not replied', () => {
    const features = firstTurnFeatures(['我是问交期要多久。']);
    expect(features).toContain(flagBucket('reply:none'));
    expect(features).not.toContain(flagBucket('answer:repeats'));
  });
});

describe('scoring shortcuts', () => {
  it('pitfallProbabilities equals pitfallProbability per type', () => {
    const model = detectorModel();
    // Buckets spread over the whole range, some repeated across vectors, in no particular order.
    const vectors = [[0], [0, FEATURE_DIMENSIONS - 1, 1, FEATURE_DIMENSIONS / 2], Array.from({ length: 300 }, (_, index) => (index * 2731 + 17) % FEATURE_DIMENSIONS)];
    for (const features of vectors) {
      const together = pitfallProbabilities(model, features);
      expect(together.length).toBe(model.pitfalls.types.length);
      model.pitfalls.types.forEach((type, index) => {
        expect(together[index]).toBe(pitfallProbability(model, type, features));
      });
    }
  });

  it('predictDepth equals per-class sums', () => {
    const model = detectorModel();
    const features = Array.from({ length: 300 }, (_, index) => (index * 4099 + 5) % FEATURE_DIMENSIONS);
    const probabilities = model.depth.weights.map((weights) => {
      let sum = 0;
      for (const feature of features) {
        sum += weights[feature] ?? 0;
      }
      return 1 / (1 + Math.exp(-sum));
    });
    const top = Math.max(...probabilities);
    const total = probabilities.reduce((sum, p) => sum + p, 0);

    const rated = predictDepth(model, features);
    expect(rated.label).toBe(model.depth.classes[probabilities.indexOf(top)]);
    expect(rated.probability).toBe(top / total);
  });

  it('forEachGram visits Chinese runs, then words', () => {
    const text = "定制版的价格 don't 12期,一二三 ok";
    const spans: string[] = [];
    forEachGram('t', text, (_bucket, start, end) => spans.push(text.slice(start, end)));
    const chinese = ['定', '定制', '定制版', '制', '制版', '制版的', '版', '版的', '版的价', '的', '的价', '的价格', '价', '价格', '格', '期'];
    const moreChinese = ['一', '一二', '一二三', '二', '二三', '三'];
    // A word pair spans from the first word to the second, across whatever separates them.
    const words = ["don't", "don't 12", '12', '12期,一二三 ok', 'ok'];
    expect(spans).toEqual([...chinese, ...moreChinese, ...words]);
  });

  it('flagBucket matches the FNV-1a hash remainder', () => {
    const reference = (name: string): number => {
      let hash = 0x811c9dc5;
      for (const unit of `#${name}`) {
        hash = Math.imul(hash ^ unit.charCodeAt(0), 0x01000193);
      }
      return 1 + ((hash >>> 0) % (FEATURE_DIMENSIONS - 1));
    };
    const names = Array.from({ length: 200_000 }, (_, index) => `flag:${index}:${'x'.repeat(index % 7)}`);
    const mismatched = names.filter((name) => flagBucket(name) !== reference(name));
    expect(mismatched).toEqual([]);
    // Hashes that are whole multiples of the bucket count are the edge of the folding; some names must reach it.
    expect(names.some((name) => reference(name) === 1)).toBe(true);
    expect(names.map(flagBucket).every((bucket) => bucket >= 1 && bucket < FEATURE_DIMENSIONS)).toBe(true);
  });
});
