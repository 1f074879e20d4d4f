import { describe, expect, it } from 'vitest';

import type { CallAnalysis, HandlingDepth, ObjectionType } from '../src/domain/pitfalls.js';
import type { Transcript, Turn } from '../src/domain/transcript.js';
import { analyzeTranscript } from '../src/pitfalls/index.js';
import { findObjectionCue } from '../src/pitfalls/objections.js';
import { normaliseText } from '../src/nlu/normalise.js';

function cueType(text: string): ObjectionType | null {
  return findObjectionCue(normaliseText(text).text)?.type ?? null;
}

// The depth and exchange tables pin the rule layer; tests/pitfalls-learned.test.ts covers the learned layer on top.
function analyzeRules(transcript: Transcript): CallAnalysis {
  return analyzeTranscript(transcript, undefined, { model: null });
}

function dialogue(texts: string[]): Turn[] {
  return texts.map((text, index) => ({ speaker: index % 2 === 0 ? 'customer' : 'rep', text }));
}

describe('objection types', () => {
  const cases: Array<[ObjectionType, string]> = [
    ['price', '太贵了，超出我们的预算。'],
    ['price', '你们这个价格比我们预算高了三成。'],
    ['price', 'Forty stores at that per-terminal price is too steep for us.'],
    ['price', 'Is there any flexibility on price for a hundred handheld scanners?'],
    ['price', '你们的 price 有点高，比 budget 超了 twenty percent。'],
    ['timing', '我们现在不急，明年再说吧。'],
    ['timing', 'We like the demo, but we still need to compare with two other options before we decide.'],
    ['timing', "We're in the middle of peak season, any new tool would have to wait until after January."],
    ['authority', '这个我做不了主，得请示一下领导。'],
    ['authority', "I like it, but I'm not the one who signs off on software. That's the academic dean."],
    ['authority', 'OK 我觉得不错，但是我得跟老板 check 一下，这个我说了不算。'],
    ['need', '我们现在用Excel挺好的，没这个需求。'],
    ['need', "I'm not convinced we need footfall analytics. Our store managers know when the store is busy."],
    ['need', "I'm not sure we even need the proctoring part though."],
    ['competitor', '我们已经在用金蝶的系统了。'],
    ['competitor', '是速陈列，他们报价比你们低一点。'],
    ['competitor', 'We already use FleetTrack for our trucks, and it does most of what you are showing me.'],
    ['competitor', "We've been looking at the Hartwell excavators too. They're a bit cheaper."],
    ['trust', '你们公司成立时间太短，我们不放心。'],
    ['trust', 'How do I know you will still be around in two years? We got burned before.'],
    ['trust', 'Can you guarantee the migration will not lose any historical transactions?'],
    ['technical', '你们的系统跟我们的SAP对接不了吧？'],
    ['technical', "Does the monitor talk HL7 to our Epic system? Because if it doesn't, it's a non-starter."],
    ['technical', 'The export to our data warehouse failed twice this week.'],
    ['terms', '你们的付款条件我们接受不了，预付比例太高。'],
    ['terms', 'Your contract says payment in 30 days. We pay all our vendors at 60.'],
    ['terms', 'Before we commit, we need legal to review the data processing terms.'],
  ];

  it.each(cases)('types %s: %j', (type, text) => {
    expect(cueType(text)).toBe(type);
  });

  const notObjections = [
    '这个价格还挺合理的。',
    '价格不贵，就是想了解一下功能。',
    '好的，你发个方案给我。',
    'Does it work with Avaya?',
    'What does the rollout look like?',
    "I'm not worried about the price.",
    'Sounds good, send me the quote.',
    'Mostly the hardware.',
  ];

  it.each(notObjections)('finds no objection in %j', (text) => {
    expect(cueType(text)).toBeNull();
  });
});

