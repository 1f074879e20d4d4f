/**
 * `callscore batch`: import a manifest, re-score a period, follow a batch
 * with a progress bar, list and retry its failures, and export reports.
 * With REDIS_URL the work runs on `callscore worker` processes and this
 * command only queues and watches; without it this process runs the stages
 * itself. Either way the batch lives in the database, so interrupting the
 * command loses nothing and running it again continues.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig, type Config } from '../../config/config.js';
import { createLogger, type Logger } from '../../config/logger.js';
import { CallscoreError } from '../../errors/registry.js';
import { t, type Locale } from '../../i18n/catalog.js';
import { startRuntime, type Runtime } from '../../runtime/runtime.js';
import { openDatabase, type Database } from '../../store/db.js';
import { migrate } from '../../store/migrate.js';
import { listBatchFailures } from '../../store/batches.js';
import { importManifest } from '../../jobs/batch-import.js';
import { getBatchProgress, resumeBatch, retryBatchFailures, startRescore, type BatchProgress } from '../../jobs/batches.js';
import { buildReport } from '../../reports/aggregate.js';
import { parseDateRange } from '../../reports/range.js';
import { renderReport, REPORT_FORMATS, type ReportFormat } from '../../reports/export.js';
import type { ReportTableName } from '../../reports/tables.js';
import { DEFAULT_TEAM_ID } from '../../settings/team-settings.js';
import { localeOption, type Bilingual, type Localize } from '../help-text.js';
import { writeOutputFile } from '../output-file.js';
import { cliLocale } from '../locale.js';

const POLL_MS = 1000;

interface CommonOptions {
  locale?: Locale;
}

interface WaitOptions extends CommonOptions {
  wait: boolean;
}

// Help texts that several batch subcommands share.
const FROM_TEXT: Bilingual = {
  en: 'first day, YYYY-MM-DD (UTC), or an ISO 8601 date-time with a time zone',
  zh: '第一天，格式 YYYY-MM-DD（UTC），或带时区的 ISO 8601 日期时间',
};
const TO_TEXT: Bilingual = {
  en: 'last day, included, YYYY-MM-DD (UTC), or an ISO 8601 date-time (excluded)',
  zh: '最后一天（包含），格式 YYYY-MM-DD（UTC），或 ISO 8601 日期时间（不包含）',
};
const BATCH_ID_TEXT: Bilingual = { en: 'id printed by batch import or batch rescore', zh: 'batch import 或 batch rescore 输出的批次 id' };
const NO_WAIT_TEXT: Bilingual = { en: 'queue the batch and exit without following it', zh: '将批次加入队列后直接退出，不跟踪进度' };

/** Per-call stage logs would tear the progress bar apart, so the batch command logs warnings only unless LOG_LEVEL is set. */
function batchLogger(config: Config): Logger {
  return createLogger(process.env.LOG_LEVEL ? config.logLevel : 'warn', 2);
}

/**
 * Starts the runtime and turns the first SIGINT or SIGTERM into an abort,
 * so the command stops between steps and closes the queue and the database
 * cleanly. The embedded database (PGlite) lost recently committed calls
 * when an import was killed without closing it. A second signal exits at once.
 */
async function withRuntime<T>(work: (runtime: Runtime, signal: AbortSignal) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const runtime = await startRuntime(config, 'server', batchLogger(config));
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await work(runtime, controller.signal);
  } finally {
    await runtime.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function reportInterrupted(batchId: string | null, locale: Locale): void {
  const message = batchId ? t(locale, 'batch.interrupted', { id: batchId }) : t(locale, 'batch.importStopped');
  process.stderr.write(`${message}\n`);
  process.exitCode = 130;
}

async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
    return await work(db);
  } finally {
    await db.close();
  }
}

