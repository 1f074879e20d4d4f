/**
 * `callscore audit sample --month 2026-11 --rate 0.05 --seed S`: picks a
 * reproducible sample of the month's won deals and writes each one's
 * fulfillment report as JSON for the joint sales, pre-sales and legal audit.
 */
import path from 'node:path';
import { Command } from 'commander';
import { fulfillmentView } from '../../api/fulfillment-view.js';
import { loadConfig } from '../../config/config.js';
import { createLogger } from '../../config/logger.js';
import { sampleDeals, validateAuditOptions } from '../../scoring/audit-sample.js';
import { calibrationOrNull, reviewDealFulfillment } from '../../scoring/evaluate-deal.js';
import { openDatabase } from '../../store/db.js';
import { listWonDealIds } from '../../store/deals.js';
import { migrate } from '../../store/migrate.js';
import { listReviewItems } from '../../store/review-items.js';
import { localeOption, type Localize } from '../help-text.js';
import { cliLocale } from '../locale.js';
import { makeOutputFolder, writeOutputFile } from '../output-file.js';

interface SampleOptions {
  month: string;
  rate: string;
  seed: string;
  out?: string;
  locale?: 'zh-CN' | 'en';
}

/** Builds the audit command with its `sample` subcommand. */
export function auditCommand(localize: Localize): Command {
  const audit = new Command('audit').description(localize({ en: 'Intent-fulfillment audits of won deals.', zh: '对已赢单商机做意图兑现审计。' }));
  audit
    .command('sample')
    .description(localize({
      en: 'Pick a reproducible sample of a month\'s won deals and write their fulfillment reports; prints a JSON summary.',
      zh: '从某月已赢单的商机中抽取可复现的样本并写出其兑现报告；以 JSON 输出摘要。',
    }))
    .requiredOption('--month <YYYY-MM>', localize({
      en: 'month the deals were won in (closedOn, else expectedCloseDate)',
      zh: '商机赢单的月份（取 closedOn，没有时取 expectedCloseDate）',
    }))
    .requiredOption('--rate <share>', localize({
      en: 'share of won deals to pick, above 0 and at most 1 (0.05 = 5 %)',
      zh: '抽取已赢单商机的比例，大于 0 且不超过 1（0.05 即 5%）',
    }))
    .requiredOption('--seed <text>', localize({ en: 'seed; the same seed and deals give the same sample', zh: '随机种子；种子和商机相同时抽出的样本相同' }))
    .option('--out <dir>', localize({
      en: 'folder for the reports (default: audit-YYYY-MM in the current folder)',
      zh: '报告输出文件夹（默认为当前文件夹下的 audit-YYYY-MM）',
    }))
    .addOption(localeOption(localize, { en: 'report language', zh: '报告语言' }))
    .action(async (options: SampleOptions) => {
      const rate = Number(options.rate);
      validateAuditOptions(options.month, rate, options.rate);
      const locale = options.locale ?? cliLocale();
      const outDir = path.resolve(options.out ?? `audit-${options.month}`);

      const config = loadConfig();
      const logger = createLogger(config.logLevel, 2);
      const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        await migrate(db);
        const won = await listWonDealIds(db, options.month);
        const sample = sampleDeals(won, rate, options.seed);
        await makeOutputFolder(outDir, '--out');

        const reports: Array<{ dealId: string; file: string; lowIntentFulfillment: boolean }> = [];
        for (const dealId of sample) {
          const reviewed = await reviewDealFulfillment(db, dealId, logger);
          const calibration = await calibrationOrNull(db, dealId, logger);
          const view = fulfillmentView(reviewed, calibration, await listReviewItems(db, dealId), locale);
          const file = path.join(outDir, `${encodeURIComponent(dealId)}.json`);
          await writeOutputFile(file, `${JSON.stringify(view, null, 2)}\n`, '--out');
          reports.push({ dealId, file, lowIntentFulfillment: view.lowIntentFulfillment });
        }
        logger.info({ month: options.month, won: won.length, sampled: sample.length }, 'audit sample written');
        process.stdout.write(`${JSON.stringify({ month: options.month, rate, seed: options.seed, wonDeals: won.length, sampled: reports })}\n`);
      } finally {
        await db.close();
      }
    });
  return audit;
}
