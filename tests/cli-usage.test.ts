/**
 * Commander's own usage errors as callscore errors: one stable code, a
 * message in the run's language, one JSON line with --json, exit code 2.
 */
import { describe, expect, it } from 'vitest';
import { localeEnv, runCli } from './helpers/cli.js';

const ENGLISH = localeEnv('en_US.UTF-8');
const CHINESE = localeEnv('zh_CN.UTF-8');

interface UsageCase {
  kind: string;
  args: string[];
  /** The arguments with --json, where appending it would change the error. */
  jsonArgs?: string[];
  code: string;
  /** Texts the English message must contain: the offending value and the command to run next. */
  en: string[];
  zh: string[];
}

const CASES: UsageCase[] = [
  {
    kind: 'unknown option',
    args: ['eval', '--gold', 'gold.jsonl', '--bogus'],
    code: 'CS_ERR_CLI_UNKNOWN_OPTION',
    en: ['Unknown option "--bogus" for "callscore eval"', 'Run "callscore eval --help"'],
    zh: ['"callscore eval" 不支持选项 "--bogus"', '请运行 "callscore eval --help" 查看可用选项'],
  },
  {
    kind: 'unknown option before a missing required option',
    args: ['eval', '--bogus'],
    code: 'CS_ERR_CLI_UNKNOWN_OPTION',
    en: ['"--bogus"'],
    zh: ['不支持选项 "--bogus"'],
  },
  {
    kind: 'misspelled option',
    args: ['eval', '--gold', 'gold.jsonl', '--jsn'],
    code: 'CS_ERR_CLI_UNKNOWN_OPTION',
    en: ['"--jsn"', 'Did you mean --json?'],
    zh: ['"--jsn"', '您是否要输入 --json？'],
  },
  {
    kind: 'unknown command',
    args: ['bogus'],
    code: 'CS_ERR_CLI_UNKNOWN_COMMAND',
    en: ['Unknown command "bogus" for "callscore"', 'Run "callscore --help"'],
    zh: ['"callscore" 没有命令 "bogus"', '请运行 "callscore --help" 查看可用命令'],
  },
  {
    kind: 'missing argument',
    args: ['analyze'],
    code: 'CS_ERR_CLI_ARGUMENT_MISSING',
    en: ['Missing required argument <file> for "callscore analyze"', 'Run "callscore analyze --help"'],
    zh: ['"callscore analyze" 缺少必需的参数 <file>', '请运行 "callscore analyze --help" 查看用法'],
  },
  {
    kind: 'option without its value',
    args: ['eval', '--gold'],
    // After --gold, "--json" would be taken as the file name.
    jsonArgs: ['eval', '--json', '--gold'],
    code: 'CS_ERR_CLI_OPTION_VALUE_MISSING',
    en: ['Option "--gold <file>" of "callscore eval" is missing its value', '"callscore eval --help"'],
    zh: ['"callscore eval" 的选项 "--gold <file>" 缺少值', '"callscore eval --help"'],
  },
  {
    kind: 'option given another option as its value',
    args: ['eval', '--gold', '-h'],
    jsonArgs: ['eval', '--gold', '--json'],
    code: 'CS_ERR_CLI_OPTION_VALUE_MISSING',
    en: ['Option "--gold <file>" of "callscore eval" is missing its value'],
    zh: ['"callscore eval" 的选项 "--gold <file>" 缺少值'],
  },
  {
    kind: 'choice option given another option as its value',
    args: ['eval', '--gold', 'gold.jsonl', '--locale', '--help'],
    jsonArgs: ['eval', '--gold', 'gold.jsonl', '--locale', '--json'],
    code: 'CS_ERR_CLI_OPTION_VALUE_MISSING',
    en: ['Option "--locale <locale>" of "callscore eval" is missing its value'],
    zh: ['"callscore eval" 的选项 "--locale <locale>" 缺少值'],
  },
  {
    kind: 'required option given another required option',
    args: ['keys', 'create', '--email', '--name', 'ci'],
    code: 'CS_ERR_CLI_OPTION_VALUE_MISSING',
    en: ['Option "--email <address>" of "callscore keys create" is missing its value'],
    zh: ['"callscore keys create" 的选项 "--email <address>" 缺少值'],
  },
  {
    kind: 'unknown command after help',
    args: ['help', 'nosuch'],
    code: 'CS_ERR_CLI_UNKNOWN_COMMAND',
    en: ['Unknown command "nosuch" for "callscore"', 'Run "callscore --help"'],
    zh: ['"callscore" 没有命令 "nosuch"', '请运行 "callscore --help" 查看可用命令'],
  },
  {
    kind: 'unknown command after a group help',
    args: ['models', 'help', 'nosuch'],
    code: 'CS_ERR_CLI_UNKNOWN_COMMAND',
    en: ['Unknown command "nosuch" for "callscore models"', 'Run "callscore models --help"'],
    zh: ['"callscore models" 没有命令 "nosuch"', '请运行 "callscore models --help" 查看可用命令'],
  },
  {
    kind: 'invalid --locale with --help',
    args: ['--locale', 'fr', '--help'],
    code: 'CS_ERR_CLI_OPTION_INVALID',
    en: ['Invalid value "fr" for option "--locale <locale>" of "callscore"', 'Use one of: zh-CN, en.'],
    zh: ['"callscore" 的选项 "--locale <locale>" 的值 "fr" 无效', '请取以下之一：zh-CN, en。'],
  },
  {
    kind: 'invalid --locale after a group',
    args: ['models', 'list', '--locale', 'fr'],
    code: 'CS_ERR_CLI_OPTION_INVALID',
    en: ['Invalid value "fr" for option "--locale <locale>" of "callscore models list"'],
    zh: ['"callscore models list" 的选项 "--locale <locale>" 的值 "fr" 无效'],
  },
  {
    kind: 'missing required option',
    args: ['eval'],
    code: 'CS_ERR_CLI_OPTION_REQUIRED',
    en: ['Missing required option "--gold <file>" for "callscore eval"', 'Run "callscore eval --help"'],
    zh: ['"callscore eval" 缺少必需的选项 "--gold <file>"', '请运行 "callscore eval --help" 查看用法'],
  },
  {
    kind: 'invalid choice',
    args: ['analyze', 'call.wav', '--layout', 'left'],
    code: 'CS_ERR_CLI_OPTION_INVALID',
    en: ['Invalid value "left" for option "--layout <layout>"', 'Use one of: mono, stereo-rep-left, stereo-rep-right.'],
    zh: ['选项 "--layout <layout>" 的值 "left" 无效', '请取以下之一：mono, stereo-rep-left, stereo-rep-right。'],
  },
  {
    kind: 'too many arguments',
    args: ['eval', '--gold', 'gold.jsonl', 'extra', 'more'],
    code: 'CS_ERR_CLI_TOO_MANY_ARGUMENTS',
    en: ['"callscore eval" takes no arguments, but got the extra "extra more"'],
    zh: ['"callscore eval" 不接受参数，多出了 "extra more"'],
  },
];

