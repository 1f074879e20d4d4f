import { describe, expect, it } from 'vitest';

import { isBackchannel } from '../src/nlu/backchannel.js';
import { clauseAround, isQuestion, sentenceAround, sentenceSpans } from '../src/nlu/clauses.js';
import { contentWords } from '../src/nlu/content-words.js';
import { detectLanguage } from '../src/nlu/language.js';
import { normaliseText } from '../src/nlu/normalise.js';
import { findConcreteTime, hasConcreteTime, withoutPleasantries } from '../src/nlu/time-expressions.js';
import { tokenise } from '../src/nlu/tokenise.js';

function whole(text: string): { start: number; end: number } {
  return { start: 0, end: text.length };
}

describe('tokenise', () => {
  it('segments Chinese with jieba', () => {
    const words = tokenise('我们是行业第一,唯一的问题是价格').map((token) => token.text);
    expect(words).toContain('行业');
    expect(words).toContain('唯一');
    expect(words).toContain('价格');
  });

  it('keeps English words in mixed text', () => {
    const tokens = tokenise('这个价格是 the best in the market 绝对最低');
    expect(tokens.filter((token) => token.kind === 'latin').map((token) => token.text)).toEqual([
      'the',
      'best',
      'in',
      'the',
      'market',
    ]);
    expect(tokens.some((token) => token.kind === 'han' && token.text === '价格')).toBe(true);
  });

  it('reports offsets into the text', () => {
    const text = "we'll send 8.5% off, 周三 见";
    for (const token of tokenise(text)) {
      expect(text.slice(token.start, token.end)).toBe(token.text);
    }
  });

  it('classifies numbers and symbols', () => {
    const kinds = tokenise('打8.5折!').map((token) => [token.text, token.kind]);
    expect(kinds).toEqual([
      ['打', 'han'],
      ['8.5', 'number'],
      ['折', 'han'],
      ['!', 'symbol'],
    ]);
  });
});

describe('detectLanguage', () => {
  const cases: Array<[string, string]> = [
    ['这个价格比预算高了三成', 'zh'],
    ['The price is too steep for us', 'en'],
    ['这个价格是 the best in the market', 'mixed'],
    ['我们用的是 SAP', 'mixed'],
    ['a股最近不错', 'zh'],
    ['12345', 'en'],
    ['', 'en'],
  ];

  it.each(cases)('guesses %j as %s', (text, expected) => {
    expect(detectLanguage(text)).toBe(expected);
  });
});

describe('clauses', () => {
  it('splits clauses at punctuation and contrast', () => {
    const text = "i can't promise everything but we will try, ok";
    const clause = clauseAround(text, text.indexOf('we will'));
    expect(text.slice(clause.start, clause.end).trim()).toBe('we will try');
  });

  it('keeps decimals inside a sentence', () => {
    const text = '打8.5折。下周见';
    const sentence = sentenceAround(text, 1);
    expect(text.slice(sentence.start, sentence.end)).toBe('打8.5折');
  });

  it('finds clauses of alternating texts', () => {
    const first = '价格太高, 但是服务好。下周见';
    const second = 'we can try, but no promises. see you';
    for (const text of [first, second, first]) {
      const clause = clauseAround(text, text.length - 1);
      const sentence = sentenceAround(text, 0);
      expect(text.slice(clause.start, clause.end).trim()).toBe(text === first ? '下周见' : 'see you');
      expect(text.slice(sentence.start, sentence.end)).toBe(text === first ? '价格太高, 但是服务好' : 'we can try, but no promises');
    }
  });

  it('lists sentences', () => {
    const text = 'first one. second one? third';
    expect(sentenceSpans(text).map((span) => text.slice(span.start, span.end).trim())).toEqual([
      'first one',
      'second one',
      'third',
    ]);
    expect(sentenceSpans(text, 2)).toHaveLength(2);
  });

  const questions: Array<[string, boolean]> = [
    ['您希望尽快上线吗', true],
    ['能不能便宜一点', true],
    ['is it compatible?', true],
    ['do you need it', true],
    ['what i can do is run a pilot', false],
    ['the battery lasts 8 hours, which is great', false],
    ['我看看能不能帮您申请', false],
    ['我们明天发您', false],
  ];

  it.each(questions)('judges %j as question: %s', (text, expected) => {
    const normalised = normaliseText(text).text;
    expect(isQuestion(normalised, clauseAround(normalised, normalised.length - 1))).toBe(expected);
  });
});

describe('findConcreteTime', () => {
  const concrete = [
    '我周三下午5点前把报价发您',
    '明天上午给您回电话',
    '24小时内响应',
    '3月15日前完成',
    "i'll email it by thursday noon",
    'within 2 business days',
    'see you at 10',
    'on the 20th at 2 pm',
    'next week works',
  ];
  const vague = ['我们尽快给您处理', '回头再联系', "we'll get back to you soon", 'at some point later', 'may be possible'];

  it.each(concrete)('finds a time in %j', (text) => {
    expect(hasConcreteTime(text, whole(text))).toBe(true);
  });

  it.each(vague)('finds no time in %j', (text) => {
    expect(hasConcreteTime(text, whole(text))).toBe(false);
  });

  it('respects the range', () => {
    const text = '明天见, 回头再说';
    expect(findConcreteTime(text, { start: 4, end: text.length })).toBeNull();
    expect(findConcreteTime(text, whole(text))).toEqual({ start: 0, end: 2 });
  });

  it('blanks pleasantries', () => {
    const text = 'thanks for your time today, bye';
    const blanked = withoutPleasantries(text);
    expect(blanked).toHaveLength(text.length);
    expect(hasConcreteTime(blanked, whole(blanked))).toBe(false);
  });
});

describe('isBackchannel', () => {
  const backchannels = ['', '嗯嗯', '对对对', '好的。', 'ok', 'mm-hm', 'right, right', 'uh-huh', '好，你讲。'];
  const turns = ['好的，那我明天发您', 'ok, send me the quote', '多少钱？', 'wait, hold on'];

  it.each(backchannels)('accepts %j', (text) => {
    expect(isBackchannel(normaliseText(text).text)).toBe(true);
  });

  it.each(turns)('rejects %j', (text) => {
    expect(isBackchannel(normaliseText(text).text)).toBe(false);
  });
});

describe('contentWords', () => {
  it('drops function words', () => {
    const words = contentWords(normaliseText('We already use FleetTrack for our trucks').text);
    expect(words).toContain('fleettrack');
    expect(words).toContain('trucks');
    expect(words).not.toContain('our');
    expect(words).not.toContain('for');
  });

  it('keeps Chinese topic words', () => {
    const words = contentWords(normaliseText('我们已经在用金蝶的系统了').text);
    expect(words).toContain('系统');
    expect(words).not.toContain('我们');
  });
});
