/** `callscore models list|install|verify|remove`: manages the speech models under CALLSCORE_MODELS_DIR. */
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig } from '../../config/config.js';
import { createLogger } from '../../config/logger.js';
import { installModel, listModels, removeModel, verifyModel } from '../../asr/models/index.js';
import { t } from '../../i18n/catalog.js';
import type { LocaleOptions, Localize } from '../help-text.js';
import { cliLocale } from '../locale.js';

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

/** Creates a progress bar on stderr that starts on the first byte and shows a total only when the server sends one. */
function downloadBar(): { onProgress: (received: number, total: number | null) => void; stop: () => void } {
  const bar = new cliProgress.SingleBar(
    { format: 'downloading [{bar}] {percentage}% | {receivedMb}/{totalMb} MB', stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress(received, total) {
      const totalBytes = total ?? received;
      const payload = { receivedMb: megabytes(received), totalMb: total === null ? '?' : megabytes(total) };
      if (!started) {
        bar.start(totalBytes, received, payload);
        started = true;
      }
      bar.setTotal(totalBytes);
      bar.update(received, payload);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

/** Builds the models command group. */
export function modelsCommand(localize: Localize): Command {
  const nameArgument = localize({ en: 'model name', zh: '模型名称' });
  const models = new Command('models').description(
    localize({ en: 'List, install, verify and remove speech models (CALLSCORE_MODELS_DIR).', zh: '列出、安装、校验和删除语音模型（CALLSCORE_MODELS_DIR）。' }),
  );

  models
    .command('list')
    .description(localize({ en: 'List the catalogue models and whether each is installed.', zh: '列出目录中的模型及其是否已安装。' }))
    .action(async (options: LocaleOptions) => {
      const { modelsDir } = loadConfig();
      for (const model of await listModels({ modelsDir })) {
        const state = t(options.locale ?? cliLocale(), model.installed ? 'cli.models.installed' : 'cli.models.notInstalled');
        process.stdout.write(`${model.name}\t${state}\t${model.languages.join(',')}\t${model.license}\t${model.engine}\n`);
      }
    });

  models
    .command('install')
    .description(localize({
      en: 'Download a model (resuming a broken download), check its sha256 and install it.',
      zh: '下载模型（中断的下载会续传），校验其 sha256 后安装。',
    }))
    .argument('<name>', localize({ en: 'model name from `callscore models list`', zh: '`callscore models list` 列出的模型名称' }))
    .option('--base-url <url>', localize({
      en: 'mirror to download from (default CALLSCORE_MODEL_BASE_URL or the sherpa-onnx releases)',
      zh: '下载所用的镜像（默认取 CALLSCORE_MODEL_BASE_URL，否则为 sherpa-onnx 的发布页）',
    }))
    .option('--from <path>', localize({
      en: 'install from a local folder or archive instead of downloading (no network needed)',
      zh: '从本地文件夹或压缩包安装，不下载（无需联网）',
    }))
    .action(async (name: string, options: LocaleOptions & { baseUrl?: string; from?: string }) => {
      const { modelsDir, logLevel } = loadConfig();
      const bar = downloadBar();
      try {
        const result = await installModel(name, {
          modelsDir,
          baseUrl: options.baseUrl,
          from: options.from,
          onProgress: bar.onProgress,
          onWarning: (message) => process.stderr.write(`warning: ${message}\n`),
          // The final error is printed as one line; JSON log lines with stacks only when debugging is asked for.
          logger: createLogger(logLevel === 'debug' || logLevel === 'trace' ? logLevel : 'silent', 2),
        });
        bar.stop();
        process.stdout.write(`${t(options.locale ?? cliLocale(), 'cli.models.installedIn', { model: result.model, dir: result.dir })}\n`);
      } finally {
        bar.stop();
      }
    });

  models
    .command('verify')
    .description(localize({
      en: 'Check the installed files of a model against the sha256 recorded at install.',
      zh: '按安装时记录的 sha256 校验模型的已安装文件。',
    }))
    .argument('<name>', nameArgument)
    .action(async (name: string) => {
      const { modelsDir } = loadConfig();
      const result = await verifyModel(name, { modelsDir });
      for (const [file, check] of Object.entries(result.files)) process.stdout.write(`${check}\t${file}\n`);
      process.stdout.write(result.ok ? `${name}: ok\n` : `${name}: FAILED\n`);
      if (!result.ok) process.exitCode = 1;
    });

  models
    .command('remove')
    .description(localize({ en: 'Delete an installed model.', zh: '删除已安装的模型。' }))
    .argument('<name>', nameArgument)
    .action(async (name: string, options: LocaleOptions) => {
      const { modelsDir } = loadConfig();
      const removed = await removeModel(name, { modelsDir });
      process.stdout.write(`${t(options.locale ?? cliLocale(), removed ? 'cli.models.removed' : 'cli.models.wasNotInstalled', { model: name })}\n`);
    });

  return models;
}
