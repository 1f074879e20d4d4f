/**
 * Installs a catalogue model: downloads its files with resume, checks their
 * SHA-256, extracts what the model needs and swaps the finished folder into
 * place, so a failed install never leaves a half-written model behind.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../config/logger.js';
import { CallscoreError, isCallscoreError } from '../../errors/registry.js';
import { extractMembers } from './archive.js';
import { catalogEntry, entryFileNames, loadCatalog, modelFiles, type Catalog, type CatalogEntry, type ModelDownload } from './catalog.js';
import { downloadToPartial, removeIfPresent, sha256File, type ProgressCallback } from './download.js';
import { MANIFEST_FILE, writeManifest, type DownloadRecord } from './manifest.js';

/** Release folder of the sherpa-onnx ASR models, used unless a mirror is set. */
export const DEFAULT_MODEL_BASE_URL = 'https://github.com/k2-fsa/sherpa-onnx/releases/download/asr-models/';

/** Folder inside the models directory for partial and finished downloads. */
export const DOWNLOADS_DIR = '.downloads';

/** Options of `installModel`. */
export interface InstallOptions {
  modelsDir: string;
  /** Base URL that catalogue paths are resolved against. Defaults to CALLSCORE_MODEL_BASE_URL, then the sherpa-onnx releases. */
  baseUrl?: string;
  /** Called as bytes arrive, per downloaded file, so a CLI can draw a progress bar. */
  onProgress?: ProgressCallback;
  /** Called with each warning, such as a file installed without a published checksum. Unless set, warnings go to `process.emitWarning`. */
  onWarning?: (message: string) => void;
  logger?: Logger;
  /** Further attempts after a broken transfer, each resuming where the last stopped (3 unless set). */
  retries?: number;
  /** Wait before attempt n + 1, multiplied by n, in milliseconds (1000 unless set). */
  retryDelayMs?: number;
  /** Catalogue to install from, models/catalog.json unless set. */
  catalog?: Catalog;
  /**
   * Local folder or archive to install from instead of downloading, for
   * machines without network access. A folder may contain the published
   * download files (archives are extracted and checked against the catalogue
   * SHA-256) or the model files themselves, either loose or under the
   * archive's member paths. An archive file stands for the model's only download.
   */
  from?: string;
}

/** Summary of a finished install. */
export interface InstallResult {
  model: string;
  dir: string;
  downloads: DownloadRecord[];
}

/** Returns the base URL from the option, then CALLSCORE_MODEL_BASE_URL, then the default, always ending in "/". */
export function resolveBaseUrl(baseUrl?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = baseUrl ?? (env.CALLSCORE_MODEL_BASE_URL || DEFAULT_MODEL_BASE_URL);
  return chosen.endsWith('/') ? chosen : `${chosen}/`;
}

/**
 * Downloads, verifies and installs model `name` into `<modelsDir>/<name>`,
 * replacing an earlier install only once the new one is complete. Throws
 * CS_ERR_MODEL_UNKNOWN, CS_ERR_MODEL_DOWNLOAD (after the retries),
 * CS_ERR_MODEL_CHECKSUM (the bad download is deleted) or CS_ERR_MODEL_EXTRACT.
 * NOTE: nothing stops two concurrent installs of one model from writing the
 * same .partial file.
 */