describe('handling depth', () => {
  const exchanges: Array<[string, HandlingDepth, string[]]> = [
    ['zh ignored', 0, ['太贵了，超出我们的预算。', '我们再看下一个功能，这个报表支持导出。', '嗯。']],
    ['en ignored', 0, ["Does the monitor talk HL7 to our Epic system? Because if it doesn't, it's a non-starter.", 'And the battery lasts up to eight hours, which is great for patient transport.']],
    ['zh acknowledged', 1, ['你们公司成立时间太短，我们不放心。', '我理解您的顾虑。', '嗯。', '那我们接着看报表功能，这个支持导出。']],
    ['en acknowledged', 1, ['We already use FleetTrack and it does most of this.', 'I hear you, that makes sense.', 'Okay.', 'So the next thing I want to show you is the fuel card integration.']],
    ['zh explored', 2, ['太贵了，超出我们的预算。', '理解。您的预算主要卡在一次性投入还是年费？', '主要是一次性投入。', '好的，那我们改天再聊别的。']],
    ['en explored', 2, ['Your contract says payment in 30 days. We pay all our vendors at 60.', 'Okay. Is 60 days a hard rule, or do you make exceptions for software?', "It's hard. Finance won't budge."]],
    ['zh responded', 3, ['太贵了，超出我们的预算。', '我们可以分期，首年只付百分之四十。', '我再想想。']],
    ['en responded', 3, ["I'm not sure we even need the proctoring part though.", "That's fine, proctoring is a separate module, so we'd leave it out. That takes about fifteen percent off."]],
    [
      'zh resolved',
      4,
      [
        '你们这个价格比我们预算高了三成。',
        '我理解。您的预算主要卡在一次性投入还是年费？',
        '主要是一次性投入。',
        '那我们可以做分期，首年只付百分之四十，这是公司标准方案。',
        '这样可以，你发个方案给我。',
        '好的，我明天上午十点前把分期方案发到您邮箱。',
      ],
    ],
    [
      'en resolved',
      4,
      [
        'Honestly the number you sent over is about thirty percent above what we budgeted for this year.',
        'Understood. Is the problem the upfront hardware or the yearly platform fee?',
        'Mostly the hardware. The subscription we can live with.',
        'Then we have a standard lease option on our published price list, the hardware spread over 36 months.',
        'Okay, that could actually work. Send me that version.',
      ],
    ],
    [
      'mixed resolved',
      4,
      [
        '那 integration 呢？我们用的是 SAP，如果对接不了就没法用。',
        'I understand. 我们有 SAP 的标准 connector，去年在三家制造业客户上线了。',
        'OK，那可以先做个 demo 看看。',
      ],
    ],
  ];

  it.each(exchanges)('rates %s as %i', (_name, depth, texts) => {
    const analysis = analyzeRules({ turns: dialogue(texts), rolesKnown: true, callEnded: false });
    expect(analysis.objections[0]?.turnIndex).toBe(0);
    expect(analysis.objections[0]?.handlingDepth).toBe(depth);
  });

  it('does not resolve without a response', () => {
    const analysis = analyzeRules({
      turns: dialogue(['太贵了。', '我理解。', '好的。']),
      rolesKnown: true,
      callEnded: false,
    });
    expect(analysis.objections[0]?.handlingDepth).toBe(1);
  });

  it('caps a pressuring reply at acknowledged', () => {
    const analysis = analyzeRules({
      turns: dialogue([
        'We like the demo, but we still need to compare with two other options before we decide.',
        'Totally get it. The thing is, this price is only good until tonight at midnight.',
      ]),
      rolesKnown: true,
      callEnded: false,
    });
    expect(analysis.objections[0]?.handlingDepth).toBe(1);
  });
});

