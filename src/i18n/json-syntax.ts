/**
 * Describes a JSON.parse syntax error in Chinese. V8 writes its messages in
 * English only, so the common ones are rewritten with their character
 * position. A message of another form is returned as it is.
 */

// V8's JSON.parse messages as Node 20 writes them. tests/i18n-json-syntax.test.ts checks them against the running Node.
const KNOWN_MESSAGES: ReadonlyArray<[RegExp, (match: RegExpExecArray) => string]> = [
  [/^Unexpected end of JSON input$/, () => '内容在 JSON 结束之前就中断了'],
  [/^Expected double-quoted property name/, () => '属性名必须用双引号括起来'],
  [/^Expected property name or '}'/, () => '此处应为用双引号括起来的属性名或右花括号'],
  [/^Unexpected number/, () => '出现了意外的数字（数字不能以 0 开头，也不能跟在另一个值后面）'],
  [/^No number after minus sign/, () => '负号后面缺少数字'],
  [/^Exponent part is missing a number/, () => '指数部分缺少数字'],
  [/^Unterminated fractional number/, () => '小数点后面缺少数字'],
  [/^Bad Unicode escape/, () => '字符串中有无效的 Unicode 转义序列'],
  [/^Expected ',' or '}' after property value/, () => '属性值后面缺少逗号或右花括号'],
  [/^Expected ',' or ']' after array element/, () => '数组元素后面缺少逗号或右方括号'],
  [/^Expected ':' after property name/, () => '属性名后面缺少冒号'],
  [/^Unterminated string/, () => '字符串缺少结尾的双引号'],
  [/^Bad control character in string literal/, () => '字符串中有未转义的控制字符'],
  [/^Bad escaped character/, () => '字符串中有无效的转义序列'],
  [/^Unexpected non-whitespace character after JSON/, () => 'JSON 值之后还有多余的内容'],
  [/^Unexpected token '(.+?)'/, (match) => `出现了意外的字符 ${match[1] ?? ''}`],
];

const POSITION = /at position (\d+)/;

/** Returns the Chinese reason for a JSON.parse error message, with the 1-based character where parsing stopped. */
export function jsonSyntaxReasonZh(message: string): string {
  for (const [pattern, describe] of KNOWN_MESSAGES) {
    const match = pattern.exec(message);
    if (match === null) {
      continue;
    }
    const position = POSITION.exec(message);
    return position === null ? describe(match) : `第 ${Number(position[1]) + 1} 个字符处：${describe(match)}`;
  }
  return message;
}
