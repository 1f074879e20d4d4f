/** `callscore --help`, `--version` and `help` in English and Simplified Chinese. */
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
    expect(result.stdout).toMatch(/batch +批量导入/);
    expectChinese(result.stdout);
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
