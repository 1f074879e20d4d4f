/** `callscore --help`, `--version`, `help` and `--locale` in English and Simplified Chinese. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localeEnv, runCli } from './helpers/cli.js';

const ENGLISH = localeEnv('en_US.UTF-8');
const CHINESE = localeEnv('zh_CN.UTF-8');

// Two English words in a row, as in "display help" or "output language". Below the usage line, flags,
// command names, environment variables and quoted choices never form such a pair in this CLI's help.
const ENGLISH_PHRASE = /[A-Za-z]{3,} [a-z]{3,}/;

/** Checks that a help text in Chinese has no English heading, label or description. */
function expectChinese(help: string): void {
  for (const heading of ['Usage:', 'Options:', 'Commands:', 'Arguments:', 'choices:', 'default:']) expect(help).not.toContain(heading);
  const belowUsage = help.split('\n').slice(1).join('\n');
  expect(belowUsage).not.toMatch(ENGLISH_PHRASE);
}

describe.concurrent('callscore help', () => {
  it('prints the root help in English by default', async () => {
    const result = await runCli(['--help'], ENGLISH);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Usage: callscore [options] [command]');
    expect(result.stdout).toContain('Sales call transcription, pitfall detection and deal scoring');
    expect(result.stdout).toMatch(/^Commands:$/m);
    expect(result.stdout).toMatch(/-V, --version +output the version number/);
    expect(result.stdout).toMatch(/-h, --help +display help for command/);
  });

  it('prints the root help in Chinese under CALLSCORE_LOCALE=zh-CN', async () => {
    const result = await runCli(['--help'], { ...ENGLISH, CALLSCORE_LOCALE: 'zh-CN' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('用法： callscore [options] [command]');
    expect(result.stdout).toContain('在本机完成销售通话转写、话术陷阱检测和商机评分。');
    expect(result.stdout).toMatch(/^命令：$/m);
    expect(result.stdout).toMatch(/-V, --version +输出版本号/);
    expect(result.stdout).toMatch(/help \[command\] +显示命令的帮助/);
    expect(result.stdout).toMatch(/batch \[options\] +批量导入/);
    expectChinese(result.stdout);
  });

  it('lists --locale in the root help', async () => {
    const english = await runCli(['--help'], ENGLISH);
    expect(english.stdout).toMatch(/--locale <locale> +output language/);
    const chinese = await runCli(['--help'], CHINESE);
    expect(chinese.stdout).toMatch(/--locale <locale> +输出语言/);
  });

  it('lists --locale in the help of a group', async () => {
    const result = await runCli(['models', '--help'], ENGLISH);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--locale <locale> +output language/);
  });

  it('prints a subcommand help in English', async () => {
    const result = await runCli(['eval', '--help'], ENGLISH);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: callscore eval [options]');
    expect(result.stdout).toMatch(/--gold <file> +labelled conversations, one JSON object per line/);
    expect(result.stdout).toMatch(/\(choices:\s+"zh-CN",\s+"en"\)/);
  });

  it('follows --locale zh-CN in a subcommand help', async () => {
    const result = await runCli(['eval', '--help', '--locale', 'zh-CN'], ENGLISH);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('用法： callscore eval [options]');
    expect(result.stdout).toMatch(/--gold <file> +标注会话文件，每行一个 JSON 对象/);
    expect(result.stdout).toMatch(/\(可选值:\s+"zh-CN",\s+"en"\)/);
    expectChinese(result.stdout);
  });

  it('translates arguments, choices and defaults under LANG=zh_CN', async () => {
    const result = await runCli(['analyze', '--help'], CHINESE);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^参数：$/m);
    expect(result.stdout).toMatch(/^选项：$/m);
    expect(result.stdout).toMatch(/默认值:\s+"mono"/);
    expectChinese(result.stdout);
  });

  it('prints help through the help command', async () => {
    const result = await runCli(['help', 'eval'], CHINESE);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('用法： callscore eval [options]');
  });

  it('prints help normally with --json', async () => {
    const result = await runCli(['eval', '--help', '--json'], ENGLISH);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Usage: callscore eval [options]');
  });

  it('prints the version and exits 0', async () => {
    for (const flag of ['--version', '-V']) {
      const result = await runCli([flag], CHINESE);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
      expect(result.stderr).toBe('');
    }
  });
});

describe.concurrent('callscore --locale', () => {
  // An empty models folder, so that `models list` reports every model as not installed.
  const modelsEnv = { ...ENGLISH, CALLSCORE_MODELS_DIR: mkdtempSync(path.join(tmpdir(), 'callscore-models-')) };

  const placements = [
    ['--locale', 'zh-CN', 'models', 'list'],
    ['models', '--locale', 'zh-CN', 'list'],
    ['models', 'list', '--locale', 'zh-CN'],
    ['models', 'list', '--locale=zh-CN'],
  ];
  for (const args of placements) {
    it(`takes ${args.join(' ')}`, async () => {
      const result = await runCli(args, modelsEnv);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^whisper-tiny\t未安装\t/m);
    });
  }

  it('switches the root help to Chinese', async () => {
    const result = await runCli(['--locale', 'zh-CN', '--help'], ENGLISH);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('用法： callscore [options] [command]');
    expectChinese(result.stdout);
  });

  it('applies to a command after it', async () => {
    const result = await runCli(['--locale', 'zh-CN', 'analyze'], ENGLISH);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('缺少必需的参数 <file>');
  });
});
