/** `callscore eval --gold FILE`: precision, recall and F1 of the detectors on labelled conversations. */
import path from 'node:path';
import { Command } from 'commander';
import { evaluate, formatEvalReport, formatEvalReportJson } from '../../eval/run.js';
import { localeOption, type Localize } from '../help-text.js';
import { cliLocale } from '../locale.js';

/** Builds the eval command. */
export function evalCommand(localize: Localize): Command {
  return new Command('eval')
    .description(localize({
      en: 'Measure pitfall and objection detection on a labelled JSONL file; exits non-zero on a malformed line.',
      zh: '在 JSONL 标注文件上评测话术陷阱和客户异议的检测效果；遇到格式错误的行时以非零退出码结束。',
    }))
    .requiredOption('--gold <file>', localize({ en: 'labelled conversations, one JSON object per line', zh: '标注会话文件，每行一个 JSON 对象' }))
    .option('--json', localize({ en: 'print the report as JSON', zh: '以 JSON 输出报告' }))
    .addOption(localeOption(localize))
    .action(async (options: { gold: string; json?: boolean; locale?: 'zh-CN' | 'en' }) => {
      const report = await evaluate(path.resolve(options.gold));
      process.stdout.write(options.json ? `${formatEvalReportJson(report)}\n` : formatEvalReport(report, options.locale ?? cliLocale()));
    });
}
