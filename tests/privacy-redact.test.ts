import { describe, expect, it } from 'vitest';
import { findPersonalData } from '../src/privacy/detect.js';
import { isLuhnValid, isValidResidentId } from '../src/privacy/checksums.js';
import { redactText, redactTurns, redactValue } from '../src/privacy/redact.js';

describe('checksums', () => {
  it('accepts a resident ID with a valid check character', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
  });

  it('rejects a resident ID with a wrong check character', () => {
    expect(isValidResidentId('110105194912310021')).toBe(false);
  });

  it('rejects a resident ID with an impossible birth month', () => {
    expect(isValidResidentId('110105194913310025')).toBe(false);
  });

  it('checks the Luhn digit', () => {
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(isLuhnValid('4111111111111112')).toBe(false);
  });
});

describe('redactText masks', () => {
  const cases: Array<[string, string, string]> = [
    ['mobile', '我的手机是13812345678，谢谢', '我的手机是[手机号]，谢谢'],
    ['mobile with +86 and dashes', '打 +86 138-1234-5678 找我', '打 [手机号] 找我'],
    ['mobile in full-width digits', '电话１３８１２３４５６７８', '电话[手机号]'],
    ['mobile spoken digit by digit', '号码是幺三八 一二三四 五六七八', '号码是[手机号]'],
    ['mobile spoken without pauses', '我的手机是一三八一二三四五六七八', '我的手机是[手机号]'],
    ['Beijing landline', '座机010-62345678，下午三点', '座机[座机号]，下午三点'],
    ['provincial landline', '办公室0571 8888 6666', '办公室[座机号]'],
    ['resident ID with X', '身份证11010519491231002X号', '身份证[身份证号]号'],
    ['resident ID named as such with a wrong check digit', '身份证号110101199003071234', '身份证号[身份证号]'],
    ['bank card in groups', '卡号 6222 0000 0000 0000 004 收款', '卡号 [银行卡号] 收款'],
    ['e-mail in Chinese text', '发到zhang.san@example.com.cn就行', '发到[邮箱]就行'],
    ['US phone with bracketed area code', 'call me at (415) 555-2671 today', 'call me at [phone] today'],
    ['US phone with country code', 'my cell is 1 415 555 2671', 'my cell is [phone]'],
    ['US phone spoken', 'it is four one five, five five five, two six seven one', 'it is [phone]'],
    ['spoken digits with double', 'four one five five five five two six double seven', '[phone]'],
    ['card number in English', 'card 4111 1111 1111 1111 expires soon', 'card [card number] expires soon'],
    ['SSN with dashes', 'my SSN is 123-45-6789', 'my SSN is [SSN]'],
    ['SSN spoken after its name', 'social security number one two three four five six seven eight nine', 'social security number [SSN]'],
    ['international number with plus', 'reach me on +44 20 7946 0958', 'reach me on [phone]'],
    ['mobile after a date', '2026-11-03 13812345678', '2026-11-03 [phone]'],
  ];

  it.each(cases)('%s', (_name, input, expected) => {
    expect(redactText(input).text).toBe(expected);
  });
});

describe('redactText keeps', () => {
  const cases: Array<[string, string]> = [
    ['prices and quantities', '报价是12000元，数量300台'],
    ['a 13-digit order number without a card prefix', '订单号2026110300012'],
    ['amounts read as numerals', '一千三百八十万'],
    ['a UUID', 'call 0b5e7c8a-1381-2345-6789-abcdef012345 failed'],
    ['a sha256 digest', 'sha 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
    ['an 18-digit number with a wrong check digit', '编号110105194912310021'],
    ['a card number failing Luhn', 'card 4111 1111 1111 1112'],
    ['a date and time', '2026-11-03 10:00'],
    ['SSN-shaped number with area 000', 'ref 000-12-3456'],
  ];

  it.each(cases)('%s', (_name, input) => {
    expect(redactText(input).text).toBe(input);
  });
});

describe('redactText spans', () => {
  it('lists each placeholder with kind and span', () => {
    const result = redactText('手机13812345678，邮箱a@b.cn');
    expect(result.text).toBe('手机[手机号]，邮箱[邮箱]');
    expect(result.redactions).toEqual([
      { kind: 'mobile', start: 2, end: 7 },
      { kind: 'email', start: 10, end: 14 },
    ]);
    for (const redaction of result.redactions) {
      expect(result.text.slice(redaction.start, redaction.end)).toMatch(/^\[.+\]$/);
    }
  });

  it('uses English placeholders in English text', () => {
    expect(redactText('phone 13812345678').text).toBe('phone [phone]');
  });

  it('never reports overlapping matches', () => {
    const matches = findPersonalData('mail 13812345678@example.com or 13812345678');
    expect(matches.map((match) => match.kind)).toEqual(['email', 'mobile']);
  });
});

describe('redactTurns', () => {
  it('keeps speakers and timings and counts changed turns', () => {
    const result = redactTurns([
      { speaker: 'rep', text: '您好', startMs: 0, endMs: 500 },
      { speaker: 'customer', text: '我手机13812345678', startMs: 600, endMs: 2000 },
    ]);
    expect(result.turns[1]).toEqual({ speaker: 'customer', text: '我手机[手机号]', startMs: 600, endMs: 2000 });
    expect(result.redactions[0]).toEqual([]);
    expect(result.changedTurns).toBe(1);
  });
});

describe('redactValue', () => {
  it('masks nested strings and error messages', () => {
    const error = new Error('lookup of 13812345678 failed');
    const masked = redactValue({ a: ['x 11010519491231002X'], err: error, n: 3 }) as { a: string[]; err: Error; n: number };
    expect(masked.a[0]).toBe('x [ID number]');
    expect(masked.err).toBeInstanceOf(Error);
    expect(masked.err.message).toBe('lookup of [phone] failed');
    expect(masked.err.stack).not.toContain('13812345678');
    expect(masked.n).toBe(3);
    expect(error.message).toContain('13812345678');
  });

  it('survives cycles', () => {
    const value: Record<string, unknown> = { text: 'a@b.cn' };
    value.self = value;
    expect(redactValue(value)).toEqual({ text: '[email]', self: '[Circular]' });
  });
});
