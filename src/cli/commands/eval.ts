/** `callscore eval --gold FILE`: precision, recall and F1 of the detectors on labelled conversations. */
import path from 'node:path';
import { Command, Option } from 'commander';
import { evaluate, formatEvalReport, formatEvalReportJson } from '../../eval/run.js';
import { cliLocale } from '../locale.js';

/** Builds the eval command. */
export function evalCommand(): Command {
  return new Command('eval')
    .description('Measure pitfall and objection detection on a labelled JSONL file; exits non-zero on a malformed line.')
    .requiredOption('--gold <file>', 'labelled conversations, one JSON object per line')
    .option('--json', 'print the report as JSON')
    .addOption(new Option('--locale <locale>', 'output language (default from CALLSCORE_LOCALE, LC_ALL, LC_MESSAGES or LANG)').choices(['zh-CN', 'en']))
    .action(async (options: { gold: string; json?: boolean; locale?: 'zh-CN' | 'en' }) => {
      const report = await evaluate(path.resolve(options.gold));
      process.stdout.write(options.json ? `${formatEvalReportJson(report)}\n` : formatEvalReport(report, options.locale ?? cliLocale()));
    });
}