export async function installModel(name: string, options: InstallOptions): Promise<InstallResult> {
  const entry = catalogEntry(name, options.catalog ?? loadCatalog());
  const files = modelFiles(name, options.modelsDir, entry);
  const downloadsDir = join(options.modelsDir, DOWNLOADS_DIR);
  await mkdir(downloadsDir, { recursive: true });
  const log = options.logger?.child({ model: name });
  log?.info({ dir: files.dir }, 'model install started');

  const staging = await mkdtemp(join(options.modelsDir, `.staging-${name}-`));
  try {
    const downloads: DownloadRecord[] = [];
    for (const download of options.from === undefined ? entry.downloads : []) {
      const url = new URL(download.url, resolveBaseUrl(options.baseUrl)).href;
      const archivePath = join(downloadsDir, basename(download.url));
      const record = await fetchVerified(url, archivePath, download, options);
      if (!record.verified) warnUnverified(record, files.dir, options);
      downloads.push(record);

      if (download.archive) {
        await extractMembers(archivePath, download.extract ?? {}, staging);
      } else {
        await rename(archivePath, join(staging, basename(download.url)));
      }
      await removeIfPresent(archivePath);
    }

    if (options.from !== undefined) downloads.push(...(await stageFromLocal(options.from, entry, staging, files.dir, options)));

    const installed: Record<string, string> = {};
    for (const fileName of entryFileNames(entry)) {
      installed[fileName] = await sha256File(join(staging, fileName)).catch((error: unknown) => {
        throw new CallscoreError('CS_ERR_MODEL_EXTRACT', { file: fileName, dir: files.dir, reason: 'the download does not contain this file' }, { cause: error });
      });
    }
    await writeManifest(staging, { model: name, installedAt: new Date().toISOString(), downloads, files: installed });

    await swapIntoPlace(staging, files.dir);
    log?.info({ dir: files.dir }, 'model install finished');
    return { model: name, dir: files.dir, downloads };
  } catch (error) {
    log?.error({ err: error }, 'model install failed');
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Fills `staging` from a local folder or archive, as `InstallOptions.from`
 * describes, and returns one record per file taken. Throws CS_ERR_MODEL_CHECKSUM
 * when a published download file does not match the catalogue,
 * CS_ERR_MODEL_SOURCE_MISSING when the source does not exist, and
 * CS_ERR_MODEL_EXTRACT when it lacks a file.
 */
async function stageFromLocal(source: string, entry: CatalogEntry, staging: string, modelDir: string, options: InstallOptions): Promise<DownloadRecord[]> {
  const sourceStat = await stat(source).catch(() => null);
  if (!sourceStat) {
    throw new CallscoreError('CS_ERR_MODEL_SOURCE_MISSING', { file: source });
  }

  const records: DownloadRecord[] = [];
  if (sourceStat.isFile()) {
    if (entry.downloads.length !== 1) {
      throw new CallscoreError('CS_ERR_MODEL_EXTRACT', { file: source, dir: modelDir, reason: `this model has ${entry.downloads.length} download files, so install it from a folder that contains them` });
    }
    records.push(await stagePublishedFile(source, entry.downloads[0]!, staging, modelDir, options));
    return records;
  }

  for (const download of entry.downloads) {
    const published = join(source, basename(download.url));
    if (existsSync(published)) {
      records.push(await stagePublishedFile(published, download, staging, modelDir, options));
      continue;
    }

    // Loose model files, either at the archive member paths or directly in the folder.
    const targets = download.archive ? Object.entries(download.extract ?? {}) : [[basename(download.url), basename(download.url)] as const];
    for (const [member, fileName] of targets) {
      const candidates = [join(source, member), join(source, fileName)];
      const found = candidates.find((candidate) => existsSync(candidate));
      if (!found) {
        throw new CallscoreError('CS_ERR_MODEL_EXTRACT', { file: fileName, dir: modelDir, reason: `neither ${candidates.join(' nor ')} exists` });
      }
      await copyFile(found, join(staging, fileName));
      const record = { url: pathToFileURL(found).href, sha256: await sha256File(found), verified: false };
      warnUnverified(record, modelDir, options);
      records.push(record);
    }
  }
  return records;
}

// A published download file is checked like a downloaded one, then extracted or copied.
async function stagePublishedFile(path: string, download: ModelDownload, staging: string, modelDir: string, options: InstallOptions): Promise<DownloadRecord> {
  const actual = await sha256File(path);
  if (download.sha256 !== null && actual !== download.sha256) {
    throw new CallscoreError('CS_ERR_MODEL_CHECKSUM', { file: basename(path), actual, expected: download.sha256 });
  }
  const record = { url: pathToFileURL(path).href, sha256: actual, verified: download.sha256 !== null };
  if (!record.verified) warnUnverified(record, modelDir, options);

  if (download.archive) await extractMembers(path, download.extract ?? {}, staging);
  else await copyFile(path, join(staging, basename(download.url)));
  return record;
}

/**
 * Downloads one catalogue file, retrying broken transfers with resume, and
 * checks its SHA-256. A finished download is renamed from `.partial` to its
 * final name only after the check passes.
 */
async function fetchVerified(url: string, targetPath: string, download: ModelDownload, options: InstallOptions): Promise<DownloadRecord> {
  const partialPath = `${targetPath}.partial`;
  const retries = options.retries ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 1000;

  for (let attempt = 0; ; attempt++) {
    try {
      await downloadToPartial(url, partialPath, { expectedSize: download.size, onProgress: options.onProgress });
      break;
    } catch (error) {
      if (!isCallscoreError(error, 'CS_ERR_MODEL_DOWNLOAD') || attempt >= retries) throw error;
      options.logger?.warn({ url, attempt: attempt + 1, err: error }, 'model download broke, resuming');
      await sleep(retryDelayMs * (attempt + 1));
    }
  }

  const actual = await sha256File(partialPath);
  if (download.sha256 !== null && actual !== download.sha256) {
    await removeIfPresent(partialPath);
    throw new CallscoreError('CS_ERR_MODEL_CHECKSUM', { file: basename(targetPath), actual, expected: download.sha256 });
  }
  await rename(partialPath, targetPath);
  return { url, sha256: actual, verified: download.sha256 !== null };
}

function warnUnverified(record: DownloadRecord, modelDir: string, options: InstallOptions): void {
  const message =
    `The catalogue has no checksum for ${record.url}, so it was installed unverified. ` +
    `Its computed sha256 ${record.sha256} is recorded in ${join(modelDir, MANIFEST_FILE)}.`;
  options.logger?.warn({ url: record.url, sha256: record.sha256 }, 'model download installed without checksum');
  if (options.onWarning) options.onWarning(message);
  else process.emitWarning(message, { code: 'CALLSCORE_MODEL_UNVERIFIED' });
}

// Each rename is atomic, so the model folder is never half-written. It is absent only between the two renames.
async function swapIntoPlace(staging: string, modelDir: string): Promise<void> {
  const previous = `${modelDir}.previous-${process.pid}`;
  const hadPrevious = await stat(modelDir).then(() => true, () => false);
  if (hadPrevious) await rename(modelDir, previous);
  await rename(staging, modelDir);
  if (hadPrevious) await rm(previous, { recursive: true, force: true });
}
