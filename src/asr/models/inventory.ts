/**
 * Lists, verifies and removes installed models in a models directory. These
 * back the `callscore models list|verify|remove` commands.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { catalogEntry, entryFileNames, isInstalled, loadCatalog, modelFiles, type Catalog } from './catalog.js';
import { removeIfPresent, sha256File } from './download.js';
import { DOWNLOADS_DIR } from './install.js';
import { readManifest, type InstallManifest } from './manifest.js';

/** A catalogue model and whether it is installed. */
export interface ModelListing {
  name: string;
  description: string;
  engine: string;
  languages: string[];
  license: string;
  installed: boolean;
  dir: string;
  /** Install record, null when the model is absent or was placed by hand. */
  manifest: InstallManifest | null;
}

/** Lists every catalogue model with its install state in `modelsDir`. */
export async function listModels(options: { modelsDir: string; catalog?: Catalog }): Promise<ModelListing[]> {
  const catalog = options.catalog ?? loadCatalog();
  return Promise.all(
    Object.entries(catalog).map(async ([name, entry]) => {
      const files = modelFiles(name, options.modelsDir, entry);
      return {
        name,
        description: entry.description,
        engine: entry.engine,
        languages: entry.languages,
        license: entry.license,
        installed: isInstalled(files),
        dir: files.dir,
        manifest: await readManifest(files.dir),
      };
    }),
  );
}

/**
 * State of one model file: `ok` matches the install record, `changed` does
 * not, `missing` is absent and `unrecorded` exists without an install record
 * (a model copied in by hand) so its content cannot be checked.
 */
export type FileCheck = 'ok' | 'changed' | 'missing' | 'unrecorded';

/** Result of `verifyModel`. */
export interface VerifyResult {
  model: string;
  /** True only when every file is `ok`. */
  ok: boolean;
  files: Record<string, FileCheck>;
}

/** Checks that the files of model `name` exist and still have the SHA-256 recorded at install. */
export async function verifyModel(name: string, options: { modelsDir: string; catalog?: Catalog }): Promise<VerifyResult> {
  const entry = catalogEntry(name, options.catalog ?? loadCatalog());
  const dir = modelFiles(name, options.modelsDir, entry).dir;
  const manifest = await readManifest(dir);

  const files: Record<string, FileCheck> = {};
  for (const fileName of entryFileNames(entry)) {
    const path = join(dir, fileName);
    const recorded = manifest?.files[fileName];
    if (!existsSync(path)) files[fileName] = 'missing';
    else if (!recorded) files[fileName] = 'unrecorded';
    else files[fileName] = (await sha256File(path)) === recorded ? 'ok' : 'changed';
  }
  return { model: name, ok: Object.values(files).every((check) => check === 'ok'), files };
}

/**
 * Deletes model `name` and any partial download of it. Returns false when
 * nothing was installed.
 */
export async function removeModel(name: string, options: { modelsDir: string; catalog?: Catalog }): Promise<boolean> {
  const entry = catalogEntry(name, options.catalog ?? loadCatalog());
  const dir = modelFiles(name, options.modelsDir, entry).dir;
  const existed = existsSync(dir);
  await rm(dir, { recursive: true, force: true });

  for (const download of entry.downloads) {
    const downloadPath = join(options.modelsDir, DOWNLOADS_DIR, basename(download.url));
    await removeIfPresent(downloadPath);
    await removeIfPresent(`${downloadPath}.partial`);
  }
  return existed;
}
