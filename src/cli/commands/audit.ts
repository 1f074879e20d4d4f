/**
 * `callscore audit sample --month 2026-11 --rate 0.05 --seed S`: picks a
 * reproducible sample of the month's won deals and writes each one's
 * fulfillment report as JSON for the joint sales, pre-sales and legal audit.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { fulfillmentView } from '../../api/fulfillment-view.js';
import { loadConfig } from '../../config/config.js';
import { createLogger } from '../../config/logger.js';
import { sampleDeals, validateAuditOptions } from '../../scoring/audit-sample.js';
import { calibrationOrNull, reviewDealFulfillment } from '../../scoring/evaluate-deal.js';
import { openDatabase } from '../../store/db.js';
import { listWonDealIds } from '../../store/deals.js';
import { migrate } from '../../store/migrate.js';
import { listReviewItems } from '../../store/review-items.js';
import { cliLocale } from '../locale.js';

interface SampleOptions {
  month: string;
  rate: string;
  seed: string;
  out?: string;
  locale?: 'zh-CN' | 'en';
}

/** Builds the audit command with its `sample` subcommand. */
export function auditCommand(): Command {
  const audit = new Command('audit').description('Intent-fulfillment audits of won deals.');
  audit
    .command('sample')
    .description('Pick a reproducible sample of a month\'s won deals and write their fulfillment reports; prints a JSON summary.')
    .requiredOption('--month <YYYY-MM>', 'month the deals were won in (closedOn, else expectedCloseDate)')
    .requiredOption('--rate <share>', 'share of won deals to pick, above 0 and at most 1 (0.05 = 5 %)')
    .requiredOption('--seed <text>', 'seed; the same seed and deals give the same sample')
    .option('--out <dir>', 'folder for the reports (default: audit-YYYY-MM in the current folder)')
    .addOption(new Option('--locale <locale>', 'report language (default from CALLSCORE_LOCALE, LC_ALL, LC_MESSAGES or LANG)').choices(['zh-CN', 'en']))
    .action(async (options: SampleOptions) => {
      const rate = Number(options.rate);
      validateAuditOptions(options.month, rate);
      const locale = options.locale ?? cliLocale();
      const outDir = path.resolve(options.out ?? `audit-${options.month}`);

      const config = loadConfig();
      const logger = createLogger(config.logLevel, 2);
      const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        await migrate(db);
        const won = await listWonDealIds(db, options.month);
        const sample = sampleDeals(won, rate, options.seed);
        await mkdir(outDir, { recursive: true });

        const reports: Array<{ dealId: string; file: string; lowIntentFulfillment: boolean }> = [];
        for (const dealId of sample) {
          const reviewed = await reviewDealFulfillment(db, dealId, logger);
          const calibration = await calibrationOrNull(db, dealId, logger);
          const view = fulfillmentView(reviewed, calibration, await listReviewItems(db, dealId), locale);
          const file = path.join(outDir, `${encodeURIComponent(dealId)}.json`);
          await writeFile(file, `${JSON.stringify(view, null, 2)}\n`);
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
