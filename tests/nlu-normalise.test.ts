import { describe, expect, it } from 'vitest';
import fc from 'fast-check';

import { parseChineseInteger } from '../src/nlu/chinese-numerals.js';
import { parseEnglishNumber } from '../src/nlu/english-numerals.js';
import { normaliseText } from '../src/nlu/normalise.js';

describe('normaliseText', () => {
  const cases: Array<[string, string]> = [
    // Width, case and Traditional characters.
    ['ＡＢＣ１２３，ＯＫ！', 'abc123,ok!'],
    ['這個價格是最好的，裡面沒問題', '这个价格是最好的,里面没问题'],
    ['I\u2019ll SEND it', "i'll send it"],
    // Chinese numerals.
    ['比预算高了三成', '比预算高了3成'],
    ['我给您打个八折', '我给您打个8折'],
    ['九五折', '95折'],
    ['八点五折', '8.5折'],
    ['百分之百没问题', '100%没问题'],
    ['百分之三十', '30%'],
    ['百分之九十九点九', '99.9%'],
    ['两小时内', '2小时内'],
    ['十五分钟', '15分钟'],
    ['一万二', '12000'],
    ['三千五', '3500'],
    ['一百零五', '105'],
    ['二零二五年', '2025年'],
    ['三四天', '3-4天'],
    ['下午五点前', '下午5点前'],
    ['周三下午三点五十', '周三下午3点50'],
    ['行业第一', '行业第1'],
    // Numerals inside words stay.
    ['便宜一点', '便宜一点'],
    ['千万别这样', '千万别这样'],
    ['十分满意', '十分满意'],
    ['唯一一家', '唯一一家'],
    ['一次性投入', '一次性投入'],
    ['第三方报告', '第三方报告'],
    ['周一见', '周一见'],
    ['一定可以', '一定可以'],
    // English number words.
    ["I'll knock twenty-five percent off", "i'll knock 25 percent off"],
    ['one hundred percent', '100 percent'],
    ['Tuesday at ten works', 'tuesday at 10 works'],
    ['no one beats us', 'no one beats us'],
    ['one of our clients', 'one of our clients'],
    ['one day', '1 day'],
    // Thousands separators.
    ['总价1,200,000元', '总价1200000元'],
    ['总价，1,200元', '总价,1200元'],
    ['USD 12,345.50 per seat', 'usd 12345.50 per seat'],
    ['options 1,2,3', 'options 1,2,3'],
    ['1,5 liters', '1,5 liters'],
    ['1234,567', '1234,567'],
    ['1,200,00', '1,200,00'],
    // Fillers.
    ['嗯，这个价格比我们预算高了三成。', '这个价格比我们预算高了3成。'],
    ['呃，我下午五点前发给您', '我下午5点前发给您'],
    ['那个，那个方案我们回头再看看', '那个方案我们回头再看看'],
    ['So uh, the thing we really need', 'so the thing we really need'],
    ['or is it, like, self-serve videos?', 'or is it, self-serve videos?'],
    ['we, um, can do it', 'we, can do it'],
    ['do you know the price', 'do you know the price'],
    ['Mm-hm.', ''],
  ];

  it.each(cases)('normalises %j', (input, expected) => {
    expect(normaliseText(input).text).toBe(expected);
  });

  const spans: Array<[string, string, string]> = [
    // [original, needle in normalised text, expected original substring]
    ['嗯，我们保证百分之百没问题', '100%', '百分之百'],
    ['嗯，我们保证百分之百没问题', '保证', '保证'],
    ['我私下给您打个八折。', '8折', '八折'],
    ['這個價格絕對最低', '绝对最低', '絕對最低'],
    ["So uh, I'll knock twenty-five percent off", '25 percent off', 'twenty-five percent off'],
    ['ＷＥ　ＧＵＡＲＡＮＴＥＥ it', 'we guarantee', 'ＷＥ　ＧＵＡＲＡＮＴＥＥ'],
    ['呃，那个，一万二的报价', '12000的报价', '一万二的报价'],
    ['报价1,200,000元', '1200000元', '1,200,000元'],
  ];

  it.each(spans)('maps %j back to the original', (original, needle, expected) => {
    const normalised = normaliseText(original);
    const start = normalised.text.indexOf(needle);
    expect(start).toBeGreaterThanOrEqual(0);
    const span = normalised.toOriginal(start, start + needle.length);
    expect(original.slice(span.start, span.end)).toBe(expected);
  });

  it('maps an empty range to a point', () => {
    const normalised = normaliseText('嗯，好的');
    expect(normalised.toOriginal(0, 0)).toEqual({ start: 2, end: 2 });
    expect(normalised.toOriginal(normalised.text.length, normalised.text.length)).toEqual({ start: 4, end: 4 });
  });

  it('keeps identity offsets for plain text', () => {
    const normalised = normaliseText('plain words');
    expect(normalised.toOriginal(6, 11)).toEqual({ start: 6, end: 11 });
  });

  it('maps every span inside the original', () => {
    const alphabet = fc.constantFrom(...'嗯呃那个这个，。 一二三十百万两点折成分钟小时百分之UMuhokay,you know 價格絕對ＡＢ1'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), fc.nat(), fc.nat(), (characters, a, b) => {
        const original = characters.join('');
        const normalised = normaliseText(original);
        const length = normalised.text.length;
        const start = length === 0 ? 0 : a % (length + 1);
        const end = start + (length === 0 ? 0 : b % (length - start + 1));
        const span = normalised.toOriginal(start, end);
        expect(span.start).toBeGreaterThanOrEqual(0);
        expect(span.end).toBeLessThanOrEqual(original.length);
        expect(span.start).toBeLessThanOrEqual(span.end);
      }),
    );
  });
});

describe('parseChineseInteger', () => {
  const cases: Array<[string, number]> = [
    ['五', 5],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['三十五', 35],
    ['一百二十', 120],
    ['一百零五', 105],
    ['一百五', 150],
    ['三千五', 3500],
    ['两万五千', 25000],
    ['一万二', 12000],
    ['二十万', 200000],
    ['三亿', 300000000],
    ['九五', 95],
    ['二零二五', 2025],
  ];

  it.each(cases)('parses %s', (run, expected) => {
    expect(parseChineseInteger(run)).toBe(expected);
  });

  it('returns null for an empty run', () => {
    expect(parseChineseInteger('')).toBeNull();
  });
});

describe('parseEnglishNumber', () => {
  const cases: Array<[string, number | null]> = [
    ['seven', 7],
    ['twenty-five', 25],
    ['one hundred', 100],
    ['a hundred and twenty', 120],
    ['three thousand four hundred', 3400],
    ['two million', 2000000],
    ['twenty banana', null],
  ];

  it.each(cases)('parses %s', (phrase, expected) => {
    expect(parseEnglishNumber(phrase)).toBe(expected);
  });
});