function formatEta(seconds: number | null, locale: Locale): string {
  if (seconds === null) return t(locale, 'batch.unknown');
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m${String(s).padStart(2, '0')}s`;
  return `${s}s`;
}

function statusLine(progress: BatchProgress, locale: Locale): string {
  return t(locale, 'batch.status', {
    id: progress.batch.id,
    kind: t(locale, `batch.kind.${progress.batch.kind}`),
    done: progress.done,
    failed: progress.failed,
    remaining: progress.remaining,
    total: progress.total,
    rate: progress.ratePerSecond ?? 0,
    eta: formatEta(progress.etaSeconds, locale),
  });
}

/**
 * Draws a progress bar until the batch has no remaining calls, then prints
 * the outcome. Returns the final progress. An abort stops only the watching:
 * the runtime's shutdown lets running jobs finish, and what is still queued
 * stays in the database or in Redis.
 */
async function watchBatch(db: Database, batchId: string, locale: Locale, signal: AbortSignal): Promise<BatchProgress> {
  // cli-progress fills {eta} and {percentage} itself, so this command's own values use other token names.
  const format = `{bar} {percentage}% | {value}/{total} | ${t(locale, 'batch.progressTail', { failed: '{failed}', rate: '{rateText}', eta: '{etaText}' })}`;
  const bar = new cliProgress.SingleBar(
    { format, hideCursor: true, noTTYOutput: true, notTTYSchedule: 10_000, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );

  let progress = await getBatchProgress(db, batchId);
  bar.start(progress.total, progress.done + progress.failed, { failed: progress.failed, rateText: '-', etaText: '-' });
  try {
    while (!progress.finished && !signal.aborted) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      progress = await getBatchProgress(db, batchId);
      bar.update(progress.done + progress.failed, {
        failed: progress.failed,
        rateText: progress.ratePerSecond ?? '-',
        etaText: formatEta(progress.etaSeconds, locale),
      });
    }
  } finally {
    bar.stop();
  }

  if (signal.aborted) {
    reportInterrupted(batchId, locale);
    return progress;
  }
  process.stdout.write(`${t(locale, 'batch.finished', { id: batchId, done: progress.done, failed: progress.failed })}\n`);
  if (progress.failed > 0) {
    process.stdout.write(`${t(locale, 'batch.failuresHint', { id: batchId })}\n`);
    process.exitCode = 1;
  }
  return progress;
}

function importCommand(localize: Localize): Command {
  return new Command('import')
    .description(localize({
      en: 'Check every row of a CSV manifest, report the bad rows, and import the good ones as one batch.',
      zh: '检查 CSV 清单的每一行，报告有误的行，并将其余各行作为一个批次导入。',
    }))
    .requiredOption('--manifest <file>', localize({
      en: 'CSV with columns path, dealId, repId, startedAt and optionally callId, channelLayout, language, teamId, consent; relative paths are relative to the manifest',
      zh: 'CSV 文件，含 path、dealId、repId、startedAt 列，可选 callId、channelLayout、language、teamId、consent 列；相对路径以清单所在位置为准',
    }))
    .option('--team <team>', localize({ en: 'team of rows without a teamId value', zh: '未填写 teamId 的行所属的团队' }), DEFAULT_TEAM_ID)
    .option('--no-wait', localize(NO_WAIT_TEXT))
    .addOption(localeOption(localize))
    .action(async (options: WaitOptions & { manifest: string; team: string }) => {
      const locale = options.locale ?? cliLocale();
      const manifestPath = path.resolve(options.manifest);
      const manifest = await readFile(manifestPath).catch((error: NodeJS.ErrnoException) => {
        throw new CallscoreError('CS_ERR_MANIFEST_INVALID', { reason: `${manifestPath}: ${error.code ?? error.message}`, reasonZh: `${manifestPath}：${error.code ?? error.message}` });
      });

      await withRuntime(async (runtime, signal) => {
        const result = await importManifest(
          { db: runtime.db, queue: runtime.queue, storageDir: runtime.storageDir, maxUploadBytes: runtime.config.maxUploadBytes, logger: runtime.logger },
          { manifest, teamId: options.team, baseDir: path.dirname(manifestPath), signal },
        );
        if (result.interrupted) {
          reportInterrupted(result.batch?.id ?? null, locale);
          return;
        }
        for (const row of result.rejected) process.stderr.write(`${row.error.code}: ${row.error.messageIn(locale)}\n`);
        if (result.rejected.length > 0) process.exitCode = 1;
        if (!result.batch) {
          throw new CallscoreError('CS_ERR_BATCH_EMPTY', {
            action: 'import',
            actionZh: '导入',
            reason: `all ${result.rejected.length} rows of the manifest are invalid`,
            reasonZh: `清单中全部 ${result.rejected.length} 行均无效`,
            check: 'the manifest rows reported above',
            checkZh: '上方列出的清单行',
          });
        }
        process.stdout.write(
          `${t(locale, 'batch.imported', { id: result.batch.id, created: result.created, already: result.alreadyImported, rejected: result.rejected.length })}\n`,
        );
        if (options.wait) await watchBatch(runtime.db, result.batch.id, locale, signal);
      });
    });
}

function rescoreCommand(localize: Localize): Command {
  return new Command('rescore')
    .description(localize({
      en: 'Re-run analysis and scoring on the stored transcripts of calls that started in a period, without transcribing again.',
      zh: '对某一时段内开始的通话，用已保存的转写文本重新分析和评分，不重新转写。',
    }))
    .requiredOption('--from <date>', localize(FROM_TEXT))
    .requiredOption('--to <date>', localize(TO_TEXT))
    .option('--team <team>', localize({ en: 'team whose calls to re-score (default: every team)', zh: '要重新评分其通话的团队（默认为全部团队）' }))
    .option('--no-wait', localize(NO_WAIT_TEXT))
    .addOption(localeOption(localize))
    .action(async (options: WaitOptions & { from: string; to: string; team?: string }) => {
      const locale = options.locale ?? cliLocale();
      const range = parseDateRange(options.from, options.to, 'options');
      await withRuntime(async (runtime, signal) => {
        const batch = await startRescore(runtime.db, runtime.queue, { teamId: options.team ?? null, ...range }, runtime.logger);
        const progress = await getBatchProgress(runtime.db, batch.id);
        process.stdout.write(`${t(locale, 'batch.rescoreQueued', { id: batch.id, total: progress.total })}\n`);
        if (options.wait) await watchBatch(runtime.db, batch.id, locale, signal);
      });
    });
}

function statusCommand(localize: Localize): Command {
  return new Command('status')
    .description(localize({
      en: 'Show done, failed, remaining, rate and ETA of a batch; with --watch, queue its unfinished calls again and follow it.',
      zh: '显示批次的完成数、失败数、剩余数、速率和预计剩余时间；带 --watch 时将未完成的通话重新排队并跟踪进度。',
    }))
    .argument('<batchId>', localize(BATCH_ID_TEXT))
    .option('--watch', localize({ en: 'continue the batch and draw a progress bar until it finishes', zh: '继续处理批次并显示进度条，直到完成' }))
    .addOption(localeOption(localize))
    .action(async (batchId: string, options: CommonOptions & { watch?: boolean }) => {
      const locale = options.locale ?? cliLocale();
      if (!options.watch) {
        await withDatabase(async (db) => process.stdout.write(`${statusLine(await getBatchProgress(db, batchId), locale)}\n`));
        return;
      }
      await withRuntime(async (runtime, signal) => {
        await getBatchProgress(runtime.db, batchId);
        await resumeBatch(runtime.db, runtime.queue, batchId);
        await watchBatch(runtime.db, batchId, locale, signal);
      });
    });
}

function failuresCommand(localize: Localize): Command {
  return new Command('failures')
    .description(localize({ en: 'List the failed calls of a batch with their reasons.', zh: '列出批次中失败的通话及原因。' }))
    .argument('<batchId>', localize(BATCH_ID_TEXT))
    .addOption(localeOption(localize))
    .action(async (batchId: string, options: CommonOptions) => {
      const locale = options.locale ?? cliLocale();
      await withDatabase(async (db) => {
        await getBatchProgress(db, batchId);
        const failures = await listBatchFailures(db, batchId);
        if (failures.length === 0) process.stdout.write(`${t(locale, 'batch.noFailures', { id: batchId })}\n`);
        for (const failure of failures) {
          const message = `${failure.code ?? ''} ${failure.message ?? ''}`.trim();
          process.stdout.write(`${t(locale, 'batch.failure', { line: failure.line ?? '-', callId: failure.callId, stage: failure.stage ?? '-', message })}\n`);
        }
      });
    });
}

function retryCommand(localize: Localize): Command {
  return new Command('retry')
    .description(localize({
      en: 'Retry only the failed calls of a batch, each from the stage that failed.',
      zh: '只重试批次中失败的通话，每个都从失败的阶段开始。',
    }))
    .argument('<batchId>', localize(BATCH_ID_TEXT))
    .option('--no-wait', localize({ en: 'queue the retries and exit without following the batch', zh: '将重试加入队列后直接退出，不跟踪批次进度' }))
    .addOption(localeOption(localize))
    .action(async (batchId: string, options: WaitOptions) => {
      const locale = options.locale ?? cliLocale();
      await withRuntime(async (runtime, signal) => {
        const retried = await retryBatchFailures(runtime.db, runtime.queue, batchId, runtime.logger);
        process.stdout.write(`${t(locale, 'batch.retried', { id: batchId, count: retried })}\n`);
        if (options.wait && retried > 0) await watchBatch(runtime.db, batchId, locale, signal);
      });
    });
}

function reportCommand(localize: Localize): Command {
  return new Command('report')
    .description(localize({
      en: 'Export a period report: per deal the three scores and status, per rep pitfall rates and averages with their change from the previous period.',
      zh: '导出时段报表：每个商机的三层评分和状态，每位销售的话术陷阱率和平均分，以及与上一时段相比的变化。',
    }))
    .requiredOption('--from <date>', localize(FROM_TEXT))
    .requiredOption('--to <date>', localize(TO_TEXT))
    .option('--team <team>', localize({ en: 'team to report on (default: every team)', zh: '报表所针对的团队（默认为全部团队）' }))
    .addOption(
      new Option('--format <format>', localize({ en: 'file format; html includes the charts', zh: '文件格式；html 包含图表' }))
        .choices(REPORT_FORMATS)
        .default('xlsx'),
    )
    .addOption(new Option('--table <table>', localize({ en: 'table of a CSV export', zh: 'CSV 导出的表' })).choices(['deals', 'reps']).default('deals'))
    .requiredOption('--out <file>', localize({ en: 'file to write', zh: '要写入的文件' }))
    .addOption(localeOption(localize))
    .action(async (options: CommonOptions & { from: string; to: string; team?: string; format: ReportFormat; table: ReportTableName; out: string }) => {
      const locale = options.locale ?? cliLocale();
      const range = parseDateRange(options.from, options.to, 'options');
      await withDatabase(async (db) => {
        const report = await buildReport(db, { teamId: options.team ?? null, ...range });
        const rendered = await renderReport(report, options.format, locale, options.table);
        const out = path.resolve(options.out);
        await writeOutputFile(out, rendered.body, '--out');
        process.stdout.write(`${t(locale, 'batch.reportWritten', { path: out })}\n`);
      });
    });
}

/** Builds the batch command and its subcommands. */
export function batchCommand(localize: Localize): Command {
  return new Command('batch')
    .description(localize({
      en: 'Import, re-score and report on many calls at once; batches survive restarts.',
      zh: '批量导入、重新评分和导出报表；批次在重启后仍会保留。',
    }))
    .addCommand(importCommand(localize))
    .addCommand(rescoreCommand(localize))
    .addCommand(statusCommand(localize))
    .addCommand(failuresCommand(localize))
    .addCommand(retryCommand(localize))
    .addCommand(reportCommand(localize));
}