describe('objection exchanges', () => {
  it('continues an objection of the same type', () => {
    const analysis = analyzeRules({
      turns: dialogue(['太贵了，超出预算。', '您的预算大概是多少？', '预算只有十万，你们要十五万。', '我们可以先上基础版，十万以内。']),
      rolesKnown: true,
      callEnded: false,
    });
    expect(analysis.objections).toHaveLength(1);
    expect(analysis.objections[0]?.handlingDepth).toBe(3);
  });

  it('raises an objection pressed after an acknowledgement', () => {
    const analysis = analyzeRules({
      turns: dialogue(['太贵了，超出预算。', '我理解您的顾虑。', '还是太贵了，我们预算就十万。', '我们可以先上基础版，十万以内。']),
      rolesKnown: true,
      callEnded: false,
    });
    expect(analysis.objections.map((objection) => [objection.turnIndex, objection.handlingDepth])).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('counts a bare reply as an acknowledgement', () => {
    const analysis = analyzeRules({
      turns: dialogue(['太贵了，超出预算。', '嗯，好的。']),
      rolesKnown: true,
      callEnded: true,
    });
    expect(analysis.objections[0]?.handlingDepth).toBe(1);
    expect(analysis.findings.filter((finding) => finding.type === 'objection_ignored')).toEqual([]);
  });

  it('ignores an objection a bare reply passes over', () => {
    const analysis = analyzeRules({
      turns: [
        { speaker: 'customer', text: '太贵了，超出预算。' },
        { speaker: 'rep', text: '嗯。' },
        { speaker: 'rep', text: '对了，我们下周有个展会，您来看看吗？' },
      ],
      rolesKnown: true,
      callEnded: false,
    });
    expect(analysis.objections[0]?.handlingDepth).toBe(0);
    expect(analysis.findings.filter((finding) => finding.type === 'objection_ignored').map((finding) => finding.turnIndex)).toEqual([2]);
  });

  it('raises an objection pressed after a bare reply', () => {
    const analysis = analyzeRules({
      turns: dialogue(['太贵了，超出预算。', '嗯，好的。', '还是太贵了，我们预算就十万。', '我们可以先上基础版，十万以内。']),
      rolesKnown: true,
      callEnded: false,
    });
    expect(analysis.objections.map((objection) => [objection.turnIndex, objection.handlingDepth])).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('opens a new objection of another type', () => {
    const analysis = analyzeRules({
      turns: dialogue(['太贵了，超出预算。', '我们可以分期，首年付百分之四十。', '那也得请示一下领导，我做不了主。', '理解，领导一般最关心什么？']),
      rolesKnown: true,
      callEnded: false,
    });
    expect(analysis.objections.map((objection) => [objection.turnIndex, objection.type])).toEqual([
      [0, 'price'],
      [2, 'authority'],
    ]);
  });

  it('raises an ignored objection again', () => {
    const analysis = analyzeRules({
      turns: dialogue([
        "Does the monitor talk HL7 to our Epic system? Because if it doesn't, it's a non-starter.",
        'And the battery lasts up to eight hours, which is great for patient transport.',
        'Sorry, did you hear me? HL7, does it work with Epic?',
        'Sorry, yes. It sends HL7 v2 results, and we have it live with Epic at two hospitals in the state.',
        'Okay, yes, please do. That would settle it.',
      ]),
      rolesKnown: true,
      callEnded: false,
    });
    expect(analysis.objections.map((objection) => [objection.turnIndex, objection.handlingDepth])).toEqual([
      [0, 0],
      [2, 4],
    ]);
    const ignored = analysis.findings.filter((finding) => finding.type === 'objection_ignored');
    expect(ignored.map((finding) => finding.turnIndex)).toEqual([1]);
  });

  it('resolves on a same-type acceptance', () => {
    const depthsAfter = (reaction: string) =>
      analyzeRules({ turns: dialogue(['你们这个价格比我们预算高了三成。', '我们可以分期，首年只付百分之四十。', reaction]), rolesKnown: true, callEnded: false }).objections.map(
        (objection) => [objection.turnIndex, objection.handlingDepth],
      );
    expect(depthsAfter('预算紧的情况下，分期这个方案可以接受。')).toEqual([[0, 4]]);
    expect(depthsAfter('Our budget is tight, so the payment plan works for me.')).toEqual([[0, 4]]);
    // A turn that still objects, rejects the response or sets a condition of its own raises the concern again.
    expect(depthsAfter('分期可以，但是总价还是太贵了。')).toEqual([
      [0, 3],
      [2, 0],
    ]);
    expect(depthsAfter('预算紧的情况下，分期这个方案我们也很难接受。')).toEqual([
      [0, 3],
      [2, 0],
    ]);
    expect(depthsAfter('预算紧，要是总价能再降两成，那可以。')).toEqual([
      [0, 3],
      [2, 0],
    ]);
  });

  it('anchors objection_ignored on the next rep turn', () => {
    const analysis = analyzeRules({
      turns: [
        { speaker: 'customer', text: '我们已经在用金蝶的系统了，感觉也够用。' },
        { speaker: 'customer', text: '而且用了好几年了。' },
        { speaker: 'rep', text: '我给您介绍一下我们的报表模块，支持拖拽。' },
      ],
      rolesKnown: true,
      callEnded: false,
    });
    const ignored = analysis.findings.filter((finding) => finding.type === 'objection_ignored');
    expect(ignored).toHaveLength(1);
    expect(ignored[0]?.turnIndex).toBe(2);
    expect(ignored[0]?.severity).toBe('major');
  });

  it('reports no objection_ignored when no rep turn follows', () => {
    const analysis = analyzeRules({ turns: dialogue(['太贵了。']), rolesKnown: true, callEnded: false });
    expect(analysis.objections[0]?.handlingDepth).toBe(0);
    expect(analysis.findings.filter((finding) => finding.type === 'objection_ignored')).toEqual([]);
  });

  it('maps the objection span to the original text', () => {
    const text = '嗯，你們這個價格太貴了。';
    const analysis = analyzeRules({ turns: dialogue([text, '理解。']), rolesKnown: true, callEnded: false });
    const span = analysis.objections[0]?.span;
    expect(span).toBeDefined();
    expect(text.slice(span?.start, span?.end)).toBe('價格太貴');
  });
});
