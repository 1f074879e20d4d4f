import { describe, expect, it } from 'vitest';
import { overlapWithOtherChannels } from '../src/asr/overlap.js';
import { polishSegmentText, punctuateByRule, writeNumbersAsDigits } from '../src/asr/text.js';
import { utterancesToTurns } from '../src/asr/turns.js';

const RAW_MODEL = { writesDigits: false, punctuates: false };
const SENSE_VOICE = { writesDigits: true, punctuates: true };

describe('polishSegmentText', () => {
  it.each([
    { input: '這個價格我們可以給您優惠', expected: '这个价格我们可以给您优惠。' },
    { input: '我們會在十五分鐘內回覆', expected: '我们会在15分钟内回复。' },
    { input: '系統裡面的報表', expected: '系统里面的报表。' },
  ])('converts Traditional to Simplified: $input', ({ input, expected }) => {
    expect(polishSegmentText(input, RAW_MODEL)).toBe(expected);
  });

  it('converts Traditional even when the model punctuates and writes digits', () => {
    expect(polishSegmentText('這個價格沒問題。', SENSE_VOICE)).toBe('这个价格没问题。');
  });

  it('leaves model punctuation and numerals alone for SenseVoice', () => {
    expect(polishSegmentText('我们保证百分之百没问题，we guarantee it.', SENSE_VOICE)).toBe('我们保证百分之百没问题，we guarantee it.');
  });

  it('keeps English words of mixed speech', () => {
    expect(polishSegmentText('我们的CRM system支持Salesforce导入', RAW_MODEL)).toBe('我们的CRM system支持Salesforce导入。');
  });

  it('trims and keeps empty text empty', () => {
    expect(polishSegmentText('   ', RAW_MODEL)).toBe('');
  });

  it('uses a loaded punctuator instead of the rules', () => {
    expect(polishSegmentText('价格多少', { ...RAW_MODEL, punctuator: (text) => `${text}?!` })).toBe('价格多少?!');
  });
});

describe('writeNumbersAsDigits', () => {
  it.each([
    { input: '十五分钟', expected: '15分钟' },
    { input: '两个小时以后', expected: '2个小时以后' },
    { input: '打八折', expected: '打8折' },
    { input: '百分之三十', expected: '30%' },
    { input: '一定没问题', expected: '一定没问题' },
    { input: 'call me in fifteen minutes', expected: 'call me in 15 minutes' },
    { input: '大概twenty users', expected: '大概20 users' },
  ])('$input -> $expected', ({ input, expected }) => {
    expect(writeNumbersAsDigits(input)).toBe(expected);
  });
});

describe('punctuateByRule', () => {
  it.each([
    { input: '我们下周签合同', expected: '我们下周签合同。' },
    { input: '你们的预算是多少', expected: '你们的预算是多少？' },
    { input: '可以试用吗', expected: '可以试用吗？' },
    { input: '我们开始吧', expected: '我们开始吧。' },
    { input: 'we can start next week', expected: 'we can start next week.' },
    { input: 'what is your budget', expected: 'what is your budget?' },
    { input: '好的 do you need a demo', expected: '好的 do you need a demo?' },
  ])('$input -> $expected', ({ input, expected }) => {
    expect(punctuateByRule(input)).toBe(expected);
  });
});

describe('utterancesToTurns mixed language', () => {
  it('keeps Latin-only and mixed utterances', () => {
    const turns = utterancesToTurns(
      [
        { channel: 0, startMs: 0, endMs: 1000, text: 'OK' },
        { channel: 0, startMs: 1000, endMs: 2000, text: '我们用Zoom开会' },
        { channel: 1, startMs: 2000, endMs: 3000, text: 'sounds good' },
        { channel: 1, startMs: 3000, endMs: 3500, text: '。' },
      ],
      'stereo-rep-left',
    );
    expect(turns.map((turn) => turn.text)).toEqual(['OK', '我们用Zoom开会', 'sounds good']);
  });
});

describe('overlap', () => {
  const speech = [
    { channel: 0, startMs: 0, endMs: 4000 },
    { channel: 1, startMs: 3000, endMs: 5000 },
    { channel: 1, startMs: 6000, endMs: 7000 },
    { channel: 0, startMs: 6500, endMs: 9000 },
    { channel: 1, startMs: 10000, endMs: 10500 },
  ];

  it.each([
    { span: speech[0]!, expected: 1000 },
    { span: speech[1]!, expected: 1000 },
    { span: speech[2]!, expected: 500 },
    { span: speech[3]!, expected: 500 },
    { span: speech[4]!, expected: 0 },
  ])('measures span $span.startMs-$span.endMs', ({ span, expected }) => {
    expect(overlapWithOtherChannels(span, speech)).toBe(expected);
  });

  it('sets overlapMs on stereo turns only', () => {
    const utterances = speech.map((span) => ({ ...span, text: 'hello' }));
    const stereo = utterancesToTurns(utterances, 'stereo-rep-left', { speech });
    const mono = utterancesToTurns(utterances, 'mono', { speech });

    expect(stereo.map((turn) => turn.overlapMs)).toEqual([1000, 1000, 500, 500, 0]);
    expect(stereo[3]!.speaker).toBe('rep');
    expect(mono.every((turn) => turn.overlapMs === undefined)).toBe(true);
  });

  it('counts speech segments without words as overlap', () => {
    const utterances = [{ channel: 0, startMs: 0, endMs: 2000, text: 'let me explain' }];
    const turns = utterancesToTurns(utterances, 'stereo-rep-left', { speech: [...utterances, { channel: 1, startMs: 1500, endMs: 1800 }] });
    expect(turns[0]!.overlapMs).toBe(300);
  });
});
