/**
 * The install record written into each installed model folder: where its
 * files came from and their SHA-256, so `verifyModel` can detect changes.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** File name of the install record inside a model folder. */
export const MANIFEST_FILE = 'install.json';

/** One downloaded file and how its checksum was checked. */
export interface DownloadRecord {
  url: string;
  sha256: string;
  /** False when the catalogue had no checksum, so `sha256` was only computed, not compared. */
  verified: boolean;
}

/** The install record of one model. */
export interface InstallManifest {
  model: string;
  installedAt: string;
  downloads: DownloadRecord[];
  /** SHA-256 of each installed file by file name. */
  files: Record<string, string>;
}

/** Writes the install record into `modelDir`. */
export async function writeManifest(modelDir: string, manifest: InstallManifest): Promise<void> {
  await writeFile(join(modelDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Reads the install record of `modelDir`, or returns null when there is none or it is unreadable. */
export async function readManifest(modelDir: string): Promise<InstallManifest | null> {
  try {
    return JSON.parse(await readFile(join(modelDir, MANIFEST_FILE), 'utf8')) as InstallManifest;
  } catch {
    return null;
  }
}
