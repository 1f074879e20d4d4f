import { describe, expect, it } from 'vitest';
import { jsonSyntaxReasonZh } from '../src/i18n/json-syntax.js';

// The message JSON.parse gives for `text` on this Node version.
function parseMessage(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${text} parsed`);
}

describe('jsonSyntaxReasonZh', () => {
  it.each([
    ['{"a":1,}', '第 8 个字符处：属性名必须用双引号括起来'],
    ['{"a":1', '第 7 个字符处：属性值后面缺少逗号或右花括号'],
    ['[1 2]', '第 4 个字符处：数组元素后面缺少逗号或右方括号'],
    ['{"a" 1}', '第 6 个字符处：属性名后面缺少冒号'],
    ['"abc', '第 5 个字符处：字符串缺少结尾的双引号'],
    ['"a\tb"', '第 3 个字符处：字符串中有未转义的控制字符'],
    ['"\\q"', '第 3 个字符处：字符串中有无效的转义序列'],
    ['{"a":1} x', '第 9 个字符处：JSON 值之后还有多余的内容'],
    ['', '内容在 JSON 结束之前就中断了'],
    ["{'id':'a'}", '第 2 个字符处：此处应为用双引号括起来的属性名或右花括号'],
    ['{"a":01}', '第 7 个字符处：出现了意外的数字（数字不能以 0 开头，也不能跟在另一个值后面）'],
    ['{"a":-}', '第 7 个字符处：负号后面缺少数字'],
    ['{"a":1e}', '第 8 个字符处：指数部分缺少数字'],
    ['{"a":1.}', '第 8 个字符处：小数点后面缺少数字'],
    ['"\\u12"', '第 6 个字符处：字符串中有无效的 Unicode 转义序列'],
    ['abc', '出现了意外的字符 a'],
  ])('explains %j', (text, expected) => {
    expect(jsonSyntaxReasonZh(parseMessage(text))).toBe(expected);
  });

  it('keeps a message of another form', () => {
    expect(jsonSyntaxReasonZh('Something else went wrong')).toBe('Something else went wrong');
  });
});