const LANGUAGES = [
  { language: 'English', env: ENGLISH, texts: (c: UsageCase) => c.en },
  { language: 'Chinese', env: CHINESE, texts: (c: UsageCase) => c.zh },
];

describe.concurrent('callscore usage errors', () => {
  for (const usage of CASES) {
    for (const { language, env, texts } of LANGUAGES) {
      it(`reports ${usage.kind} as text in ${language}`, async () => {
        const result = await runCli(usage.args, env);
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        // One line: no help text before the error.
        expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
        const lastLine = result.stderr.trimEnd().split('\n').at(-1) ?? '';
        expect(lastLine.startsWith(`${usage.code}: `)).toBe(true);
        for (const text of texts(usage)) expect(lastLine).toContain(text);
        expect(result.stderr).not.toContain('error:');
      });

      it(`reports ${usage.kind} as one JSON line in ${language}`, async () => {
        const result = await runCli(usage.jsonArgs ?? [...usage.args, '--json'], env);
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr.endsWith('\n')).toBe(true);
        expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
        const reported = JSON.parse(result.stderr) as { error: { code: string; message: string } };
        expect(reported.error.code).toBe(usage.code);
        for (const text of texts(usage)) expect(reported.error.message).toContain(text);
      });
    }
  }

  it('counts the arguments a command takes', async () => {
    const english = await runCli(['keys', 'revoke', 'key-1', 'key-2'], ENGLISH);
    expect(english.code).toBe(2);
    expect(english.stderr).toContain('"callscore keys revoke" takes 1 argument, but got the extra "key-2"');
    const chinese = await runCli(['keys', 'revoke', 'key-1', 'key-2'], CHINESE);
    expect(chinese.stderr).toContain('"callscore keys revoke" 只接受 1 个参数，多出了 "key-2"');
  });

  it('takes the language of --locale over the environment', async () => {
    const result = await runCli(['analyze', '--locale', 'zh-CN'], ENGLISH);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('缺少必需的参数 <file>');
  });

  // A command group has no --json option, so this error only comes as text, after the group's help.
  it('reports a group run without a command after its help', async () => {
    const result = await runCli(['batch'], ENGLISH);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: callscore batch [options] [command]');
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(
      'CS_ERR_CLI_COMMAND_MISSING: "callscore batch" needs a command. Run "callscore batch --help" to list its commands.',
    );
  });

  it('reports a group run without a command in Chinese', async () => {
    const result = await runCli(['batch'], CHINESE);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('用法： callscore batch [options] [command]');
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(
      'CS_ERR_CLI_COMMAND_MISSING: "callscore batch" 缺少命令。请运行 "callscore batch --help" 查看可用命令。',
    );
  });
});
